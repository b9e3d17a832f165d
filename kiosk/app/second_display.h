#pragma once
// The calling screen on the waiting room's TV: a second full-screen window, on the display the configuration
// chooses (services::RoomDisplayPlacement), with its own renderer, ImGui context and fonts. It draws the content of
// the area's room display only (no header, nothing to tap), in the kiosk's configured language, and takes no part
// in what the main window does: staff sign-in and sign-out, the idle return, large text or the visitor's language.
// It closes when its display is unplugged and opens again when one is plugged in. It draws only when what it shows
// changed (reloaded after the main window's frames and at each minute) or the window system asks: no frames at
// rest. A window that cannot be made is a warning on stderr, never the kiosk's end.
// Under cage, which stretches the kiosk's one window over every output, it draws instead in the TV's part of that
// window, on the kiosk's renderer (showInArea): a second window there would cover the touch screen.

#include "kiosk/app/kiosk_services.h"
#include "kiosk/app/kiosk_sound.h"
#include "kiosk/app/room_display.h"
#include "kiosk/services/display_placement.h"
#include "kiosk/ui/window_ui.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

struct SDL_Window;
struct SDL_Renderer;
struct SDL_Texture;
union SDL_Event;

namespace vk::app {

class SecondDisplay {
public:
    // `kioskDisplay` says which display the main window is on (-1: none, drawn off screen). The call chime goes
    // to `sound`, the kiosk's, so that a call shown on both windows sounds once.
    SecondDisplay(const RoomDisplayEntry& entry, KioskServices& services, const services::KioskConfig& config,
                  KioskSound& sound, services::RendererChoice renderer, std::function<int()> kioskDisplay);
    ~SecondDisplay();
    SecondDisplay(const SecondDisplay&) = delete;
    SecondDisplay& operator=(const SecondDisplay&) = delete;

    // Opens, closes or moves the window for the displays SDL reports now.
    void followDisplays();
    // The same for a given number of displays: what a plug or unplug does (tests simulate them with it).
    void applyDisplays(int displayCount);
    // Takes what concerns it: displays plugged in or out, its own window's events. True when the event was its
    // window's (input on the TV included), which the main window must then leave alone.
    bool handleEvent(const SDL_Event& event);
    // Reloads what it shows when `reload` (after the main window drew: a call may have been made) or the minute
    // changed, and draws when that changed or the window asked for it.
    void update(std::int64_t nowMs, bool reload);
    // When update() has something to do again without any event: the next minute.
    std::int64_t nextDueMs(std::int64_t nowMs) const;

    // Draws in `area` of the kiosk's own window, on its `renderer`, for the TV that is `display`, instead of in a
    // window of its own (SpanningWindowSplit); nothing: back to a window of its own where the displays allow one.
    void showInArea(SDL_Renderer* renderer, const std::optional<services::ScreenArea>& area, int display);
    bool inArea() const { return area_.has_value(); }
    // Copies its last frame into its part of the kiosk's window, before that window is presented.
    void copyIntoArea() const;
    // True once after it drew a new frame into its part: the kiosk's window must be presented again to show it.
    bool takeAreaRedrawn() { return std::exchange(areaRedrawn_, false); }

    bool isOpen() const { return window_ != nullptr || texture_ != nullptr; }
    std::optional<int> display() const { return area_ ? std::optional<int>(areaDisplay_) : placement_.shownOn(); }
    SDL_Window* window() const { return window_; }
    std::uint32_t windowId() const;
    int framesDrawn() const { return framesDrawn_; }
    // What its last frame drew (words and places), and its pixels when keepPixels() was asked: for tests.
    const std::vector<ui::DrawnItem>& lastFrameItems() const { return ui_.items.last; }
    bool shows(const std::string& words) const;
    void keepPixels(bool keep) { keepPixels_ = keep; }
    std::uint32_t pixel(int x, int y) const;  // 0xRRGGBB of the last frame kept
    int width() const { return width_; }
    int height() const { return height_; }
    // Writes the last frame kept as a PNG (docs pictures). False with a message on stderr when it cannot.
    bool savePng(const std::string& file) const;

private:
    bool open(int display);
    void startUi();
    void close();
    void loadFonts();
    void draw(std::int64_t nowMs);

    const RoomDisplayEntry& entry_;
    KioskServices& services_;
    const services::KioskConfig& config_;
    KioskSound& sound_;
    services::RendererChoice rendererChoice_;
    std::function<int()> kioskDisplay_;
    services::DisplayChoice choice_;
    services::RoomDisplayPlacement placement_;

    SDL_Window* window_ = nullptr;
    SDL_Renderer* renderer_ = nullptr;  // its window's, or the kiosk's when it draws in a part of the kiosk's
    SDL_Texture* texture_ = nullptr;    // that part's last frame
    std::optional<services::ScreenArea> area_;
    int areaDisplay_ = 0;
    bool areaRedrawn_ = false;
    ui::WindowUi ui_;
    std::unique_ptr<RoomDisplay> content_;
    int width_ = 0;
    int height_ = 0;
    bool drawAsked_ = false;
    bool explainedWayland_ = false;
    std::int64_t loadedMinute_ = -1;
    std::int64_t lastFrameMs_ = 0;
    int framesDrawn_ = 0;
    bool keepPixels_ = false;
    std::vector<std::uint32_t> pixels_;  // ARGB8888, width_ × height_
};

}  // namespace vk::app
