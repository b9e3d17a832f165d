#pragma once
// The café's agenda (docs/agenda.md): events with a day and time, a place, a description, a number of places and
// an optional price; residents sign up at the kiosk (by card, or name and code), the manager signs up someone at
// the counter; a full event takes names on a waiting list, and a place given back goes to the first waiting, who
// is told through the outbox. Each sign-up prints a ticket with a QR code; the day before, a reminder goes to
// those who left a phone or an e-mail. Events also come from an iCalendar feed (the network's tour dates).
//
// The public week view shows counts of places, never a name; the list of sign-ups is for staff.

#include "hardware/receipt.h"
#include "kiosk/services/agenda/agenda_settings.h"
#include "kiosk/services/agenda/event_calendar.h"
#include "kiosk/services/clock.h"
#include "kiosk/services/staff_service.h"
#include "kiosk/services/timebank/member_directory.h"
#include "storage/agenda_store.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vk::services::agenda {

using storage::AgendaEvent;
using storage::EventDetails;
using storage::SignUp;
using storage::SignUpCounts;
using storage::SignUpSource;
using storage::SignUpState;

// Why something was refused; each has a translated message (errorKey: agenda.error.*) and an English one for the
// command line (describeError).
enum class AgendaError {
    None,
    NotAllowed,           // events: the café manager or an admin; sign-ups: also the kiosk; a null actor nothing
    TitleInvalid,         // empty once cleaned, or longer than kMaxTitleLength
    PlaceInvalid,
    DescriptionInvalid,
    DayInvalid,
    TimeInvalid,          // not HH:MM
    EndInvalid,           // not HH:MM, or not after the start
    CapacityInvalid,      // 0 (no limit) to kMaxCapacity
    CapacityBelowSignUps, // fewer places than people already signed up
    PriceInvalid,         // 0 to 1 000,00 €
    EventUnknown,
    EventCancelled,
    EventPast,            // it has started: no sign-up, no change
    NameInvalid,          // the typed name of someone signed up at the counter
    PhoneInvalid,
    EmailInvalid,
    MemberUnknown,
    AlreadySignedUp,      // that member holds a place or waits already
    KeyInvalid,
    SignUpUnknown,
    NotActive,            // the sign-up was cancelled already, or the event is over
    StorageFailed,        // the database could not take it (a full disk…): nothing was written
};

std::string errorKey(AgendaError error);      // "agenda.error.event_cancelled"…
std::string describeError(AgendaError error); // English, for the command line

struct EventForm {
    std::string title;
    std::string place;
    std::string description;
    std::string day;        // "YYYY-MM-DD"
    std::string startsAt;   // "HH:MM"
    std::string endsAt;     // "HH:MM" or ""
    int capacity = 0;       // 0: no limit
    std::optional<std::int64_t> priceCents;
};

struct EventChange {
    AgendaError error = AgendaError::None;
    std::optional<AgendaEvent> event;
    int told = 0;  // a cancelled event: the people signed up who were sent word
    std::string failure;
    bool ok() const { return error == AgendaError::None; }
};

// Who signs up: a member of the board (their name, phone and e-mail come from the board), or a name typed at the
// counter with what they gave to be reminded.
struct Attendee {
    std::string memberId;  // empty: someone typed at the counter
    std::string name;
    std::string phone;
    std::string email;
};

struct SignUpRequest {
    std::string eventId;
    Attendee who;
    SignUpSource source = SignUpSource::Kiosk;
    // The same key twice signs up once (a double tap). Empty: a new one is made.
    std::string dedupeKey;
};

struct SignUpResult {
    AgendaError error = AgendaError::None;
    std::optional<SignUp> signUp;
    std::optional<AgendaEvent> event;  // as it is after the sign-up (places left)
    bool alreadyDone = false;          // the key was used before: nothing new was written
    bool waiting = false;              // on the waiting list rather than in
    int waitingPosition = 0;           // 1: next in
    bool ticketPrinted = false;
    std::string failure;
    bool ok() const { return error == AgendaError::None; }
};

struct CancelResult {
    AgendaError error = AgendaError::None;
    std::optional<SignUp> cancelled;
    std::optional<SignUp> promoted;  // the first waiting, who took the place
    bool promotedTold = false;       // a message to them is in the outbox
    std::string failure;
    bool ok() const { return error == AgendaError::None; }
};

struct ImportReport {
    std::string error;  // the feed as a whole could not be read: nothing changed
    int added = 0;
    int updated = 0;
    int unchanged = 0;
    int cancelled = 0;
    int told = 0;  // people signed up to the events it cancelled, told by SMS or e-mail
    std::vector<LeftOutEvent> leftOut;
    bool ok() const { return error.empty(); }
};

class EventAgenda {
public:
    static constexpr int kMaxTitleLength = 120;  // codepoints
    static constexpr int kMaxPlaceLength = 120;
    static constexpr int kMaxDescriptionLength = 2000;
    static constexpr int kMaxNameLength = 80;
    static constexpr int kMaxCapacity = 10000;
    static constexpr std::int64_t kMaxPriceCents = 100000;
    static constexpr std::size_t kMaxKeyLength = 64;

    EventAgenda(storage::Database& db, const Clock& clock, StaffService& staff, timebank::MemberDirectory& members,
                hardware::ReceiptPrinter& printer, const AgendaSettings& settings, std::string villageName,
                std::string timeZone);

    EventChange addEvent(const StaffSession* actor, const EventForm& form);
    EventChange editEvent(const StaffSession* actor, const std::string& eventId, const EventForm& form);
    // Cancels the event: its sign-ups stay as they were, and each person who left a phone or an e-mail is told.
    EventChange cancelEvent(const StaffSession* actor, const std::string& eventId);

    std::optional<AgendaEvent> event(const std::string& eventId);
    // The events of the week starting on `monday`, cancelled ones included, by day and time.
    std::vector<AgendaEvent> week(const std::string& monday);
    std::vector<AgendaEvent> between(const std::string& firstDay, const std::string& lastDay);
    // The neighbouring villages' events of that week, not cancelled (from the territory hub), each with its
    // village. Shown apart: event(), signUp() and every change here know only this café's events.
    std::vector<AgendaEvent> nearbyWeek(const std::string& monday);
    // The week a resident sees first: this one, or the next one once this week's events are over.
    std::string firstWeekShown();
    bool hasStarted(const AgendaEvent& event) const;

    // Staff only (the names and contacts of who signed up); empty for anyone else.
    std::vector<SignUp> signUpsOf(const StaffSession* actor, const std::string& eventId);

    SignUpResult signUp(const StaffSession* actor, const SignUpRequest& request);
    // The member's place or place on the waiting list, if they have one.
    std::optional<SignUp> signUpOf(const std::string& eventId, const std::string& memberId);
    // A cancelled place goes to the first waiting, who is told (SMS, or e-mail), in the same transaction.
    CancelResult cancelSignUp(const StaffSession* actor, const std::string& signUpId);
    CancelResult cancelByTicket(const StaffSession* actor, const std::string& ticketCode);
    // At the door: the ticket's QR code read, the person is marked present.
    CancelResult markAttended(const StaffSession* actor, const std::string& ticketCode);

    // The ticket as it is printed: the event, the name, the code and its QR code.
    hardware::Receipt ticket(const AgendaEvent& event, const SignUp& signUp) const;
    bool printTicket(const std::string& signUpId);

    // The reminders of tomorrow's events, once [agenda] reminder_time has passed today; each goes once.
    int queueReminders();

    ImportReport importFeed(const StaffSession* actor, std::string_view icsText);

    // For the impact report: places held (registered or attended) at the events of these days, not cancelled.
    SignUpCounts countSignUps(const std::string& firstDay, const std::string& lastDay);

    storage::AgendaStore& store() { return store_; }
    const AgendaSettings& settings() const { return settings_; }

private:
    AgendaError readForm(const EventForm& form, EventDetails& details) const;
    AgendaError resolveAttendee(const Attendee& who, storage::NewSignUp& signUp);
    std::string newTicketCode();
    // Queues the message to whoever signed up, by SMS if they gave a phone, else by e-mail. False: no contact.
    bool tell(const SignUp& signUp, const std::string& purpose, const std::string& subject, const std::string& body,
              const std::string& dedupeKey);
    std::string whenText(const AgendaEvent& event) const;
    // Inside the caller's transaction: the event just cancelled, told to everyone registered or waiting who left
    // a phone or an e-mail. Returns how many were told.
    int tellCancelled(const AgendaEvent& event);

    storage::Database& db_;
    const Clock& clock_;
    StaffService& staff_;
    timebank::MemberDirectory& members_;
    hardware::ReceiptPrinter& printer_;
    const AgendaSettings& settings_;
    std::string villageName_;
    std::string timeZone_;
    storage::AgendaStore store_;
};

// "5,00 €"
std::string formatPrice(std::int64_t cents);

}  // namespace vk::services::agenda
