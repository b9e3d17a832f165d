#include "kiosk/app/sdl_input.h"

#include <imgui.h>

namespace vk::app {
namespace {

// Only the first finger on the glass steers the pointer; a palm or a second finger is ignored.
SDL_FingerID g_activeFinger = -1;
bool g_fingerDown = false;

}  // namespace

bool feedSdlEvent(const SDL_Event& event, PointerQueue& pointer, int windowWidth, int windowHeight,
                  const services::ScreenArea& glass, const ScreenRotation& rotation) {
    ImGuiIO& io = ImGui::GetIO();
    const auto at = [&](float windowX, float windowY) {
        return rotation.toLayout(windowX - static_cast<float>(glass.x), windowY - static_cast<float>(glass.y),
                                 glass.width, glass.height);
    };
    const auto onGlass = [&](float windowX, float windowY) {
        return windowX >= static_cast<float>(glass.x) && windowY >= static_cast<float>(glass.y) &&
               windowX < static_cast<float>(glass.x + glass.width) && windowY < static_cast<float>(glass.y + glass.height);
    };
    const auto finger = [&](float x, float y) {
        return at(x * static_cast<float>(windowWidth), y * static_cast<float>(windowHeight));
    };
    switch (event.type) {
    case SDL_MOUSEMOTION: {
        if (event.motion.which == SDL_TOUCH_MOUSEID) return false;
        const LayoutPoint p = at(static_cast<float>(event.motion.x), static_cast<float>(event.motion.y));
        pointer.moveTo(p.x, p.y);
        return true;
    }
    case SDL_MOUSEBUTTONDOWN: {
        if (event.button.which == SDL_TOUCH_MOUSEID || event.button.button != SDL_BUTTON_LEFT) return false;
        if (!onGlass(static_cast<float>(event.button.x), static_cast<float>(event.button.y))) return false;
        const LayoutPoint p = at(static_cast<float>(event.button.x), static_cast<float>(event.button.y));
        pointer.press(p.x, p.y);
        return true;
    }
    case SDL_MOUSEBUTTONUP: {
        if (event.button.which == SDL_TOUCH_MOUSEID || event.button.button != SDL_BUTTON_LEFT) return false;
        const LayoutPoint p = at(static_cast<float>(event.button.x), static_cast<float>(event.button.y));
        pointer.release(p.x, p.y, false);
        return true;
    }
    case SDL_MOUSEWHEEL:
        io.MouseWheel += static_cast<float>(event.wheel.y);
        return true;
    case SDL_FINGERDOWN: {
        if (g_fingerDown) return true;
        if (!onGlass(event.tfinger.x * static_cast<float>(windowWidth), event.tfinger.y * static_cast<float>(windowHeight)))
            return false;
        g_fingerDown = true;
        g_activeFinger = event.tfinger.fingerId;
        const LayoutPoint p = finger(event.tfinger.x, event.tfinger.y);
        pointer.press(p.x, p.y);
        return true;
    }
    case SDL_FINGERMOTION: {
        if (!g_fingerDown || event.tfinger.fingerId != g_activeFinger) return true;
        const LayoutPoint p = finger(event.tfinger.x, event.tfinger.y);
        pointer.moveTo(p.x, p.y);
        return true;
    }
    case SDL_FINGERUP: {
        if (!g_fingerDown || event.tfinger.fingerId != g_activeFinger) return true;
        g_fingerDown = false;
        const LayoutPoint p = finger(event.tfinger.x, event.tfinger.y);
        pointer.release(p.x, p.y, true);
        return true;
    }
    case SDL_TEXTINPUT:
        io.AddInputCharactersUTF8(event.text.text);
        return true;
    case SDL_KEYDOWN:
    case SDL_KEYUP: {
        const int scancode = event.key.keysym.scancode;
        if (scancode >= 0 && scancode < IM_ARRAYSIZE(io.KeysDown)) io.KeysDown[scancode] = event.type == SDL_KEYDOWN;
        const SDL_Keymod mods = SDL_GetModState();
        io.KeyShift = (mods & KMOD_SHIFT) != 0;
        io.KeyCtrl = (mods & KMOD_CTRL) != 0;
        io.KeyAlt = (mods & KMOD_ALT) != 0;
        return true;
    }
    default: return false;
    }
}

}  // namespace vk::app
