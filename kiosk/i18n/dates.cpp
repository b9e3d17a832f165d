#include "kiosk/i18n/dates.h"

#include "kiosk/i18n/translations.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <optional>

namespace vk::i18n {
namespace {

std::tm localTime(std::int64_t unixMs) {
    const std::time_t seconds = static_cast<std::time_t>(unixMs / 1000);
    std::tm local{};
    localtime_r(&seconds, &local);
    return local;
}

// A day "YYYY-MM-DD" as a calendar day, without going through the time zone; nothing for a malformed or
// impossible one ("2026-02-31").
std::optional<std::chrono::sys_days> daysOfIso(const std::string& dayIso) {
    int year = 0;
    unsigned month = 0, day = 0;
    if (dayIso.size() != 10 || std::sscanf(dayIso.c_str(), "%4d-%2u-%2u", &year, &month, &day) != 3) return std::nullopt;
    const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(month), std::chrono::day(day)};
    if (!date.ok()) return std::nullopt;
    return std::chrono::sys_days(date);
}

struct CivilDay {
    int year = 0;
    unsigned month = 0, day = 0, weekday = 0;  // weekday: 0 Sunday … 6 Saturday, as date.weekday.N
};

CivilDay civilOf(std::chrono::sys_days days) {
    const std::chrono::year_month_day date(days);
    return {static_cast<int>(date.year()), static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
            std::chrono::weekday(days).c_encoding()};
}

}  // namespace

std::string dayOfMonth(int day) { return day == 1 ? tr("date.day.first") : std::to_string(day); }

std::string dayText(const std::string& dayIso) {
    const auto days = daysOfIso(dayIso);
    if (!days) return dayIso;
    const CivilDay civil = civilOf(*days);
    return trf("date.long", {{"weekday", tr("date.weekday." + std::to_string(civil.weekday))},
                             {"day", dayOfMonth(static_cast<int>(civil.day))},
                             {"month", tr("date.month." + std::to_string(civil.month))},
                             {"year", std::to_string(civil.year)}});
}

std::string dayRange(const std::string& firstIso, const std::string& lastIso, bool withWeekdays) {
    const auto firstDays = daysOfIso(firstIso);
    const auto lastDays = daysOfIso(lastIso);
    if (!firstDays || !lastDays) return firstIso == lastIso ? firstIso : firstIso + " – " + lastIso;
    const CivilDay from = civilOf(*firstDays);
    const CivilDay to = civilOf(*lastDays);
    auto dayWords = [withWeekdays](const CivilDay& civil) {
        if (!withWeekdays) return dayOfMonth(static_cast<int>(civil.day));
        return std::string(tr("date.weekday." + std::to_string(civil.weekday))) + " " +
               dayOfMonth(static_cast<int>(civil.day));
    };
    const std::string toText = dayWords(to) + " " + std::string(tr("date.month." + std::to_string(to.month))) +
                               (from.year != to.year ? " " + std::to_string(to.year) : "");
    if (*firstDays == *lastDays) return trf("date.single_day", {{"day", toText}});
    std::string fromText = dayWords(from);
    if (from.month != to.month || from.year != to.year)
        fromText += " " + std::string(tr("date.month." + std::to_string(from.month)));
    if (from.year != to.year) fromText += " " + std::to_string(from.year);
    return trf("date.week_range", {{"from", fromText}, {"to", toText}});
}

std::string weekRange(const std::string& mondayIso, int lastDay, bool withWeekdays) {
    const auto days = daysOfIso(mondayIso);
    if (!days) return mondayIso;
    const CivilDay last = civilOf(*days + std::chrono::days(lastDay));
    char lastIso[16];
    std::snprintf(lastIso, sizeof lastIso, "%04d-%02u-%02u", last.year, last.month, last.day);
    return dayRange(mondayIso, lastIso, withWeekdays);
}

std::string longDate(std::int64_t unixMs) {
    const std::tm t = localTime(unixMs);
    return trf("date.long", {{"weekday", tr("date.weekday." + std::to_string(t.tm_wday))},
                             {"day", dayOfMonth(t.tm_mday)},
                             {"month", tr("date.month." + std::to_string(t.tm_mon + 1))},
                             {"year", std::to_string(t.tm_year + 1900)}});
}

std::string dayMonthYear(int day, int month, int year) {
    if (month < 1 || month > 12) return std::to_string(day) + "/" + std::to_string(month) + "/" + std::to_string(year);
    return trf("date.day_month_year", {{"day", dayOfMonth(day)},
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
