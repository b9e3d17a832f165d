#include "kiosk/services/health/new_call_detector.h"

namespace vk::services::health {

std::optional<std::string> NewCallDetector::newCall(const CallingBoard& board) {
    const std::int64_t calledAt = board.calledTicket ? board.calledAtMs.value_or(0) : 0;
    const bool firstLook = !seenFirst_;
    seenFirst_ = true;
    // Only a call later than any seen: when the last patient called is sent back to the room, the board shows the
    // one called before, which is no new call. Two calls within one millisecond are told apart by their ticket.
    const std::string ticket = board.calledTicket.value_or("");
    if (calledAt < latestCallMs_ || (calledAt == latestCallMs_ && ticket == latestTicket_)) return std::nullopt;
    latestCallMs_ = calledAt;
    latestTicket_ = ticket;
    if (firstLook) return std::nullopt;
    return *board.calledTicket + "@" + std::to_string(calledAt);
}

}  // namespace vk::services::health
