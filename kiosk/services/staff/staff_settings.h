#pragma once
// The [staff] section of kiosk.toml (docs/configuration.md).

namespace vk::services {

struct StaffSettings {
    int idleTimeoutSeconds = 180;  // staff mode ends after this long untouched
    int pinAttemptsBeforeLockout = 5;
    int pinLockoutMinutes = 5;
};

}  // namespace vk::services
