#include "kiosk/services/parcels/parcels_area.h"

#include "kiosk/services/impact/counted_uses.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/kiosk_config.h"

#include <regex>

namespace vk::services::parcels {
namespace {

constexpr std::int64_t kReminderIntervalMs = 60LL * 60 * 1000;

void readParcelsSettings(SettingsReader& reader, AreaSettings& areas) {
    ParcelsSettings& settings = areas.get<ParcelsSettings>();
    reader.text("relay_name", settings.relayName, 80);
    reader.text("relay_address", settings.relayAddress, 200);
    reader.text("opening_hours", settings.openingHours, 200);
    std::vector<std::string> days = settings.openingDays;
    reader.textList("opening_days", days, 7, 3);
    for (const std::string& day : days)
        if (weekdayFromName(day) < 0) {
            reader.problem("opening_days", "holds \"" + day + "\"; the days are mon, tue, wed, thu, fri, sat, sun");
            days = settings.openingDays;
            break;
        }
    settings.openingDays = days;
    std::vector<std::string> closures = settings.closures;
    reader.textList("closures", closures, 366, 10);
    for (const std::string& day : closures)
        if (!health::isValidDay(day)) {
            reader.problem("closures", "holds \"" + day + "\", which is not a day written YYYY-MM-DD");
            closures = settings.closures;
            break;
        }
    settings.closures = closures;
    std::vector<std::string> shelves = settings.shelves;
    reader.textList("shelves", shelves, 100, 4);
    static const std::regex kShelfName("[A-Z]{1,4}");
    for (const std::string& shelf : shelves)
        if (!std::regex_match(shelf, kShelfName)) {
            reader.problem("shelves", "holds \"" + shelf + "\"; a shelf is named by one to four capital letters");
            shelves = settings.shelves;
            break;
        }
    if (shelves.empty()) reader.problem("shelves", "must name at least one shelf");
    else settings.shelves = shelves;
    reader.integer("places_per_shelf", settings.placesPerShelf, 1, 99, "places");
    reader.integer("wrong_codes_before_pause", settings.wrongCodesBeforePause, 3, 100, "codes");
    reader.integer("pause_minutes", settings.pauseMinutes, 1, 60, "minutes");
}

std::unique_ptr<AreaServices> makeParcelsServices(const AreaContext& context) {
    return std::make_unique<ParcelsServices>(context);
}

// What the impact report counts of this area (docs/impact.md).
std::unique_ptr<impact::UsageSource> makeParcelsUsageSource(storage::Database& db) {
    return impact::usesCountedBy(db, &storage::countParcels,
                                 {{"handed_over", "relay", "parcels_handed_over"}, {"sent", "relay", "parcels_sent"}});
}

}  // namespace

ParcelsServices::ParcelsServices(const AreaContext& context)
    : settings(context.config.areas.get<ParcelsSettings>()),
      desk(context.database, context.clock, context.staff, context.printer, settings),
      pickup(desk, context.clock, context.staff, settings) {}

bool ParcelsServices::poll(std::int64_t nowMs) {
    if (nowMs < nextReminderRunMs_) return false;
    nextReminderRunMs_ = nowMs + kReminderIntervalMs;
    desk.queueReminders();
    return false;
}

AreaDefinition parcelsArea() {
    return {"parcels", "parcels", &readParcelsSettings, {{"parcels_days", 90}}, &makeParcelsServices,
            &makeParcelsUsageSource};
}

}  // namespace vk::services::parcels
