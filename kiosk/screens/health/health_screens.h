#pragma once
// The health centre's screens: the public rota and check-in, the assistant's waiting room and rota editor,
// the day's appointments (edit, cancel) and the waiting list, and the calling screen for the waiting room.

#include "kiosk/app/screen_registry.h"

namespace vk::screens {

inline constexpr app::ScreenId kHealthScreen{"health-rota"};
inline constexpr app::ScreenId kCheckInScreen{"health-check-in"};
inline constexpr app::ScreenId kWaitingRoomScreen{"health-waiting-room"};
inline constexpr app::ScreenId kCallingScreen{"health-calling"};
inline constexpr app::ScreenId kRotaEditorScreen{"health-rota-editor"};
inline constexpr app::ScreenId kAppointmentDeskScreen{"health-appointments"};
inline constexpr app::ScreenId kWaitingListScreen{"health-waiting-list"};

void registerHealthScreens(app::ScreenRegistry& registry);

}  // namespace vk::screens
