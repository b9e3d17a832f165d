#include "kiosk/services/staff/staff_area.h"

namespace vk::services {
namespace {

void readStaffSettings(SettingsReader& reader, AreaSettings& areas) {
    StaffSettings& settings = areas.get<StaffSettings>();
    reader.integer("idle_timeout_seconds", settings.idleTimeoutSeconds, 15, 3600, "seconds");
    reader.integer("pin_attempts_before_lockout", settings.pinAttemptsBeforeLockout, 3, 20, "attempts");
    reader.integer("pin_lockout_minutes", settings.pinLockoutMinutes, 1, 1440, "minutes");
    reader.integer("admin_pin_digits", settings.adminPinDigits, 4, 8, "digits");
}

}  // namespace

AreaDefinition staffArea() {
    return {"staff",
            "staff",
            &readStaffSettings,
            {{"audit_log_days", 365}, {"removed_staff_days", 365}, {"staff_notices_days", 90}},
            nullptr};
}

}  // namespace vk::services
