#include "kiosk/ui/window_ui.h"

#include "kiosk/ui/textures.h"

#include <imgui.h>

namespace vk::ui {

ScopedWindowUi::ScopedWindowUi(WindowUi& window) : window_(window), previousContext_(ImGui::GetCurrentContext()) {
    swapAll();
    ImGui::SetCurrentContext(window_.context);
}

ScopedWindowUi::~ScopedWindowUi() {
    swapAll();
    ImGui::SetCurrentContext(previousContext_);
}

void ScopedWindowUi::swapAll() {
    swapFontState(window_.fonts, window_.bodyPixels);
    swapDrawnItemsState(window_.items);
    swapSolidFills(window_.fills);
    swapTextureRenderer(window_.textureRenderer);
}

}  // namespace vk::ui
