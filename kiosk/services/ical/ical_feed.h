#pragma once
// What every iCalendar feed the kiosk reads shares, whatever it means to its area (the doctors' rota, the café's
// agenda): opening a feed that may be broken or hostile with libical, and reading its dates, times and texts.
// Callers hold health::libicalMutex() around all of it (libical 3.0 keeps its state in globals).

#include <libical/ical.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vk::services::ical {

using std::chrono::sys_days;

struct ComponentDeleter {
    void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using ComponentPtr = std::unique_ptr<icalcomponent, ComponentDeleter>;

// A village feed has a few hundred entries a month; this only bites on a broken or hostile one.
inline constexpr std::size_t kMaxFeedBytes = 16 * 1024 * 1024;

// A feed read into components, or why not.
struct OpenedFeed {
    std::string error;  // one English sentence for staff ("The rota feed is empty."); empty when read
    ComponentPtr root;
    std::vector<icalcomponent*> calendars;  // its VCALENDARs, each holding one VEVENT at least
};

// `what` names the feed in the messages ("rota feed", "agenda feed"). Refuses an empty feed, a web page, a file
// that is not iCalendar, one cut short and one without any VEVENT. A NUL byte is dropped rather than end the text.
OpenedFeed openFeed(std::string_view icsText, std::string_view what);

// Takes out of a feed's VCALENDARs each VTIMEZONE libical could not work out in a bounded time (a rule repeating
// more often than yearly, thousands of years of rules, in it or in the feed's zones together), and ends each yearly
// rule kept fifteen years ahead, past anything a kiosk converts. An event in a zone taken out falls back to the
// system's zone of that name, or is reported as in an unknown zone. openFeed() does it; a feed parsed otherwise
// calls it. How many were taken out.
std::size_t dropUnworkableZones(const std::vector<icalcomponent*>& calendars);

// ---- Dates and times ----
std::optional<sys_days> parseDay(std::string_view text);  // "YYYY-MM-DD"
sys_days dayOf(const icaltimetype& t);
std::string formatDay(sys_days day);
std::string formatClock(int hour, int minute);  // "09:05"
// A wall-clock time with no zone attached, the form libical's recurrence iterator computes in.
icaltimetype wallClock(icaltimetype t);
icaltimetype wallClockAt(sys_days day, int hour, int minute, int second, bool isDate);
// Seconds since 1970 in UTC of a wall-clock time in `zone`, on the calendar fields (1900 and 3000 work too).
std::int64_t utcSeconds(icaltimetype wall, icaltimezone* zone);
icaltimetype localFromUtcSeconds(std::int64_t seconds, icaltimezone* local);

// ---- Text ----
std::string cutToBytes(std::string text, std::size_t maxBytes);
// Printable text only (no control characters), on one line, at most maxBytes of UTF-8.
std::string cleanText(std::string_view raw, std::size_t maxBytes);
// A long title cut at the last whole word that fits, followed by « … », all within maxBytes.
std::string cutAtWord(std::string text, std::size_t maxBytes);
// Google Calendar writes descriptions as HTML: <br> and <p> become line breaks, other tags go.
std::string plainDescription(std::string_view text);
std::string_view firstLine(std::string_view text);  // the first line with something on it

// ---- Properties ----
// A date or date-time as written, with the zone it was written in: UTC, a VTIMEZONE of the feed, a zone of the
// system's database, or `floating` (no zone: the kiosk's own).
struct WrittenTime {
    icaltimetype wall = icaltime_null_time();
    icaltimezone* zone = nullptr;
    bool floating = false;
    std::string unknownZone;  // a TZID nobody defines
};

icaltimetype propertyTime(icalproperty* property);
// icaltime_is_valid_time() refuses years after 3000; an event in 3000 is a typo to report, not unreadable.
bool isPlausibleTime(const icaltimetype& t);
WrittenTime readTime(icalproperty* property, icalcomponent* calendar);
bool timeIsSet(const WrittenTime& t);
const char* textProperty(icalcomponent* event, icalproperty_kind kind);  // null when absent or not text
// The parser drops a date or a rule it cannot read and leaves an X-LIC-ERROR in its place: the name of the timing
// property lost ("DTSTART"), if any.
std::optional<std::string> unreadableTimingProperty(icalcomponent* event);

}  // namespace vk::services::ical
