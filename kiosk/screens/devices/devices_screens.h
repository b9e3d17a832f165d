#pragma once
// The device panel: the printer's state and queue, a test receipt with its picture, the readers.

#include "kiosk/app/screen_registry.h"

namespace vk::screens {

inline constexpr app::ScreenId kDevicePanelScreen{"devices-panel"};

void registerDevicesScreens(app::ScreenRegistry& registry);

}  // namespace vk::screens
