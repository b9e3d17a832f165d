#pragma once
// Everything the kiosk runs on, put together once from the configuration: the database, the clock, the
// services and the reader mailbox. The window, the command line, the tests and the benchmark all start here.

#include "hardware/reader_events.h"
#include "kiosk/services/clock.h"
#include "kiosk/services/health/appointment_book.h"
#include "kiosk/services/health/check_in.h"
#include "kiosk/services/health/rota_service.h"
#include "kiosk/services/health/waiting_room.h"
#include "hardware/receipt.h"
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
};

class KioskRuntime {
public:
    // Opens (and migrates) the database and seeds the demo village if the configuration asks for it.
    // Throws storage::StorageError with a message for the technician.
    explicit KioskRuntime(KioskConfig config, RuntimeOptions options = {});

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
    // Receipts go to a preview until the printer layer lands; the hardware issue swaps in the real printer.
    std::unique_ptr<hardware::ReceiptPrinter> printer = std::make_unique<hardware::PreviewPrinter>();
    RetentionJob retention;
    hardware::ReaderEventQueue readers;
    bool seededDemoData = false;
};

}  // namespace vk::services
