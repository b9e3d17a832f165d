#pragma once
#include "kiosk/app/pointer_queue.h"

#include <cstdint>

namespace vk::app {

// Decides when the loop draws and how long it may sleep. After any input it draws a few frames so that ImGui
// settles (hover, release, layout that depends on the previous frame); then it sleeps until the next input,
// the next minute of the clock on screen, or the next deadline a service asked for. A kiosk nobody touches
// thus draws about once a minute.
class FramePacer {
public:
    static constexpr int kFramesAfterEvent = 3;

    void onInput() { framesToDraw_ = kFramesAfterEvent; }
    // The pointer state for the frame about to be drawn. A queued step counts as new input, so the settling
    // frames come after the last step: a press and release that arrived together still get the frame that
    // shows what the tap opened.
    PointerState takePointerStep(PointerQueue& pointer);
    bool shouldDraw(std::int64_t nowMs, const PointerQueue& pointer) const {
        return pointer.hasPending() || shouldDraw(nowMs);
    }
    int waitTimeoutMs(std::int64_t nowMs, const PointerQueue& pointer) const {
        return pointer.hasPending() ? 0 : waitTimeoutMs(nowMs);
    }
    void requestFrame() { framesToDraw_ = framesToDraw_ > 0 ? framesToDraw_ : 1; }
    bool shouldDraw(std::int64_t nowMs) const { return framesToDraw_ > 0 || nowMs >= wakeAtMs_; }
    void onFrameDrawn(std::int64_t nowMs);

    // Asks for a frame no later than `atMs` (a timer, the idle timeout).
    void wakeNoLaterThan(std::int64_t atMs) {
        if (atMs < wakeAtMs_) wakeAtMs_ = atMs;
    }
    // How long SDL_WaitEventTimeout may block, in ms; 0 when a frame is due.
    int waitTimeoutMs(std::int64_t nowMs) const;

private:
    int framesToDraw_ = kFramesAfterEvent;
    std::int64_t wakeAtMs_ = 0;
};

// The next whole minute after `nowMs` in the same time base, for the clock on the home screen.
std::int64_t nextMinuteMs(std::int64_t nowMs);

}  // namespace vk::app
