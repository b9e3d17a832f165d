#pragma once
// The postal counter's staff screens: the sale (« Guichet postal »), the catalogue and its prices, and the day's
// closing report with past closings and counter-entries. For the café manager and admins.

#include "kiosk/app/screen_registry.h"
#include "kiosk/services/postal/postal_counter.h"

namespace vk::app {
struct KioskServices;
}
namespace vk::services::postal {
class PostalServices;
}

namespace vk::screens {

inline constexpr app::ScreenId kPostalSaleScreen{"postal-sale"};
inline constexpr app::ScreenId kPostalCatalogueScreen{"postal-catalogue"};
inline constexpr app::ScreenId kPostalClosingScreen{"postal-closing"};

void registerPostalScreens(app::ScreenRegistry& registry);

// Shared by the three screens.
services::postal::PostalServices& postalOf(app::KioskServices& services);
const char* postalErrorText(services::postal::PostalError error);  // translated, for the screen

}  // namespace vk::screens
