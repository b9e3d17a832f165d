#include "kiosk/services/kiosk_config.h"

#include "hardware/escpos/printer_profiles.h"

#include <toml++/toml.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

namespace vk::services {
namespace {

int lineOf(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

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

// Reads the keys of one table, reporting every wrong type or range with its line.
class TableReader {
public:
    TableReader(const toml::table& table, std::string prefix, std::vector<ConfigProblem>& problems)
        : table_(table), prefix_(std::move(prefix)), problems_(problems) {}

    void text(const char* key, std::string& out, std::size_t maxLength = 200) {
        const toml::node* node = find(key);
        if (!node) return;
        if (const auto* value = node->as_string()) {
            if (value->get().size() > maxLength)
                report(*node, key, "is longer than " + std::to_string(maxLength) + " characters");
            else
                out = value->get();
        } else {
            wrongType(*node, key, "text in quotes");
        }
    }
    void path(const char* key, std::filesystem::path& out) {
        std::string value = out.string();
        text(key, value, 4096);
        out = value;
    }
    void boolean(const char* key, bool& out) {
        const toml::node* node = find(key);
        if (!node) return;
        if (const auto* value = node->as_boolean())
            out = value->get();
        else
            wrongType(*node, key, "true or false");
    }
    void integer(const char* key, int& out, int min, int max, const char* unit) {
        const toml::node* node = find(key);
        if (!node) return;
        const auto* value = node->as_integer();
        if (!value) {
            wrongType(*node, key, std::string("a whole number of ") + unit);
            return;
        }
        if (value->get() < min || value->get() > max) {
            report(*node, key,
                   "must be between " + std::to_string(min) + " and " + std::to_string(max) + " " + unit +
                       " (found " + std::to_string(value->get()) + ")");
            return;
        }
        out = static_cast<int>(value->get());
    }
    void decimal(const char* key, double& out, double min, double max) {
        const toml::node* node = find(key);
        if (!node) return;
        std::optional<double> value;
        if (const auto* f = node->as_floating_point()) value = f->get();
        if (const auto* i = node->as_integer()) value = static_cast<double>(i->get());
        if (!value) {
            wrongType(*node, key, "a number");
            return;
        }
        if (*value < min || *value > max) {
            std::ostringstream range;
            range << "must be between " << min << " and " << max;
            report(*node, key, range.str());
            return;
        }
        out = *value;
    }
    void choice(const char* key, std::string& out, const std::vector<std::string>& allowed) {
        const toml::node* node = find(key);
        if (!node) return;
        const auto* value = node->as_string();
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "\"" : ", \"") + a + "\"";
        if (!value) {
            wrongType(*node, key, "one of " + list);
            return;
        }
        for (const auto& a : allowed)
            if (value->get() == a) {
                out = a;
                return;
            }
        report(*node, key, "must be one of " + list + " (found \"" + value->get() + "\")");
    }
    // Unknown keys are most often typos: say so, but they do not stop the kiosk.
    void reportUnknownKeys() {
        for (const auto& [key, node] : table_) {
            if (known_.count(std::string(key.str())) == 0)
                problems_.push_back({lineOf(node), prefix_ + std::string(key.str()),
                                     "is not a known setting and was ignored (a typo?)", false});
        }
    }

private:
    const toml::node* find(const char* key) {
        known_.insert(key);
        return table_.get(key);
    }
    void wrongType(const toml::node& node, const char* key, const std::string& expected) {
        report(node, key, "must be " + expected + ", not " + typeName(node));
    }
    void report(const toml::node& node, const char* key, const std::string& message) {
        problems_.push_back({lineOf(node), prefix_ + key, message, true});
    }

    const toml::table& table_;
    std::string prefix_;
    std::vector<ConfigProblem>& problems_;
    std::set<std::string> known_;
};

const toml::table* section(const toml::table& root, const char* name, std::vector<ConfigProblem>& problems) {
    const toml::node* node = root.get(name);
    if (!node) return nullptr;
    if (const auto* table = node->as_table()) return table;
    problems.push_back({lineOf(*node), name, "must be a [section], not a single value", true});
    return nullptr;
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
    for (const auto& [key, node] : root) {
        static const std::set<std::string> kSections{"village", "kiosk", "staff", "retention", "health", "devices"};
        if (kSections.count(std::string(key.str())) == 0)
            problems.push_back({lineOf(node), std::string(key.str()), "is not a known section and was ignored", false});
    }
    if (const auto* village = section(root, "village", problems)) {
        TableReader reader(*village, "village.", problems);
        reader.text("name", config.villageName, 80);
        reader.text("language", config.language, 10);
        reader.text("time_zone", config.timeZone, 64);
        if (const toml::node* zone = village->get("time_zone"); zone && !isKnownTimeZone(config.timeZone)) {
            problems.push_back({lineOf(*zone), "village.time_zone",
                                "is not a known time zone (such as \"Europe/Paris\"); the system's is used", false});
            config.timeZone.clear();
        }
        reader.reportUnknownKeys();
    }
    if (const auto* kiosk = section(root, "kiosk", problems)) {
        TableReader reader(*kiosk, "kiosk.", problems);
        reader.path("data_dir", config.dataDir);
        reader.boolean("demo_data", config.demoData);
        reader.boolean("fullscreen", config.fullscreen);
        std::string renderer = config.renderer == RendererChoice::Software ? "software" : "accelerated";
        reader.choice("renderer", renderer, {"software", "accelerated"});
        config.renderer = renderer == "software" ? RendererChoice::Software : RendererChoice::Accelerated;
        reader.path("font", config.fontFile);
        reader.path("font_bold", config.boldFontFile);
        reader.decimal("text_scale", config.textScale, 0.5, 3.0);
        reader.integer("idle_timeout_seconds", config.idleTimeoutSeconds, 15, 3600, "seconds");
        reader.reportUnknownKeys();
    }
    if (const auto* staff = section(root, "staff", problems)) {
        TableReader reader(*staff, "staff.", problems);
        reader.integer("idle_timeout_seconds", config.staffIdleTimeoutSeconds, 15, 3600, "seconds");
        reader.integer("pin_attempts_before_lockout", config.pinAttemptsBeforeLockout, 3, 20, "attempts");
        reader.integer("pin_lockout_minutes", config.pinLockoutMinutes, 1, 1440, "minutes");
        reader.integer("admin_pin_digits", config.adminPinDigits, 4, 8, "digits");
        reader.reportUnknownKeys();
    }
    if (const auto* retention = section(root, "retention", problems)) {
        TableReader reader(*retention, "retention.", problems);
        for (auto& [key, days] : config.retentionDays) reader.integer(key.c_str(), days, 1, 3650, "days");
        reader.reportUnknownKeys();
    }
    if (const auto* health = section(root, "health", problems)) {
        TableReader reader(*health, "health.", problems);
        reader.text("rota_feed_url", config.rotaFeedUrl, 2000);
        if (!config.rotaFeedUrl.empty() && !config.rotaFeedUrl.starts_with("https://") &&
            !config.rotaFeedUrl.starts_with("http://"))
            problems.push_back({lineOf(*health->get("rota_feed_url")), "health.rota_feed_url",
                                "must be an http:// or https:// address", true});
        reader.integer("rota_refresh_minutes", config.rotaRefreshMinutes, 5, 1440, "minutes");
        reader.integer("check_in_early_minutes", config.checkInEarlyMinutes, 0, 240, "minutes");
        reader.integer("check_in_late_minutes", config.checkInLateMinutes, 0, 240, "minutes");
        reader.text("ticket_prefix", config.ticketPrefix, 3);
        reader.text("walk_in_ticket_prefix", config.walkInTicketPrefix, 3);
        reader.reportUnknownKeys();
    }
    if (const auto* devices = section(root, "devices", problems)) {
        TableReader reader(*devices, "devices.", problems);
        reader.text("printer", config.printerUri, 300);
        std::vector<std::string> profiles;
        for (const auto& profile : hardware::escpos::printerProfiles()) profiles.emplace_back(profile.name);
        reader.choice("printer_profile", config.printerProfile, profiles);
        reader.text("reader", config.readerDevice, 300);
        reader.choice("reader_role", config.readerRole, {"auto", "barcode", "card"});
        reader.boolean("nfc", config.nfc);
        reader.text("nfc_reader_filter", config.nfcReaderFilter, 100);
        reader.reportUnknownKeys();
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
