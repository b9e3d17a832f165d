#pragma once
// Reading the booking tool's iCalendar feed (one per practitioner, as most tools publish it): each timed event is
// one booking. The UID is the booking's own id, which keeps the kiosk's appointment in step with it (see
// AppointmentBook::importBookingFeed). The mapping is documented in docs/health.md:
//   - DTSTART: the appointment's time (a VTIMEZONE of the feed, the system's zone database, UTC or local);
//   - the patient from « Nom : » / « Prénom : » lines of the DESCRIPTION (or their English names), else from the
//     SUMMARY (the word in capitals is the surname: « Marie DUPONT »; without one, the last word);
//   - « Date de naissance : », « Téléphone : », « E-mail : », « Code : », « Rappels : » lines; every other line
//     (« Motif : »…) is left unread: the reason of a visit is never stored on the kiosk;
//   - without an « E-mail : » line, the first ATTENDEE's mailto that is not the ORGANIZER's. An address or a phone
//     is never a consent to messages: only a « Rappels : oui » line is;
//   - STATUS:CANCELLED: the booking was cancelled in the tool;
//   - an all-day event (the practitioner's absence) is not a booking and is passed over.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vk::services::health {

struct ImportedBooking {
    std::string uid;
    std::int64_t startsAtMs = 0;  // UTC
    std::string surname;
    std::string givenName;
    std::string birthDate;  // as written ("14/03/1950", "1950-03-14"), empty when not given
    std::string phone;
    std::string email;
    std::string code;
    std::string reminderConsent;  // as written on a « Rappels : » line (« oui »), empty when there is none
    bool cancelled = false;
};

struct SkippedBooking {
    std::string uid;
    std::string reason;  // in English, for the staff report
};

struct BookingCalendarResult {
    bool ok = false;
    std::string error;  // why nothing can be used; empty when ok
    std::vector<ImportedBooking> bookings;
    std::vector<SkippedBooking> skipped;
};

// The calendar's own name (X-WR-CALNAME, « Dr Lefebvre – rendez-vous »), empty without one: what tells one
// practitioner's saved feed from another's when it comes as a file rather than from an address.
std::string bookingCalendarName(std::string_view icsText);

// Never throws. `localTimeZone` is an Olson name: times without a zone are the kiosk's local time.
BookingCalendarResult parseBookingCalendar(std::string_view icsText, const std::string& localTimeZone);

}  // namespace vk::services::health
