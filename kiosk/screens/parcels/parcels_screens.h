#pragma once
// The relay point's screens: residents collect a parcel by its code (public); the café manager receives parcels,
// looks at the shelf, hands parcels over at the counter, gives the late ones back and sends prepaid ones.

#include "kiosk/app/screen_registry.h"

namespace vk::screens {

inline constexpr app::ScreenId kParcelPickupScreen{"parcels-pickup"};
inline constexpr app::ScreenId kParcelIntakeScreen{"parcels-intake"};
inline constexpr app::ScreenId kParcelShelfScreen{"parcels-shelf"};
inline constexpr app::ScreenId kParcelCounterScreen{"parcels-counter"};
inline constexpr app::ScreenId kParcelReturnsScreen{"parcels-returns"};
inline constexpr app::ScreenId kParcelOutgoingScreen{"parcels-outgoing"};

void registerParcelsScreens(app::ScreenRegistry& registry);

}  // namespace vk::screens
