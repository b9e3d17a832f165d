#include "kiosk/app/navigation.h"

#include "kiosk/services/staff/staff_settings.h"

namespace vk::app {

std::int64_t idleTimeoutMs(const AppState& state, const services::KioskConfig& config) {
    const int seconds =
        state.staff ? config.areas.get<services::StaffSettings>().idleTimeoutSeconds : config.idleTimeoutSeconds;
    return static_cast<std::int64_t>(seconds) * 1000;
}

}  // namespace vk::app
