#pragma once
// Every user-facing string goes through tr(). French (assets/i18n/fr.toml) is the reference; every other
// language must have exactly the same keys (a test checks it, and that every key used in code exists).

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vk::i18n {

using Catalog = std::map<std::string, std::string, std::less<>>;

// The languages built into the binary, reference first.
std::vector<std::string> availableLanguages();
const Catalog& catalog(std::string_view language);  // empty for an unknown language

// Switches the language of tr(). Returns false, keeping the current one, for an unknown code.
bool setLanguage(std::string_view language);
const std::string& currentLanguage();

// The text for `key` in the current language; the French text if the language lacks it; the key itself
// (visible, so that it is noticed) if French lacks it too.
const char* tr(std::string_view key);

// tr() with named placeholders: trf("staff.sign_in.locked", {{"minutes", "5"}}) fills "{minutes}".
std::string trf(std::string_view key, std::initializer_list<std::pair<std::string_view, std::string>> values);
// trf() with the plural form `count` asks for: the catalog has "key.one" and "key.other" (French says « 0 jour »,
// « 1 jour », « 2 jours »; English "0 days", "1 day"). trn("health.closed_days", 2, {{"count", "2"}}).
std::string trn(std::string_view key, long long count,
                std::initializer_list<std::pair<std::string_view, std::string>> values);
template <typename Count>
std::string trn(std::string_view key, Count count, std::initializer_list<std::pair<std::string_view, std::string>> values) {
    return trn(key, static_cast<long long>(count), values);
}

// "key.one" or "key.other", as `count` asks in the current language.
std::string pluralKey(std::string_view key, long long count);

// Parses one translation file; throws std::runtime_error naming the line on a bad file.
Catalog parseCatalog(std::string_view tomlText, const std::string& sourceName);

}  // namespace vk::i18n
