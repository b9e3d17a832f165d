#include "hardware/reader_events.h"

namespace vk::hardware {

void ReaderEventQueue::setWakeCallback(std::function<void()> wake) {
    std::lock_guard lock(mutex_);
    wake_ = std::move(wake);
}

void ReaderEventQueue::post(ReaderEvent event) {
    std::function<void()> wake;
    {
        std::lock_guard lock(mutex_);
        // A reader that floods (a stuck key, a scanner in continuous mode) must not grow memory without bound.
        constexpr std::size_t kMaxPending = 64;
        if (events_.size() >= kMaxPending) events_.pop_front();
        events_.push_back(std::move(event));
        wake = wake_;
    }
    if (wake) wake();
}

std::optional<ReaderEvent> ReaderEventQueue::take() {
    std::lock_guard lock(mutex_);
    if (events_.empty()) return std::nullopt;
    ReaderEvent event = std::move(events_.front());
    events_.pop_front();
    return event;
}

}  // namespace vk::hardware
