#include "kiosk/services/health/local_days.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace vk::services::health {
namespace {

std::optional<std::chrono::year_month_day> parseDay(const std::string& day) {
    int y = 0;
    unsigned m = 0;
    unsigned d = 0;
    char tail = 0;
    if (day.size() != 10 || std::sscanf(day.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3) return std::nullopt;
    const std::chrono::year_month_day date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
    if (!date.ok()) return std::nullopt;
    return date;
}

std::string formatDay(const std::chrono::year_month_day& date) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return text;
}

std::tm localTm(std::int64_t unixMs) {
    const std::time_t seconds = static_cast<std::time_t>(unixMs / 1000);
    std::tm local{};
    localtime_r(&seconds, &local);
    return local;
}

}  // namespace

std::string localDay(std::int64_t unixMs) {
    const std::tm t = localTm(unixMs);
    char text[40];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", t.tm_year + 1900, t.tm_mon + 1, t.tm_mday);
    return text;
}

std::string localTime(std::int64_t unixMs) {
    const std::tm t = localTm(unixMs);
    char text[24];
    std::snprintf(text, sizeof text, "%02d:%02d", t.tm_hour, t.tm_min);
    return text;
}

std::optional<std::int64_t> localToUnixMs(const std::string& day, const std::string& time) {
    const auto date = parseDay(day);
    if (!date || !isValidTime(time)) return std::nullopt;
    std::tm t{};
    t.tm_year = static_cast<int>(date->year()) - 1900;
    t.tm_mon = static_cast<int>(static_cast<unsigned>(date->month())) - 1;
    t.tm_mday = static_cast<int>(static_cast<unsigned>(date->day()));
    t.tm_hour = minutesOf(time) / 60;
    t.tm_min = minutesOf(time) % 60;
    t.tm_isdst = -1;  // let the time zone rules say whether that day is in summer time
    const std::time_t seconds = std::mktime(&t);
    if (seconds == static_cast<std::time_t>(-1)) return std::nullopt;
    return static_cast<std::int64_t>(seconds) * 1000;
}

bool isValidDay(const std::string& day) { return parseDay(day).has_value(); }

bool isValidTime(const std::string& time) {
    return time.size() == 5 && time[2] == ':' && time[0] >= '0' && time[0] <= '2' && time[1] >= '0' &&
           time[1] <= '9' && time[3] >= '0' && time[3] <= '5' && time[4] >= '0' && time[4] <= '9' &&
           (time[0] < '2' || time[1] <= '3');
}

std::string addDays(const std::string& day, int days) {
    const auto date = parseDay(day);
    if (!date) return day;
    return formatDay(std::chrono::sys_days(*date) + std::chrono::days(days));
}

int weekdayIndex(const std::string& day) {
    const auto date = parseDay(day);
    if (!date) return 0;
    // ISO: Monday is 1 … Sunday is 7.
    return static_cast<int>(std::chrono::weekday(std::chrono::sys_days(*date)).iso_encoding()) - 1;
}

std::string mondayOf(const std::string& day) { return addDays(day, -weekdayIndex(day)); }

std::string displayedWeekMonday(const std::string& today) {
    return weekdayIndex(today) >= 5 ? addDays(mondayOf(today), 7) : mondayOf(today);
}

int minutesOf(const std::string& time) {
    if (!isValidTime(time)) return 0;
    return ((time[0] - '0') * 10 + (time[1] - '0')) * 60 + (time[3] - '0') * 10 + (time[4] - '0');
}

}  // namespace vk::services::health
