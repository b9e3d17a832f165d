#pragma once
// The time bank's screens, for the café manager at the counter: recording an exchange between two members who are
// both there, and a member's balance and monthly statement.

#include "kiosk/app/screen_registry.h"

namespace vk::screens {

inline constexpr app::ScreenId kTimeBankExchangeScreen{"timebank-exchange"};
inline constexpr app::ScreenId kTimeBankBalanceScreen{"timebank-balance"};

void registerTimeBankScreens(app::ScreenRegistry& registry);

}  // namespace vk::screens
