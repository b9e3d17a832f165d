#include "kiosk/screens/board/board_screens.h"

#include "kiosk/screens/board/post_screen.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/ui/widgets.h"

namespace vk::screens {

void registerPublicBoardScreen(app::ScreenRegistry& registry);
void registerNewPostScreen(app::ScreenRegistry& registry);
void registerModerationScreen(app::ScreenRegistry& registry);
void registerMembersScreen(app::ScreenRegistry& registry);

void registerBoardScreens(app::ScreenRegistry& registry) {
    registerPublicBoardScreen(registry);
    registry.add<BoardPostScreen>(kBoardPostScreen);
    registerNewPostScreen(registry);
    registerModerationScreen(registry);
    registerMembersScreen(registry);
    registry.addHomeTile({"home.tile.board", ui::symbols::kBoard, "home.tile.board", "home.tile.board.subtitle",
                          ui::colors::kBoard, kBoardScreen});
    registry.addStaffTool({"staff.home.board_moderation", "staff.home.board_moderation", kBoardModerationScreen,
                           &isCafeStaff, true});
    registry.addStaffTool({"staff.home.board_members", "staff.home.board_members", kBoardMembersScreen, &isCafeStaff});
}

}  // namespace vk::screens
