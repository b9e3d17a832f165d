#include "kiosk/services/settings_reader.h"

#include "kiosk/services/settings_table.h"

#include <algorithm>
#include <optional>
#include <sstream>

namespace vk::services {
namespace {

const char* typeName(const toml::node& node) {
    switch (node.type()) {
    case toml::node_type::string: return "text";
    case toml::node_type::integer: return "a whole number";
    case toml::node_type::floating_point: return "a decimal number";
    case toml::node_type::boolean: return "true/false";
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "a list";
    default: return "a date or time";
    }
}

}  // namespace

int lineOf(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

SettingsReader::SettingsReader(const Table& table, std::string section, std::vector<ConfigProblem>& problems)
    : table_(std::make_unique<const Table>(table)), section_(std::move(section)), problems_(problems) {}

SettingsReader::~SettingsReader() = default;

bool SettingsReader::has(const char* key) {
    known_.emplace_back(key);
    return table_->toml.get(key) != nullptr;
}

std::vector<std::string> SettingsReader::keys() const {
    std::vector<std::string> keys;
    for (const auto& [key, node] : table_->toml) keys.emplace_back(key.str());
    return keys;
}

void SettingsReader::problem(const char* key, const std::string& message, bool fatal) {
    const toml::node* node = table_->toml.get(key);
    problems_.push_back({node ? lineOf(*node) : 0, section_ + "." + key, message, fatal});
}

void SettingsReader::text(const char* key, std::string& out, std::size_t maxLength) {
    if (!has(key)) return;
    const toml::node& node = *table_->toml.get(key);
    if (const auto* value = node.as_string()) {
        if (value->get().size() > maxLength)
            problem(key, "is longer than " + std::to_string(maxLength) + " characters");
        else
            out = value->get();
    } else {
        problem(key, std::string("must be text in quotes, not ") + typeName(node));
    }
}

void SettingsReader::path(const char* key, std::filesystem::path& out) {
    std::string value = out.string();
    text(key, value, 4096);
    out = value;
}

void SettingsReader::boolean(const char* key, bool& out) {
    if (!has(key)) return;
    const toml::node& node = *table_->toml.get(key);
    if (const auto* value = node.as_boolean())
        out = value->get();
    else
        problem(key, std::string("must be true or false, not ") + typeName(node));
}

void SettingsReader::integer(const char* key, int& out, int min, int max, const char* unit) {
    if (!has(key)) return;
    const toml::node& node = *table_->toml.get(key);
    const auto* value = node.as_integer();
    if (!value) {
        problem(key, std::string("must be a whole number of ") + unit + ", not " + typeName(node));
        return;
    }
    if (value->get() < min || value->get() > max) {
        problem(key, "must be between " + std::to_string(min) + " and " + std::to_string(max) + " " + unit +
                         " (found " + std::to_string(value->get()) + ")");
        return;
    }
    out = static_cast<int>(value->get());
}

void SettingsReader::decimal(const char* key, double& out, double min, double max) {
    if (!has(key)) return;
    const toml::node& node = *table_->toml.get(key);
    std::optional<double> value;
    if (const auto* f = node.as_floating_point()) value = f->get();
    if (const auto* i = node.as_integer()) value = static_cast<double>(i->get());
    if (!value) {
        problem(key, std::string("must be a number, not ") + typeName(node));
        return;
    }
    if (*value < min || *value > max) {
        std::ostringstream range;
        range << "must be between " << min << " and " << max;
        problem(key, range.str());
        return;
    }
    out = *value;
}

void SettingsReader::choice(const char* key, std::string& out, const std::vector<std::string>& allowed) {
    if (!has(key)) return;
    const toml::node& node = *table_->toml.get(key);
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "\"" : ", \"") + a + "\"";
    const auto* value = node.as_string();
    if (!value) {
        problem(key, "must be one of " + list + ", not " + typeName(node));
        return;
    }
    if (std::find(allowed.begin(), allowed.end(), value->get()) != allowed.end()) {
        out = value->get();
        return;
    }
    problem(key, "must be one of " + list + " (found \"" + value->get() + "\")");
}

namespace {
// The texts of a TOML list; nullopt (and `why` set) when it is not a list of short texts.
std::optional<std::vector<std::string>> readTextArray(const toml::node& node, std::size_t maxLength,
                                                      std::size_t maxItems, std::string& why) {
    const auto* array = node.as_array();
    if (!array) {
        why = std::string("must be a list of texts in quotes, not ") + typeName(node);
        return std::nullopt;
    }
    if (array->size() > maxItems) {
        why = "has more than " + std::to_string(maxItems) + " entries";
        return std::nullopt;
    }
    std::vector<std::string> texts;
    for (const toml::node& item : *array) {
        const auto* value = item.as_string();
        if (!value) {
            why = std::string("must list texts in quotes, not ") + typeName(item);
            return std::nullopt;
        }
        if (value->get().empty() || value->get().size() > maxLength) {
            why = "has an entry that is empty or longer than " + std::to_string(maxLength) + " characters";
            return std::nullopt;
        }
        texts.push_back(value->get());
    }
    return texts;
}
}  // namespace

void SettingsReader::textList(const char* key, std::vector<std::string>& out, std::size_t maxItems,
                              std::size_t maxLength) {
    if (!has(key)) return;
    std::string why;
    if (auto texts = readTextArray(*table_->toml.get(key), maxLength, maxItems, why))
        out = std::move(*texts);
    else
        problem(key, why);
}

void SettingsReader::textListTable(const char* key, std::map<std::string, std::vector<std::string>>& out,
                                   std::size_t maxLength) {
    if (!has(key)) return;
    const toml::node& node = *table_->toml.get(key);
    const auto* table = node.as_table();
    if (!table) {
        problem(key, std::string("must be a table of lists ({ \"A\" = [\"B\"] }), not ") + typeName(node));
        return;
    }
    std::map<std::string, std::vector<std::string>> read;
    for (const auto& [name, value] : *table) {
        std::string why;
        auto texts = readTextArray(value, maxLength, 100, why);
        if (!texts) {
            problem(key, "entry \"" + std::string(name.str()) + "\" " + why);
            return;
        }
        read[std::string(name.str())] = std::move(*texts);
    }
    out = std::move(read);
}

std::unique_ptr<SettingsReader> SettingsReader::subsection(const char* key) {
    if (!has(key)) return nullptr;
    const toml::node& node = *table_->toml.get(key);
    const auto* table = node.as_table();
    if (!table) {
        problem(key, std::string("must be a table ([") + section_ + "." + key + "]), not " + typeName(node));
        return nullptr;
    }
    return std::make_unique<SettingsReader>(Table{*table}, section_ + "." + key, problems_);
}

void SettingsReader::reportUnknownKeys() {
    for (const auto& [key, node] : table_->toml) {
        if (std::find(known_.begin(), known_.end(), std::string(key.str())) == known_.end())
            problems_.push_back({lineOf(node), section_ + "." + std::string(key.str()),
                                 "is not a known setting and was ignored (a typo?)", false});
    }
}

}  // namespace vk::services
