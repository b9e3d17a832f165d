#pragma once
// When the screen is lit: within its hours ([kiosk] screen_on_hours, on screen_on_days) always; outside them only
// for a while after someone touches it, so that a café closed for the night does not show a lit screen to the
// street. cage 0.1.4 cannot switch its output off, so "dark" is a black screen the kiosk draws (docs/install.md).

#include <ctime>
#include <optional>
#include <string>
#include <vector>

namespace vk::services {

struct ScreenHours {
    int fromMinute = -1;  // minutes after midnight, local time; -1: always lit
    int toMinute = -1;    // exclusive; smaller than fromMinute for hours past midnight ("18:00-02:00")
    bool days[7] = {true, true, true, true, true, true, true};  // Sunday first, as std::tm's tm_wday

    bool alwaysOn() const { return fromMinute < 0; }
    bool litAt(const std::tm& local) const;
};

// "07:30-21:00" and ["mon", …, "sun"] (empty: every day); an empty text is "always lit". nullopt with `problem`
// set when the text or a day is not understood.
std::optional<ScreenHours> parseScreenHours(const std::string& hours, const std::vector<std::string>& days,
                                            std::string& problem);

// Whether the kiosk should be dark now: outside its hours and untouched for `idleMs` (the visitor's idle
// timeout, after which the kiosk has gone home anyway).
bool screenShouldBeDark(const ScreenHours& hours, std::int64_t nowMs, std::int64_t lastInputMs, std::int64_t idleMs);

}  // namespace vk::services
