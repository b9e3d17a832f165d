#include "kiosk/services/ical/ical_feed.h"

#include "kiosk/services/health/ical_zones.h"
#include "kiosk/services/user_text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <cstdio>
#include <iterator>

namespace vk::services::ical {
namespace {

bool startsWithNoCase(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char c = text[i];
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
        if (c != prefix[i]) return false;
    }
    return true;
}

// libical works out a VTIMEZONE's changes of offset by walking each of its rules from the rule's DTSTART, inside the
// first conversion and with no way to stop it. Every real zone changes at most a few times a year (the system's own
// go back to 1847 with up to 26 yearly rules, Outlook's start in 1601), so these bounds only bite on a broken or
// hostile zone: one fuzzed feed's FREQ=SECONDLY in a STANDARD part held an import for hours, and a yearly rule for
// a date that never comes (BYMONTH=2;BYMONTHDAY=30) costs libical about a fifth of a second a rule looking for it.
// None of the system's 418 zones comes near them: Santiago's, the costliest, counts about 670 years.
constexpr std::size_t kMaxZoneParts = 500;
constexpr std::size_t kMaxZoneRules = 64;
// libical works changes out to a few years past the date it converts; a kiosk converts dates of the coming months
// (an event ten years off is refused as a typo), so a rule ended this far ahead changes nothing it computes, and
// ends libical's search for a date that never comes.
constexpr int kZoneRulesYearsAhead = 15;
// Years of rules to walk, each counted once per date it may give in a year: per zone, and for the whole feed.
// Outlook's zone, from 1601, counts 880.
constexpr long kMaxZoneRuleYears = 2'000;
constexpr long kMaxFeedZoneRuleYears = 4'000;

std::size_t listLength(const short* values, std::size_t capacity) {
    std::size_t n = 0;
    while (n < capacity && values[n] != ICAL_RECURRENCE_ARRAY_MAX) ++n;
    return n;
}

int daysInMonth(int month) {
    static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month >= 1 && month <= 12 ? kDays[static_cast<std::size_t>(month - 1)] : 31;
}

// Yearly, within a year a handful of dates at most, and on a date that comes: what a change of offset needs.
bool isYearlyChange(const icalrecurrencetype& rule) {
    if (rule.freq != ICAL_YEARLY_RECURRENCE) return false;
    const std::size_t months = listLength(rule.by_month, ICAL_BY_MONTH_SIZE);
    if (listLength(rule.by_second, ICAL_BY_SECOND_SIZE) > 1 || listLength(rule.by_minute, ICAL_BY_MINUTE_SIZE) > 1 ||
        listLength(rule.by_hour, ICAL_BY_HOUR_SIZE) > 1 || months > 1 ||
        listLength(rule.by_year_day, ICAL_BY_YEARDAY_SIZE) > 1 || listLength(rule.by_week_no, ICAL_BY_WEEKNO_SIZE) > 1)
        return false;
    const std::size_t monthDays = listLength(rule.by_month_day, ICAL_BY_MONTHDAY_SIZE);
    if (months == 0 || monthDays == 0) return true;
    const int longest = daysInMonth(icalrecurrencetype_month_month(rule.by_month[0]));
    for (std::size_t i = 0; i < monthDays; ++i) {
        const int day = rule.by_month_day[i];
        if (day != 0 && std::abs(day) <= longest) return true;
    }
    return false;  // BYMONTH=2;BYMONTHDAY=30
}

// The years of rules libical would walk for this VTIMEZONE, each rule ended kZoneRulesYearsAhead on the way; -1
// when it is not one libical can work out in a bounded time.
long workableZoneYears(icalcomponent* vtimezone) {
    icaltimetype rulesEnd = icaltime_null_time();
    rulesEnd.year = icaltime_today().year + kZoneRulesYearsAhead;
    rulesEnd.month = 12;
    rulesEnd.day = 31;
    rulesEnd.zone = icaltimezone_get_utc_timezone();
    std::size_t parts = 0;
    std::size_t rules = 0;
    long ruleYears = 0;
    for (icalcomponent* part = icalcomponent_get_first_component(vtimezone, ICAL_ANY_COMPONENT); part != nullptr;
         part = icalcomponent_get_next_component(vtimezone, ICAL_ANY_COMPONENT)) {
        if (++parts > kMaxZoneParts) return -1;
        const icaltimetype start = icalcomponent_get_dtstart(part);
        for (icalproperty* p = icalcomponent_get_first_property(part, ICAL_RRULE_PROPERTY); p != nullptr;
             p = icalcomponent_get_next_property(part, ICAL_RRULE_PROPERTY)) {
            const icalvalue* value = icalproperty_get_value(p);
            if (value == nullptr) continue;
            icalrecurrencetype rule = icalvalue_get_recur(value);
            if (++rules > kMaxZoneRules || !isYearlyChange(rule)) return -1;
            // A COUNT rule is left as written: RFC 5545 allows a rule COUNT or UNTIL, not both.
            if (rule.count == 0 && (icaltime_is_null_time(rule.until) || rule.until.year > rulesEnd.year)) {
                rule.until = rulesEnd;
                icalproperty_set_rrule(p, rule);
            }
            const int lastYear = rule.count == 0 ? rule.until.year : rulesEnd.year;
            const int firstYear = icaltime_is_null_time(start) ? lastYear : std::max(start.year, 0);
            const long perYear =
                static_cast<long>(std::max<std::size_t>(1, listLength(rule.by_month_day, ICAL_BY_MONTHDAY_SIZE)) *
                                  std::max<std::size_t>(1, listLength(rule.by_day, ICAL_BY_DAY_SIZE)));
            ruleYears += std::max(0, lastYear - firstYear + 1) * perYear;
            if (ruleYears > kMaxZoneRuleYears) return -1;
        }
    }
    return ruleYears;
}

}  // namespace

std::size_t dropUnworkableZones(const std::vector<icalcomponent*>& calendars) {
    long feedYears = 0;
    std::size_t dropped = 0;
    for (icalcomponent* calendar : calendars) {
        std::vector<icalcomponent*> unworkable;
        for (icalcomponent* zone = icalcomponent_get_first_component(calendar, ICAL_VTIMEZONE_COMPONENT);
             zone != nullptr; zone = icalcomponent_get_next_component(calendar, ICAL_VTIMEZONE_COMPONENT)) {
            const long years = workableZoneYears(zone);
            if (years < 0 || feedYears + years > kMaxFeedZoneRuleYears) {
                unworkable.push_back(zone);
            } else {
                feedYears += years;
            }
        }
        for (icalcomponent* zone : unworkable) {
            icalcomponent_remove_component(calendar, zone);
            icalcomponent_free(zone);
        }
        dropped += unworkable.size();
    }
    return dropped;
}

OpenedFeed openFeed(std::string_view icsText, std::string_view what) {
    OpenedFeed feed;
    const std::string The = "The " + std::string(what);
    const auto fail = [&](std::string error) {
        feed.error = std::move(error);
        feed.calendars.clear();
        return std::move(feed);
    };
    if (icsText.size() > kMaxFeedBytes) return fail(The + " is larger than 16 MB; it was not read.");
    if (icsText.substr(0, 3) == "\xEF\xBB\xBF") icsText.remove_prefix(3);
    const std::size_t firstText = icsText.find_first_not_of(" \t\r\n");
    if (firstText == std::string_view::npos) return fail(The + " is empty.");
    const std::string_view body = icsText.substr(firstText);
    if (body.front() == '<') return fail(The + " is a web page (HTML), not an iCalendar file.");
    if (!startsWithNoCase(body, "BEGIN:VCALENDAR"))
        return fail(The + " is not an iCalendar file (it does not start with BEGIN:VCALENDAR).");

    // libical reads a C string: a NUL byte would silently end the feed there.
    std::string text;
    text.reserve(body.size());
    std::copy_if(body.begin(), body.end(), std::back_inserter(text), [](char c) { return c != '\0'; });

    feed.root.reset(icalparser_parse_string(text.c_str()));
    if (!feed.root) {
        if (text.find("END:VCALENDAR") == std::string::npos)
            return fail(The + " is cut short (no END:VCALENDAR); it may not have downloaded completely.");
        return fail(The + " could not be read as iCalendar.");
    }
    // Several VCALENDARs one after the other come back under an XROOT.
    if (icalcomponent_isa(feed.root.get()) == ICAL_VCALENDAR_COMPONENT) {
        feed.calendars.push_back(feed.root.get());
    } else {
        for (icalcomponent* c = icalcomponent_get_first_component(feed.root.get(), ICAL_VCALENDAR_COMPONENT);
             c != nullptr; c = icalcomponent_get_next_component(feed.root.get(), ICAL_VCALENDAR_COMPONENT))
            feed.calendars.push_back(c);
    }
    const bool anyEvent = std::any_of(feed.calendars.begin(), feed.calendars.end(), [](icalcomponent* calendar) {
        return icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT) != nullptr;
    });
    if (!anyEvent) return fail(The + " holds no events (VEVENT).");
    dropUnworkableZones(feed.calendars);
    return feed;
}

std::optional<sys_days> parseDay(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    int parts[3] = {0, 0, 0};
    const std::size_t starts[3] = {0, 5, 8};
    const std::size_t lengths[3] = {4, 2, 2};
    for (int p = 0; p < 3; ++p) {
        for (std::size_t k = 0; k < lengths[p]; ++k) {
            const char c = text[starts[p] + k];
            if (c < '0' || c > '9') return std::nullopt;
            parts[p] = parts[p] * 10 + (c - '0');
        }
    }
    const std::chrono::year_month_day ymd{std::chrono::year{parts[0]},
                                          std::chrono::month{static_cast<unsigned>(parts[1])},
                                          std::chrono::day{static_cast<unsigned>(parts[2])}};
    if (!ymd.ok()) return std::nullopt;
    return sys_days{ymd};
}

sys_days dayOf(const icaltimetype& t) {
    return sys_days{std::chrono::year_month_day{std::chrono::year{t.year},
                                                std::chrono::month{static_cast<unsigned>(t.month)},
                                                std::chrono::day{static_cast<unsigned>(t.day)}}};
}

std::string formatDay(sys_days day) {
    const std::chrono::year_month_day ymd{day};
    char out[32];
    std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return out;
}

std::string formatClock(int hour, int minute) {
    char out[16];
    std::snprintf(out, sizeof out, "%02d:%02d", hour, minute);
    return out;
}

// A wall-clock time with no zone attached, the form libical's recurrence iterator computes in.
icaltimetype wallClock(icaltimetype t) {
    t.zone = nullptr;
    return t;
}

icaltimetype wallClockAt(sys_days day, int hour, int minute, int second, bool isDate) {
    const std::chrono::year_month_day ymd{day};
    icaltimetype t = icaltime_null_time();
    t.year = static_cast<int>(ymd.year());
    t.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
    t.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
    t.is_date = isDate ? 1 : 0;
    if (!isDate) {
        t.hour = hour;
        t.minute = minute;
        t.second = second;
    }
    return t;
}

// Seconds since 1970 in UTC of a wall-clock time in `zone`. Computed on the calendar fields rather than with
// time_t so that 1900 and 3000 behave like any other year.
std::int64_t utcSeconds(icaltimetype wall, icaltimezone* zone) {
    icaltimezone* utc = icaltimezone_get_utc_timezone();
    wall.is_date = 0;
    wall.zone = zone;
    const icaltimetype inUtc = zone == utc ? wall : icaltime_convert_to_zone(wall, utc);
    const auto days = static_cast<std::int64_t>(dayOf(inUtc).time_since_epoch().count());
    return days * 86400 + inUtc.hour * 3600 + inUtc.minute * 60 + inUtc.second;
}

icaltimetype localFromUtcSeconds(std::int64_t seconds, icaltimezone* local) {
    const std::int64_t dayNumber = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
    const std::int64_t inDay = seconds - dayNumber * 86400;
    icaltimetype t = wallClockAt(sys_days{std::chrono::days{dayNumber}}, static_cast<int>(inDay / 3600),
                                 static_cast<int>(inDay % 3600 / 60), static_cast<int>(inDay % 60), false);
    t.zone = icaltimezone_get_utc_timezone();
    return icaltime_convert_to_zone(t, local);
}

// ---- Text ---------------------------------------------------------------------------------------------------

std::string cutToBytes(std::string text, std::size_t maxBytes) {
    if (text.size() <= maxBytes) return text;
    std::size_t cut = maxBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
    while (!text.empty() && text.back() == ' ') text.pop_back();
    return text;
}

std::string cleanText(std::string_view raw, std::size_t maxBytes) {
    // A name is never kilobytes long; looking further would only cost time on a hostile feed.
    raw = raw.substr(0, std::min<std::size_t>(raw.size(), 8 * 1024));
    return cutToBytes(cleanUserText(raw, maxBytes), maxBytes);
}

// A title cut in the middle of a word reads like a mistake: a long one ends at the last whole word that fits,
// followed by « … », all within maxBytes.
std::string cutAtWord(std::string text, std::size_t maxBytes) {
    if (text.size() <= maxBytes) return text;
    static constexpr std::string_view kEllipsis = "\xE2\x80\xA6";
    std::string cut = cutToBytes(text, maxBytes - kEllipsis.size());
    const bool wordCut = text[cut.size()] != ' ';
    if (wordCut) {
        const std::size_t space = cut.find_last_of(' ');
        // One enormous word has no boundary to cut at; it is cut on a character instead.
        if (space != std::string::npos && space > 0) cut.resize(space);
    }
    while (!cut.empty() && (cut.back() == ' ' || cut.back() == ',' || cut.back() == ';' || cut.back() == ':' ||
                            cut.back() == '-'))
        cut.pop_back();
    return cut + std::string(kEllipsis);
}

// Google Calendar writes descriptions typed in its web page as HTML (« Médecin généraliste<br>Remplaçant »):
// a line break is <br>, and other tags are markup, not text.
std::string plainDescription(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '<') {
            out += text[i];
            continue;
        }
        const std::size_t close = text.find('>', i);
        const std::string_view tag = text.substr(i + 1, close == std::string_view::npos ? 0 : close - i - 1);
        const bool looksLikeTag = close != std::string_view::npos && !tag.empty() && tag.size() < 40 &&
                                  (std::isalpha(static_cast<unsigned char>(tag[0])) != 0 || tag[0] == '/') &&
                                  tag.find('<') == std::string_view::npos;
        if (!looksLikeTag) {
            out += text[i];
            continue;
        }
        const std::string_view name = tag.substr(tag[0] == '/' ? 1 : 0, 2);
        if ((name == "br" || name == "BR" || name == "p" || name == "P") &&
            (tag.size() <= 3 || tag[2] == ' ' || tag[2] == '/' || name.size() == 1))
            out += '\n';
        i = close;
    }
    return out;
}

std::string_view firstLine(std::string_view text) {
    std::size_t begin = 0;
    while (begin < text.size()) {
        std::size_t end = text.find_first_of("\r\n", begin);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = text.substr(begin, end - begin);
        if (line.find_first_not_of(" \t") != std::string_view::npos) return line;
        begin = end + 1;
    }
    return {};
}

icaltimetype propertyTime(icalproperty* property) {
    // Straight from the value: libical's icalproperty_get_dtstart() & co. would look the TZID up themselves.
    const icalvalue* value = icalproperty_get_value(property);
    if (value == nullptr) return icaltime_null_time();
    if (icalvalue_isa(value) == ICAL_PERIOD_VALUE) return icalvalue_get_period(value).start;
    if (icalvalue_isa(value) == ICAL_DATETIMEPERIOD_VALUE) {
        const icaldatetimeperiodtype both = icalvalue_get_datetimeperiod(value);
        return icaltime_is_null_time(both.time) ? both.period.start : both.time;
    }
    if (icalvalue_isa(value) == ICAL_DATETIME_VALUE || icalvalue_isa(value) == ICAL_DATE_VALUE)
        return icalvalue_get_datetime(value);
    return icaltime_null_time();
}

// icaltime_is_valid_time() refuses years after 3000; an event in 3000 is a typo to report, not unreadable.
bool isPlausibleTime(const icaltimetype& t) {
    if (icaltime_is_null_time(t) || t.year < 1 || t.year > 9999 || t.month < 1 || t.month > 12 || t.day < 1)
        return false;
    const std::chrono::year_month_day ymd{std::chrono::year{t.year}, std::chrono::month{static_cast<unsigned>(t.month)},
                                          std::chrono::day{static_cast<unsigned>(t.day)}};
    if (!ymd.ok()) return false;
    return t.is_date != 0 || (t.hour >= 0 && t.hour < 24 && t.minute >= 0 && t.minute < 60 && t.second >= 0 &&
                              t.second <= 60);
}

WrittenTime readTime(icalproperty* property, icalcomponent* calendar) {
    WrittenTime out;
    const icaltimetype t = propertyTime(property);
    if (!isPlausibleTime(t)) return out;
    out.wall = wallClock(t);
    if (t.is_date) return out;
    if (icaltime_is_utc(t)) {
        out.zone = icaltimezone_get_utc_timezone();
        return out;
    }
    icalparameter* tzidParam = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER);
    const char* tzid = tzidParam != nullptr ? icalparameter_get_tzid(tzidParam) : nullptr;
    if (tzid == nullptr || *tzid == '\0') {
        out.floating = true;
        return out;
    }
    // A VTIMEZONE in the feed wins over the system's database (RFC 5545 §3.2.19), which only stands in for
    // feeds that name an Olson zone without defining it.
    out.zone = icalcomponent_get_timezone(calendar, tzid);
    if (out.zone == nullptr) out.zone = health::systemZone(tzid);
    if (out.zone == nullptr) out.unknownZone = cleanText(tzid, 64);
    return out;
}

bool timeIsSet(const WrittenTime& t) { return !icaltime_is_null_time(t.wall); }

const char* textProperty(icalcomponent* event, icalproperty_kind kind) {
    icalproperty* property = icalcomponent_get_first_property(event, kind);
    if (property == nullptr) return nullptr;
    const icalvalue* value = icalproperty_get_value(property);
    if (value == nullptr || icalvalue_isa(value) != ICAL_TEXT_VALUE) return nullptr;
    return icalvalue_get_text(value);
}

// The parser drops a date or a rule it cannot read and leaves an X-LIC-ERROR in its place; importing the event
// without it would show it on the wrong days.
std::optional<std::string> unreadableTimingProperty(icalcomponent* event) {
    static constexpr std::array<std::string_view, 7> kTiming = {"DTSTART", "DTEND",   "DURATION",     "RRULE",
                                                                "RDATE",   "EXDATE",  "RECURRENCE-ID"};
    for (icalproperty* p = icalcomponent_get_first_property(event, ICAL_XLICERROR_PROPERTY); p != nullptr;
         p = icalcomponent_get_next_property(event, ICAL_XLICERROR_PROPERTY)) {
        const char* message = icalproperty_get_xlicerror(p);
        if (message == nullptr) continue;
        const std::string_view text(message);
        for (const std::string_view name : kTiming) {
            const std::string needle = "in " + std::string(name) + " property";
            if (text.find(needle) != std::string_view::npos) return std::string(name);
        }
    }
    return std::nullopt;
}

}  // namespace vk::services::ical
