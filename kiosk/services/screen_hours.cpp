#include "kiosk/services/screen_hours.h"

#include <cstdint>
#include <cstdio>

namespace vk::services {
namespace {

std::optional<int> parseClock(const std::string& text) {
    int hours = -1;
    int minutes = -1;
    char rest = 0;
    if (std::sscanf(text.c_str(), "%2d:%2d%c", &hours, &minutes, &rest) != 2) return std::nullopt;
    if (hours < 0 || hours > 24 || minutes < 0 || minutes > 59 || (hours == 24 && minutes != 0)) return std::nullopt;
    return hours * 60 + minutes;
}

}  // namespace

bool ScreenHours::litAt(const std::tm& local) const {
    if (alwaysOn()) return true;
    const int minute = local.tm_hour * 60 + local.tm_min;
    if (fromMinute <= toMinute) return days[local.tm_wday] && minute >= fromMinute && minute < toMinute;
    // Past midnight: the evening belongs to its own day, the small hours to the day before.
    if (minute >= fromMinute) return days[local.tm_wday];
    return minute < toMinute && days[(local.tm_wday + 6) % 7];
}

std::optional<ScreenHours> parseScreenHours(const std::string& hours, const std::vector<std::string>& days,
                                            std::string& problem) {
    ScreenHours result;
    if (hours.empty()) return result;
    const auto dash = hours.find('-');
    const auto from = dash == std::string::npos ? std::nullopt : parseClock(hours.substr(0, dash));
    const auto to = dash == std::string::npos ? std::nullopt : parseClock(hours.substr(dash + 1));
    if (!from || !to || *from == *to) {
        problem = "is \"" + hours + "\"; write the hours the screen is lit as \"07:30-21:00\" (or \"\": always)";
        return std::nullopt;
    }
    result.fromMinute = *from;
    result.toMinute = *to;
    if (days.empty()) return result;
    static const char* const kNames[7] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
    for (bool& day : result.days) day = false;
    for (const std::string& name : days) {
        bool known = false;
        for (int i = 0; i < 7; ++i)
            if (name == kNames[i]) result.days[i] = known = true;
        if (!known) {
            problem = "holds \"" + name + "\"; the days are mon, tue, wed, thu, fri, sat, sun";
            return std::nullopt;
        }
    }
    return result;
}

bool screenShouldBeDark(const ScreenHours& hours, std::int64_t nowMs, std::int64_t lastInputMs, std::int64_t idleMs) {
    if (hours.alwaysOn() || nowMs - lastInputMs < idleMs) return false;
    const std::time_t seconds = static_cast<std::time_t>(nowMs / 1000);
    std::tm local{};
    localtime_r(&seconds, &local);
    return !hours.litAt(local);
}

}  // namespace vk::services
