#pragma once
// « Infos pratiques »: the village's practical information.

#include "kiosk/app/screen_registry.h"

namespace vk::screens {

inline constexpr app::ScreenId kVillageInfoScreen{"info-village"};

void registerVillageInfoScreens(app::ScreenRegistry& registry);

}  // namespace vk::screens
