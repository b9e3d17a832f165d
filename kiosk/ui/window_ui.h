#pragma once
// A second window with an interface of its own (the calling screen on the waiting room's TV). The ui functions
// keep their fonts, em size, the words and fills of the frame and the renderer for pictures in one place, which
// the kiosk's own window uses; a second window keeps its own set here and swaps it in while it draws, with its
// own ImGui context (ImGui's renderer backend keeps its data per context, the font texture included).

#include "kiosk/ui/solid_fill.h"
#include "kiosk/ui/theme.h"
#include "kiosk/ui/widgets.h"

#include <vector>

struct SDL_Renderer;
struct ImGuiContext;

namespace vk::ui {

struct WindowUi {
    ImGuiContext* context = nullptr;
    Fonts fonts;
    float bodyPixels = 24.0f;
    DrawnItemsState items;
    std::vector<SolidFill> fills;
    // Pictures are made for one renderer: a second window draws none (ui::rgbaTexture gives null).
    SDL_Renderer* textureRenderer = nullptr;
};

// While it lives, the ui functions and ImGui work on `window`; then everything is as it was before.
class ScopedWindowUi {
public:
    explicit ScopedWindowUi(WindowUi& window);
    ~ScopedWindowUi();
    ScopedWindowUi(const ScopedWindowUi&) = delete;
    ScopedWindowUi& operator=(const ScopedWindowUi&) = delete;

private:
    void swapAll();

    WindowUi& window_;
    ImGuiContext* previousContext_;
};

}  // namespace vk::ui
