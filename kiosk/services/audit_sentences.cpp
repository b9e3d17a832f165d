#include "kiosk/services/audit_sentences.h"

#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/services/timebank/time_bank_receipts.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string_view>
#include <utility>

namespace vk::services {

std::string auditDetail(const AuditValues& values) {
    nlohmann::json object = nlohmann::json::object();
    for (const auto& [name, value] : values) object[name] = value;
    // A name typed with a broken character must not lose the line: invalid UTF-8 is replaced, not thrown.
    return object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

AuditValues auditValuesOf(const std::string& detail) {
    AuditValues values;
    if (detail.empty() || detail.front() != '{') return values;
    const nlohmann::json object = nlohmann::json::parse(detail, nullptr, false);
    if (!object.is_object()) return values;
    for (const auto& [name, value] : object.items())
        if (value.is_string()) values[name] = value.get<std::string>();
    return values;
}

namespace {

bool hasKey(const std::string& key) { return i18n::catalog("fr").count(key) == 1; }

bool endsWith(const std::string& name, std::string_view suffix) {
    return name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A value's placeholder and words in the reader's language. Values are stored language-free where they can be:
// "role_key" holds a translation key, "first_day" a day "YYYY-MM-DD", "opens_time" a time "HH:MM", "total_cents" an
// amount in cents, "until_at" a moment in ms; each fills the placeholder without its suffix ({role}, {first}…).
std::pair<std::string, std::string> said(const std::string& name, const std::string& value) {
    const auto number = [&]() -> std::optional<long long> {
        try {
            std::size_t used = 0;
            const long long parsed = std::stoll(value, &used);
            if (used == value.size()) return parsed;
        } catch (const std::exception&) {
        }
        return std::nullopt;
    };
    if (endsWith(name, "_key")) return {name.substr(0, name.size() - 4), i18n::tr(value)};
    if (endsWith(name, "_day")) return {name.substr(0, name.size() - 4), i18n::dayText(value)};
    if (endsWith(name, "_cents")) {
        const auto cents = number();
        return {name.substr(0, name.size() - 6),
                cents ? (*cents < 0 ? "-" : "") + timebank::formatEuros(*cents < 0 ? -*cents : *cents) : value};
    }
    if (endsWith(name, "_time")) return {name.substr(0, name.size() - 5), i18n::spokenTime(value)};
    if (endsWith(name, "_at")) {
        const auto ms = number();
        return {name.substr(0, name.size() - 3), ms ? i18n::shortDateTime(*ms) : value};
    }
    return {name, value};
}

std::string fill(std::string text, const AuditValues& values) {
    for (const auto& [name, value] : values) {
        const auto [shownName, words] = said(name, value);
        const std::string placeholder = "{" + shownName + "}";
        for (std::size_t at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder, at + words.size()))
            text.replace(at, placeholder.size(), words);
    }
    return text;
}

long long countOf(const AuditValues& values) {
    const auto found = values.find("count");
    if (found == values.end()) return 0;
    try {
        return std::stoll(found->second);
    } catch (const std::exception&) {
        return 0;
    }
}

}  // namespace

std::string auditSentence(const storage::AuditEntry& entry) {
    const std::string sentenceKey = "audit.sentence." + entry.action;
    const AuditValues values = auditValuesOf(entry.detail);
    const bool structured = !values.empty() || entry.detail.empty();
    if (structured && hasKey(sentenceKey + ".one")) {
        return fill(i18n::tr(i18n::pluralKey(sentenceKey, countOf(values))), values);
    }
    if (structured && hasKey(sentenceKey)) return fill(i18n::tr(sentenceKey), values);
    // An action this kiosk has no sentence for, or a line from before sentences: its label and what it said.
    std::string text = i18n::tr("audit." + entry.action);
    if (!structured) text += " — " + entry.detail;
    for (const auto& [name, value] : values) text += " — " + said(name, value).second;
    return text;
}

std::string auditActorName(const storage::AuditEntry& entry) {
    if (entry.actorId) return entry.actorName;
    std::string key = "audit.actor." + entry.actorName;
    for (char& c : key)
        if (c == ' ') c = '_';
    return hasKey(key) ? std::string(i18n::tr(key)) : entry.actorName;
}

}  // namespace vk::services
