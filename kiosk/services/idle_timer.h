#pragma once
#include <cstdint>

namespace vk::services {

// When the kiosk should give up on the person who walked away: the public timeout on resident screens,
// a longer one in staff mode.
class IdleTimer {
public:
    void noteActivity(std::int64_t nowMs) { lastActivityMs_ = nowMs; }
    std::int64_t lastActivityMs() const { return lastActivityMs_; }
    std::int64_t deadlineMs(std::int64_t timeoutMs) const { return lastActivityMs_ + timeoutMs; }
    bool expired(std::int64_t nowMs, std::int64_t timeoutMs) const { return nowMs >= deadlineMs(timeoutMs); }

private:
    std::int64_t lastActivityMs_ = 0;
};

}  // namespace vk::services
