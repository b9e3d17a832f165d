#pragma once
// The shell's own screens: home (its tiles come from the areas), the out-of-order screen, and the « bientôt
// disponible » screens of the areas still to come.

#include "kiosk/app/screen_registry.h"

#include <cstdint>
#include <string>

namespace vk::screens {

inline constexpr app::ScreenId kParcelsComingSoon{"parcels-coming-soon"};

void registerShellScreens(app::ScreenRegistry& registry);
// The relay point, until its area lands: a tile each and a screen that says so plainly.
void registerComingSoonScreens(app::ScreenRegistry& registry);

// Shown instead of everything else when the kiosk cannot work. `retry` (with a context) adds a « Réessayer »
// button; without one (no database at all) only a restart helps.
void drawOutOfOrderScreen(const std::string& reason, std::int64_t nowMs, app::ScreenContext* retry);

}  // namespace vk::screens
