#include "kiosk/screens/timebank/timebank_screens.h"

#include "kiosk/screens/staff/staff_screens.h"

namespace vk::screens {

void registerTimeBankExchangeScreen(app::ScreenRegistry& registry);
void registerTimeBankBalanceScreen(app::ScreenRegistry& registry);

// Staff tools only: an exchange is recorded at the counter by the café manager, with both members there.
void registerTimeBankScreens(app::ScreenRegistry& registry) {
    registerTimeBankExchangeScreen(registry);
    registerTimeBankBalanceScreen(registry);
    registry.addStaffTool({"staff.home.timebank", "staff.home.timebank", kTimeBankExchangeScreen, &isCafeStaff, true});
    registry.addStaffTool({"timebank.see_balance", "timebank.see_balance", kTimeBankBalanceScreen, &isCafeStaff});
}

}  // namespace vk::screens
