#include "kiosk/services/health/rota_calendar.h"

#include "kiosk/services/health/ical_zones.h"
#include "kiosk/services/ical/ical_feed.h"
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
// The feed's opening and its dates, times and texts are read as every iCalendar feed is (kiosk/services/ical/).
using namespace vk::services::ical;

// A village rota has a few hundred entries a month; these bounds only bite on a broken or hostile feed.
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

struct IteratorDeleter {
    void operator()(icalrecur_iterator* iterator) const { icalrecur_iterator_free(iterator); }
};
using IteratorPtr = std::unique_ptr<icalrecur_iterator, IteratorDeleter>;

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
            report(e.keyBase, "unknown time zone \"" + e.start.unknownZone + "\" and no usable VTIMEZONE for it");
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
                report(e.keyBase, "unknown time zone \"" + end.unknownZone + "\" and no usable VTIMEZONE for it");
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

    const ical::OpenedFeed feed = ical::openFeed(icsText, "rota feed");
    if (!feed.error.empty()) return fail(feed.error);
    icaltimezone* local = systemZone(localTimeZone);
    if (local == nullptr) return fail("The kiosk's time zone \"" + localTimeZone + "\" is not known to the system.");
    const std::vector<icalcomponent*>& calendars = feed.calendars;

    RotaImporter importer(local, *windowFirst, *windowLast, usualHours);
    for (icalcomponent* calendar : calendars) {
        for (icalcomponent* e = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); e != nullptr;
             e = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT))
            importer.collectOverride(e, calendar);
    }
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
