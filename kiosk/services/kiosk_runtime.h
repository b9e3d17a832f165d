#pragma once
// Everything the kiosk runs on, put together once from the configuration: the database, the clock, the
// services and the reader mailbox. The window, the command line, the tests and the benchmark all start here.

#include "hardware/reader_events.h"
#include "kiosk/services/clock.h"
#include "kiosk/services/health/appointment_book.h"
#include "kiosk/services/health/check_in.h"
#include "kiosk/services/health/rota_service.h"
#include "kiosk/services/health/waiting_room.h"
#include "hardware/evdev_reader.h"
#include "hardware/pcsc_reader.h"
#include "hardware/print_queue.h"
#include "hardware/receipt.h"
#include "hardware/wake_relay.h"
#include "kiosk/services/kiosk_config.h"
#include "kiosk/services/retention_job.h"
#include "kiosk/services/staff_service.h"
#include "kiosk/services/village_info_service.h"
#include "storage/database.h"

#include <memory>

namespace vk::services {

struct RuntimeOptions {
    bool inMemoryDatabase = false;
    PinHasher::Strength pinStrength = PinHasher::Strength::Interactive;
    const Clock* clock = nullptr;  // null: the system clock
    // Start the printer's and the readers' threads (the kiosk itself); the command line and tests do without.
    bool startDevices = false;
};

class KioskRuntime {
public:
    // Opens (and migrates) the database and seeds the demo village if the configuration asks for it.
    // Throws storage::StorageError with a message for the technician.
    explicit KioskRuntime(KioskConfig config, RuntimeOptions options = {});

private:
    void startDevices();
    void usePreviewPrinter(bool writePictures);

public:

    KioskConfig config;
    SystemClock systemClock;
    const Clock& clock;
    storage::Database database;
    StaffService staff;
    VillageInfoService villageInfo;
    health::RotaService rota;
    health::AppointmentBook appointments;
    health::CheckIn checkIn;
    health::WaitingRoom waitingRoom;
    // The receipt printer: a PrinterDevice when one is configured and the devices run, else a preview printer.
    std::unique_ptr<hardware::ReceiptPrinter> printer;
    hardware::PrinterDevice* printerDevice = nullptr;
    hardware::PreviewPrinter* previewPrinter = nullptr;
    std::unique_ptr<hardware::EvdevReader> keyboardReader;
    std::unique_ptr<hardware::PcscReader> nfcReader;
    // Device threads call this when something the screens show changed; the window sets it to wake its loop.
    hardware::WakeRelay devicesChanged;
    // What went wrong setting the devices up, for the technician (stderr and the home screen's notice band).
    std::vector<std::string> deviceProblems;
    RetentionJob retention;
    hardware::ReaderEventQueue readers;
    bool seededDemoData = false;
};

}  // namespace vk::services
