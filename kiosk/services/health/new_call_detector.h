#pragma once
// When a call on the waiting room's calling screen is new enough to sound the call chime (sound.call_chime).

#include "kiosk/services/health/waiting_room.h"

#include <cstdint>
#include <optional>
#include <string>

namespace vk::services::health {

// Tells a new call from the one a window already showed: the first board a window loads sets what it has seen
// (a call made before it opened is not announced), a later one is new when a patient was called since, even the
// same ticket called again. A redraw of the same board is never new, nor an earlier call shown again.
class NewCallDetector {
public:
    // The call to announce, as a key that names it (the same call gives the same key in every window), or nothing.
    std::optional<std::string> newCall(const CallingBoard& board);

private:
    bool seenFirst_ = false;
    std::int64_t latestCallMs_ = 0;
    std::string latestTicket_;
};

}  // namespace vk::services::health
