#pragma once
// Touch and mouse input, one change per frame. ImGui 1.86 reads the pointer as a state each frame, so a tap
// whose press and release arrive between two frames would be lost; and after a finger lifts, the pointer
// must leave the screen or the last button stays "hovered" (there is no hover on a touchscreen). The queue
// turns events into the frame-by-frame states ImGui needs: a tap is always press, release, then gone.

#include <deque>

namespace vk::app {

struct PointerState {
    float x = -1e30f;  // far off screen: nothing hovered
    float y = -1e30f;
    bool down = false;
};

class PointerQueue {
public:
    void moveTo(float x, float y);
    void press(float x, float y);
    void release(float x, float y, bool lift);  // lift: a finger left the glass, so hover ends too

    bool hasPending() const { return !steps_.empty(); }
    // The state for the next frame; repeats the last one when nothing new came.
    PointerState next();

private:
    std::deque<PointerState> steps_;
    PointerState current_;
};

}  // namespace vk::app
