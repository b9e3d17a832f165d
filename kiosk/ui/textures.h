#pragma once
// Pictures the screens show that are not text (a receipt's print preview): uploaded once to the renderer and
// kept until their content changes.

#include <imgui.h>

#include <cstdint>
#include <string>
#include <vector>

struct SDL_Renderer;

namespace vk::ui {

void setTextureRenderer(SDL_Renderer* renderer);
// The texture for `key`, made again only when `version` changes. Null when there is no renderer.
ImTextureID rgbaTexture(const std::string& key, std::uint64_t version, int width, int height,
                        const std::vector<std::uint8_t>& rgba);
void releaseTextures();
// The renderer pictures are made for, exchanged with a window's own (ui::ScopedWindowUi).
void swapTextureRenderer(SDL_Renderer*& renderer);

}  // namespace vk::ui
