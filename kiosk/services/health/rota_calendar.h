#pragma once
// Reading a doctor rota published as iCalendar (RFC 5545), with libical. The feed speaks in events; the kiosk
// speaks in visits (who is here, from which day to which), consultation hours per day, and closures. The mapping
// is documented in docs/health.md:
//   - an all-day event whose summary starts with « Fermé », « Fermeture », « Congés » or « Closed », or whose
//     CATEGORIES holds CLOSURE / FERMETURE: a closure over its days;
//   - any other all-day event: a doctor's visit over its days; the summary is the doctor's name, the first line of
//     the description the doctor's title; one without a summary (or with nothing printable in it) is skipped and
//     reported, since a visit without a name tells residents nothing;
//   - a timed event: consultation hours on its day, in the kiosk's local time; the summary may name the doctor;
//   - a timed event longer than a day: the doctor's visit over its days, open from its start time on the first day
//     to its end time on the last, with the centre's usual hours on the days between (and around those ends);
//     a shorter timed event on one of those days sets that day's hours instead.
// Recurring events are expanded (RRULE, RDATE, EXDATE) within the window asked for.

#include <string>
#include <string_view>
#include <vector>

namespace vk::services::health {

struct ImportedVisit {
    std::string sourceKey;  // UID, plus the occurrence's start for a recurring event
    std::string doctorName;
    std::string doctorTitle;
    std::string firstDay;  // "YYYY-MM-DD", local
    std::string lastDay;   // inclusive
};

struct ImportedHours {
    std::string sourceKey;
    std::string day;     // "YYYY-MM-DD", local
    std::string opens;   // "HH:MM", local
    std::string closes;  // "HH:MM", local, after opens (an event crossing midnight is cut at 23:59)
    std::string doctorName;
};

struct ImportedClosure {
    std::string sourceKey;
    std::string firstDay;
    std::string lastDay;
    std::string reason;
};

// An event the import left out, and why, for the staff report (an event in 1900, one without a date…).
struct SkippedEvent {
    std::string uid;
    std::string reason;
};

struct RotaCalendar {
    std::vector<ImportedVisit> visits;
    std::vector<ImportedHours> hours;
    std::vector<ImportedClosure> closures;
    std::vector<SkippedEvent> skipped;
};

struct CalendarWindow {
    std::string firstDay;  // occurrences wholly before this day are dropped
    std::string lastDay;   // occurrences starting after it are dropped
};

// One session of the centre's usual day ("09:00"–"12:00"), local time.
struct ConsultationSession {
    std::string opens;
    std::string closes;
};

// What a day of a multi-day visit looks like when the feed says nothing more precise: [health] usual_hours.
inline std::vector<ConsultationSession> defaultUsualHours() { return {{"09:00", "12:00"}, {"14:00", "18:00"}}; }

struct RotaCalendarResult {
    bool ok = false;
    std::string error;  // why nothing can be used, in one English sentence for staff; empty when ok
    RotaCalendar calendar;
};

// Never throws and never crashes on hostile input. `localTimeZone` is an Olson name ("Europe/Paris").
// `usualHours` are sorted and do not overlap (the settings reader checks it).
RotaCalendarResult parseRotaCalendar(std::string_view icsText, const CalendarWindow& window,
                                     const std::string& localTimeZone,
                                     const std::vector<ConsultationSession>& usualHours = defaultUsualHours());

}  // namespace vk::services::health
