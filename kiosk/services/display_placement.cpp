#include "kiosk/services/display_placement.h"

#include <charconv>

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

}  // namespace vk::services
