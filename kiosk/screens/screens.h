#pragma once
// One function per screen, each in its own file under kiosk/screens/<area>/. A screen draws from AppState
// and calls services; the next frame draws what the call changed.

#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"

namespace vk::screens {

using app::AppState;
using app::KioskServices;

void drawHomeScreen(AppState& state, KioskServices& services);
void drawComingSoonScreen(AppState& state, KioskServices& services);
void drawHealthScreen(AppState& state, KioskServices& services);
void drawCheckInScreen(AppState& state, KioskServices& services);
void drawCallingScreen(AppState& state, KioskServices& services);
void drawWaitingRoomScreen(AppState& state, KioskServices& services);
void drawStaffRotaScreen(AppState& state, KioskServices& services);
void drawStaffDevicesScreen(AppState& state, KioskServices& services);
void drawVillageInfoScreen(AppState& state, KioskServices& services);
void drawStaffSignInScreen(AppState& state, KioskServices& services);
void drawStaffHomeScreen(AppState& state, KioskServices& services);
void drawStaffAccountsScreen(AppState& state, KioskServices& services);
void drawStaffAuditScreen(AppState& state, KioskServices& services);
void drawOutOfOrderScreen(const AppState& state, std::int64_t nowMs);

}  // namespace vk::screens
