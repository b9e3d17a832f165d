#include "kiosk/app/screen_rotation.h"

#include <SDL.h>

namespace vk::app {

ScreenRotation::ScreenRotation(int degrees) : degrees_(((degrees % 360) + 360) % 360 / 90 * 90) {}

LayoutSize ScreenRotation::layoutSize(int glassWidth, int glassHeight) const {
    if (degrees_ == 90 || degrees_ == 270) return {glassHeight, glassWidth};
    return {glassWidth, glassHeight};
}

LayoutPoint ScreenRotation::toLayout(float glassX, float glassY, int glassWidth, int glassHeight) const {
    const auto w = static_cast<float>(glassWidth);
    const auto h = static_cast<float>(glassHeight);
    switch (degrees_) {
    // The layout's top left corner is drawn at the glass's top right: a point `y` down the layout is `y` left of
    // the glass's right edge.
    case 90: return {glassY, w - glassX};
    case 180: return {w - glassX, h - glassY};
    case 270: return {h - glassY, glassX};
    default: return {glassX, glassY};
    }
}

LayoutPoint ScreenRotation::toGlass(float layoutX, float layoutY, int glassWidth, int glassHeight) const {
    const auto w = static_cast<float>(glassWidth);
    const auto h = static_cast<float>(glassHeight);
    switch (degrees_) {
    case 90: return {w - layoutY, layoutX};
    case 180: return {w - layoutX, h - layoutY};
    case 270: return {layoutY, h - layoutX};
    default: return {layoutX, layoutY};
    }
}

TurnedFrame::~TurnedFrame() {
    if (texture_) SDL_DestroyTexture(texture_);
}

std::optional<std::string> TurnedFrame::begin(SDL_Renderer* renderer, const services::ScreenArea& glass,
                                              bool wholeWindow) {
    drawing_ = false;
    if (!rotation_.turned() && wholeWindow) return std::nullopt;
    const LayoutSize size = rotation_.layoutSize(glass.width, glass.height);
    if (!texture_ || size.width != textureSize_.width || size.height != textureSize_.height) {
        if (texture_) SDL_DestroyTexture(texture_);
        texture_ = SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ABGR8888, SDL_TEXTUREACCESS_TARGET, size.width,
                                     size.height);
        textureSize_ = size;
        if (!texture_) return std::string("cannot draw the picture apart (") + SDL_GetError() + ")";
    }
    if (SDL_SetRenderTarget(renderer, texture_) != 0)
        return std::string("cannot draw the picture apart (") + SDL_GetError() + ")";
    glass_ = glass;
    wholeWindow_ = wholeWindow;
    drawing_ = true;
    return std::nullopt;
}

void TurnedFrame::end(SDL_Renderer* renderer) {
    if (!drawing_) return;
    drawing_ = false;
    SDL_SetRenderTarget(renderer, nullptr);
    if (!wholeWindow_) {
        SDL_SetRenderDrawColor(renderer, 0, 0, 0, 255);
        SDL_RenderClear(renderer);
    }
    // SDL turns the texture about the centre of the rectangle it is given, so the rectangle is the layout's size
    // centred on the glass: turned by a quarter, it covers the glass exactly.
    const SDL_Rect to{glass_.x + (glass_.width - textureSize_.width) / 2,
                      glass_.y + (glass_.height - textureSize_.height) / 2, textureSize_.width, textureSize_.height};
    SDL_RenderCopyEx(renderer, texture_, nullptr, &to, rotation_.degrees(), nullptr, SDL_FLIP_NONE);
}

}  // namespace vk::app
