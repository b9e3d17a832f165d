#include "kiosk/services/health/rota_calendar.h"

#include "kiosk/services/health/ical_zones.h"
#include "kiosk/services/user_text.h"

#include <libical/ical.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <tuple>

namespace vk::services::health {
namespace {

using std::chrono::sys_days;

// A village rota has a few hundred entries a month; these bounds only bite on a broken or hostile feed.
constexpr std::size_t kMaxFeedBytes = 16 * 1024 * 1024;
constexpr std::size_t kMaxOccurrencesPerEvent = 1000;
// Steps of libical's iterator per event, counting those before the window and those excluded: a COUNT rule
// cannot be started at the window, so it is walked from DTSTART.
constexpr std::size_t kMaxStepsPerEvent = 100'000;
constexpr std::size_t kMaxImportedEntries = 20'000;
constexpr std::size_t kMaxSkippedReports = 200;
// libical 3.0 can spend a fraction of a second inside one iterator step looking for a date that never comes
// (BYMONTH=4;BYMONTHDAY=31); a feed full of those must still end.
constexpr auto kExpansionBudget = std::chrono::seconds(3);
// An event this many years away from the window is a typo (1900, 3000), not an old or future rota entry.
constexpr int kImplausibleYears = 10;
constexpr std::int64_t kMaxAllDayDays = 3660;
constexpr std::size_t kNameBytes = 120;
constexpr std::size_t kTitleBytes = 120;
constexpr std::size_t kReasonBytes = 200;
constexpr std::size_t kUidBytes = 200;

struct ComponentDeleter {
    void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using ComponentPtr = std::unique_ptr<icalcomponent, ComponentDeleter>;

struct IteratorDeleter {
    void operator()(icalrecur_iterator* iterator) const { icalrecur_iterator_free(iterator); }
};
using IteratorPtr = std::unique_ptr<icalrecur_iterator, IteratorDeleter>;

// ---- Dates and times ----------------------------------------------------------------------------------------

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

// Lower case for the comparisons below: ASCII and the Latin-1 capitals (É → é), which is all French needs.
std::string foldCase(std::string_view text) {
    std::string out(text);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const auto c = static_cast<unsigned char>(out[i]);
        if (c >= 'A' && c <= 'Z') {
            out[i] = static_cast<char>(c + 32);
        } else if (c == 0xC3 && i + 1 < out.size()) {
            const auto next = static_cast<unsigned char>(out[i + 1]);
            if (next >= 0x80 && next <= 0x9E && next != 0x97) out[i + 1] = static_cast<char>(next + 0x20);
            ++i;
        }
    }
    return out;
}

std::string_view trimSpaces(std::string_view text) {
    const auto begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string_view::npos) return {};
    const auto end = text.find_last_not_of(" \t\r\n");
    return text.substr(begin, end - begin + 1);
}

std::string hexHash(std::string_view text) {
    static const bool sodiumReady = sodium_init() >= 0;
    (void)sodiumReady;
    unsigned char digest[16];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                       nullptr, 0);
    char hex[sizeof digest * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

// ---- Time zones ---------------------------------------------------------------------------------------------

// ---- Reading one event --------------------------------------------------------------------------------------

// A date or date-time as written, with the zone it was written in: utc, a VTIMEZONE of the feed, a zone of the
// system's database, or `floating` (no zone: the kiosk's own).
struct WrittenTime {
    icaltimetype wall = icaltime_null_time();
    icaltimezone* zone = nullptr;
    bool floating = false;
    std::string unknownZone;  // a TZID nobody defines
};

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
    if (out.zone == nullptr) out.zone = systemZone(tzid);
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

bool isClosure(const std::string& summary, icalcomponent* event) {
    const std::string folded = foldCase(summary);
    for (const std::string_view prefix : {"fermé", "fermeture", "congés", "closed"}) {
        if (folded.compare(0, prefix.size(), prefix) == 0) return true;
    }
    for (icalproperty* p = icalcomponent_get_first_property(event, ICAL_CATEGORIES_PROPERTY); p != nullptr;
         p = icalcomponent_get_next_property(event, ICAL_CATEGORIES_PROPERTY)) {
        const icalvalue* value = icalproperty_get_value(p);
        const char* raw = value != nullptr && icalvalue_isa(value) == ICAL_TEXT_VALUE ? icalvalue_get_text(value)
                                                                                      : nullptr;
        if (raw == nullptr) continue;
        std::string_view list(raw);
        while (!list.empty()) {
            const std::size_t comma = std::min(list.find(','), list.size());
            const std::string category = foldCase(trimSpaces(list.substr(0, comma)));
            if (category == "closure" || category == "fermeture") return true;
            list.remove_prefix(std::min(comma + 1, list.size()));
        }
    }
    return false;
}

// ---- The import ---------------------------------------------------------------------------------------------

class RotaImporter {
public:
    RotaImporter(icaltimezone* local, sys_days windowFirst, sys_days windowLast,
                 const std::vector<ConsultationSession>& usualHours)
        : local_(local), windowFirst_(windowFirst), windowLast_(windowLast), usualHours_(usualHours),
          deadline_(std::chrono::steady_clock::now() + kExpansionBudget) {}

    void collectOverride(icalcomponent* event, icalcomponent* calendar) {
        icalproperty* recurrenceId = icalcomponent_get_first_property(event, ICAL_RECURRENCEID_PROPERTY);
        const char* uid = textProperty(event, ICAL_UID_PROPERTY);
        if (recurrenceId == nullptr || uid == nullptr) return;
        const WrittenTime original = readTime(recurrenceId, calendar);
        if (timeIsSet(original) && original.unknownZone.empty()) overrides_[uid].push_back(original);
    }

    void importEvent(icalcomponent* event, icalcomponent* calendar) {
        if (stopped_) return;
        if (imported() >= kMaxImportedEntries) {
            stopped_ = true;
            report("", "the feed holds more than " + std::to_string(kMaxImportedEntries) +
                           " entries in the window; the rest were left out");
            return;
        }
        Event e;
        e.component = event;
        e.calendar = calendar;
        e.rawUid = textProperty(event, ICAL_UID_PROPERTY);
        e.summary = textProperty(event, ICAL_SUMMARY_PROPERTY);
        readEvent(e);
    }

    RotaCalendar finish() {
        if (unreportedSkips_ > 0)
            calendar_.skipped.push_back({"", "and " + std::to_string(unreportedSkips_) + " more left out"});
        // A day of a multi-day visit takes the usual hours only when no event of its own says otherwise.
        std::set<std::string> daysWithOwnHours;
        for (const ImportedHours& h : calendar_.hours) daysWithOwnHours.insert(h.day);
        for (ImportedHours& h : visitDayHours_)
            if (daysWithOwnHours.count(h.day) == 0) calendar_.hours.push_back(std::move(h));
        visitDayHours_.clear();
        auto& visits = calendar_.visits;
        std::sort(visits.begin(), visits.end(), [](const ImportedVisit& a, const ImportedVisit& b) {
            return std::tie(a.firstDay, a.lastDay, a.doctorName, a.sourceKey) <
                   std::tie(b.firstDay, b.lastDay, b.doctorName, b.sourceKey);
        });
        auto& hours = calendar_.hours;
        std::sort(hours.begin(), hours.end(), [](const ImportedHours& a, const ImportedHours& b) {
            return std::tie(a.day, a.opens, a.closes, a.doctorName, a.sourceKey) <
                   std::tie(b.day, b.opens, b.closes, b.doctorName, b.sourceKey);
        });
        auto& closures = calendar_.closures;
        std::sort(closures.begin(), closures.end(), [](const ImportedClosure& a, const ImportedClosure& b) {
            return std::tie(a.firstDay, a.lastDay, a.sourceKey) < std::tie(b.firstDay, b.lastDay, b.sourceKey);
        });
        return std::move(calendar_);
    }

private:
    struct Event {
        icalcomponent* component = nullptr;
        icalcomponent* calendar = nullptr;
        const char* rawUid = nullptr;
        const char* summary = nullptr;
        std::string keyBase;
        WrittenTime start;
        icaltimezone* zone = nullptr;  // where the wall clock of `start` is read; null for an all-day event
        bool allDay = false;
        std::int64_t durationSeconds = 0;
        std::int64_t dayCount = 1;
        bool recurring = false;
    };

    std::size_t imported() const {
        return calendar_.visits.size() + calendar_.hours.size() + calendar_.closures.size() + visitDayHours_.size();
    }

    void report(const std::string& uid, std::string reason) {
        if (calendar_.skipped.size() >= kMaxSkippedReports) {
            ++unreportedSkips_;
            return;
        }
        calendar_.skipped.push_back({uid, std::move(reason)});
    }

    static std::string keyBaseFor(const char* rawUid, const icaltimetype& start, const char* tzid,
                                  const char* summary) {
        if (rawUid != nullptr) {
            const std::string uid(rawUid);
            // A UID is kept as written when it is plain text; a hash stands in for one that is not, so that
            // keys stay printable and short.
            if (!uid.empty() && uid.size() <= kUidBytes && cleanText(uid, kUidBytes) == uid) return uid;
            if (!uid.empty()) return "uid-" + hexHash(uid);
        }
        char when[40];
        std::snprintf(when, sizeof when, "%04d%02d%02dT%02d%02d%02d/%d", start.year, start.month, start.day,
                      start.hour, start.minute, start.second, start.is_date);
        std::string material = when;
        material += '\n';
        material += tzid != nullptr ? tzid : "";
        material += '\n';
        material += summary != nullptr ? summary : "";
        return "nouid-" + hexHash(material);
    }

    void readEvent(Event& e) {
        icalproperty* dtstart = icalcomponent_get_first_property(e.component, ICAL_DTSTART_PROPERTY);
        {
            const icaltimetype rawStart = dtstart != nullptr ? propertyTime(dtstart) : icaltime_null_time();
            icalparameter* tzid =
                dtstart != nullptr ? icalproperty_get_first_parameter(dtstart, ICAL_TZID_PARAMETER) : nullptr;
            e.keyBase = keyBaseFor(e.rawUid, rawStart, tzid != nullptr ? icalparameter_get_tzid(tzid) : nullptr,
                                   e.summary);
        }

        // A cancelled event is the organiser's decision, not a fault to report.
        const icalproperty* status = icalcomponent_get_first_property(e.component, ICAL_STATUS_PROPERTY);
        if (status != nullptr && icalproperty_get_status(status) == ICAL_STATUS_CANCELLED) return;

        if (const auto unreadable = unreadableTimingProperty(e.component)) {
            report(e.keyBase, "its " + *unreadable + " could not be read");
            return;
        }
        if (dtstart == nullptr) {
            report(e.keyBase, "no start date (DTSTART)");
            return;
        }
        e.start = readTime(dtstart, e.calendar);
        if (!timeIsSet(e.start)) {
            report(e.keyBase, "its start date (DTSTART) could not be read");
            return;
        }
        if (!e.start.unknownZone.empty()) {
            report(e.keyBase, "unknown time zone \"" + e.start.unknownZone + "\" and no VTIMEZONE for it");
            return;
        }
        e.allDay = e.start.wall.is_date != 0;
        e.zone = e.allDay ? nullptr : (e.start.floating ? local_ : e.start.zone);
        if (!readLength(e)) return;

        icalproperty* recurrenceId = icalcomponent_get_first_property(e.component, ICAL_RECURRENCEID_PROPERTY);
        e.recurring = recurrenceId != nullptr ||
                      icalcomponent_get_first_property(e.component, ICAL_RRULE_PROPERTY) != nullptr ||
                      icalcomponent_get_first_property(e.component, ICAL_RDATE_PROPERTY) != nullptr;

        std::map<std::int64_t, std::string> occurrences;  // instant (UTC second or day number) → key suffix
        bool capped = false;
        if (recurrenceId != nullptr) {
            // A moved occurrence keeps the key of the occurrence it replaces, so a later import sees an update.
            const WrittenTime original = readTime(recurrenceId, e.calendar);
            if (!timeIsSet(original) || !original.unknownZone.empty()) {
                report(e.keyBase, "its RECURRENCE-ID could not be read");
                return;
            }
            const std::int64_t start = instantOf(e, e.start);
            if (inWindow(e, start)) occurrences.emplace(start, keySuffix(e, instantOf(e, original)));
        } else if (!expand(e, occurrences, capped)) {
            return;
        }

        if (occurrences.empty() && !capped) {
            const int year = e.start.wall.year;
            const int firstYear = static_cast<int>(std::chrono::year_month_day{windowFirst_}.year());
            const int lastYear = static_cast<int>(std::chrono::year_month_day{windowLast_}.year());
            if (year < firstYear - kImplausibleYears || year > lastYear + kImplausibleYears)
                report(e.keyBase, "dated " + formatDay(dayOf(e.start.wall)) + ", far outside the rota window");
            return;
        }
        if (capped)
            report(e.keyBase, "repeats too often: only the first " + std::to_string(occurrences.size()) +
                                  " occurrences in the window were imported");
        for (const auto& [instant, suffix] : occurrences) emit(e, instant, suffix);
    }

    // DTEND, DURATION or the default length; false when the event was reported and must be left out.
    bool readLength(Event& e) {
        icalproperty* dtend = icalcomponent_get_first_property(e.component, ICAL_DTEND_PROPERTY);
        icalproperty* duration = icalcomponent_get_first_property(e.component, ICAL_DURATION_PROPERTY);
        std::optional<std::int64_t> seconds;
        if (dtend != nullptr) {
            const WrittenTime end = readTime(dtend, e.calendar);
            if (!timeIsSet(end)) {
                report(e.keyBase, "its end (DTEND) could not be read");
                return false;
            }
            if (!end.unknownZone.empty()) {
                report(e.keyBase, "unknown time zone \"" + end.unknownZone + "\" and no VTIMEZONE for it");
                return false;
            }
            if ((end.wall.is_date != 0) != e.allDay) {
                report(e.keyBase, "its start and end mix a date and a date with a time");
                return false;
            }
            if (e.allDay) {
                seconds = (dayOf(end.wall) - dayOf(e.start.wall)).count() * 86400;
            } else {
                seconds = utcSeconds(end.wall, end.floating ? local_ : end.zone) - utcSeconds(e.start.wall, e.zone);
            }
        } else if (duration != nullptr && icalproperty_get_value(duration) != nullptr) {
            const icaldurationtype d = icalvalue_get_duration(icalproperty_get_value(duration));
            const std::int64_t magnitude =
                (static_cast<std::int64_t>(d.weeks) * 7 + d.days) * 86400 +
                static_cast<std::int64_t>(d.hours) * 3600 + static_cast<std::int64_t>(d.minutes) * 60 + d.seconds;
            seconds = d.is_neg != 0 ? -magnitude : magnitude;
        }
        if (seconds && *seconds < 0) {
            report(e.keyBase, "it ends before it starts");
            return false;
        }
        if (e.allDay) {
            // DTEND of an all-day event is exclusive (RFC 5545 §3.6.1): 24–26 December ends on the 27th.
            e.dayCount = seconds ? std::max<std::int64_t>(1, (*seconds + 86399) / 86400) : 1;
            if (e.dayCount > kMaxAllDayDays) {
                report(e.keyBase, "it lasts more than ten years");
                return false;
            }
            return true;
        }
        if (!seconds || *seconds == 0) {
            report(e.keyBase, "no end time (DTEND or DURATION)");
            return false;
        }
        if (*seconds > kMaxAllDayDays * 86400) {
            report(e.keyBase, "it lasts more than ten years");
            return false;
        }
        e.durationSeconds = *seconds;
        return true;
    }

    // The UTC second of a timed occurrence, the day number of an all-day one.
    std::int64_t instantOf(const Event& e, const WrittenTime& t) const {
        if (e.allDay) return dayOf(t.wall).time_since_epoch().count();
        if (t.wall.is_date) {
            // A DATE in a timed series (EXDATE;VALUE=DATE) means that day at the series' time.
            icaltimetype at = e.start.wall;
            at.year = t.wall.year;
            at.month = t.wall.month;
            at.day = t.wall.day;
            return utcSeconds(at, e.zone);
        }
        return utcSeconds(t.wall, t.floating || t.zone == nullptr ? e.zone : t.zone);
    }

    bool inWindow(const Event& e, std::int64_t instant) const {
        if (e.allDay) {
            const sys_days first{std::chrono::days{instant}};
            return first <= windowLast_ && first + std::chrono::days{e.dayCount - 1} >= windowFirst_;
        }
        const sys_days day = dayOf(localFromUtcSeconds(instant, local_));
        return day >= windowFirst_ && day <= windowLast_;
    }

    std::string keySuffix(const Event& e, std::int64_t instant) const {
        if (e.allDay) return formatDay(sys_days{std::chrono::days{instant}});
        const icaltimetype t = localFromUtcSeconds(instant, local_);
        return formatDay(dayOf(t)) + "T" + formatClock(t.hour, t.minute);
    }

    // DTSTART, RRULE and RDATE minus EXDATE and the occurrences moved elsewhere, inside the window. False when
    // the event was reported and must be left out.
    bool expand(const Event& e, std::map<std::int64_t, std::string>& occurrences, bool& capped) {
        std::set<std::int64_t> excluded;
        std::set<std::int64_t> excludedDays;  // EXDATE;VALUE=DATE in a timed series: the whole day
        for (icalproperty* p = icalcomponent_get_first_property(e.component, ICAL_EXDATE_PROPERTY); p != nullptr;
             p = icalcomponent_get_next_property(e.component, ICAL_EXDATE_PROPERTY)) {
            const WrittenTime t = readTime(p, e.calendar);
            if (!timeIsSet(t) || !t.unknownZone.empty()) continue;
            excluded.insert(instantOf(e, t));
            if (!e.allDay && t.wall.is_date) excludedDays.insert(dayOf(t.wall).time_since_epoch().count());
        }
        if (e.rawUid != nullptr) {
            const auto moved = overrides_.find(e.rawUid);
            if (moved != overrides_.end()) {
                for (const WrittenTime& original : moved->second) excluded.insert(instantOf(e, original));
            }
        }

        std::size_t steps = 0;
        // Adds one occurrence; false once the event has given all it may.
        const auto add = [&](std::int64_t instant, const icaltimetype& wall) {
            if (excluded.count(instant) != 0) return true;
            if (!e.allDay && excludedDays.count(dayOf(wall).time_since_epoch().count()) != 0) return true;
            if (!inWindow(e, instant)) return true;
            if (occurrences.count(instant) != 0) return true;
            if (occurrences.size() >= kMaxOccurrencesPerEvent) {
                capped = true;
                return false;
            }
            occurrences.emplace(instant, keySuffix(e, instant));
            return true;
        };

        add(instantOf(e, e.start), e.start.wall);

        for (icalproperty* p = icalcomponent_get_first_property(e.component, ICAL_RDATE_PROPERTY); p != nullptr;
             p = icalcomponent_get_next_property(e.component, ICAL_RDATE_PROPERTY)) {
            const WrittenTime t = readTime(p, e.calendar);
            if (!timeIsSet(t) || !t.unknownZone.empty()) continue;
            const std::int64_t instant = instantOf(e, t);
            if (++steps > kMaxStepsPerEvent || !add(instant, t.wall)) {
                capped = true;
                return true;
            }
        }

        for (icalproperty* p = icalcomponent_get_first_property(e.component, ICAL_RRULE_PROPERTY); p != nullptr;
             p = icalcomponent_get_next_property(e.component, ICAL_RRULE_PROPERTY)) {
            const icalvalue* value = icalproperty_get_value(p);
            if (value == nullptr) continue;
            if (!expandRule(e, icalvalue_get_recur(value), steps, add, capped)) return false;
            if (capped) return true;
        }
        return true;
    }

    template <typename Add>
    bool expandRule(const Event& e, icalrecurrencetype rule, std::size_t& steps, const Add& add, bool& capped) {
        if (rule.freq == ICAL_SECONDLY_RECURRENCE || rule.freq == ICAL_MINUTELY_RECURRENCE ||
            rule.freq == ICAL_HOURLY_RECURRENCE) {
            // A rota repeats by the day at most. libical 3.0 can also spend seconds inside a single step of a
            // filtered sub-daily rule (FREQ=SECONDLY;BYMONTH=2), which no cap between steps would stop.
            report(e.keyBase, std::string("it repeats more often than daily (FREQ=") +
                                  icalrecur_freq_to_string(rule.freq) + ")");
            return false;
        }
        if (rule.freq == ICAL_NO_RECURRENCE) return true;
        if (std::chrono::steady_clock::now() > deadline_) {
            report(e.keyBase, "left out: repeating events took too long to expand");
            return false;
        }

        const sys_days startDay = dayOf(e.start.wall);
        const std::int64_t lengthDays = e.allDay ? e.dayCount : e.durationSeconds / 86400 + 1;
        // Margins of two days cover the offset between the event's zone and the kiosk's.
        const sys_days lastUseful = windowLast_ + std::chrono::days{2};
        if (!icaltime_is_null_time(rule.until)) {
            icaltimetype until = rule.until;
            if (e.allDay) {
                until = wallClockAt(dayOf(until), 0, 0, 0, true);
            } else if (until.is_date) {
                until = wallClockAt(dayOf(until), 23, 59, 59, false);
            } else if (icaltime_is_utc(until)) {
                until = wallClock(icaltime_convert_to_zone(until, e.zone));
            } else {
                until = wallClock(until);
            }
            rule.until = until;
        }
        if (rule.count == 0) {
            // Not past the window: an endless rule stops here, and libical stops looking for dates that never
            // come (BYMONTH=2;BYMONTHDAY=30) at the window instead of decades later.
            const icaltimetype limit = wallClockAt(lastUseful, 0, 0, 0, e.allDay);
            if (icaltime_is_null_time(rule.until) || icaltime_compare(rule.until, limit) > 0) rule.until = limit;
        }

        const sys_days jump = windowFirst_ - std::chrono::days{lengthDays + 2};
        if (!icaltime_is_null_time(rule.until) && dayOf(rule.until) < jump) return true;  // over before the window

        IteratorPtr iterator(icalrecur_iterator_new(rule, wallClock(e.start.wall)));
        if (!iterator) {
            report(e.keyBase, "its repeat rule (RRULE) cannot be expanded");
            return false;
        }
        if (rule.count == 0 && jump > startDay) {
            // Straight to the window: a daily rule from 1990 need not be walked through 1990–2026.
            icalrecur_iterator_set_start(iterator.get(), wallClockAt(jump, 0, 0, 0, e.allDay));
        }
        for (;;) {
            if (++steps > kMaxStepsPerEvent) {
                capped = true;
                return true;
            }
            if ((steps & 0xFF) == 0 && std::chrono::steady_clock::now() > deadline_) {
                report(e.keyBase, "left out in part: repeating events took too long to expand");
                return true;
            }
            const icaltimetype next = icalrecur_iterator_next(iterator.get());
            if (icaltime_is_null_time(next) || dayOf(next) > lastUseful) return true;
            const std::int64_t instant = e.allDay ? dayOf(next).time_since_epoch().count() : utcSeconds(next, e.zone);
            if (!add(instant, next)) return true;
        }
    }

    void emit(const Event& e, std::int64_t instant, const std::string& suffix) {
        const std::string key = e.recurring ? e.keyBase + "@" + suffix : e.keyBase;
        if (!keys_.insert(key).second) {
            report(key, "the same event (UID and start) appears twice in the feed");
            return;
        }
        const std::string summary = e.summary != nullptr ? e.summary : "";
        if (!e.allDay && e.durationSeconds > 86400) {
            emitTimedVisit(e, key, instant, summary);
            return;
        }
        if (!e.allDay) {
            const icaltimetype opens = localFromUtcSeconds(instant, local_);
            const icaltimetype closes = localFromUtcSeconds(instant + e.durationSeconds, local_);
            ImportedHours hours;
            hours.sourceKey = key;
            hours.day = formatDay(dayOf(opens));
            hours.opens = formatClock(opens.hour, opens.minute);
            // The kiosk shows hours per day: an evening duty that runs past midnight ends, for it, at 23:59.
            hours.closes = dayOf(closes) > dayOf(opens) ? "23:59" : formatClock(closes.hour, closes.minute);
            if (hours.closes <= hours.opens) {
                report(key, "it lasts less than a minute");
                return;
            }
            hours.doctorName = cleanText(summary, kNameBytes);
            calendar_.hours.push_back(std::move(hours));
            return;
        }
        const sys_days first{std::chrono::days{instant}};
        const std::string firstDay = formatDay(first);
        const std::string lastDay = formatDay(first + std::chrono::days{e.dayCount - 1});
        std::string reason = cleanText(summary, kReasonBytes);
        if (isClosure(reason, e.component)) {
            calendar_.closures.push_back({key, firstDay, lastDay, std::move(reason)});
            return;
        }
        std::string doctorName = cleanText(summary, kNameBytes);
        if (doctorName.empty()) {
            // A visit is its doctor's name: residents shown a nameless (or made-up) doctor would come for nobody.
            // A repeating one is reported once, at its first day in the window.
            if (namelessReported_.insert(e.keyBase).second)
                report(key, "an all-day event on " + firstDay + " has no title (SUMMARY), so no doctor's name");
            return;
        }
        calendar_.visits.push_back({key, std::move(doctorName), titleOf(e), firstDay, lastDay});
    }

    // The first line of the description, as plain text, cut at a word.
    static std::string titleOf(const Event& e) {
        const char* description = textProperty(e.component, ICAL_DESCRIPTION_PROPERTY);
        if (description == nullptr) return "";
        const std::string_view raw(description);
        const std::string plain = plainDescription(raw.substr(0, std::min<std::size_t>(raw.size(), 8 * 1024)));
        return cutAtWord(cleanUserText(firstLine(plain), 8 * 1024), kTitleBytes);
    }

    // A timed event longer than a day, as rota calendars give a visiting doctor's week (Monday 08:30 to Friday
    // 18:00): a visit over its days, open from its start on the first day to its end on the last, with the usual
    // hours in between. Those day hours are kept aside until finish(), where a day's own events win over them.
    void emitTimedVisit(const Event& e, const std::string& key, std::int64_t instant, const std::string& summary) {
        const icaltimetype start = localFromUtcSeconds(instant, local_);
        icaltimetype end = localFromUtcSeconds(instant + e.durationSeconds, local_);
        const sys_days firstDay = dayOf(start);
        sys_days lastDay = dayOf(end);
        std::string endsAt = formatClock(end.hour, end.minute);
        if (endsAt == "00:00") {
            // Until midnight: the whole of the day before.
            lastDay -= std::chrono::days{1};
            endsAt = "24:00";
        }
        const std::string startsAt = formatClock(start.hour, start.minute);
        std::string reason = cleanText(summary, kReasonBytes);
        if (isClosure(reason, e.component)) {
            calendar_.closures.push_back({key, formatDay(firstDay), formatDay(lastDay), std::move(reason)});
            return;
        }
        std::string doctorName = cleanText(summary, kNameBytes);
        if (doctorName.empty()) {
            if (namelessReported_.insert(e.keyBase).second)
                report(key, "an event over several days from " + formatDay(firstDay) +
                                " has no title (SUMMARY), so no doctor's name; only its hours were imported");
        } else {
            calendar_.visits.push_back({key, doctorName, titleOf(e), formatDay(firstDay), formatDay(lastDay)});
        }
        for (sys_days day = std::max(firstDay, windowFirst_); day <= std::min(lastDay, windowLast_);
             day += std::chrono::days{1}) {
            std::vector<ConsultationSession> sessions = usualHours_;
            // From midnight or until midnight is the whole day: its usual hours.
            if (day == firstDay && startsAt != "00:00") {
                std::erase_if(sessions, [&](const ConsultationSession& s) { return s.closes <= startsAt; });
                if (!sessions.empty()) sessions.front().opens = startsAt;
            }
            if (day == lastDay && endsAt != "24:00") {
                std::erase_if(sessions, [&](const ConsultationSession& s) { return s.opens >= endsAt; });
                if (!sessions.empty()) sessions.back().closes = endsAt;
            }
            const std::string dayText = formatDay(day);
            for (std::size_t i = 0; i < sessions.size(); ++i) {
                const ConsultationSession& s = sessions[i];
                if (s.closes <= s.opens) continue;
                visitDayHours_.push_back({key + "/" + dayText + "/" + std::to_string(i + 1), dayText, s.opens,
                                          s.closes, doctorName});
            }
        }
    }

    icaltimezone* local_;
    sys_days windowFirst_;
    sys_days windowLast_;
    const std::vector<ConsultationSession>& usualHours_;
    // The hours of multi-day timed visits, day by day, until finish() knows which days have hours of their own.
    std::vector<ImportedHours> visitDayHours_;
    std::chrono::steady_clock::time_point deadline_;
    // Occurrences moved or cancelled by a VEVENT with a RECURRENCE-ID, by UID, as written.
    std::map<std::string, std::vector<WrittenTime>> overrides_;
    std::set<std::string> keys_;
    std::set<std::string> namelessReported_;
    RotaCalendar calendar_;
    std::size_t unreportedSkips_ = 0;
    bool stopped_ = false;
};

bool startsWithNoCase(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char c = text[i];
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
        if (c != prefix[i]) return false;
    }
    return true;
}

RotaCalendarResult fail(std::string error) {
    RotaCalendarResult result;
    result.error = std::move(error);
    return result;
}

RotaCalendarResult parseUnguarded(std::string_view icsText, const CalendarWindow& window,
                                  const std::string& localTimeZone,
                                  const std::vector<ConsultationSession>& usualHours) {
    const auto windowFirst = parseDay(window.firstDay);
    const auto windowLast = parseDay(window.lastDay);
    if (!windowFirst || !windowLast || *windowFirst > *windowLast)
        return fail("The date window is not valid (expected two days as YYYY-MM-DD, the first not after the last).");

    if (icsText.size() > kMaxFeedBytes) return fail("The rota feed is larger than 16 MB; it was not read.");
    if (icsText.substr(0, 3) == "\xEF\xBB\xBF") icsText.remove_prefix(3);
    const std::size_t firstText = icsText.find_first_not_of(" \t\r\n");
    if (firstText == std::string_view::npos) return fail("The rota feed is empty.");
    const std::string_view body = icsText.substr(firstText);
    if (body.front() == '<') return fail("The rota feed is a web page (HTML), not an iCalendar file.");
    if (!startsWithNoCase(body, "BEGIN:VCALENDAR"))
        return fail("The rota feed is not an iCalendar file (it does not start with BEGIN:VCALENDAR).");

    icaltimezone* local = systemZone(localTimeZone);
    if (local == nullptr) return fail("The kiosk's time zone \"" + localTimeZone + "\" is not known to the system.");

    // libical reads a C string: a NUL byte would silently end the feed there.
    std::string text;
    text.reserve(body.size());
    std::copy_if(body.begin(), body.end(), std::back_inserter(text), [](char c) { return c != '\0'; });

    const ComponentPtr root(icalparser_parse_string(text.c_str()));
    if (!root) {
        if (text.find("END:VCALENDAR") == std::string::npos)
            return fail("The rota feed is cut short (no END:VCALENDAR); it may not have downloaded completely.");
        return fail("The rota feed could not be read as iCalendar.");
    }
    // Several VCALENDARs one after the other come back under an XROOT.
    std::vector<icalcomponent*> calendars;
    if (icalcomponent_isa(root.get()) == ICAL_VCALENDAR_COMPONENT) {
        calendars.push_back(root.get());
    } else {
        for (icalcomponent* c = icalcomponent_get_first_component(root.get(), ICAL_VCALENDAR_COMPONENT); c != nullptr;
             c = icalcomponent_get_next_component(root.get(), ICAL_VCALENDAR_COMPONENT))
            calendars.push_back(c);
    }

    RotaImporter importer(local, *windowFirst, *windowLast, usualHours);
    bool anyEvent = false;
    for (icalcomponent* calendar : calendars) {
        for (icalcomponent* e = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); e != nullptr;
             e = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
            anyEvent = true;
            importer.collectOverride(e, calendar);
        }
    }
    if (!anyEvent) return fail("The rota feed holds no events (VEVENT).");
    for (icalcomponent* calendar : calendars) {
        for (icalcomponent* e = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); e != nullptr;
             e = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT))
            importer.importEvent(e, calendar);
    }
    RotaCalendarResult result;
    result.ok = true;
    result.calendar = importer.finish();
    return result;
}

}  // namespace

RotaCalendarResult parseRotaCalendar(std::string_view icsText, const CalendarWindow& window,
                                     const std::string& localTimeZone,
                                     const std::vector<ConsultationSession>& usualHours) {
    try {
        const std::lock_guard lock(libicalMutex());
        // A malformed line must never abort the kiosk (libical can be built to abort on errors).
        icalerror_set_errors_are_fatal(0);
        return parseUnguarded(icsText, window, localTimeZone, usualHours);
    } catch (const std::bad_alloc&) {
        return fail("The rota feed could not be read: not enough memory.");
    } catch (const std::exception& e) {
        return fail(std::string("The rota feed could not be read: ") + e.what() + ".");
    } catch (...) {
        return fail("The rota feed could not be read.");
    }
}

}  // namespace vk::services::health
