#include "kiosk/screens/meals/meals_screens.h"

#include "kiosk/i18n/translations.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/services/health/local_days.h"

#include <string>

namespace vk::screens {

using i18n::tr;
using i18n::trf;

void registerMealsDayScreen(app::ScreenRegistry& registry);
void registerMealsRegisterScreen(app::ScreenRegistry& registry);
void registerMealsCountScreen(app::ScreenRegistry& registry);

namespace meals_ui {

services::meals::MealsServices& mealsOf(app::KioskServices& services) {
    return services.area<services::meals::MealsServices>();
}

bool mayManage(const std::optional<services::StaffSession>& staff) {
    return staff && services::meals::SeniorMeals::mayManage(&*staff);
}

std::string dayLabel(const std::string& day) {
    if (!services::health::isValidDay(day)) return day;
    return trf("meals.day_label", {{"day", std::to_string(std::stoi(day.substr(8, 2)))},
                                   {"month", tr("date.month." + std::to_string(std::stoi(day.substr(5, 2))))},
                                   {"year", day.substr(0, 4)}});
}

std::string weekdayLabel(const std::string& day) {
    if (!services::health::isValidDay(day)) return day;
    // date.weekday.N counts from Sunday, weekdayIndex from Monday.
    const int weekday = (services::health::weekdayIndex(day) + 1) % 7;
    return trf("meals.weekday_label", {{"weekday", tr("date.weekday." + std::to_string(weekday))},
                                       {"date", dayLabel(day)}});
}

std::string weekdaysLabel(int weekdays) {
    if (weekdays == services::meals::kEveryDay) return tr("meals.days.every_day");
    std::string text;
    for (int i = 0; i < 7; ++i)
        if (weekdays & (1 << i)) text += (text.empty() ? "" : ", ") + std::string(tr("meals.days.short." + std::to_string(i)));
    return text;
}

std::string modeLabel(services::meals::MealMode mode) {
    return tr(mode == services::meals::MealMode::Home ? "meals.mode.home" : "meals.mode.cafe");
}

std::string refusalText(services::meals::MealError error) { return tr(services::meals::errorKey(error)); }

}  // namespace meals_ui

void registerMealsScreens(app::ScreenRegistry& registry) {
    registerMealsDayScreen(registry);
    registerMealsRegisterScreen(registry);
    registerMealsCountScreen(registry);
    // One tool on the café manager's staff home, which is full already: the register, whose buttons open the day's
    // meals and the count per funder (and whose back they return to). As the agenda's, not on the admin's home; an
    // admin opens the screens all the same (allowed() takes the café manager or an admin).
    registry.addStaffTool({"staff.home.meals", "staff.home.meals", kMealsRegisterScreen,
                           [](services::StaffRole role) { return role == services::StaffRole::CafeManager; }, false});
}

}  // namespace vk::screens
