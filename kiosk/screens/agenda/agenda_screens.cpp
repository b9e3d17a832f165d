#include "kiosk/screens/agenda/agenda_screens.h"

#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/ui/widgets.h"

namespace vk::screens {

using i18n::tr;
using i18n::trf;
using i18n::trn;

void registerAgendaWeekScreen(app::ScreenRegistry& registry);
void registerAgendaEventsScreen(app::ScreenRegistry& registry);

namespace agenda_ui {

services::agenda::AgendaServices& agendaOf(app::KioskServices& services) {
    return services.area<services::agenda::AgendaServices>();
}

std::string dayLabel(const std::string& day) {
    if (!services::health::isValidDay(day)) return day;
    // date.weekday.N counts from Sunday, weekdayIndex from Monday.
    const int weekday = (services::health::weekdayIndex(day) + 1) % 7;
    return trf("agenda.day_label", {{"weekday", tr("date.weekday." + std::to_string(weekday))},
                                    {"day", std::to_string(std::stoi(day.substr(8, 2)))},
                                    {"month", tr("date.month." + std::to_string(std::stoi(day.substr(5, 2))))}});
}

std::string whenLabel(const services::agenda::AgendaEvent& event) {
    const auto& d = event.details;
    if (d.endsAt.empty())
        return trf("agenda.when_label", {{"day", dayLabel(d.day)}, {"time", i18n::spokenTime(d.startsAt)}});
    return trf("agenda.when_label_until", {{"day", dayLabel(d.day)},
                                           {"time", i18n::spokenTime(d.startsAt)},
                                           {"end", i18n::spokenTime(d.endsAt)}});
}

std::string placesLabel(const services::agenda::AgendaEvent& event, bool started) {
    if (event.cancelled()) return tr("agenda.places.cancelled");
    if (started) return tr("agenda.places.over");
    const int left = event.placesLeft();
    if (left < 0) return tr("agenda.places.unlimited");
    if (left == 0) return trn("agenda.places.full", event.waiting, {{"count", std::to_string(event.waiting)}});
    return trn("agenda.places.left", left, {{"count", std::to_string(left)}});
}

std::string priceLabel(const services::agenda::AgendaEvent& event) {
    const auto& price = event.details.priceCents;
    if (!price || *price == 0) return tr("agenda.price.free");
    return trf("agenda.price.amount", {{"amount", services::agenda::formatPrice(*price)}});
}

std::string refusalText(services::agenda::AgendaError error) { return tr(services::agenda::errorKey(error)); }

}  // namespace agenda_ui

void registerAgendaScreens(app::ScreenRegistry& registry) {
    registerAgendaWeekScreen(registry);
    registerAgendaEventsScreen(registry);
    registry.addHomeTile({"home.tile.agenda", ui::symbols::kAgenda, "agenda.tile", "agenda.tile.subtitle",
                          ui::colors::kAgenda, kAgendaWeekScreen});
    // The café manager's tool. The admin's staff home is full at 1280×800 (its accounts would scroll out of
    // view); an admin still opens the screen (allowed() takes any café staff), e.g. from the manager's session.
    registry.addStaffTool({"staff.home.agenda", "staff.home.agenda", kAgendaEventsScreen,
                           [](services::StaffRole role) { return role == services::StaffRole::CafeManager; }, false});
}

}  // namespace vk::screens
