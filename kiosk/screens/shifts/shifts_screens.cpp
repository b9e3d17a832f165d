#include "kiosk/screens/shifts/shifts_screens.h"

#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/ui/widgets.h"

namespace vk::screens {

using i18n::tr;
using i18n::trf;
using i18n::trn;

void registerShiftsWeekScreen(app::ScreenRegistry& registry);
void registerShiftsCoordinatorScreen(app::ScreenRegistry& registry);

namespace shifts_ui {

services::shifts::ShiftsServices& shiftsOf(app::KioskServices& services) {
    return services.area<services::shifts::ShiftsServices>();
}

std::string dayLabel(const std::string& day) {
    if (!services::health::isValidDay(day)) return day;
    // date.weekday.N counts from Sunday, weekdayIndex from Monday.
    const int weekday = (services::health::weekdayIndex(day) + 1) % 7;
    return trf("shifts.day_label", {{"weekday", tr("date.weekday." + std::to_string(weekday))},
                                    {"day", i18n::dayOfMonth(std::stoi(day.substr(8, 2)))},
                                    {"month", tr("date.month." + std::to_string(std::stoi(day.substr(5, 2))))}});
}

std::string kindLabel(const services::shifts::Shift& shift) {
    return tr("shifts.kind." + std::string(storage::shiftKindKey(shift.details.kind)));
}

std::string whenLabel(const services::shifts::Shift& shift) {
    return trf("shifts.when_label", {{"day", dayLabel(shift.details.day)},
                                     {"time", i18n::spokenTime(shift.details.startsAt)},
                                     {"end", i18n::spokenTime(shift.details.endsAt)}});
}

std::string placesLabel(const services::shifts::Shift& shift, bool started) {
    if (started) return tr("shifts.places.over");
    const int left = shift.placesLeft();
    std::string words = left == 0 ? std::string(tr("shifts.places.full"))
                                  : trn("shifts.places.left", left, {{"count", std::to_string(left)}});
    if (shift.offered > 0)
        words += "  ·  " + trn("shifts.places.offered", shift.offered, {{"count", std::to_string(shift.offered)}});
    return words;
}

std::string hoursLabel(int minutes) {
    if (minutes < 60) return trf("shifts.minutes", {{"minutes", std::to_string(minutes)}});
    if (minutes % 60 == 0) return trf("shifts.hours", {{"hours", std::to_string(minutes / 60)}});
    char rest[8];
    std::snprintf(rest, sizeof rest, "%02d", minutes % 60);
    return trf("shifts.hours_minutes", {{"hours", std::to_string(minutes / 60)}, {"minutes", rest}});
}

std::string refusalText(services::shifts::ShiftError error) { return tr(services::shifts::errorKey(error)); }

std::string thisMonday(app::KioskServices& services) {
    return services::health::mondayOf(services::health::localDay(services.clock.nowMs()));
}

}  // namespace shifts_ui

void registerShiftsScreens(app::ScreenRegistry& registry) {
    registerShiftsWeekScreen(registry);
    registerShiftsCoordinatorScreen(registry);
}

}  // namespace vk::screens
