#include "kiosk/services/agenda/event_calendar.h"

#include "kiosk/services/health/ical_zones.h"
#include "kiosk/services/ical/ical_feed.h"
#include "kiosk/services/user_text.h"

#include <algorithm>
#include <mutex>
#include <set>
#include <tuple>

namespace vk::services::agenda {
namespace {

using namespace vk::services::ical;

constexpr std::size_t kMaxEvents = 5000;
constexpr std::size_t kMaxLeftOutReports = 200;
constexpr std::size_t kUidBytes = 200;

EventCalendarResult fail(std::string error) {
    EventCalendarResult result;
    result.error = std::move(error);
    return result;
}

class EventReader {
public:
    EventReader(icaltimezone* local, sys_days first, sys_days last) : local_(local), first_(first), last_(last) {}

    void read(icalcomponent* event, icalcomponent* calendar) {
        if (result_.events.size() >= kMaxEvents) {
            if (!capped_) report("", "the feed holds more than " + std::to_string(kMaxEvents) + " events; the rest were left out");
            capped_ = true;
            return;
        }
        const char* rawUid = textProperty(event, ICAL_UID_PROPERTY);
        const std::string uid = rawUid != nullptr ? cleanText(rawUid, kUidBytes + 1) : std::string();
        if (uid.empty() || uid.size() > kUidBytes) {
            report("", "an event without a readable UID (the next import could not find it again)");
            return;
        }
        if (icalcomponent_get_first_property(event, ICAL_RRULE_PROPERTY) != nullptr ||
            icalcomponent_get_first_property(event, ICAL_RDATE_PROPERTY) != nullptr) {
            report(uid, "it repeats (RRULE or RDATE): the agenda takes each date as an event of its own");
            return;
        }
        if (const auto lost = unreadableTimingProperty(event)) {
            report(uid, "its " + *lost + " could not be read");
            return;
        }
        icalproperty* dtstart = icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY);
        if (dtstart == nullptr) {
            report(uid, "no start (DTSTART)");
            return;
        }
        const WrittenTime start = readTime(dtstart, calendar);
        if (!timeIsSet(start)) {
            report(uid, "its start (DTSTART) could not be read");
            return;
        }
        if (!start.unknownZone.empty()) {
            report(uid, "unknown time zone \"" + start.unknownZone + "\" and no usable VTIMEZONE for it");
            return;
        }
        if (start.wall.is_date != 0) {
            report(uid, "it lasts all day: an event of the agenda has a start time");
            return;
        }
        icaltimezone* zone = start.floating ? local_ : start.zone;
        const std::int64_t startSeconds = utcSeconds(start.wall, zone);
        const icaltimetype localStart = localFromUtcSeconds(startSeconds, local_);
        const sys_days day = dayOf(localStart);
        if (day < first_ || day > last_) return;

        std::string key = uid;
        if (icalproperty* recurrenceId = icalcomponent_get_first_property(event, ICAL_RECURRENCEID_PROPERTY)) {
            const WrittenTime original = readTime(recurrenceId, calendar);
            if (!timeIsSet(original)) {
                report(uid, "its RECURRENCE-ID could not be read");
                return;
            }
            key += "@" + formatDay(dayOf(original.wall)) + "T" + formatClock(original.wall.hour, original.wall.minute);
        }

        ImportedEvent imported;
        imported.sourceKey = key;
        const icalproperty* status = icalcomponent_get_first_property(event, ICAL_STATUS_PROPERTY);
        imported.cancelled = status != nullptr && icalproperty_get_status(status) == ICAL_STATUS_CANCELLED;
        const char* summary = textProperty(event, ICAL_SUMMARY_PROPERTY);
        imported.title = summary != nullptr ? cutAtWord(cleanText(summary, 8 * 1024), kMaxTitleBytes) : std::string();
        if (imported.title.empty() && !imported.cancelled) {
            report(uid, "no title (SUMMARY)");
            return;
        }
        if (const char* location = textProperty(event, ICAL_LOCATION_PROPERTY))
            imported.place = cutAtWord(cleanText(location, 8 * 1024), kMaxPlaceBytes);
        if (const char* description = textProperty(event, ICAL_DESCRIPTION_PROPERTY)) {
            const std::string_view raw(description);
            const std::string plain = plainDescription(raw.substr(0, std::min<std::size_t>(raw.size(), 16 * 1024)));
            imported.description = cutAtWord(cleanUserText(plain, 16 * 1024), kMaxDescriptionBytes);
        }
        imported.day = formatDay(day);
        imported.startsAt = formatClock(localStart.hour, localStart.minute);
        if (!readEnd(event, calendar, startSeconds, imported)) return;
        if (!keys_.insert(key).second) {
            report(uid, "the same event (UID) appears twice in the feed");
            return;
        }
        result_.events.push_back(std::move(imported));
    }

    EventCalendarResult finish() {
        if (unreported_ > 0) result_.leftOut.push_back({"", "and " + std::to_string(unreported_) + " more left out"});
        std::sort(result_.events.begin(), result_.events.end(), [](const ImportedEvent& a, const ImportedEvent& b) {
            return std::tie(a.day, a.startsAt, a.title, a.sourceKey) < std::tie(b.day, b.startsAt, b.title, b.sourceKey);
        });
        result_.ok = true;
        return std::move(result_);
    }

private:
    // DTEND or DURATION; an event without either ends when it starts (no end time shown).
    bool readEnd(icalcomponent* event, icalcomponent* calendar, std::int64_t startSeconds, ImportedEvent& imported) {
        std::optional<std::int64_t> endSeconds;
        if (icalproperty* dtend = icalcomponent_get_first_property(event, ICAL_DTEND_PROPERTY)) {
            const WrittenTime end = readTime(dtend, calendar);
            if (!timeIsSet(end) || !end.unknownZone.empty() || end.wall.is_date != 0) {
                report(imported.sourceKey, "its end (DTEND) could not be read");
                return false;
            }
            endSeconds = utcSeconds(end.wall, end.floating ? local_ : end.zone);
        } else if (icalproperty* duration = icalcomponent_get_first_property(event, ICAL_DURATION_PROPERTY);
                   duration != nullptr && icalproperty_get_value(duration) != nullptr) {
            const icaldurationtype d = icalvalue_get_duration(icalproperty_get_value(duration));
            const std::int64_t magnitude = (static_cast<std::int64_t>(d.weeks) * 7 + d.days) * 86400 +
                                           static_cast<std::int64_t>(d.hours) * 3600 +
                                           static_cast<std::int64_t>(d.minutes) * 60 + d.seconds;
            endSeconds = startSeconds + (d.is_neg != 0 ? -magnitude : magnitude);
        }
        if (!endSeconds || *endSeconds == startSeconds) return true;
        if (*endSeconds < startSeconds) {
            report(imported.sourceKey, "it ends before it starts");
            return false;
        }
        const icaltimetype localEnd = localFromUtcSeconds(*endSeconds, local_);
        if (formatDay(dayOf(localEnd)) == imported.day) imported.endsAt = formatClock(localEnd.hour, localEnd.minute);
        return true;
    }

    void report(const std::string& uid, std::string reason) {
        if (result_.leftOut.size() >= kMaxLeftOutReports) {
            ++unreported_;
            return;
        }
        result_.leftOut.push_back({uid, std::move(reason)});
    }

    icaltimezone* local_;
    sys_days first_;
    sys_days last_;
    EventCalendarResult result_;
    std::set<std::string> keys_;
    std::size_t unreported_ = 0;
    bool capped_ = false;
};

EventCalendarResult parseUnguarded(std::string_view icsText, const std::string& firstDay, const std::string& lastDay,
                                   const std::string& localTimeZone) {
    const auto first = parseDay(firstDay);
    const auto last = parseDay(lastDay);
    if (!first || !last || *first > *last)
        return fail("The date window is not valid (expected two days as YYYY-MM-DD, the first not after the last).");
    const OpenedFeed feed = openFeed(icsText, "agenda feed");
    if (!feed.error.empty()) return fail(feed.error);
    icaltimezone* local = health::systemZone(localTimeZone);
    if (local == nullptr) return fail("The kiosk's time zone \"" + localTimeZone + "\" is not known to the system.");
    EventReader reader(local, *first, *last);
    for (icalcomponent* calendar : feed.calendars)
        for (icalcomponent* e = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); e != nullptr;
             e = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT))
            reader.read(e, calendar);
    return reader.finish();
}

}  // namespace

EventCalendarResult parseEventCalendar(std::string_view icsText, const std::string& firstDay, const std::string& lastDay,
                                       const std::string& localTimeZone) {
    try {
        const std::lock_guard lock(health::libicalMutex());
        icalerror_set_errors_are_fatal(0);
        return parseUnguarded(icsText, firstDay, lastDay, localTimeZone);
    } catch (const std::bad_alloc&) {
        return fail("The agenda feed could not be read: not enough memory.");
    } catch (const std::exception& e) {
        return fail(std::string("The agenda feed could not be read: ") + e.what() + ".");
    } catch (...) {
        return fail("The agenda feed could not be read.");
    }
}

}  // namespace vk::services::agenda
