#pragma once
// Reading the network's tour dates (and any agenda published as iCalendar, RFC 5545) into events for the café's
// agenda, with the iCalendar code the doctors' rota uses (kiosk/services/ical/). The mapping (docs/agenda.md):
//   - a timed VEVENT is an event: SUMMARY its title, LOCATION its place, DESCRIPTION its description (HTML as
//     Google writes it becomes text), its start and end in the kiosk's local time;
//   - STATUS:CANCELLED cancels the event a previous import brought;
//   - an event without a UID, without a title, all day long, repeating (RRULE/RDATE) or outside the window is
//     left out, and the report says why.

#include <string>
#include <string_view>
#include <vector>

namespace vk::services::agenda {

struct ImportedEvent {
    std::string sourceKey;  // the UID, plus the RECURRENCE-ID of a moved occurrence
    std::string title;
    std::string place;
    std::string description;
    std::string day;       // "YYYY-MM-DD", local
    std::string startsAt;  // "HH:MM", local
    std::string endsAt;    // "HH:MM", or "" when it ends on another day
    bool cancelled = false;
};

struct LeftOutEvent {
    std::string uid;
    std::string reason;  // English, for the staff report
};

struct EventCalendarResult {
    bool ok = false;
    std::string error;  // why nothing can be used, one English sentence; empty when ok
    std::vector<ImportedEvent> events;  // by day and time
    std::vector<LeftOutEvent> leftOut;
};

inline constexpr std::size_t kMaxTitleBytes = 120;
inline constexpr std::size_t kMaxPlaceBytes = 120;
inline constexpr std::size_t kMaxDescriptionBytes = 2000;

// Never throws. Events starting before `firstDay` or after `lastDay` are left out silently (old dates are not
// news); `localTimeZone` is an Olson name ("Europe/Paris").
EventCalendarResult parseEventCalendar(std::string_view icsText, const std::string& firstDay, const std::string& lastDay,
                                       const std::string& localTimeZone);

}  // namespace vk::services::agenda
