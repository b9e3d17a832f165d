#include "kiosk/screens/health/health_screens.h"

#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/screens/health/check_in_screen.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/services/health/health_area.h"
#include "kiosk/ui/widgets.h"

namespace vk::screens {

void registerHealthRotaScreen(app::ScreenRegistry& registry);
void registerWaitingRoomScreens(app::ScreenRegistry& registry);
void registerRotaEditorScreen(app::ScreenRegistry& registry);
void registerAppointmentDeskScreens(app::ScreenRegistry& registry);

void registerHealthScreens(app::ScreenRegistry& registry) {
    registerHealthRotaScreen(registry);
    registry.add<CheckInScreen>(kCheckInScreen);
    registerWaitingRoomScreens(registry);
    registerRotaEditorScreen(registry);
    registerAppointmentDeskScreens(registry);
    registry.addHomeTile({"home.tile.health", ui::symbols::kHealth, "home.tile.health", "home.tile.health.subtitle",
                          ui::colors::kHealth, kHealthScreen});
    registry.addStaffTool({"staff.home.waiting_room", "staff.home.waiting_room", kWaitingRoomScreen, &isHealthStaff, true});
    registry.addStaffTool({"staff.home.rota", "staff.home.rota", kRotaEditorScreen, &isHealthStaff});
    registry.addStaffTool({"staff.home.appointments", "staff.home.appointments", kAppointmentDeskScreen, &isHealthStaff});
    // The waiting list is reached from the appointments screen, where a cancellation sends her to it.
    // On the health screens a card that is not a staff card is a patient's: it checks them in.
    registry.addReadHandler([](app::ScreenContext& context, const hardware::ReaderEvent& event) {
        if (event.kind != hardware::ReadKind::CardUid) return false;
        if (context.state.screen != kHealthScreen && context.state.screen != kCheckInScreen) return false;
        if (context.services.staff.accountForCard(event.value)) return false;
        if (context.state.screen != kCheckInScreen) context.open(kCheckInScreen);
        context.later([card = event.value](app::ScreenContext& later) {
            auto* checkIn = later.screen<CheckInScreen>(kCheckInScreen);
            if (checkIn)
                checkIn->showResult(later.services, later.services.area<services::health::HealthServices>().checkIn.byCard(card),
                                    true);
        });
        return true;
    });
}

}  // namespace vk::screens
