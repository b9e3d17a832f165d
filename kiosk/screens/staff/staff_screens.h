#pragma once
// Staff mode's screens: sign-in (by name or staff card, then the PIN), the staff home with the tools the
// areas bring, accounts and the activity log.

#include "kiosk/app/screen_registry.h"

namespace vk::screens {

inline constexpr app::ScreenId kStaffSignInScreen{"staff-sign-in"};
inline constexpr app::ScreenId kStaffHomeScreen{"staff-home"};
inline constexpr app::ScreenId kStaffAccountsScreen{"staff-accounts"};
inline constexpr app::ScreenId kStaffAuditScreen{"staff-audit"};

void registerStaffScreens(app::ScreenRegistry& registry);

// Who may use a staff tool.
bool isAdmin(services::StaffRole role);
bool isHealthStaff(services::StaffRole role);  // the medical assistant, or an admin
bool isCafeStaff(services::StaffRole role);    // the café manager, or an admin

}  // namespace vk::screens
