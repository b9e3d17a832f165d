#pragma once
// Meals for isolated seniors (migration 0015_senior_meals.sql): the register of recipients, the drivers of each
// day's round, the staff's assignments of a home recipient to a driver, and the meals served per day, funder and
// mode. Consent, rights, who eats on a day and how a round is split live in kiosk/services/meals/; this file stores
// what it is given.

#include "storage/database.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vk::storage {

enum class MealMode { Cafe, Home };
std::string_view mealModeKey(MealMode mode);  // "cafe", "home"
std::optional<MealMode> mealModeFromKey(std::string_view key);

struct MealRecipientDetails {
    std::string name;
    MealMode mode = MealMode::Cafe;
    std::string address;  // home deliveries only; "" at the café
    int weekdays = 0;     // bit 0 Monday … bit 6 Sunday
    std::string diet;     // "sans sel", "mixé"…; "" for none
    std::string funder;   // "CCAS", "Département"…
    std::string consentOn;  // "YYYY-MM-DD": the day the person agreed to be registered
    std::string consentBy;  // who recorded it
    std::string startsOn;   // first day of service
    std::optional<std::string> endsOn;  // last day of service, if known
    int roundOrder = 0;     // place in the drivers' rounds, smallest first
    bool operator==(const MealRecipientDetails&) const = default;
};

struct MealRecipient {
    std::string id;
    MealRecipientDetails details;
    std::optional<std::int64_t> serviceEndedAt;  // ms; retention counts from here
    std::int64_t createdAt = 0;
    std::int64_t updatedAt = 0;
};

struct MealRoundDriver {
    std::string id;
    std::string day;
    std::string memberId;
};

struct MealRoundStop {
    std::string recipientId;
    std::string memberId;
};

struct MealServiceDay {
    std::string day;
    int served = 0;
    int absent = 0;
    std::string confirmedBy;
    std::int64_t confirmedAt = 0;
};

// Meals of a range of days, summed per key.
struct MealCount {
    std::string month;  // "2026-11"; "" when summed over the whole range
    std::string funder;
    MealMode mode = MealMode::Cafe;
    std::int64_t meals = 0;
};

class MealStore {
public:
    explicit MealStore(Database& db) : db_(db) {}

    // `serviceEndedAt`: the end of the last day, for a recipient whose end is known.
    MealRecipient insertRecipient(const MealRecipientDetails& details, std::optional<std::int64_t> serviceEndedAt,
                                  std::int64_t nowMs);
    bool updateRecipient(const std::string& id, const MealRecipientDetails& details,
                         std::optional<std::int64_t> serviceEndedAt, std::int64_t nowMs);
    // Soft delete; retention then erases the row from `nowMs` on.
    bool removeRecipient(const std::string& id, std::int64_t nowMs);
    std::optional<MealRecipient> recipient(const std::string& id);
    // Live recipients, by mode, round order and name.
    std::vector<MealRecipient> recipients();
    // Live recipients served on `day` (started, not ended, that weekday), by mode, round order and name.
    std::vector<MealRecipient> recipientsOn(const std::string& day, int weekdayBit);

    // Throws SQLite::Exception for a member already driving that day.
    MealRoundDriver insertDriver(const std::string& day, const std::string& memberId, std::int64_t nowMs);
    bool removeDriver(const std::string& day, const std::string& memberId, std::int64_t nowMs);
    std::vector<MealRoundDriver> drivers(const std::string& day);  // in the order they were added
    // memberId "" removes the assignment.
    void setStop(const std::string& day, const std::string& recipientId, const std::string& memberId,
                 std::int64_t nowMs);
    std::vector<MealRoundStop> stops(const std::string& day);

    std::optional<MealServiceDay> serviceDay(const std::string& day);
    // Call inside a transaction: the day and its counts go together. Throws for a day confirmed already.
    void insertServiceDay(const MealServiceDay& day, const std::vector<MealCount>& counts, std::int64_t nowMs);
    // Meals served on the days from firstDay to lastDay, per month, funder and mode.
    std::vector<MealCount> countsByMonth(const std::string& firstDay, const std::string& lastDay);

private:
    Database& db_;
};

}  // namespace vk::storage
