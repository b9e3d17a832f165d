#pragma once
// The agenda's screens: the public week view with an event's page and the sign-up (home tile « Agenda »), and the
// café manager's events: create, edit, cancel, the list of who signed up, present or waiting.

#include "kiosk/app/kiosk_services.h"
#include "kiosk/app/screen_registry.h"
#include "kiosk/services/agenda/agenda_area.h"

#include <string>

namespace vk::screens {

inline constexpr app::ScreenId kAgendaWeekScreen{"agenda-week"};
inline constexpr app::ScreenId kAgendaEventsScreen{"agenda-events"};

void registerAgendaScreens(app::ScreenRegistry& registry);

namespace agenda_ui {

services::agenda::AgendaServices& agendaOf(app::KioskServices& services);
// "jeudi 3 décembre"
std::string dayLabel(const std::string& day);
// "jeu. 3 déc." is not used: residents read whole words. "jeudi 3 décembre, 14 h 30 – 16 h"
std::string whenLabel(const services::agenda::AgendaEvent& event);
// "5 places libres", "Complet : liste d'attente", "Annulé", "Entrée libre": never a name.
std::string placesLabel(const services::agenda::AgendaEvent& event, bool started);
std::string priceLabel(const services::agenda::AgendaEvent& event);
std::string refusalText(services::agenda::AgendaError error);

}  // namespace agenda_ui

}  // namespace vk::screens
