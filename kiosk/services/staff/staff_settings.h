#pragma once
// The [staff] section of kiosk.toml (docs/configuration.md).

namespace vk::services {

struct StaffSettings {
    int idleTimeoutSeconds = 180;  // staff mode ends after this long untouched
    int pinAttemptsBeforeLockout = 5;
    int pinLockoutMinutes = 5;   // the first lock; later ones grow (docs/configuration.md)
    int adminPinDigits = 6;      // an admin's new PIN has at least this many digits
};

}  // namespace vk::services
