#include "kiosk/app/frame_pacer.h"

#include <algorithm>
#include <limits>

namespace vk::app {

void FramePacer::onFrameDrawn(std::int64_t nowMs) {
    if (framesToDraw_ > 0) --framesToDraw_;
    // Until someone asks again, the only reason to wake is the clock.
    wakeAtMs_ = nextMinuteMs(nowMs);
}

PointerState FramePacer::takePointerStep(PointerQueue& pointer) {
    if (pointer.hasPending()) onInput();
    return pointer.next();
}

int FramePacer::waitTimeoutMs(std::int64_t nowMs) const {
    if (framesToDraw_ > 0) return 0;
    const std::int64_t wait = std::max<std::int64_t>(0, wakeAtMs_ - nowMs);
    // SDL takes an int; a day is far beyond any deadline we set.
    return static_cast<int>(std::min<std::int64_t>(wait, 24LL * 60 * 60 * 1000));
}

std::int64_t nextMinuteMs(std::int64_t nowMs) {
    constexpr std::int64_t kMinute = 60 * 1000;
    return (nowMs / kMinute + 1) * kMinute;
}

}  // namespace vk::app
