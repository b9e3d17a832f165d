#pragma once
// What the screens may call: the core services and, through area<>(), each area's own. Screens read state
// and call these; they hold no SQL and no device bytes.

#include "hardware/reader_events.h"
#include "hardware/receipt.h"
#include "kiosk/services/clock.h"
#include "kiosk/services/kiosk_config.h"
#include "kiosk/services/kiosk_runtime.h"
#include "kiosk/services/staff_service.h"

namespace vk::app {

struct KioskServices {
    explicit KioskServices(services::KioskRuntime& runtime)
        : config(runtime.config),
          clock(runtime.clock),
          staff(runtime.staff),
          staffNotices(runtime.staffNotices),
          printer(*runtime.printer),
          printerDevice(runtime.printerDevice),
          keyboardReader(runtime.keyboardReader.get()),
          nfcReader(runtime.nfcReader.get()),
          readers(runtime.readers),
          runtime_(runtime) {}

    template <class Services>
    Services& area() {
        return runtime_.area<Services>();
    }

    const services::KioskConfig& config;
    const services::Clock& clock;
    services::StaffService& staff;
    services::StaffNotices& staffNotices;
    hardware::ReceiptPrinter& printer;
    // The device panel's view of the hardware; null parts are not configured.
    const hardware::PrinterDevice* printerDevice;
    const hardware::EvdevReader* keyboardReader;
    const hardware::PcscReader* nfcReader;
    hardware::ReaderEventQueue& readers;

private:
    services::KioskRuntime& runtime_;
};

}  // namespace vk::app
