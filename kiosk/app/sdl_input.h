#pragma once
#include "kiosk/app/pointer_queue.h"

#include <SDL.h>

namespace vk::app {

// Feeds one SDL event to ImGui's keyboard state and to the pointer queue. Returns true when it was a
// person's input (a touch, a click, a key), which resets the idle timeout.
bool feedSdlEvent(const SDL_Event& event, PointerQueue& pointer, int windowWidth, int windowHeight);

}  // namespace vk::app
