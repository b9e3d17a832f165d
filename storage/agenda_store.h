#pragma once
// The café's agenda (migration 0011_agenda.sql): events and the sign-ups to them. Who may sign up, the waiting
// list's order and the words live in kiosk/services/agenda/; this file stores what it is given.

#include "storage/database.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vk::storage {

struct EventDetails {
    std::string title;
    std::string place;
    std::string description;
    std::string day;       // "YYYY-MM-DD", local
    std::string startsAt;  // "HH:MM", local
    std::string endsAt;    // "HH:MM" or ""
    int capacity = 0;      // 0: no limit
    std::optional<std::int64_t> priceCents;  // none: free
    bool operator==(const EventDetails&) const = default;
};

struct AgendaEvent {
    std::string id;
    EventDetails details;
    std::optional<std::string> sourceKey;  // imported from a feed
    std::optional<std::int64_t> cancelledAt;
    int registered = 0;  // places held (registered or attended)
    int waiting = 0;
    std::int64_t createdAt = 0;
    std::int64_t updatedAt = 0;
    // The village whose café holds it, as the territory hub names it; empty: this kiosk's own village.
    std::string village;
    bool cancelled() const { return cancelledAt.has_value(); }
    // Places still free; -1 without a limit.
    int placesLeft() const {
        return details.capacity == 0 ? -1 : details.capacity > registered ? details.capacity - registered : 0;
    }
};

enum class SignUpState { Registered, Waiting, Attended, Cancelled };
enum class SignUpSource { Kiosk, Counter };

std::string_view signUpStateKey(SignUpState state);  // "registered", "waiting", "attended", "cancelled"

struct SignUp {
    std::string id;
    std::string eventId;
    std::optional<std::string> memberId;
    std::string name;
    std::string phone;
    std::string email;
    SignUpState state = SignUpState::Registered;
    SignUpSource source = SignUpSource::Kiosk;
    std::string dedupeKey;
    std::string ticketCode;
    std::optional<std::int64_t> promotedAt;
    std::optional<std::int64_t> remindedAt;
    std::int64_t createdAt = 0;
    std::int64_t updatedAt = 0;
};

struct NewSignUp {
    std::string eventId;
    std::optional<std::string> memberId;
    std::string name;
    std::string phone;
    std::string email;
    SignUpState state = SignUpState::Registered;
    SignUpSource source = SignUpSource::Kiosk;
    std::string dedupeKey;
    std::string ticketCode;
};

// For the impact report: places held at the events of a range of days, not cancelled.
struct SignUpCounts {
    int signedUp = 0;  // registered or attended
    int attended = 0;  // of those, marked present
    int events = 0;    // events (not cancelled) with at least one of them
    bool operator==(const SignUpCounts&) const = default;
};

class AgendaStore {
public:
    explicit AgendaStore(Database& db) : db_(db) {}

    AgendaEvent insertEvent(const EventDetails& details, const std::optional<std::string>& sourceKey, std::int64_t nowMs);
    bool updateEvent(const std::string& id, const EventDetails& details, std::int64_t nowMs);
    bool cancelEvent(const std::string& id, std::int64_t nowMs);
    std::optional<AgendaEvent> event(const std::string& id);  // live ones, cancelled included
    std::optional<AgendaEvent> eventBySourceKey(const std::string& sourceKey);
    // Live events of these days (first and last included), cancelled included, by day and time. This village's
    // only: every other call of this store also reads and writes only this village's events.
    std::vector<AgendaEvent> events(const std::string& firstDay, const std::string& lastDay);
    // The neighbouring villages' events of these days that are not cancelled (from the territory hub), by day,
    // time and village. Shown apart; nobody signs up to them here.
    std::vector<AgendaEvent> neighbourEvents(const std::string& firstDay, const std::string& lastDay);

    // Call inside a transaction. Throws SQLite::Exception for what the schema refuses (a key or code used before,
    // a member already signed up).
    SignUp insertSignUp(const NewSignUp& signUp, std::int64_t nowMs);
    std::optional<SignUp> signUp(const std::string& id);
    std::optional<SignUp> signUpByKey(const std::string& dedupeKey);
    std::optional<SignUp> signUpByTicket(const std::string& ticketCode);
    // The member's registered or waiting sign-up to the event.
    std::optional<SignUp> activeSignUpOf(const std::string& eventId, const std::string& memberId);
    // Every sign-up to the event, registered first, then the waiting list in its order, then the rest.
    std::vector<SignUp> signUpsOf(const std::string& eventId);
    // The first on the event's waiting list.
    std::optional<SignUp> firstWaiting(const std::string& eventId);
    bool setState(const std::string& signUpId, SignUpState state, std::int64_t nowMs);
    bool markPromoted(const std::string& signUpId, std::int64_t nowMs);
    bool markReminded(const std::string& signUpId, std::int64_t nowMs);
    // Registered sign-ups to the live, not cancelled events of `day`, not reminded yet.
    std::vector<SignUp> toRemind(const std::string& day);

    SignUpCounts countSignUps(const std::string& firstDay, const std::string& lastDay);

private:
    Database& db_;
};

}  // namespace vk::storage
