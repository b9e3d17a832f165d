#pragma once
#include "kiosk/app/app_state.h"
#include "kiosk/services/kiosk_config.h"

namespace vk::app {

// Where the kiosk is now, and how long it lets a person stay away before it resets: the staff timeout
// in staff mode, the public one elsewhere.
std::int64_t idleTimeoutMs(const AppState& state, const services::KioskConfig& config);

}  // namespace vk::app
