#pragma once
// A "something changed" callback that device threads call and the UI loop sets later (the devices start before
// the window exists) or clears (the window closes first). Calling it with nothing set does nothing.

#include <functional>
#include <mutex>

namespace vk::hardware {

class WakeRelay {
public:
    void set(std::function<void()> wake) {
        std::lock_guard lock(mutex_);
        wake_ = std::move(wake);
    }
    void operator()() const {
        std::function<void()> wake;
        {
            std::lock_guard lock(mutex_);
            wake = wake_;
        }
        if (wake) wake();
    }

private:
    mutable std::mutex mutex_;
    std::function<void()> wake_;
};

}  // namespace vk::hardware
