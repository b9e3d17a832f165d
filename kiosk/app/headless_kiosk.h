#pragma once
// The kiosk drawn into memory with SDL's software renderer: no display, no window. Tests tap through it by
// widget id and read what it drew; the screenshot command and the docs' pictures come from it too.

#include "kiosk/app/frame_pacer.h"
#include "kiosk/app/kiosk_ui.h"
#include "kiosk/app/screen_rotation.h"
#include "kiosk/ui/widgets.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

struct SDL_Surface;

namespace vk::app {

class HeadlessKiosk {
public:
    // Its sound goes to memory (audio()): `withAudio` false is a kiosk without any audio device.
    HeadlessKiosk(KioskServices* services, const services::KioskConfig& config, int width, int height,
                  bool withAudio = true);
    ~HeadlessKiosk();
    HeadlessKiosk(const HeadlessKiosk&) = delete;
    HeadlessKiosk& operator=(const HeadlessKiosk&) = delete;

    // One frame, with the pointer's next state; the clock is the services' clock.
    void frame();
    void frames(int count);
    // Paints one frame in `count` (1, the default: every frame). Painting is SDL's software renderer, most of a
    // frame's time at 1280×800; a long soak that reads no pixel builds every frame and paints few of them.
    // pixel() and savePng() show the last frame painted.
    void paintOneFrameIn(int count) { paintEvery_ = count < 1 ? 1 : count; }

    // A tap as a finger makes it: land, press, lift, then the pointer leaves. Returns false (and taps
    // nothing) when no tappable widget with that id was drawn in the last frame.
    bool tap(const std::string& widgetId);
    void tapAt(float x, float y);
    // A tap at a point of the glass, for a kiosk whose [kiosk] rotation turns its picture: the point is turned back
    // into the layout as the window turns a touch.
    void tapGlassAt(float glassX, float glassY);
    // As a window the compositor spreads over two outputs: the kiosk lays its screens out in `glass` only (the touch
    // screen's part of the frame) and `alongside` draws the rest (the calling screen in the TV's part) into every
    // frame, on renderer().
    void spreadOver(const services::ScreenArea& glass, std::function<void(SDL_Renderer*)> alongside);
    SDL_Renderer* renderer() const { return renderer_; }
    // A finger drag from one point to another, in `steps` moves.
    void drag(float fromX, float fromY, float toX, float toY, int steps);

    // Words drawn in the last frame.
    bool shows(const std::string& words) const;
    const ui::DrawnItem* find(const std::string& widgetId) const;
    const std::vector<ui::DrawnItem>& drawn() const { return ui::lastFrameItems(); }

    // Writes the last frame as a PNG. Returns false with a message on stderr when it cannot.
    bool savePng(const std::filesystem::path& file) const;
    // The colour of one pixel of the last frame, as 0xRRGGBB.
    std::uint32_t pixel(int x, int y) const;

    KioskUi& ui() { return *ui_; }
    // What the kiosk played, in place of a loudspeaker.
    ui::MemoryAudio& audio() { return *audio_; }
    AppState& state() { return ui_->state(); }
    // The glass's size (what savePng writes); the layout's is turned by the configuration's rotation.
    int width() const { return width_; }
    int height() const { return height_; }

private:
    std::int64_t nowMs() const;

    int width_;
    int height_;
    ScreenRotation rotation_;
    std::unique_ptr<TurnedFrame> turnedFrame_;
    services::ScreenArea glass_;  // where the screens are laid out in the frame: all of it unless spreadOver()
    std::function<void(SDL_Renderer*)> alongside_;
    SDL_Surface* surface_ = nullptr;
    SDL_Renderer* renderer_ = nullptr;
    KioskServices* services_;
    ui::MemoryAudio* audio_ = nullptr;  // owned by ui_
    std::unique_ptr<KioskUi> ui_;
    PointerQueue pointer_;
    FramePacer pacer_;
    int paintEvery_ = 1;
    long framesDrawn_ = 0;
};

}  // namespace vk::app
