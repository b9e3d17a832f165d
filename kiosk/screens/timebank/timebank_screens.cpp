#include "kiosk/screens/timebank/timebank_screens.h"

#include "kiosk/screens/staff/staff_screens.h"

namespace vk::screens {

void registerTimeBankExchangeScreen(app::ScreenRegistry& registry);
void registerTimeBankBalanceScreen(app::ScreenRegistry& registry);

// One staff tool (the staff home has room for few): an exchange is recorded at the counter by the café manager,
// with both members there; a member's balance is one tap away on its first step.
void registerTimeBankScreens(app::ScreenRegistry& registry) {
    registerTimeBankExchangeScreen(registry);
    registerTimeBankBalanceScreen(registry);
    registry.addStaffTool({"staff.home.timebank", "staff.home.timebank", kTimeBankExchangeScreen, &isCafeStaff, true});
}

}  // namespace vk::screens
