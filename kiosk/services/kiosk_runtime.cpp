#include "kiosk/services/kiosk_runtime.h"

#include "kiosk/services/demo_data.h"
#include "hardware/escpos/receipt_encoder.h"
#include "hardware/escpos/printer_profiles.h"
#include "hardware/printer_address.h"

namespace vk::services {
namespace {

health::RotaSettings rotaSettings(const KioskConfig& config) {
    health::RotaSettings settings;
    settings.timeZone = effectiveTimeZone(config);
    return settings;
}

health::CheckInPolicy checkInPolicy(const KioskConfig& config) {
    health::CheckInPolicy policy;
    policy.earlyMinutes = config.checkInEarlyMinutes;
    policy.lateMinutes = config.checkInLateMinutes;
    policy.ticketPrefix = config.ticketPrefix;
    policy.walkInPrefix = config.walkInTicketPrefix;
    return policy;
}

}  // namespace

KioskRuntime::KioskRuntime(KioskConfig configuration, RuntimeOptions options)
    : config(std::move(configuration)),
      clock(options.clock ? *options.clock : systemClock),
      database(options.inMemoryDatabase ? storage::Database::openInMemory()
                                        : storage::Database::open(config.databaseFile())),
      staff(database, clock, PinHasher(options.pinStrength),
            PinPolicy{config.pinAttemptsBeforeLockout, config.pinLockoutMinutes, config.adminPinDigits}),
      villageInfo(database),
      rota(database, clock, staff, rotaSettings(config)),
      appointments(database, clock, staff),
      checkIn(database, clock, staff, checkInPolicy(config)),
      waitingRoom(database, clock, staff, checkInPolicy(config)),
      retention(database, staff, clock, config.retentionDays) {
    if (config.demoData) seededDemoData = seedDemoDataIfEmpty(database, staff, clock);
    if (options.startDevices && !options.inMemoryDatabase)
        startDevices();
    else
        usePreviewPrinter(!options.inMemoryDatabase);
}

void KioskRuntime::usePreviewPrinter(bool writePictures) {
    // In development the receipts become pictures next to the database: the "virtual printer".
    const auto folder = writePictures ? config.databaseFile().parent_path() / "receipt-previews" : std::filesystem::path();
    auto preview = std::make_unique<hardware::PreviewPrinter>(folder, config.printerProfile);
    previewPrinter = preview.get();
    printer = std::move(preview);
}

void KioskRuntime::startDevices() {
    if (config.printerUri.empty()) {
        usePreviewPrinter(true);
    } else {
        hardware::PrinterAddress address = hardware::openPrinterAddress(config.printerUri);
        const hardware::escpos::PrinterProfile* profile = hardware::escpos::findPrinterProfile(config.printerProfile);
        if (!address.transport || !profile) {
            deviceProblems.push_back(address.error.empty() ? "unknown printer profile " + config.printerProfile : address.error);
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
    if (!config.readerDevice.empty()) {
        hardware::EvdevReaderOptions readerOptions;
        readerOptions.devicePath = config.readerDevice;
        readerOptions.decoder.role = config.readerRole == "barcode" ? hardware::ScanRole::Barcode
                                     : config.readerRole == "card"  ? hardware::ScanRole::Card
                                                                    : hardware::ScanRole::Auto;
        keyboardReader = std::make_unique<hardware::EvdevReader>(readers, readerOptions);
    }
    if (config.nfc) {
        hardware::PcscReaderOptions nfcOptions;
        nfcOptions.readerNameFilter = config.nfcReaderFilter;
        nfcReader = std::make_unique<hardware::PcscReader>(readers, nfcOptions);
    }
}

}  // namespace vk::services
