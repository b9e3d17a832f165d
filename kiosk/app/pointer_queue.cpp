#include "kiosk/app/pointer_queue.h"

namespace vk::app {

void PointerQueue::moveTo(float x, float y) {
    const PointerState& last = steps_.empty() ? current_ : steps_.back();
    // Moves with the same button state merge into one step: a drag never lags behind the finger.
    if (!steps_.empty() && steps_.back().down == last.down) {
        steps_.back().x = x;
        steps_.back().y = y;
        return;
    }
    steps_.push_back({x, y, last.down});
}

void PointerQueue::press(float x, float y) {
    // The pointer first arrives where the finger lands, so ImGui sees the button hovered before it is pressed.
    const PointerState& last = steps_.empty() ? current_ : steps_.back();
    if (last.x != x || last.y != y) steps_.push_back({x, y, false});
    steps_.push_back({x, y, true});
}

void PointerQueue::release(float x, float y, bool lift) {
    steps_.push_back({x, y, false});
    if (lift) steps_.push_back({});
}

PointerState PointerQueue::next() {
    if (!steps_.empty()) {
        current_ = steps_.front();
        steps_.pop_front();
    }
    return current_;
}

}  // namespace vk::app
