#include "kiosk/ui/solid_fill.h"

#include "kiosk/ui/theme.h"
#include "kiosk/ui/widgets.h"

#include <SDL.h>
#include <imgui_impl_sdlrenderer.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

namespace vk::ui {
namespace {

std::vector<SolidFill> g_fills;

void addClipped(const ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 color) {
    const ImVec2 clipMin = draw->GetClipRectMin();
    const ImVec2 clipMax = draw->GetClipRectMax();
    min = ImVec2(std::max(min.x, clipMin.x), std::max(min.y, clipMin.y));
    max = ImVec2(std::min(max.x, clipMax.x), std::min(max.y, clipMax.y));
    if (max.x <= min.x || max.y <= min.y) return;
    g_fills.push_back({min, max, color});
}

}  // namespace

void fillRoundedRect(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 color, float rounding) {
    if (((color >> IM_COL32_A_SHIFT) & 0xFF) != 0xFF) {
        draw->AddRectFilled(min, max, color, rounding);
        return;
    }
    // Whole pixels, so that the SDL fill and ImGui's corners meet without a seam.
    min = ImVec2(std::round(min.x), std::round(min.y));
    max = ImVec2(std::round(max.x), std::round(max.y));
    const float r = std::floor(std::min({rounding, (max.x - min.x) * 0.5f, (max.y - min.y) * 0.5f}));
    if (r < 1.0f) {
        addClipped(draw, min, max, color);
        return;
    }
    addClipped(draw, ImVec2(min.x + r, min.y), ImVec2(max.x - r, max.y), color);
    addClipped(draw, ImVec2(min.x, min.y + r), ImVec2(min.x + r, max.y - r), color);
    addClipped(draw, ImVec2(max.x - r, min.y + r), ImVec2(max.x, max.y - r), color);
    const ImVec2 centers[4] = {{min.x + r, min.y + r}, {max.x - r, min.y + r}, {max.x - r, max.y - r}, {min.x + r, max.y - r}};
    const ImVec2 inward[4] = {{1, 1}, {-1, 1}, {-1, -1}, {1, -1}};
    constexpr float kQuarter = IM_PI * 0.5f;
    for (int corner = 0; corner < 4; ++corner) {
        // Corner k sweeps from 180° + 90°·k: top-left, top-right, bottom-right, bottom-left. Its straight sides
        // reach one pixel into the SDL fill, so ImGui's anti-aliased fringe on them blends colour into the same
        // colour and leaves no seam; only the arc keeps a soft edge.
        const ImVec2 c = centers[corner];
        const ImVec2 in = inward[corner];
        const float start = IM_PI + kQuarter * static_cast<float>(corner);
        const ImVec2 first(c.x + r * std::cos(start), c.y + r * std::sin(start));
        const ImVec2 last(c.x + r * std::cos(start + kQuarter), c.y + r * std::sin(start + kQuarter));
        // Move each arc end one pixel inward along the side it lies on (across the radius through it).
        const bool firstOnVerticalSide = std::fabs(first.x - c.x) > std::fabs(first.y - c.y);
        const ImVec2 firstOut = firstOnVerticalSide ? ImVec2(first.x, first.y + in.y) : ImVec2(first.x + in.x, first.y);
        const ImVec2 lastOut = firstOnVerticalSide ? ImVec2(last.x + in.x, last.y) : ImVec2(last.x, last.y + in.y);
        draw->PathLineTo(firstOut);
        draw->PathArcTo(c, r, start, start + kQuarter, 8);
        draw->PathLineTo(lastOut);
        draw->PathLineTo(ImVec2(c.x + in.x, c.y + in.y));
        draw->PathFillConvex(color);
    }
}

const std::vector<SolidFill>& solidFills() { return g_fills; }
void clearSolidFills() { g_fills.clear(); }
void endFrameUnpainted() {
    endDrawnItems();
    ImGui::Render();
}

void renderFrameInto(SDL_Renderer* renderer) {
    endFrameUnpainted();
    const ImVec4 background = ImGui::ColorConvertU32ToFloat4(colors::kBackground);
    SDL_SetRenderDrawColor(renderer, static_cast<Uint8>(background.x * 255), static_cast<Uint8>(background.y * 255),
                           static_cast<Uint8>(background.z * 255), 255);
    SDL_RenderClear(renderer);
    for (const SolidFill& fill : g_fills) {
        SDL_SetRenderDrawColor(renderer, static_cast<Uint8>(fill.color >> IM_COL32_R_SHIFT),
                               static_cast<Uint8>(fill.color >> IM_COL32_G_SHIFT),
                               static_cast<Uint8>(fill.color >> IM_COL32_B_SHIFT), 255);
        const SDL_FRect rect{fill.min.x, fill.min.y, fill.max.x - fill.min.x, fill.max.y - fill.min.y};
        SDL_RenderFillRectF(renderer, &rect);
    }
    ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
}

void swapSolidFills(std::vector<SolidFill>& fills) { g_fills.swap(fills); }

}  // namespace vk::ui
