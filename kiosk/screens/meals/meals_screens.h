#pragma once
// The seniors' meals screens, for the café manager (and an admin): the register of recipients with its form, the
// day's list (print for the kitchen and the drivers, the drivers of the day, who was absent, the day confirmed
// served) and the month's count per funder. Never on the public screen: nothing here is allowed without staff.

#include "kiosk/app/kiosk_services.h"
#include "kiosk/app/screen_registry.h"
#include "kiosk/services/meals/meals_area.h"

#include <optional>
#include <string>

namespace vk::screens {

inline constexpr app::ScreenId kMealsDayScreen{"meals-day"};
inline constexpr app::ScreenId kMealsRegisterScreen{"meals-register"};
inline constexpr app::ScreenId kMealsCountScreen{"meals-count"};

void registerMealsScreens(app::ScreenRegistry& registry);

namespace meals_ui {

services::meals::MealsServices& mealsOf(app::KioskServices& services);
bool mayManage(const std::optional<services::StaffSession>& staff);
// "12 juin 2030": the day with its month in words, for forms and lists.
std::string dayLabel(const std::string& day);
// "mercredi 2 décembre 2026": the day screen's day.
std::string weekdayLabel(const std::string& day);
// "lun., mer., ven." or "tous les jours"
std::string weekdaysLabel(int weekdays);
std::string modeLabel(services::meals::MealMode mode);
std::string refusalText(services::meals::MealError error);

}  // namespace meals_ui

}  // namespace vk::screens
