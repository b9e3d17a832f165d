#include "kiosk/services/display_placement.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>

namespace vk::services {

std::optional<DisplayChoice> parseDisplayChoice(std::string_view text) {
    if (text == "auto") return DisplayChoice{};
    if (text == "off") return DisplayChoice{DisplayChoice::Mode::Off, 0};
    int display = -1;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), display);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() || display < 0 || display > 63)
        return std::nullopt;
    return DisplayChoice{DisplayChoice::Mode::Display, display};
}

std::optional<int> roomDisplayFor(const DisplayChoice& choice, int displayCount, int kioskDisplay,
                                  bool windowsStayPut) {
    switch (choice.mode) {
    case DisplayChoice::Mode::Off: return std::nullopt;
    case DisplayChoice::Mode::Display:
        if (choice.display < displayCount && choice.display != kioskDisplay) return choice.display;
        return std::nullopt;
    case DisplayChoice::Mode::Auto:
        // With the kiosk's own display only, the room's screen stays the public mode of the main window.
        if (kioskDisplay < 0 || !windowsStayPut) return std::nullopt;
        for (int display = 0; display < displayCount; ++display)
            if (display != kioskDisplay) return display;
        return std::nullopt;
    }
    return std::nullopt;
}

RoomDisplayPlacement::Step RoomDisplayPlacement::update(int displayCount, int kioskDisplay) {
    Step step;
    const std::optional<int> wanted = roomDisplayFor(choice_, displayCount, kioskDisplay, windowsStayPut_);
    if (displayCount != lastCount_) failedOn_.reset();  // plugged or unplugged: worth another try
    lastCount_ = displayCount;
    if (shownOn_ == wanted) return step;
    if (shownOn_) {
        step.close = true;
        shownOn_.reset();
    }
    if (wanted && failedOn_ != wanted) step.openOn = wanted;
    return step;
}

std::optional<SpanningWindowSplit> splitSpanningWindow(const DisplayChoice& choice, const std::vector<ScreenArea>& displays,
                                                       int windowWidth, int windowHeight, int pixelWidth,
                                                       int pixelHeight) {
    if (displays.size() < 2 || windowWidth <= 0 || windowHeight <= 0) return std::nullopt;
    int left = displays.front().x, top = displays.front().y;
    int right = left + displays.front().width, bottom = top + displays.front().height;
    for (const ScreenArea& display : displays) {
        if (display.width <= 0 || display.height <= 0) return std::nullopt;
        left = std::min(left, display.x);
        top = std::min(top, display.y);
        right = std::max(right, display.x + display.width);
        bottom = std::max(bottom, display.y + display.height);
    }
    // A pixel of slack for a compositor's rounding; a window one display wide is not split.
    if (std::abs(windowWidth - (right - left)) > 1 || std::abs(windowHeight - (bottom - top)) > 1) return std::nullopt;
    const double scaleX = static_cast<double>(pixelWidth) / windowWidth;
    const double scaleY = static_cast<double>(pixelHeight) / windowHeight;
    const auto inPixels = [&](const ScreenArea& display) {
        const int x0 = static_cast<int>((display.x - left) * scaleX + 0.5);
        const int y0 = static_cast<int>((display.y - top) * scaleY + 0.5);
        const int x1 = std::min(pixelWidth, static_cast<int>((display.x - left + display.width) * scaleX + 0.5));
        const int y1 = std::min(pixelHeight, static_cast<int>((display.y - top + display.height) * scaleY + 0.5));
        return ScreenArea{x0, y0, x1 - x0, y1 - y0};
    };
    const int count = static_cast<int>(displays.size());
    const bool roomChosen = choice.mode == DisplayChoice::Mode::Display && choice.display < count;
    SpanningWindowSplit split;
    split.kioskDisplay = roomChosen && choice.display == 0 ? 1 : 0;
    split.kiosk = inPixels(displays[static_cast<std::size_t>(split.kioskDisplay)]);
    if (roomChosen) {
        split.roomDisplay = choice.display;
    } else if (choice.mode == DisplayChoice::Mode::Auto) {
        for (int display = 0; display < count && !split.roomDisplay; ++display)
            if (display != split.kioskDisplay) split.roomDisplay = display;
    }
    if (split.roomDisplay) split.room = inPixels(displays[static_cast<std::size_t>(*split.roomDisplay)]);
    return split;
}

}  // namespace vk::services
