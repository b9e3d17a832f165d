#pragma once
// The service-exchange board's screens: the public board, a post's page, posting at the kiosk, and the café
// manager's moderation queue and members.

#include "kiosk/app/screen_registry.h"

namespace vk::screens {

inline constexpr app::ScreenId kBoardScreen{"board"};
inline constexpr app::ScreenId kBoardPostScreen{"board-post"};
inline constexpr app::ScreenId kBoardNewPostScreen{"board-new-post"};
inline constexpr app::ScreenId kBoardModerationScreen{"board-moderation"};
inline constexpr app::ScreenId kBoardMembersScreen{"board-members"};

void registerBoardScreens(app::ScreenRegistry& registry);

}  // namespace vk::screens
