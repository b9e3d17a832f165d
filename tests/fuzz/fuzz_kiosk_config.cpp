// Any bytes as kiosk.toml: parseConfig never crashes or hangs, every problem it reports has a sentence, a file
// with a fatal problem is not usable, and a usable one holds values inside the documented ranges.
//
// The real areas' settings readers live beside their services, which would bring the whole domain (SQLite,
// libcurl…) into the fuzzer. Here the areas are stand-ins that read the same sections and keys with the same
// kinds of reads (text, integer, list, table of lists, sub-section…) through the real SettingsReader, so that
// toml++ and every conversion and range check of outside text is tried; the areas' own checks on the values
// (an address, a time) are tried by services_tests "[config]".
#include "kiosk/services/area.h"
#include "kiosk/services/kiosk_config.h"

#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace vk::services {
namespace {

struct FuzzSettings {
    std::map<std::string, std::string> texts;
    std::map<std::string, int> integers;
    std::vector<std::string> list;
    std::map<std::string, std::vector<std::string>> table;
    bool flag = false;
    double number = 0;
    std::filesystem::path file;
};

void readLikeAnArea(SettingsReader& reader, AreaSettings& settings) {
    auto& read = settings.get<FuzzSettings>();
    for (const char* key : {"rota_feed_url", "ticket_prefix", "relay_name", "opening_hours", "printer", "reader",
                            "web_address", "closing_time", "smtp_url", "from", "url", "body_template"})
        reader.text(key, read.texts[key], 300);
    for (const char* key : {"rota_refresh_minutes", "places_per_shelf", "post_days", "idle_timeout_seconds",
                            "timeout_seconds", "days_ahead", "min_balance_minutes", "max_balance_minutes"}) {
        int value = 10;
        reader.integer(key, value, -100000, 100000, "units");
        if (value < -100000 || value > 100000) std::abort();
        read.integers[key] = value;
    }
    for (const char* key : {"usual_hours", "booking_feed_urls", "shelves", "closures", "categories", "headers"}) {
        read.list.clear();
        reader.textList(key, read.list, 30, 40);
        if (read.list.size() > 30) std::abort();
        for (const std::string& item : read.list)
            if (item.size() > 40) std::abort();
    }
    reader.textListTable("neighbours", read.table, 80);
    reader.boolean("nfc", read.flag);
    reader.boolean("print_list_at_cutoff", read.flag);
    reader.decimal("ratio", read.number, 0.5, 3.0);
    if (read.number != 0 && (read.number < 0.5 || read.number > 3.0)) std::abort();
    reader.path("password_file", read.file);
    std::string choice = "POST";
    reader.choice("method", choice, {"POST", "PUT", "GET"});
    if (choice != "POST" && choice != "PUT" && choice != "GET") std::abort();
    for (const char* sub : {"email", "sms"}) {
        if (auto inner = reader.subsection(sub)) {
            readLikeAnArea(*inner, settings);
            inner->reportUnknownKeys();
        }
    }
}

}  // namespace

const std::vector<AreaDefinition>& domainAreas() {
    static const std::vector<AreaDefinition> areas = [] {
        std::vector<AreaDefinition> made;
        for (const char* section : {"staff", "devices", "health", "notifications", "parcels", "board", "timebank",
                                    "orders"}) {
            AreaDefinition area{section, section, &readLikeAnArea, {}, nullptr, nullptr};
            made.push_back(std::move(area));
        }
        made.front().retention = {{"health_days", 30}, {"parcels_days", 365}};
        return made;
    }();
    return areas;
}

}  // namespace vk::services

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace vk::services;
    const ConfigLoad load = parseConfig(std::string_view(reinterpret_cast<const char*>(data), size), "kiosk.toml");
    bool fatal = false;
    for (const ConfigProblem& problem : load.problems) {
        if (problem.message.empty()) std::abort();
        if (problem.line < 0) std::abort();
        fatal = fatal || problem.fatal;
        if (describeProblem(problem, load.source).empty()) std::abort();
    }
    if (load.usable() == fatal) std::abort();
    const KioskConfig& config = load.config;
    if (config.idleTimeoutSeconds < 20 || config.idleTimeoutSeconds > 3600) std::abort();
    if (config.textScale < 0.5 || config.textScale > 3.0) std::abort();
    if (config.sound.volumePercent < 0 || config.sound.volumePercent > 100) std::abort();
    if (config.villageName.size() > 80 * 4) std::abort();
    for (const auto& [key, days] : config.retentionDays)
        if (days < 1 || days > 3650) std::abort();
    return 0;
}
