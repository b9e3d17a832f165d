#include "kiosk/services/kiosk_config.h"

#include "kiosk/services/area.h"
#include "kiosk/services/settings_table.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <vector>

namespace vk::services {
namespace {

const toml::table* section(const toml::table& root, const char* name, std::vector<ConfigProblem>& problems) {
    const toml::node* node = root.get(name);
    if (!node) return nullptr;
    if (const auto* table = node->as_table()) return table;
    problems.push_back({lineOf(*node), name, "must be a [section], not a single value", true});
    return nullptr;
}

// Debian 12's toml++ 3.3 reaches undefined behaviour (or an assertion, in a build with them) on input that anyone
// can type, all of it found by the fuzzer (tests/fuzz/corpus/kiosk_config/):
// - a non-ASCII letter where only TOML syntax may stand (outside quotes, `name = Prés`), right after a backslash
//   in a """ string, or first on the line after a line-ending backslash there: an "unreachable" branch of its
//   Unicode whitespace test (upstream issues 190 and 295);
// - a [section] header whose name does not start at once (`[#health]`, `[ # …`): an assumption of its key parser;
// - a `}` where a value of a list should stand (`s = [}`), a date followed by a lone digit (`d = 1979-05-27 7`),
//   a second `=` inside a bare value (`s = 1='…`) and a key in three quotes: assumptions of its parsers.
// TOML allows none of these, so such a file is refused here, before toml++ sees it, with the line and what to
// write instead. To know what is between quotes and brackets, a quote, `[` or `{` counts as one only where TOML
// lets a value start (a line's start, after `=`, `[`, `{` or `,`; in a key, after its dot); one in the middle of a
// word or a number (`-"Prés`, `-["Prés`) is refused too, since toml++ reads on through it as part of a bare value.
// (A quoted part of a dotted key inside an inline table, `x = {a."b" = 1}`, is refused with them: rare in a
// kiosk's file.)
struct UnsafeForToml {
    int line = 0;
    std::string why;
};

// At a blank inside a value: is it `1979-05-27 7` (a word that starts with a digit and has a dash, one blank, one
// digit, then the value's end)? toml++ takes it for the start of a date and time and asserts on the digit's end.
bool loneDigitAfterDate(std::string_view text, std::size_t blank) {
    const auto isEnd = [&](std::size_t k) {
        if (k >= text.size()) return true;
        const char c = text[k];
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == ']' || c == '}' || c == '#';
    };
    if (blank + 1 >= text.size() || std::isdigit(static_cast<unsigned char>(text[blank + 1])) == 0 ||
        !isEnd(blank + 2))
        return false;
    std::size_t start = blank;
    bool dash = false;
    while (start > 0 && !isEnd(start - 1) && text[start - 1] != '=' && text[start - 1] != '[' &&
           text[start - 1] != '{') {
        --start;
        dash = dash || text[start] == '-';
    }
    return start < blank && std::isdigit(static_cast<unsigned char>(text[start])) != 0 && dash;
}

std::optional<UnsafeForToml> findUnsafeForToml(std::string_view text) {
    enum class In { Syntax, Comment, Basic, Literal, MultiBasic, MultiLiteral } in = In::Syntax;
    int line = 1;
    std::string openInValue;    // the lists '[' and inline tables '{' open in a value (a list may span lines)
    std::vector<bool> entryHasEquals;  // for each of them: in an inline table, its entry's '=' came already
    bool afterEquals = false;   // on a key's line, after its '='
    char previous = '\n';       // the last letter of TOML syntax before this one, blanks left out
    std::size_t i = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    const auto at = [&](std::size_t k) { return k < text.size() ? text[k] : '\0'; };
    const auto opens = [&](char quote) { return at(i + 1) == quote && at(i + 2) == quote; };
    const auto nonAscii = [&] {
        return UnsafeForToml{line, "a letter outside quotes (an accent, a special space…); text goes between "
                                   "quotes, as in name = \"Saint-Aubin-des-Prés\""};
    };
    for (; i < text.size(); ++i) {
        const char c = text[i];
        // TOML allows no control character but the tab and a line's end, quoted or not. toml++ reports most of them
        // itself, but a NUL in a bare value (`s=0=`, a NUL, `4-04-0f 5`) makes it assert in its value scanner.
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == '\x7F') {
            char code[8];
            std::snprintf(code, sizeof code, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(c)));
            return UnsafeForToml{line, std::string("a control character (byte ") + code +
                                           ") that a text file does not hold; the file may be damaged: write it "
                                           "again with a text editor"};
        }
        if (c == '\n') {
            ++line;
            previous = '\n';
            if (in == In::Comment || in == In::Basic || in == In::Literal) in = In::Syntax;
            if (in == In::Syntax && openInValue.empty()) afterEquals = false;
            continue;
        }
        switch (in) {
        case In::Syntax: {
            if (static_cast<unsigned char>(c) >= 0x80) return nonAscii();
            char mark = c;  // what `previous` becomes
            const bool inValue = afterEquals || !openInValue.empty();
            const bool startsValue = previous == '\n' || previous == '=' || previous == '[' || previous == '{' ||
                                     previous == ',' || (!inValue && previous == '.');
            if ((c == '"' || c == '\'' || (inValue && (c == '[' || c == '{'))) && !startsValue)
                return UnsafeForToml{line, std::string("a ") + (c == '"' || c == '\'' ? "quote" : "bracket") +
                                               " in the middle of a word or a number; text is written whole "
                                               "between quotes, as in name = \"Saint-Aubin-des-Prés\""};
            if (c == ' ' && inValue && loneDigitAfterDate(text, i))
                return UnsafeForToml{line, "a date followed by a lone digit; a date and its time are written "
                                           "2026-12-05 09:30:00"};
            if (c == '#') {
                in = In::Comment;
            } else if (c == '"' || c == '\'') {
                const bool multi = opens(c);
                if (multi && !inValue)
                    return UnsafeForToml{line, "a name before = is written between single quotes, not three"};
                in = c == '"' ? (multi ? In::MultiBasic : In::Basic) : (multi ? In::MultiLiteral : In::Literal);
                if (multi) i += 2;
            } else if (c == '=') {
                // After a key, or the key of an inline table's entry; any other is inside a bare value (`1='…`,
                // `{i=1='…`).
                if (!openInValue.empty() && openInValue.back() == '{') {
                    if (entryHasEquals.back()) mark = 'x';
                    entryHasEquals.back() = true;
                } else if (afterEquals) {
                    mark = 'x';
                }
                afterEquals = true;
            } else if (c == ',' && !openInValue.empty() && openInValue.back() == '{') {
                entryHasEquals.back() = false;  // the next entry's key
            } else if ((c == '[' || c == '{') && (afterEquals || !openInValue.empty())) {
                openInValue.push_back(c);
                entryHasEquals.push_back(false);
            } else if (c == '}' && !openInValue.empty() && openInValue.back() == '[') {
                return UnsafeForToml{line, "a } inside a list, where a value should stand; a list is written "
                                           "[\"a\", \"b\"]"};
            } else if ((c == ']' || c == '}') && !openInValue.empty()) {
                openInValue.pop_back();  // a mismatched one is toml++'s to report
                entryHasEquals.pop_back();
            } else if (c == '[') {
                std::size_t k = i + 1;
                if (at(k) == '[') ++k;
                while (at(k) == ' ' || at(k) == '\t') ++k;
                const char first = at(k);
                const bool keyStarts = std::isalnum(static_cast<unsigned char>(first)) != 0 || first == '_' ||
                                       first == '-' || first == '"' || first == '\'';
                if (!keyStarts && first != ']')
                    return UnsafeForToml{line, "a [section] header must start with its name (a comment goes "
                                               "after it: [health] # …)"};
                i = k - 1;
            }
            if (c != ' ' && c != '\t' && c != '\r') previous = mark;
            break;
        }
        case In::Comment: break;
        case In::Basic:
            if (c == '\\') ++i;
            else if (c == '"') in = In::Syntax;
            break;
        case In::Literal:
            if (c == '\'') in = In::Syntax;
            break;
        case In::MultiBasic:
            if (c == '\\') {
                // A line-ending backslash: the blanks and line breaks after it are skipped, then the next letter.
                std::size_t k = i + 1;
                while (at(k) == ' ' || at(k) == '\t' || at(k) == '\r') ++k;
                // toml++ asks whether what follows a backslash is a blank before it knows the escape.
                if (static_cast<unsigned char>(at(k)) >= 0x80)
                    return UnsafeForToml{line, "a backslash before a letter that no escape has (\\é); a backslash "
                                               "itself is written \\\\"};
                if (at(k) != '\n') {
                    ++i;
                    break;
                }
                while (at(k) == ' ' || at(k) == '\t' || at(k) == '\r' || at(k) == '\n') {
                    if (at(k) == '\n') ++line;
                    ++k;
                }
                if (static_cast<unsigned char>(at(k)) >= 0x80) return nonAscii();
                i = k - 1;
            } else if (c == '"' && opens('"')) {
                i += 2;
                while (at(i + 1) == '"') ++i;  // up to two quotes of the text before the closing three
                in = In::Syntax;
            }
            break;
        case In::MultiLiteral:
            if (c == '\'' && opens('\'')) {
                i += 2;
                while (at(i + 1) == '\'') ++i;
                in = In::Syntax;
            }
            break;
        }
    }
    return std::nullopt;
}

}  // namespace

bool isKnownTimeZone(const std::string& name) {
    std::error_code ec;
    return !name.empty() && name.find("..") == std::string::npos && name.front() != '/' &&
           std::filesystem::is_regular_file(std::filesystem::path("/usr/share/zoneinfo") / name, ec);
}

std::string effectiveTimeZone(const KioskConfig& config) {
    if (isKnownTimeZone(config.timeZone)) return config.timeZone;
    if (const char* tz = std::getenv("TZ"); tz && isKnownTimeZone(tz[0] == ':' ? tz + 1 : tz))
        return tz[0] == ':' ? tz + 1 : tz;
    std::ifstream file("/etc/timezone");
    std::string name;
    if (std::getline(file, name) && isKnownTimeZone(name)) return name;
    std::error_code ec;
    const std::string target = std::filesystem::read_symlink("/etc/localtime", ec).string();
    if (const auto at = target.find("zoneinfo/"); !ec && at != std::string::npos) {
        name = target.substr(at + 9);
        if (isKnownTimeZone(name)) return name;
    }
    return "UTC";
}

std::map<std::string, int> retentionPeriods(const KioskConfig& config) {
    std::map<std::string, int> periods;
    for (const AreaDefinition& area : domainAreas())
        for (const RetentionSetting& setting : area.retention) periods[setting.key] = setting.defaultDays;
    for (const auto& [key, days] : config.retentionDays) periods[key] = days;
    return periods;
}

bool ConfigLoad::usable() const {
    for (const auto& problem : problems)
        if (problem.fatal) return false;
    return true;
}

std::filesystem::path KioskConfig::databaseFile() const {
    return (dataDir.empty() ? defaultDataDir() : dataDir) / "village-kiosk.db";
}

std::filesystem::path defaultDataDir() {
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "village-kiosk";
    if (const char* home = std::getenv("HOME"); home && *home && std::string_view(home) != "/")
        return std::filesystem::path(home) / ".local/share/village-kiosk";
    return "/var/lib/village-kiosk";
}

ConfigLoad parseConfig(std::string_view tomlText, const std::string& sourceName) {
    ConfigLoad load;
    load.source = sourceName;
    if (const auto unsafe = findUnsafeForToml(tomlText)) {
        load.problems.push_back({unsafe->line, "", "is not valid TOML: " + unsafe->why, true});
        return load;
    }
    toml::table root;
    try {
        root = toml::parse(tomlText, sourceName);
    } catch (const toml::parse_error& error) {
        load.problems.push_back({static_cast<int>(error.source().begin.line), "",
                                 "is not valid TOML: " + std::string(error.description()), true});
        return load;
    }

    KioskConfig& config = load.config;
    auto& problems = load.problems;
    std::set<std::string> knownSections{"village", "kiosk", "retention", "sound"};
    std::set<std::string> retentionKeys;
    for (const AreaDefinition& area : domainAreas()) {
        if (area.settingsSection) knownSections.insert(area.settingsSection);
        for (const RetentionSetting& setting : area.retention) retentionKeys.insert(setting.key);
    }
    for (const auto& [key, node] : root) {
        if (knownSections.count(std::string(key.str())) == 0)
            problems.push_back({lineOf(node), std::string(key.str()), "is not a known section and was ignored", false});
    }
    if (const auto* village = section(root, "village", problems)) {
        SettingsReader reader({*village}, "village", problems);
        reader.text("name", config.villageName, 80);
        reader.text("language", config.language, 10);
        reader.text("time_zone", config.timeZone, 64);
        if (village->get("time_zone") && !isKnownTimeZone(config.timeZone)) {
            reader.problem("time_zone", "is not a known time zone (such as \"Europe/Paris\"); the system's is used",
                           false);
            config.timeZone.clear();
        }
        reader.reportUnknownKeys();
    }
    if (const auto* kiosk = section(root, "kiosk", problems)) {
        SettingsReader reader({*kiosk}, "kiosk", problems);
        reader.path("data_dir", config.dataDir);
        reader.boolean("demo_data", config.demoData);
        reader.boolean("fullscreen", config.fullscreen);
        std::string renderer = config.renderer == RendererChoice::Software ? "software" : "accelerated";
        reader.choice("renderer", renderer, {"software", "accelerated"});
        config.renderer = renderer == "software" ? RendererChoice::Software : RendererChoice::Accelerated;
        reader.path("font", config.fontFile);
        reader.path("font_bold", config.boldFontFile);
        reader.decimal("text_scale", config.textScale, 0.5, 3.0);
        // 20 s at least: 10 s to read a result, then 10 s of « Voulez-vous plus de temps ? » (docs/accessibility.md).
        reader.integer("idle_timeout_seconds", config.idleTimeoutSeconds, 20, 3600, "seconds");
        std::string screenOnHours;
        std::vector<std::string> screenOnDays;
        reader.text("screen_on_hours", screenOnHours, 20);
        reader.textList("screen_on_days", screenOnDays, 7, 3);
        std::string screenProblem;
        if (const auto hours = parseScreenHours(screenOnHours, screenOnDays, screenProblem))
            config.screenHours = *hours;
        else  // a screen left lit is the safe side of a mistake
            reader.problem(screenProblem.starts_with("holds") ? "screen_on_days" : "screen_on_hours",
                           screenProblem + "; the screen stays lit", false);
        reader.decimal("screen_diagonal_inches", config.screenDiagonalInches, 5.0, 100.0);
        reader.integer("rotation", config.rotationDegrees, 0, 270, "degrees");
        if (config.rotationDegrees % 90 != 0) {
            reader.problem("rotation", "must be 0, 90, 180 or 270 (degrees, clockwise); the picture is not turned",
                           false);
            config.rotationDegrees = 0;
        }
        reader.reportUnknownKeys();
    }
    if (const auto* sound = section(root, "sound", problems)) {
        SettingsReader reader({*sound}, "sound", problems);
        reader.boolean("read_aloud", config.sound.readAloud);
        reader.boolean("help_chime", config.sound.helpChime);
        reader.boolean("call_chime", config.sound.callChime);
        reader.integer("volume_percent", config.sound.volumePercent, 0, 100, "percent");
        reader.text("voice_fr", config.sound.voiceFr, 40);
        reader.text("voice_en", config.sound.voiceEn, 40);
        reader.integer("words_per_minute", config.sound.wordsPerMinute, 80, 450, "words per minute");
        reader.reportUnknownKeys();
    }
    if (const auto* retention = section(root, "retention", problems)) {
        SettingsReader reader({*retention}, "retention", problems);
        for (const std::string& key : retentionKeys) {
            int days = 0;
            if (!reader.has(key.c_str())) continue;
            reader.integer(key.c_str(), days, 1, 3650, "days");
            if (days > 0) config.retentionDays[key] = days;
        }
        reader.reportUnknownKeys();
    }
    for (const AreaDefinition& area : domainAreas()) {
        if (!area.settingsSection || !area.readSettings) continue;
        if (const auto* table = section(root, area.settingsSection, problems)) {
            SettingsReader reader({*table}, area.settingsSection, problems);
            area.readSettings(reader, config.areas);
            reader.reportUnknownKeys();
        }
    }
    return load;
}

ConfigLoad loadConfigFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        ConfigLoad load;
        load.source = file.string();
        load.problems.push_back({0, "", "cannot be read (missing file or no permission)", true});
        return load;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parseConfig(text.str(), file.string());
}

ConfigLoad loadKioskConfig(const std::optional<std::filesystem::path>& explicitFile) {
    if (explicitFile) return loadConfigFile(*explicitFile);
    std::vector<std::filesystem::path> candidates{"/etc/village-kiosk/kiosk.toml"};
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg)
        candidates.emplace_back(std::filesystem::path(xdg) / "village-kiosk/kiosk.toml");
    else if (const char* home = std::getenv("HOME"); home && *home)
        candidates.emplace_back(std::filesystem::path(home) / ".config/village-kiosk/kiosk.toml");
    for (const auto& candidate : candidates) {
        std::error_code ec;
        if (std::filesystem::exists(candidate, ec)) return loadConfigFile(candidate);
    }
    ConfigLoad load;
    load.source = "embedded defaults";
    return load;
}

std::string describeProblem(const ConfigProblem& problem, const std::string& source) {
    std::string text = source;
    if (problem.line > 0) text += ", line " + std::to_string(problem.line);
    if (!problem.key.empty()) text += ", key " + problem.key;
    text += ": " + problem.message;
    return text;
}

}  // namespace vk::services
