#include "kiosk/app/navigation.h"

#include "kiosk/i18n/translations.h"
#include "kiosk/services/health/local_days.h"

namespace vk::app {

void openScreen(AppState& state, KioskServices& services, ScreenId screen) {
    state.screen = screen;
    switch (screen) {
    case ScreenId::VillageInfo: state.villageInfo = services.villageInfo.entries(); break;
    case ScreenId::StaffSignIn:
        state.signIn = {};
        state.signIn.accounts = services.staff.accounts();
        break;
    case ScreenId::StaffAccounts:
        state.accounts = {};
        state.accounts.accounts = services.staff.accounts();
        break;
    case ScreenId::StaffAudit: state.audit = services.staff.recentAudit(200); break;
    case ScreenId::StaffHome: state.staffNotices = services.rota.openNotices(); break;
    case ScreenId::Health: state.health.loadedMinute = -1; break;
    case ScreenId::HealthCheckIn: state.checkIn = {}; break;
    case ScreenId::StaffDevices: state.devices = {}; break;
    case ScreenId::StaffWaitingRoom:
    case ScreenId::HealthCalling: state.waitingRoom = {}; break;
    case ScreenId::StaffRota:
        state.rotaEdit = {};
        state.rotaEdit.monday = services::health::displayedWeekMonday(services::health::localDay(services.clock.nowMs()));
        state.rotaEdit.week = services.rota.weeks(state.rotaEdit.monday, 1);
        break;
    default: break;
    }
}

void returnHome(AppState& state, KioskServices& services, const char* reason) {
    if (state.staff) services.staff.signOut(*state.staff, reason);
    AppState fresh;
    fresh.notices = std::move(state.notices);
    fresh.outOfOrder = std::move(state.outOfOrder);
    state = std::move(fresh);
    if (i18n::currentLanguage() != services.config.language && !i18n::setLanguage(services.config.language))
        i18n::setLanguage("fr");
}

bool isAtRest(const AppState& state) {
    return state.screen == ScreenId::Home && !state.staff && !state.visitorChoseOtherLanguage;
}

std::int64_t idleTimeoutMs(const AppState& state, const services::KioskConfig& config) {
    const int seconds = state.staff ? config.staffIdleTimeoutSeconds : config.idleTimeoutSeconds;
    return static_cast<std::int64_t>(seconds) * 1000;
}

}  // namespace vk::app
