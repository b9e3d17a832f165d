#include "kiosk/services/area.h"

#include "kiosk/services/board/board_area.h"
#include "kiosk/services/devices/devices_area.h"
#include "kiosk/services/health/health_area.h"
#include "kiosk/services/info/info_area.h"
#include "kiosk/services/notifications/notifications_area.h"
#include "kiosk/services/parcels/parcels_area.h"
#include "kiosk/services/postal/postal_area.h"
#include "kiosk/services/staff/staff_area.h"
#include "kiosk/services/timebank/timebank_area.h"
#include "kiosk/services/orders/orders_area.h"
#include "kiosk/services/agenda/agenda_area.h"
#include "kiosk/services/shifts/shifts_area.h"
#include "kiosk/services/impact/impact_area.h"
#include "kiosk/services/meals/meals_area.h"
#include "kiosk/services/sync/sync_area.h"

namespace vk::services {

// One line per area. The screens' half of each area registers in kiosk/app/areas.cpp.
const std::vector<AreaDefinition>& domainAreas() {
    static const std::vector<AreaDefinition> areas{
        staffArea(),
        devicesArea(),
        villageInfoArea(),
        health::healthArea(),
        notifications::notificationsArea(),
        parcels::parcelsArea(),
        postal::postalArea(),
        board::boardArea(),
        timebank::timeBankArea(),
        orders::ordersArea(),
        agenda::agendaArea(),
        shifts::shiftsArea(),
        impact::impactArea(),
        meals::mealsArea(),
        sync::syncArea(),
    };
    return areas;
}

}  // namespace vk::services
