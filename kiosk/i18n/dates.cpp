#include "kiosk/i18n/dates.h"

#include "kiosk/i18n/translations.h"

#include <cstdio>
#include <ctime>

namespace vk::i18n {
namespace {

std::tm localTime(std::int64_t unixMs) {
    const std::time_t seconds = static_cast<std::time_t>(unixMs / 1000);
    std::tm local{};
    localtime_r(&seconds, &local);
    return local;
}

}  // namespace

std::string longDate(std::int64_t unixMs) {
    const std::tm t = localTime(unixMs);
    return trf("date.long", {{"weekday", tr("date.weekday." + std::to_string(t.tm_wday))},
                             {"day", std::to_string(t.tm_mday)},
                             {"month", tr("date.month." + std::to_string(t.tm_mon + 1))},
                             {"year", std::to_string(t.tm_year + 1900)}});
}

std::string dayMonthYear(int day, int month, int year) {
    if (month < 1 || month > 12) return std::to_string(day) + "/" + std::to_string(month) + "/" + std::to_string(year);
    return trf("date.day_month_year", {{"day", std::to_string(day)},
                                       {"month", tr("date.month." + std::to_string(month))},
                                       {"year", std::to_string(year)}});
}

std::string clockTime(std::int64_t unixMs) {
    const std::tm t = localTime(unixMs);
    char text[8];
    std::snprintf(text, sizeof text, "%02d:%02d", t.tm_hour, t.tm_min);
    return text;
}

std::string spokenTime(const std::string& hhmm) {
    if (hhmm.size() != 5 || hhmm[2] != ':') return hhmm;
    const std::string hours = std::to_string(std::stoi(hhmm.substr(0, 2)));
    const std::string minutes = hhmm.substr(3, 2);
    if (minutes == "00") return trf("health.time.whole", {{"h", hours}});
    return trf("health.time.minutes", {{"h", hours}, {"m", minutes}});
}

std::string spokenClockTime(std::int64_t unixMs) { return spokenTime(clockTime(unixMs)); }

std::string shortDateTime(std::int64_t unixMs) {
    const std::tm t = localTime(unixMs);
    char text[32];
    std::snprintf(text, sizeof text, "%02d/%02d %02d:%02d", t.tm_mday, t.tm_mon + 1, t.tm_hour, t.tm_min);
    return text;
}

}  // namespace vk::i18n
