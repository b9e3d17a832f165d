#include "kiosk/services/kiosk_runtime.h"

#include "hardware/escpos/printer_profiles.h"
#include "hardware/escpos/receipt_encoder.h"
#include "hardware/printer_address.h"
#include "kiosk/services/demo_data.h"
#include "kiosk/services/devices/device_settings.h"
#include "kiosk/services/impact/impact_area.h"
#include "kiosk/services/staff/staff_settings.h"

#include <algorithm>

namespace vk::services {
namespace {

PinPolicy pinPolicy(const KioskConfig& config) {
    const StaffSettings& settings = config.areas.get<StaffSettings>();
    return PinPolicy{settings.pinAttemptsBeforeLockout, settings.pinLockoutMinutes, settings.adminPinDigits};
}

}  // namespace

KioskRuntime::KioskRuntime(KioskConfig configuration, RuntimeOptions options)
    : config(std::move(configuration)),
      clock(options.clock ? *options.clock : systemClock),
      database(options.inMemoryDatabase ? storage::Database::openInMemory()
                                        : storage::Database::open(config.databaseFile())),
      staff(database, clock, PinHasher(options.pinStrength), pinPolicy(config)),
      staffNotices(database, clock, staff),
      retention(database, staff, clock, retentionPeriods(config)) {
    if (options.startDevices && !options.inMemoryDatabase)
        startDevices();
    else
        usePreviewPrinter(!options.inMemoryDatabase);
    const AreaContext context{config, clock, database, staff, *printer};
    for (const AreaDefinition& area : domainAreas())
        if (area.makeServices) areas_.push_back(area.makeServices(context));
    if (options.seedDemoData) {
        seededDemoData = seedDemoDataIfEmpty(database, staff, clock);
        area<impact::ImpactServices>().useDistancesIfNoneConfigured(demoDistancesKm());
    }
}

KioskRuntime::~KioskRuntime() {
    stop();
    // The areas' services hold the printer by reference: they go first, then the print queue's thread.
    areas_.clear();
    printerDevice = nullptr;
    previewPrinter = nullptr;
    printer.reset();
}

void KioskRuntime::stop() {
    for (const auto& services : areas_) services->stop();
    nfcReader.reset();
    keyboardReader.reset();
    readers.setWakeCallback({});
    devicesChanged.set({});
}

void KioskRuntime::startBackgroundWork(const std::function<void()>& wake) {
    readers.setWakeCallback(wake);
    devicesChanged.set(wake);
    for (const auto& services : areas_) services->startBackgroundWork(wake);
}

bool KioskRuntime::pollAreas(std::int64_t nowMs) {
    // A database file swapped under the running kiosk says so here, within a poll, even with nobody tapping.
    database.checkStillItsFile();
    bool changed = false;
    for (const auto& services : areas_) changed = services->poll(nowMs) || changed;
    return changed;
}

std::int64_t KioskRuntime::nextAreaDueMs() const {
    std::int64_t next = AreaServices::kNever;
    for (const auto& services : areas_) next = std::min(next, services->nextDueMs());
    return next;
}

void KioskRuntime::usePreviewPrinter(bool writePictures) {
    // In development the receipts become pictures next to the database: the "virtual printer".
    const auto folder = writePictures ? config.databaseFile().parent_path() / "receipt-previews" : std::filesystem::path();
    auto preview = std::make_unique<hardware::PreviewPrinter>(folder, config.areas.get<DeviceSettings>().printerProfile);
    previewPrinter = preview.get();
    printer = std::move(preview);
}

void KioskRuntime::startDevices() {
    const DeviceSettings& devices = config.areas.get<DeviceSettings>();
    if (devices.printerUri.empty()) {
        usePreviewPrinter(true);
    } else {
        hardware::PrinterAddress address = hardware::openPrinterAddress(devices.printerUri);
        const hardware::escpos::PrinterProfile* profile = hardware::escpos::findPrinterProfile(devices.printerProfile);
        if (!address.transport || !profile) {
            deviceProblems.push_back(address.error.empty() ? "unknown printer profile " + devices.printerProfile : address.error);
            usePreviewPrinter(true);
        } else {
            hardware::PrinterDeviceOptions deviceOptions;
            deviceOptions.statusPolicy = address.statusPolicy;
            auto device = std::make_unique<hardware::PrinterDevice>(
                config.databaseFile(),
                [profile = *profile](const hardware::Receipt& receipt) { return hardware::escpos::encode(receipt, profile); },
                std::move(address.transport), deviceOptions, [this] { devicesChanged(); });
            printerDevice = device.get();
            printer = std::move(device);
        }
    }
    if (!devices.readerDevice.empty()) {
        hardware::EvdevReaderOptions readerOptions;
        readerOptions.devicePath = devices.readerDevice;
        readerOptions.decoder.role = devices.readerRole == "barcode" ? hardware::ScanRole::Barcode
                                     : devices.readerRole == "card"  ? hardware::ScanRole::Card
                                                                     : hardware::ScanRole::Auto;
        keyboardReader = std::make_unique<hardware::EvdevReader>(readers, readerOptions);
    }
    if (devices.nfc) {
        hardware::PcscReaderOptions nfcOptions;
        nfcOptions.readerNameFilter = devices.nfcReaderFilter;
        nfcReader = std::make_unique<hardware::PcscReader>(readers, nfcOptions);
    }
}

}  // namespace vk::services
