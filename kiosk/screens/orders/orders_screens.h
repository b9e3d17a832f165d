#pragma once
// The orders' screens: a resident ordering at the kiosk (home tile), the manager's day (the suppliers' lists, the
// orders to hand over, the uncollected ones) and the suppliers with their catalogues, for the café manager.

#include "kiosk/app/screen_registry.h"

namespace vk::screens {

inline constexpr app::ScreenId kOrdersOrderScreen{"orders-order"};
inline constexpr app::ScreenId kOrdersDayScreen{"orders-day"};
inline constexpr app::ScreenId kOrdersSuppliersScreen{"orders-suppliers"};

void registerOrdersScreens(app::ScreenRegistry& registry);

}  // namespace vk::screens
