#pragma once
// Residents check themselves in at the kiosk: by birth date and the first letters of their surname, by the code
// of their booking reminder, or with a card the assistant linked earlier. The result is meant for a public screen:
// it holds a ticket, initials and a time, never a name, a birth date or a phone number.

#include "kiosk/services/clock.h"
#include "kiosk/services/health/appointment_book.h"
#include "kiosk/services/staff_service.h"
#include "storage/appointment_store.h"
#include "storage/staff_notice_store.h"

#include <cstdint>
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
    static constexpr std::size_t kMaxSurnameLetters = 3;
    // Someone trying birth dates and codes one after another to learn who comes when. The person typing is
    // slowed down (CheckInAttempts), never the next one: check-in never closes. Many misses in an hour, whoever
    // typed them, leave a notice for the assistant instead.
    int missesBeforeAlert = 12;
    int alertWindowMinutes = 60;
};

// One person's attempts at the kiosk, kept by the screen and forgotten when they leave (the return home). After
// two misses each further try waits a little longer: 5 s, 10 s, 20 s, 40 s, then a minute.
struct CheckInAttempts {
    int misses = 0;
    std::int64_t nextTryAtMs = 0;

    void noteMiss(std::int64_t nowMs);
    // Seconds left before the next try, 0 when they may try now.
    int secondsToWait(std::int64_t nowMs) const;
};

// What is wrong with a birth date as it is being typed, as "DDMMYYYY" digits (fewer while typing).
enum class BirthDateProblem { None, Incomplete, DayInvalid, MonthInvalid, YearInvalid, NoSuchDay };
// `currentYear` bounds the plausible years (the last 120 years).
BirthDateProblem checkBirthDigits(const std::string& digits, int currentYear);

enum class CheckInOutcome {
    CheckedIn,
    AlreadyCheckedIn,  // the same ticket again
    NoMatch,
    SeveralMatches,    // more than one patient fits: the kiosk never guesses, it sends them to the desk
    TooEarly,          // see minutesUntilOpen
    TooLate,           // the window has closed, or the assistant marked a no-show
    Cancelled,
    InvalidInput,      // fewer than 2 letters, a birth date that is not a date, an empty code
};

// The area of the staff notices a resident's call for help leaves (storage::StaffNotice::area).
inline constexpr const char* kHelpNoticeArea = "health.help";

// Why a resident asked the kiosk for the assistant: said in her notice, so she knows what to expect.
enum class HelpReason { Asked, NotFound, SeveralMatches, TooEarly, TooLate, Cancelled };

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
    // A card the assistant linked to a patient (linkCard): its UID as the reader gives it, in hex; a garbled read
    // (isCardUid) is InvalidInput.
    CheckInResult byCard(const std::string& cardUidHex);

    // The assistant links the card a patient shows to that patient (surname and birth date of the appointment),
    // so that next time the card alone checks them in. Re-linking a card moves it to the new patient. Only the
    // card's digest is kept (cardDigest), with the surname key and birth date, for retention.patient_cards_days.
    // A staff card (StaffCard) or a read that is no UID (CardInvalid, isCardUid) links nothing.
    AppointmentChange linkCard(const StaffSession* actor, const std::string& appointmentId,
                               const std::string& cardUidHex);

    // A resident at the kiosk asks for the assistant: a notice on her screens (the waiting room, the staff home)
    // until she acknowledges it. It names no one: the resident has not been identified.
    void askForHelp(HelpReason reason);
    // What the assistant's waiting room compares to know that a call for help may have come, without reading
    // the notices: it changes at once for a call made through this kiosk, and, for one that another process on
    // the same database wrote (a second kiosk), when the database's data_version moves on.
    struct HelpStamp {
        std::uint64_t askedHere = 0;
        std::int64_t databaseVersion = 0;
        bool operator==(const HelpStamp&) const = default;
    };
    // `lookAtDatabase` false compares this kiosk's calls only (every frame); true reads data_version too (a
    // short timer).
    HelpStamp helpStamp(bool lookAtDatabase);

    const CheckInPolicy& policy() const { return policy_; }

private:
    CheckInResult decide(const std::vector<Appointment>& candidates);
    CheckInResult lookUpByBirthDate(const std::string& birthDate, const std::string& surnameLetters);
    CheckInResult lookUpByCode(const std::string& code);
    // Counts a typed attempt that found nobody; many in the alert window leave a notice for the assistant.
    CheckInResult noteMiss(CheckInResult result);
    PublicCheckIn publicView(const Appointment& appointment, const std::string& ticket) const;

    storage::AppointmentStore store_;
    const Clock& clock_;
    StaffService& staff_;
    CheckInPolicy policy_;
    storage::StaffNoticeStore notices_;
    storage::Database& db_;
    HelpStamp helpStamp_;
    std::vector<std::int64_t> recentMisses_;  // times, within the alert window; this kiosk's memory only
    std::int64_t alertedAtMs_ = 0;
};

}  // namespace vk::services::health
