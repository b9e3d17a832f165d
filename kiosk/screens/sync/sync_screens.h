#pragma once
// Sync with the territory hub, on a staff screen (« Historique de la synchronisation »): what
// `village-kiosk sync history` prints, for the café manager and admins. Reached from the sync line of the staff
// home; read-only.

#include "kiosk/app/screen_registry.h"

namespace vk::screens {

inline constexpr app::ScreenId kSyncHistoryScreen{"sync-history"};

void registerSyncScreens(app::ScreenRegistry& registry);

}  // namespace vk::screens
