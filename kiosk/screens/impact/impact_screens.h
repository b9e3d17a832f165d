#pragma once
// The impact report's staff screen (« Rapport d'impact »): this month, last month, this year or the last twelve
// months, with the key figures, the km saved per month and the table per service, and a summary printed on the
// receipt printer. For the café manager and admins; figures only, so nothing on it points to anyone.

#include "kiosk/app/screen_registry.h"

namespace vk::screens {

inline constexpr app::ScreenId kImpactReportScreen{"impact-report"};

void registerImpactScreens(app::ScreenRegistry& registry);

}  // namespace vk::screens
