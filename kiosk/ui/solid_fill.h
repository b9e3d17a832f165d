#pragma once
// Large opaque areas (tiles, bands, keys, cards) bypass ImGui's triangles. SDL's software renderer fills every
// ImGui shape as textured, blended triangles tested pixel by pixel over each triangle's bounding box; a rounded
// tile is a fan of long thin triangles, so a full-screen one cost 26 ms a frame. fillRoundedRect() hands the
// straight part of the shape to SDL_RenderFillRect (a plain memory fill) and draws only the four small corners
// with ImGui. The fills are drawn under everything ImGui draws: use it for backgrounds only.

#include <imgui.h>

#include <vector>

struct SDL_Renderer;

namespace vk::ui {

struct SolidFill {
    ImVec2 min;
    ImVec2 max;
    ImU32 color;
};

// Fills [min, max] with `color`, corners rounded by `rounding`, clipped like the draw list's current clip rect.
// A colour that is not opaque goes to ImGui as usual.
void fillRoundedRect(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 color, float rounding);

// The fills of the frame being built, in drawing order; cleared by beginDrawnItems().
const std::vector<SolidFill>& solidFills();
void clearSolidFills();
// Ends the frame ImGui was drawing (its words recorded, ImGui::Render) and paints it into `renderer`: the page
// colour, the frame's fills, then ImGui's triangles. The caller presents it.
void renderFrameInto(SDL_Renderer* renderer);
// Ends the frame as renderFrameInto does (its words recorded, ImGui::Render) without painting a pixel: for a
// headless kiosk that looks at no pixel of this frame.
void endFrameUnpainted();
// Exchanges the fills with a window's own (ui::ScopedWindowUi).
void swapSolidFills(std::vector<SolidFill>& fills);

}  // namespace vk::ui
