#pragma once
// What the relay point's staff screens share: the way to the area's services, the words for a refusal, and the
// row of tabs that leads from one of them to the others (one staff tool on the staff home, not five).

#include "kiosk/app/kiosk_services.h"
#include "kiosk/app/screen.h"
#include "kiosk/services/parcels/parcels_area.h"

#include <optional>
#include <string>

namespace vk::screens::parcels_ui {

services::parcels::ParcelsServices& parcelsOf(app::KioskServices& services);

// The manager's or an admin's eyes only.
bool mayUse(const std::optional<services::StaffSession>& staff);

std::string errorText(services::parcels::ParcelError error);
std::string carrierName(app::KioskServices& services, const std::string& carrierId);
// "17/06"
std::string shortDay(const std::string& day);

// The header with Back (to the staff home) and the tabs; returns false when the screen is being left.
bool drawStaffHeader(app::ScreenContext& context, app::ScreenId current, const char* titleKey);

// A grid of the carriers as big buttons; returns the code of the one tapped.
std::optional<std::string> drawCarrierGrid(app::KioskServices& services, const std::string& selected, ImVec2 size,
                                           const char* idPrefix);

}  // namespace vk::screens::parcels_ui
