#include "kiosk/i18n/translations.h"

#include "kiosk/i18n/embedded_catalogs.h"

#include <toml++/toml.h>

#include <stdexcept>

namespace vk::i18n {
namespace {

struct Catalogs {
    std::map<std::string, Catalog, std::less<>> byLanguage;
    std::vector<std::string> order;
};

const Catalogs& builtIn() {
    static const Catalogs catalogs = [] {
        Catalogs result;
        for (const EmbeddedCatalog& embedded : embeddedCatalogs()) {
            result.order.emplace_back(embedded.language);
            result.byLanguage.emplace(embedded.language,
                                      parseCatalog(embedded.tomlText, std::string(embedded.language) + ".toml"));
        }
        return result;
    }();
    return catalogs;
}

std::string& languageSlot() {
    static std::string language = "fr";
    return language;
}

}  // namespace

Catalog parseCatalog(std::string_view tomlText, const std::string& sourceName) {
    toml::table root;
    try {
        root = toml::parse(tomlText, sourceName);
    } catch (const toml::parse_error& error) {
        throw std::runtime_error(sourceName + ", line " + std::to_string(error.source().begin.line) + ": " +
                                 std::string(error.description()));
    }
    Catalog catalog;
    for (const auto& [key, node] : root) {
        const auto* text = node.as_string();
        if (!text)
            throw std::runtime_error(sourceName + ", line " + std::to_string(node.source().begin.line) + ": key \"" +
                                     std::string(key.str()) + "\" must be a quoted text");
        catalog.emplace(std::string(key.str()), text->get());
    }
    return catalog;
}

std::vector<std::string> availableLanguages() { return builtIn().order; }

const Catalog& catalog(std::string_view language) {
    static const Catalog empty;
    const auto& all = builtIn().byLanguage;
    const auto found = all.find(language);
    return found == all.end() ? empty : found->second;
}

bool setLanguage(std::string_view language) {
    if (catalog(language).empty()) return false;
    languageSlot() = std::string(language);
    return true;
}

const std::string& currentLanguage() { return languageSlot(); }

const char* tr(std::string_view key) {
    const Catalog& current = catalog(languageSlot());
    if (auto found = current.find(key); found != current.end()) return found->second.c_str();
    const Catalog& reference = catalog("fr");
    if (auto found = reference.find(key); found != reference.end()) return found->second.c_str();
    // Keep the missing key alive and visible rather than drawing nothing.
    static std::map<std::string, std::string, std::less<>> missing;
    auto [slot, inserted] = missing.try_emplace(std::string(key), std::string(key));
    return slot->second.c_str();
}

std::string trf(std::string_view key, std::initializer_list<std::pair<std::string_view, std::string>> values) {
    std::string text = tr(key);
    for (const auto& [name, value] : values) {
        const std::string placeholder = "{" + std::string(name) + "}";
        for (std::size_t at = text.find(placeholder); at != std::string::npos;
             at = text.find(placeholder, at + value.size()))
            text.replace(at, placeholder.size(), value);
    }
    return text;
}

std::string trn(std::string_view key, long long count,
                std::initializer_list<std::pair<std::string_view, std::string>> values) {
    return trf(pluralKey(key, count), values);
}

std::string pluralKey(std::string_view key, long long count) {
    // French takes the singular for 0 and 1, English for 1 only.
    const bool singular = currentLanguage() == "fr" ? (count == 0 || count == 1 || count == -1) : (count == 1 || count == -1);
    return std::string(key) + (singular ? ".one" : ".other");
}

}  // namespace vk::i18n
