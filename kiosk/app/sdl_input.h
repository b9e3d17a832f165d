#pragma once
#include "kiosk/app/pointer_queue.h"
#include "kiosk/app/screen_rotation.h"

#include <SDL.h>

namespace vk::app {

// Feeds one SDL event to ImGui's keyboard state and to the pointer queue. Returns true when it was a
// person's input (a touch, a click, a key), which resets the idle timeout. Touches and clicks are in the window's
// pixels (`windowWidth` × `windowHeight`) and reach the pointer turned back by `rotation`, in the layout's, from the
// kiosk's part of the window (`glass`: all of it, or the touch screen's when one window covers every output). A
// press outside that part (on the TV's, with a mouse) is nobody's input.
bool feedSdlEvent(const SDL_Event& event, PointerQueue& pointer, int windowWidth, int windowHeight,
                  const services::ScreenArea& glass, const ScreenRotation& rotation);

}  // namespace vk::app
