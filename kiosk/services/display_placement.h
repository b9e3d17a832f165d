#pragma once
// Which display a window for a room (the waiting room's TV) belongs on, from the configuration and the displays
// SDL reports, and what to do when displays come and go. Plain data: the window itself is kiosk/app/second_display.*.

#include <optional>
#include <string_view>
#include <vector>

namespace vk::services {

// "auto" (the first display that is not the kiosk's own, when there is one), "off", or the number of a display as
// SDL counts them from 0 ([health] calling_display).
struct DisplayChoice {
    enum class Mode { Auto, Off, Display };
    Mode mode = Mode::Auto;
    int display = 0;  // with Mode::Display
};

// Nothing when `text` is none of the three.
std::optional<DisplayChoice> parseDisplayChoice(std::string_view text);

// The display the room's window belongs on, out of `displayCount`, never `kioskDisplay` (the touch screen the
// kiosk itself is on; -1 when the kiosk draws on no display of its own, as in tests). Nothing: no window.
// `windowsStayPut` is false where the window system decides where windows go (Wayland: cage 0.1.4 stretches every
// window over all its outputs, so a second one would cover the touch screen): "auto" then opens nothing, and only
// a display number the technician chose is tried.
std::optional<int> roomDisplayFor(const DisplayChoice& choice, int displayCount, int kioskDisplay,
                                  bool windowsStayPut = true);

// Follows the displays as they come and go: the window closes when its display is unplugged and opens again when
// one it belongs on is plugged in. It is never moved onto the kiosk's own display.
class RoomDisplayPlacement {
public:
    explicit RoomDisplayPlacement(DisplayChoice choice, bool windowsStayPut = true)
        : choice_(choice), windowsStayPut_(windowsStayPut) {}

    struct Step {
        bool close = false;             // close the window that is open
        std::optional<int> openOn;      // then open one on this display
        bool changed() const { return close || openOn.has_value(); }
    };
    // The displays as they are now (at start, and after every display or window event); what to do about it.
    // The caller reports with opened() or failed() how opening went.
    Step update(int displayCount, int kioskDisplay);
    void opened(int display) { shownOn_ = display; }
    // Opening failed (a warning, the kiosk goes on): not tried again until the displays change.
    void failed(int display, int displayCount) {
        shownOn_.reset();
        failedOn_ = display;
        failedWithCount_ = displayCount;
    }
    std::optional<int> shownOn() const { return shownOn_; }

private:
    DisplayChoice choice_;
    bool windowsStayPut_;
    std::optional<int> shownOn_;
    std::optional<int> failedOn_;
    int failedWithCount_ = 0;
    int lastCount_ = -1;
};

// A rectangle of the desktop or of a window, in pixels.
struct ScreenArea {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
    bool operator==(const ScreenArea& other) const {
        return x == other.x && y == other.y && width == other.width && height == other.height;
    }
};

// cage, the appliance's compositor, lays its outputs side by side and stretches the kiosk's one window over all of
// them: each output shows its own part of that window. The kiosk then draws its screens in the touch screen's part
// and the room's screen (the calling screen) in the TV's, instead of opening a second window cage would stretch
// over the touch screen too.
struct SpanningWindowSplit {
    int kioskDisplay = 0;
    ScreenArea kiosk;             // in the window's pixels
    std::optional<int> roomDisplay;
    std::optional<ScreenArea> room;
};

// The split for a window of `windowWidth`×`windowHeight` (the window system's units, as `displays` are given) drawn
// in `pixelWidth`×`pixelHeight` pixels, when it covers exactly the rectangle around every display: nothing otherwise
// (one display, or a window on one display as X11 and most compositors place it). The kiosk's part is display 0,
// or with calling_display naming display 0 the first other one; the room's is the display calling_display names
// ("auto": the first that is not the kiosk's; "off": none, the other outputs stay black).
std::optional<SpanningWindowSplit> splitSpanningWindow(const DisplayChoice& choice, const std::vector<ScreenArea>& displays,
                                                       int windowWidth, int windowHeight, int pixelWidth,
                                                       int pixelHeight);

}  // namespace vk::services
