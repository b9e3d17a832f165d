#include "kiosk/services/devices/devices_area.h"

#include "hardware/escpos/printer_profiles.h"

namespace vk::services {
namespace {

void readDeviceSettings(SettingsReader& reader, AreaSettings& areas) {
    DeviceSettings& settings = areas.get<DeviceSettings>();
    reader.text("printer", settings.printerUri, 300);
    std::vector<std::string> profiles;
    for (const auto& profile : hardware::escpos::printerProfiles()) profiles.emplace_back(profile.name);
    reader.choice("printer_profile", settings.printerProfile, profiles);
    reader.text("reader", settings.readerDevice, 300);
    reader.choice("reader_role", settings.readerRole, {"auto", "barcode", "card"});
    reader.boolean("nfc", settings.nfc);
    reader.text("nfc_reader_filter", settings.nfcReaderFilter, 100);
}

}  // namespace

AreaDefinition devicesArea() {
    return {"devices", "devices", &readDeviceSettings, {{"print_jobs_days", 7}}, nullptr};
}

}  // namespace vk::services
