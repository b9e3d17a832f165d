#pragma once
// What the screens may call. Screens read state and call these; they hold no SQL and no device bytes.

#include "hardware/reader_events.h"
#include "kiosk/services/clock.h"
#include "kiosk/services/kiosk_config.h"
#include "kiosk/services/staff_service.h"
#include "kiosk/services/village_info_service.h"

namespace vk::app {

struct KioskServices {
    const services::KioskConfig& config;
    const services::Clock& clock;
    services::StaffService& staff;
    services::VillageInfoService& villageInfo;
    hardware::ReaderEventQueue& readers;
};

}  // namespace vk::app
