#pragma once
// A screen mounted turned (a panel on its side, or upside down to route its cable): the kiosk lays its screens
// out the way people see them and turns the picture to the glass itself, and turns each touch back the same way.
// Doing it here rather than in the compositor keeps touch and picture in step whatever draws the screen (cage's
// `-r` turns the picture but leaves the touch panel's axes as they are).

#include "kiosk/services/display_placement.h"

#include <optional>
#include <string>

struct SDL_Renderer;
struct SDL_Texture;

namespace vk::app {

struct LayoutPoint {
    float x = 0.0f;
    float y = 0.0f;
};

struct LayoutSize {
    int width = 0;
    int height = 0;
};

// `degrees`: how far the picture is turned clockwise on the glass, 0, 90, 180 or 270 ([kiosk] rotation).
class ScreenRotation {
public:
    explicit ScreenRotation(int degrees = 0);
    int degrees() const { return degrees_; }
    bool turned() const { return degrees_ != 0; }

    // The size the screens are laid out in, for glass of this size in pixels.
    LayoutSize layoutSize(int glassWidth, int glassHeight) const;
    // Where a point of the glass (in its pixels, from its top left corner) falls in the layout.
    LayoutPoint toLayout(float glassX, float glassY, int glassWidth, int glassHeight) const;
    // The other way: where a point of the layout is drawn on the glass.
    LayoutPoint toGlass(float layoutX, float layoutY, int glassWidth, int glassHeight) const;

private:
    int degrees_;
};

// Draws a frame turned, or in a part of the window (the touch screen's, when one window covers every output): between
// begin() and end(), the renderer draws into a texture of the layout's size, which end() copies to the glass turned.
// Unturned on the whole window both do nothing.
class TurnedFrame {
public:
    explicit TurnedFrame(ScreenRotation rotation) : rotation_(rotation) {}
    ~TurnedFrame();
    TurnedFrame(const TurnedFrame&) = delete;
    TurnedFrame& operator=(const TurnedFrame&) = delete;

    // `glass`: where the kiosk's screens go in the window's pixels; `wholeWindow` when that is all of it. Returns
    // what went wrong when the renderer cannot draw into a texture (the frame is then drawn unturned, over it all).
    std::optional<std::string> begin(SDL_Renderer* renderer, const services::ScreenArea& glass, bool wholeWindow);
    std::optional<std::string> begin(SDL_Renderer* renderer, int glassWidth, int glassHeight) {
        return begin(renderer, services::ScreenArea{0, 0, glassWidth, glassHeight}, true);
    }
    // Draws the frame on the window; outside the glass it is black.
    void end(SDL_Renderer* renderer);

private:
    ScreenRotation rotation_;
    SDL_Texture* texture_ = nullptr;
    LayoutSize textureSize_;
    services::ScreenArea glass_;
    bool wholeWindow_ = true;
    bool drawing_ = false;
};

}  // namespace vk::app
