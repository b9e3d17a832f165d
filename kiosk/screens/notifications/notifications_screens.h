#pragma once
// The notifications' staff screen « Messages »: what was sent to residents, what waits and why.

#include "kiosk/app/screen_registry.h"

namespace vk::screens {

inline constexpr app::ScreenId kOutboxMessagesScreen{"notifications-messages"};

void registerNotificationsScreens(app::ScreenRegistry& registry);

}  // namespace vk::screens
