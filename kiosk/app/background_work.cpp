#include "kiosk/app/background_work.h"

#include <algorithm>

namespace vk::app {

BackgroundWork::BackgroundWork(services::KioskRuntime& runtime, std::function<void()> wakeLoop) : runtime_(runtime) {
    runtime_.staff.setPinCheckWake(wakeLoop);
    runtime_.startBackgroundWork(wakeLoop);
}

BackgroundWork::~BackgroundWork() { runtime_.stop(); }

bool BackgroundWork::poll(std::int64_t nowMs, KioskUi& ui, FramePacer& pacer) {
    bool read = false;
    while (auto event = runtime_.readers.take()) {
        read = true;
        ui.noteInput(nowMs);
        ui.onReaderEvent(*event);
        pacer.onInput();
    }
    if (nowMs < pausedUntilMs_) return read;
    try {
        runtime_.retention.runIfDue();
        if (runtime_.pollAreas(nowMs)) pacer.requestFrame();
    } catch (const std::exception& error) {
        pausedUntilMs_ = nowMs + kRetryAfterFailureMs;
        ui.reportFault(error, "background work");
        pacer.requestFrame();
    }
    return read;
}

std::int64_t BackgroundWork::nextDueMs() const {
    const std::int64_t next = std::min(runtime_.retention.nextRunMs(), runtime_.nextAreaDueMs());
    return std::max(next, pausedUntilMs_);
}

}  // namespace vk::app
