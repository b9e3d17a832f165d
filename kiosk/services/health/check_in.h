#pragma once
// Residents check themselves in at the kiosk: by birth date and the first letters of their surname, by the code
// of their booking reminder, or with a card the assistant linked earlier. The result is meant for a public screen:
// it holds a ticket, initials and a time, never a name, a birth date or a phone number.

#include "kiosk/services/clock.h"
#include "kiosk/services/health/appointment_book.h"
#include "kiosk/services/staff_service.h"
#include "storage/appointment_store.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace vk::services::health {

struct CheckInPolicy {
    // The check-in window around the appointment time, both edges included.
    int earlyMinutes = 60;
    int lateMinutes = 30;
    std::string ticketPrefix = "M";   // booked patients: "M-007"
    std::string walkInPrefix = "S";   // walk-ins: "S-003"
    static constexpr std::size_t kMinSurnameLetters = 2;
    // Someone trying birth dates and letters (or codes) one after another to learn who comes when: after this
    // many misses within the window, typed check-in pauses for a while. A card, or the assistant, still works.
    int missesBeforePause = 6;
    int missWindowMinutes = 10;
    int pauseMinutes = 2;
};

enum class CheckInOutcome {
    CheckedIn,
    AlreadyCheckedIn,  // the same ticket again
    NoMatch,
    SeveralMatches,    // more than one patient fits: the kiosk never guesses, it sends them to the desk
    TooEarly,          // see minutesUntilOpen
    TooLate,           // the window has closed, or the assistant marked a no-show
    Cancelled,
    InvalidInput,      // fewer than 2 letters, a birth date that is not a date, an empty code
    Paused,            // too many misses in a row: typed check-in rests a moment (see CheckInPolicy)
};

// All a public screen may show of a patient.
struct PublicCheckIn {
    std::string ticket;    // "M-007"
    std::string initials;  // "M. D."
    std::string time;      // "10:30", the appointment's local time (a walk-in's arrival)
};

struct CheckInResult {
    CheckInResult(CheckInOutcome result, std::optional<PublicCheckIn> shown = std::nullopt, int minutes = 0)
        : outcome(result), view(std::move(shown)), minutesUntilOpen(minutes) {}

    CheckInOutcome outcome = CheckInOutcome::NoMatch;
    std::optional<PublicCheckIn> view;  // CheckedIn and AlreadyCheckedIn
    int minutesUntilOpen = 0;           // TooEarly: in how many minutes the window opens (rounded up)
};

class CheckIn {
public:
    CheckIn(storage::Database& db, const Clock& clock, StaffService& staff, CheckInPolicy policy = {});

    // `birthDate` as typed ("YYYY-MM-DD" or "DD/MM/YYYY"); `surnameLetters` the first letters, any case, accents
    // or not. Looks at today's appointments only.
    CheckInResult byBirthDate(const std::string& birthDate, const std::string& surnameLetters);
    // The code of the booking reminder, any case, spaces and hyphens ignored.
    CheckInResult byCode(const std::string& code);
    // A card the assistant linked to a patient (linkCard): its UID as the reader gives it, in hex.
    CheckInResult byCard(const std::string& cardUidHex);

    // The assistant links the card a patient shows to that patient (surname and birth date of the appointment),
    // so that next time the card alone checks them in. Re-linking a card moves it to the new patient.
    AppointmentChange linkCard(const StaffSession* actor, const std::string& appointmentId,
                               const std::string& cardUidHex);

    const CheckInPolicy& policy() const { return policy_; }

private:
    CheckInResult decide(const std::vector<Appointment>& candidates);
    CheckInResult lookUpByBirthDate(const std::string& birthDate, const std::string& surnameLetters);
    CheckInResult lookUpByCode(const std::string& code);
    // Counts a typed attempt that found nobody, and says whether typed check-in is paused now.
    CheckInResult noteMiss(CheckInResult result);
    bool paused() const;
    PublicCheckIn publicView(const Appointment& appointment, const std::string& ticket) const;

    storage::AppointmentStore store_;
    const Clock& clock_;
    StaffService& staff_;
    CheckInPolicy policy_;
    std::vector<std::int64_t> recentMisses_;  // times, within the window; this kiosk's memory only
    std::int64_t pausedUntil_ = 0;
};

}  // namespace vk::services::health
