#pragma once
// Everything the kiosk runs on, put together once from the configuration: the core (database, clock, staff,
// printer and readers) and then each area's services (kiosk/services/areas.cpp). The window, the command
// line, the tests and the benchmark all start here.

#include "hardware/evdev_reader.h"
#include "hardware/pcsc_reader.h"
#include "hardware/print_queue.h"
#include "hardware/reader_events.h"
#include "hardware/receipt.h"
#include "hardware/wake_relay.h"
#include "kiosk/services/area.h"
#include "kiosk/services/clock.h"
#include "kiosk/services/kiosk_config.h"
#include "kiosk/services/retention_job.h"
#include "kiosk/services/staff_notices.h"
#include "kiosk/services/staff_service.h"
#include "storage/database.h"

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <typeinfo>
#include <vector>

namespace vk::services {

struct RuntimeOptions {
    bool inMemoryDatabase = false;
    PinHasher::Strength pinStrength = PinHasher::Strength::Interactive;
    const Clock* clock = nullptr;  // null: the system clock
    // Start the printer's and the readers' threads (the kiosk itself); the command line and tests do without.
    bool startDevices = false;
    // Fill an empty database with the invented demo village (its staff PINs are published in the README).
    // Only `./setup.sh run` and tests ask for it; an installed kiosk and the command line never do.
    bool seedDemoData = false;
};

class KioskRuntime {
public:
    // Opens (and migrates) the database, sets the devices up, then makes each area's services.
    // Throws storage::StorageError with a message for the technician.
    explicit KioskRuntime(KioskConfig config, RuntimeOptions options = {});
    // Stops every worker thread (areas' feeds, readers, printer) before anything they call is destroyed.
    ~KioskRuntime();
    KioskRuntime(const KioskRuntime&) = delete;
    KioskRuntime& operator=(const KioskRuntime&) = delete;

    // One area's services; an area that is not registered is a programming error.
    template <class Services>
    Services& area() {
        if (Services* found = findArea<Services>()) return *found;
        throw std::logic_error(std::string("no area provides ") + typeid(Services).name());
    }
    template <class Services>
    Services* findArea() {
        for (const auto& services : areas_)
            if (auto* found = dynamic_cast<Services*>(services.get())) return found;
        return nullptr;
    }

    // Starts the areas' worker threads; `wake` may be called from any thread to wake the loop.
    void startBackgroundWork(const std::function<void()>& wake);
    // The areas' background work, on the loop's thread. Returns true when a screen should be drawn again.
    bool pollAreas(std::int64_t nowMs);
    std::int64_t nextAreaDueMs() const;
    // Stops the areas' workers and the readers (the print queue stops with the runtime). Safe to call twice.
    void stop();

private:
    void startDevices();
    void usePreviewPrinter(bool writePictures);

public:
    KioskConfig config;
    SystemClock systemClock;
    const Clock& clock;
    storage::Database database;
    StaffService staff;
    StaffNotices staffNotices;
    // Declared before the devices, which post into them from their threads, so that they outlive them.
    hardware::ReaderEventQueue readers;
    // Device threads call this when something the screens show changed; the window sets it to wake its loop.
    hardware::WakeRelay devicesChanged;
    // The receipt printer: a PrinterDevice when one is configured and the devices run, else a preview printer.
    std::unique_ptr<hardware::ReceiptPrinter> printer;
    hardware::PrinterDevice* printerDevice = nullptr;
    hardware::PreviewPrinter* previewPrinter = nullptr;
    std::unique_ptr<hardware::EvdevReader> keyboardReader;
    std::unique_ptr<hardware::PcscReader> nfcReader;
    // What went wrong setting the devices up, for the technician (stderr and the home screen's notice band).
    std::vector<std::string> deviceProblems;
    RetentionJob retention;
    bool seededDemoData = false;

private:
    std::vector<std::unique_ptr<AreaServices>> areas_;
};

}  // namespace vk::services
