#pragma once
// The grocery's volunteer shifts on screen (docs/shifts.md): the members' week (home tile « Créneaux »), where a
// member identified by card or name and PIN signs up, gives a place back, offers it for swap or takes one offered;
// and the coordinator's screen: publish a shift, the week with who is on it, absences, who is short of their hours
// this month, hours per month and per year.

#include "kiosk/app/kiosk_services.h"
#include "kiosk/app/screen_registry.h"
#include "kiosk/services/shifts/shifts_area.h"

#include <string>

namespace vk::screens {

inline constexpr app::ScreenId kShiftsWeekScreen{"shifts-week"};
inline constexpr app::ScreenId kShiftsCoordinatorScreen{"shifts-coordinator"};

void registerShiftsScreens(app::ScreenRegistry& registry);

namespace shifts_ui {

services::shifts::ShiftsServices& shiftsOf(app::KioskServices& services);
// "jeudi 3 décembre"
std::string dayLabel(const std::string& day);
// "Ouverture"
std::string kindLabel(const services::shifts::Shift& shift);
// "jeudi 3 décembre, 9 h – 11 h"
std::string whenLabel(const services::shifts::Shift& shift);
// "2 places libres", "complet", "1 place à reprendre": never a name.
std::string placesLabel(const services::shifts::Shift& shift, bool started);
// "2 h 30", "45 min"
std::string hoursLabel(int minutes);
std::string refusalText(services::shifts::ShiftError error);
// The Monday of this week, in the kiosk's local time.
std::string thisMonday(app::KioskServices& services);

}  // namespace shifts_ui

}  // namespace vk::screens
