#include "kiosk/ui/textures.h"

#include <SDL.h>

#include <map>
#include <utility>

namespace vk::ui {
namespace {

struct Texture {
    SDL_Texture* texture = nullptr;
    std::uint64_t version = 0;
};

SDL_Renderer* g_renderer = nullptr;
std::map<std::string, Texture> g_textures;

}  // namespace

void setTextureRenderer(SDL_Renderer* renderer) { g_renderer = renderer; }
void swapTextureRenderer(SDL_Renderer*& renderer) { std::swap(g_renderer, renderer); }

ImTextureID rgbaTexture(const std::string& key, std::uint64_t version, int width, int height,
                        const std::vector<std::uint8_t>& rgba) {
    if (!g_renderer || width <= 0 || height <= 0 ||
        rgba.size() < static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4)
        return nullptr;
    Texture& entry = g_textures[key];
    if (entry.texture && entry.version == version) return entry.texture;
    if (entry.texture) SDL_DestroyTexture(entry.texture);
    // ABGR8888 is R, G, B, A in memory on little-endian machines: the byte order of the pixels we are given.
    entry.texture = SDL_CreateTexture(g_renderer, SDL_PIXELFORMAT_ABGR8888, SDL_TEXTUREACCESS_STATIC, width, height);
    entry.version = version;
    if (entry.texture) {
        SDL_UpdateTexture(entry.texture, nullptr, rgba.data(), width * 4);
        // Shown smaller than drawn: blend, or one-dot lines (a dash, a rule) fall between the sampled pixels.
        SDL_SetTextureScaleMode(entry.texture, SDL_ScaleModeLinear);
    }
    return entry.texture;
}

void releaseTextures() {
    for (auto& [key, entry] : g_textures)
        if (entry.texture) SDL_DestroyTexture(entry.texture);
    g_textures.clear();
}

}  // namespace vk::ui
