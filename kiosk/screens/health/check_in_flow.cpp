#include "kiosk/screens/health/check_in_flow.h"

#include "kiosk/app/navigation.h"
#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"

namespace vk::screens {

void showCheckInResult(AppState& state, KioskServices& services, const services::health::CheckInResult& result) {
    if (state.screen != app::ScreenId::HealthCheckIn) app::openScreen(state, services, app::ScreenId::HealthCheckIn);
    state.checkIn.step = app::CheckInForm::Step::Result;
    state.checkIn.result = result;
    if (result.outcome != services::health::CheckInOutcome::CheckedIn || !result.view) return;
    // The paper ticket carries the number and the time only: it may be left on a chair.
    hardware::Receipt ticket;
    ticket.kind = "queue_ticket";
    ticket.lines = {
        {services.config.villageName, false, true, true},
        {i18n::tr("check_in.ticket.health_centre"), false, false, true},
        {i18n::tr("check_in.your_number"), false, false, true},
        {result.view->ticket, true, true, true},
        {i18n::trf("check_in.ticket.appointment", {{"time", result.view->time}}), false, false, true},
        {i18n::longDate(services.clock.nowMs()), false, false, true},
        {i18n::tr("check_in.sit_down"), false, false, true},
    };
    services.printer.submit(ticket);
}

}  // namespace vk::screens
