#pragma once
// What the screens may call. Screens read state and call these; they hold no SQL and no device bytes.

#include "hardware/reader_events.h"
#include "hardware/receipt.h"
#include "kiosk/services/clock.h"
#include "kiosk/services/health/rota_service.h"
#include "kiosk/services/kiosk_config.h"
#include "kiosk/services/kiosk_runtime.h"
#include "kiosk/services/staff_service.h"
#include "kiosk/services/village_info_service.h"

namespace vk::app {

struct KioskServices {
    const services::KioskConfig& config;
    const services::Clock& clock;
    services::StaffService& staff;
    services::VillageInfoService& villageInfo;
    services::health::RotaService& rota;
    services::health::AppointmentBook& appointments;
    services::health::CheckIn& checkIn;
    services::health::WaitingRoom& waitingRoom;
    hardware::ReceiptPrinter& printer;
    // The device panel's view of the hardware; null parts are not configured.
    const hardware::PrinterDevice* printerDevice;
    const hardware::EvdevReader* keyboardReader;
    const hardware::PcscReader* nfcReader;
    hardware::ReaderEventQueue& readers;
};

inline KioskServices servicesOf(services::KioskRuntime& runtime) {
    return {runtime.config,       runtime.clock,   runtime.staff,       runtime.villageInfo, runtime.rota,
            runtime.appointments, runtime.checkIn, runtime.waitingRoom, *runtime.printer,    runtime.printerDevice,
            runtime.keyboardReader.get(), runtime.nfcReader.get(), runtime.readers};
}

}  // namespace vk::app
