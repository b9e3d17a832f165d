#pragma once
// The shell's own screens: home (its tiles come from the areas) and the out-of-order screen.

#include "kiosk/app/screen_registry.h"

#include <cstdint>
#include <string>

namespace vk::screens {

void registerShellScreens(app::ScreenRegistry& registry);

// Shown instead of everything else when the kiosk cannot work. `retry` (with a context) adds a « Réessayer »
// button; without one (no database at all) only a restart helps.
void drawOutOfOrderScreen(const std::string& reason, std::int64_t nowMs, app::ScreenContext* retry);

}  // namespace vk::screens
