#pragma once
// What is truly shared between the screens: where the kiosk is, who is signed in, the visitor's language, and
// what the technician must know. Each screen keeps its own form, list and message (kiosk/app/screen.h).

#include "kiosk/app/screen.h"
#include "kiosk/services/staff_service.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vk::app {

struct AppState {
    ScreenId screen = kHomeScreen;
    std::optional<services::StaffSession> staff;
    bool visitorChoseOtherLanguage = false;
    // The visitor asked for large text (home screen): every screen drawn 1.4 times larger until the idle return.
    bool largeText = false;
    // For the technician: problems found at start-up (configuration, font). Kept until the kiosk restarts.
    std::vector<std::string> notices;
    // Set when the kiosk cannot work at all (no database): every screen gives way to the out-of-order one.
    std::string outOfOrder;
    // Set when something failed while the kiosk was working (a full disk, a database error): the out-of-order
    // screen shows it with a way to try again, and the kiosk tries again by itself after a while.
    std::string fault;
    std::int64_t faultAtMs = 0;
};

}  // namespace vk::app
