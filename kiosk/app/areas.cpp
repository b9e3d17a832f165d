#include "kiosk/app/screen_registry.h"

#include "kiosk/screens/board/board_screens.h"
#include "kiosk/screens/devices/devices_screens.h"
#include "kiosk/screens/health/health_screens.h"
#include "kiosk/screens/info/info_screens.h"
#include "kiosk/screens/notifications/notifications_screens.h"
#include "kiosk/screens/parcels/parcels_screens.h"
#include "kiosk/screens/postal/postal_screens.h"
#include "kiosk/screens/shell/shell_screens.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/screens/sync/sync_screens.h"
#include "kiosk/screens/timebank/timebank_screens.h"
#include "kiosk/screens/orders/orders_screens.h"
#include "kiosk/screens/agenda/agenda_screens.h"
#include "kiosk/screens/impact/impact_screens.h"
#include "kiosk/screens/meals/meals_screens.h"
#include "kiosk/screens/shifts/shifts_screens.h"

namespace vk::app {

// One line per area, in the order of the home tiles and the staff tools. The domain half of each area
// registers in kiosk/services/areas.cpp.
const std::vector<UiArea>& uiAreas() {
    static const std::vector<UiArea> areas{
        {"shell", &screens::registerShellScreens},
        {"health", &screens::registerHealthScreens},
        {"parcels", &screens::registerParcelsScreens},
        {"postal", &screens::registerPostalScreens},
        {"board", &screens::registerBoardScreens},
        {"timebank", &screens::registerTimeBankScreens},
        {"orders", &screens::registerOrdersScreens},
        {"agenda", &screens::registerAgendaScreens},
        {"meals", &screens::registerMealsScreens},
        {"shifts", &screens::registerShiftsScreens},
        {"info", &screens::registerVillageInfoScreens},
        {"devices", &screens::registerDevicesScreens},
        {"notifications", &screens::registerNotificationsScreens},
        {"staff", &screens::registerStaffScreens},
        {"sync", &screens::registerSyncScreens},
        // Last: the report is read now and then, the tools above it every day.
        {"impact", &screens::registerImpactScreens},
    };
    return areas;
}

}  // namespace vk::app
