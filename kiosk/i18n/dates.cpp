#include "kiosk/i18n/dates.h"

#include "kiosk/i18n/translations.h"

#include <cstdio>
#include <optional>
#include <ctime>

namespace vk::i18n {
namespace {

std::tm localTime(std::int64_t unixMs) {
    const std::time_t seconds = static_cast<std::time_t>(unixMs / 1000);
    std::tm local{};
    localtime_r(&seconds, &local);
    return local;
}

// Days since 1970-01-01 of a civil date and back (proleptic Gregorian), so that a week's end is found without
// going through the time zone.
std::int64_t daysFromCivil(int year, int month, int day) {
    year -= month <= 2 ? 1 : 0;
    const int era = (year >= 0 ? year : year - 399) / 400;
    const int yearOfEra = year - era * 400;
    const int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return static_cast<std::int64_t>(era) * 146097 + dayOfEra - 719468;
}

struct CivilDay {
    int year = 0, month = 0, day = 0, weekday = 0;  // weekday: 0 Sunday … 6 Saturday, as date.weekday.N
};

CivilDay civilFromDays(std::int64_t days) {
    const std::int64_t shifted = days + 719468;
    const std::int64_t era = (shifted >= 0 ? shifted : shifted - 146096) / 146097;
    const int dayOfEra = static_cast<int>(shifted - era * 146097);
    const int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const int monthIndex = (5 * dayOfYear + 2) / 153;
    CivilDay civil;
    civil.day = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
    civil.month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
    civil.year = static_cast<int>(yearOfEra + era * 400) + (civil.month <= 2 ? 1 : 0);
    civil.weekday = static_cast<int>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday
    return civil;
}

}  // namespace

std::string dayOfMonth(int day) { return day == 1 ? tr("date.day.first") : std::to_string(day); }

static std::optional<std::int64_t> daysOfIso(const std::string& dayIso) {
    int year = 0, month = 0, day = 0;
    if (dayIso.size() != 10 || std::sscanf(dayIso.c_str(), "%4d-%2d-%2d", &year, &month, &day) != 3 || month < 1 ||
        month > 12 || day < 1 || day > 31)
        return std::nullopt;
    return daysFromCivil(year, month, day);
}

std::string dayText(const std::string& dayIso) {
    const auto days = daysOfIso(dayIso);
    if (!days) return dayIso;
    const CivilDay civil = civilFromDays(*days);
    return trf("date.long", {{"weekday", tr("date.weekday." + std::to_string(civil.weekday))},
                             {"day", dayOfMonth(civil.day)},
                             {"month", tr("date.month." + std::to_string(civil.month))},
                             {"year", std::to_string(civil.year)}});
}

std::string dayRange(const std::string& firstIso, const std::string& lastIso, bool withWeekdays) {
    const auto firstDays = daysOfIso(firstIso);
    const auto lastDays = daysOfIso(lastIso);
    if (!firstDays || !lastDays) return firstIso == lastIso ? firstIso : firstIso + " – " + lastIso;
    const CivilDay from = civilFromDays(*firstDays);
    const CivilDay to = civilFromDays(*lastDays);
    auto dayText = [withWeekdays](const CivilDay& civil) {
        if (!withWeekdays) return dayOfMonth(civil.day);
        return std::string(tr("date.weekday." + std::to_string(civil.weekday))) + " " + dayOfMonth(civil.day);
    };
    const std::string toText = dayText(to) + " " + std::string(tr("date.month." + std::to_string(to.month))) +
                               (from.year != to.year ? " " + std::to_string(to.year) : "");
    if (*firstDays == *lastDays) return trf("date.single_day", {{"day", toText}});
    std::string fromText = dayText(from);
    if (from.month != to.month || from.year != to.year)
        fromText += " " + std::string(tr("date.month." + std::to_string(from.month)));
    if (from.year != to.year) fromText += " " + std::to_string(from.year);
    return trf("date.week_range", {{"from", fromText}, {"to", toText}});
}

std::string weekRange(const std::string& mondayIso, int lastDay, bool withWeekdays) {
    const auto days = daysOfIso(mondayIso);
    if (!days) return mondayIso;
    const CivilDay last = civilFromDays(*days + lastDay);
    char lastIso[16];
    std::snprintf(lastIso, sizeof lastIso, "%04d-%02d-%02d", last.year, last.month, last.day);
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
