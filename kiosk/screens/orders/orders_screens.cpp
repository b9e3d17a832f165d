#include "kiosk/screens/orders/orders_screens.h"

#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/orders/orders_ui.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/ui/widgets.h"

namespace vk::screens {

using i18n::tr;
using i18n::trf;

void registerOrdersOrderScreen(app::ScreenRegistry& registry);
void registerOrdersDayScreen(app::ScreenRegistry& registry);
void registerOrdersSuppliersScreen(app::ScreenRegistry& registry);

namespace orders_ui {

services::orders::OrdersServices& ordersOf(app::KioskServices& services) {
    return services.area<services::orders::OrdersServices>();
}

std::string dayLabel(const std::string& day) {
    if (!services::health::isValidDay(day)) return day;
    // date.weekday.N counts from Sunday, weekdayIndex from Monday.
    const int weekday = (services::health::weekdayIndex(day) + 1) % 7;
    const int number = std::stoi(day.substr(8, 2));
    const int month = std::stoi(day.substr(5, 2));
    return trf("orders.day_label", {{"weekday", tr("date.weekday." + std::to_string(weekday))},
                                    {"day", i18n::dayOfMonth(number)},
                                    {"month", tr("date.month." + std::to_string(month))}});
}

std::string refusalText(services::orders::OrderError error, const std::string& nextPossibleDay) {
    using services::orders::OrderError;
    std::string words = tr(services::orders::errorKey(error));
    const bool aboutTheDay = error == OrderError::DayPast || error == OrderError::NotDeliveryDay ||
                             error == OrderError::SupplierHoliday || error == OrderError::CafeClosed ||
                             error == OrderError::AfterCutoff;
    if (!aboutTheDay) return words;
    return words + " " + (nextPossibleDay.empty() ? std::string(tr("orders.no_next_day"))
                                                  : trf("orders.next_day", {{"day", dayLabel(nextPossibleDay)}}));
}

std::string linesText(const services::orders::Order& order) {
    std::string text;
    for (const auto& line : order.lines) {
        if (!text.empty()) text += ", ";
        text += std::to_string(line.quantity) + " × " + line.itemName;
    }
    return text;
}

std::string cutoffText(const services::orders::Supplier& supplier) {
    const std::string time = i18n::spokenTime(supplier.cutoffTime);
    if (supplier.cutoffDaysBefore == 0) return trf("orders.cutoff.same_day", {{"time", time}});
    if (supplier.cutoffDaysBefore == 1) return trf("orders.cutoff.day_before", {{"time", time}});
    return trf("orders.cutoff.days_before", {{"time", time}, {"days", std::to_string(supplier.cutoffDaysBefore)}});
}

}  // namespace orders_ui

void registerOrdersScreens(app::ScreenRegistry& registry) {
    registerOrdersOrderScreen(registry);
    registerOrdersDayScreen(registry);
    registerOrdersSuppliersScreen(registry);
    registry.addHomeTile({"home.tile.orders", ui::symbols::kOrders, "orders.tile", "orders.tile.subtitle",
                          ui::colors::kOrders, kOrdersOrderScreen});
    registry.addStaffTool({"staff.home.orders", "staff.home.orders", kOrdersDayScreen, &isCafeStaff, true});
}

}  // namespace vk::screens
