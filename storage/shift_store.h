#pragma once
// The grocery's volunteer shifts (migrations 0013_volunteer_shifts.sql, 0016_shift_reminders.sql): shifts, the
// members on them and their monthly commitments. Who may sign up, swaps and when hours count live in
// kiosk/services/shifts/; this file stores what it is given.

#include "storage/database.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vk::storage {

enum class ShiftKind { Opening, Stocking, Delivery };
std::string_view shiftKindKey(ShiftKind kind);  // "opening", "stocking", "delivery"
std::optional<ShiftKind> shiftKindFromKey(std::string_view key);

struct ShiftDetails {
    ShiftKind kind = ShiftKind::Opening;
    std::string day;       // "YYYY-MM-DD", local
    std::string startsAt;  // "HH:MM", local
    std::string endsAt;    // "HH:MM", after startsAt
    int places = 1;
    std::string note;
    bool operator==(const ShiftDetails&) const = default;
};

struct Shift {
    std::string id;
    ShiftDetails details;
    int taken = 0;  // places held (signed up, absent ones included: the coordinator marks them after the shift)
    int offered = 0;  // of those, places their member offers for swap (« à reprendre »)
    std::int64_t createdAt = 0;
    std::int64_t updatedAt = 0;
    int placesLeft() const { return details.places > taken ? details.places - taken : 0; }
};

enum class ShiftSignUpState { SignedUp, Absent, Cancelled, Swapped };
std::string_view shiftSignUpStateKey(ShiftSignUpState state);  // "signed_up", "absent", "cancelled", "swapped"

struct ShiftSignUp {
    std::string id;
    std::string shiftId;
    std::string memberId;
    ShiftSignUpState state = ShiftSignUpState::SignedUp;
    std::optional<std::string> swappedFrom;  // the sign-up this one took over
    std::optional<std::int64_t> remindedAt;
    std::optional<std::int64_t> offeredAt;  // offered for swap: another member may take it
    bool reminderWanted = false;            // the member said yes to a reminder the day before
    std::int64_t createdAt = 0;
    std::int64_t updatedAt = 0;
};

// Minutes given by one member on the shifts of a range of days that were over by then.
struct MemberMinutes {
    std::string memberId;
    int shifts = 0;
    int minutes = 0;
};

// Minutes given by everyone in one month ("2026-11").
struct MonthMinutes {
    std::string month;
    int shifts = 0;  // places filled (one member on one shift)
    int minutes = 0;
};

class ShiftStore {
public:
    explicit ShiftStore(Database& db) : db_(db) {}

    Shift insertShift(const ShiftDetails& details, std::int64_t nowMs);
    bool updateShift(const std::string& id, const ShiftDetails& details, std::int64_t nowMs);
    bool deleteShift(const std::string& id, std::int64_t nowMs);
    std::optional<Shift> shift(const std::string& id);
    // Live shifts of these days (first and last included), by day and time.
    std::vector<Shift> shifts(const std::string& firstDay, const std::string& lastDay);

    // Call inside a transaction. Throws SQLite::Exception for what the schema refuses (a member already on it).
    ShiftSignUp insertSignUp(const std::string& shiftId, const std::string& memberId,
                             const std::optional<std::string>& swappedFrom, std::int64_t nowMs,
                             bool reminderWanted = false);
    std::optional<ShiftSignUp> signUp(const std::string& id);
    std::optional<ShiftSignUp> activeSignUpOf(const std::string& shiftId, const std::string& memberId);
    std::vector<ShiftSignUp> signUpsOf(const std::string& shiftId);
    bool setState(const std::string& signUpId, ShiftSignUpState state, std::int64_t nowMs);
    // nullopt withdraws the offer.
    bool setOffered(const std::string& signUpId, std::optional<std::int64_t> offeredAt, std::int64_t nowMs);
    // The first place offered for swap on a shift, if any.
    std::optional<ShiftSignUp> firstOffered(const std::string& shiftId);
    // A member's signed-up places on the live shifts of these days, by day and time.
    std::vector<ShiftSignUp> signUpsOfMember(const std::string& memberId, const std::string& firstDay,
                                             const std::string& lastDay);
    bool markReminded(const std::string& signUpId, std::int64_t nowMs);
    // Signed-up places on the live shifts of `day` whose member wants a reminder, not reminded yet.
    std::vector<ShiftSignUp> toRemind(const std::string& day);

    // Signed-up (not absent) places on the shifts of the days from firstDay to lastDay that had ended by
    // `nowDay` at `nowTime` ("HH:MM").
    std::vector<MemberMinutes> minutesByMember(const std::string& firstDay, const std::string& lastDay,
                                               const std::string& nowDay, const std::string& nowTime);
    std::vector<MonthMinutes> minutesByMonth(const std::string& firstDay, const std::string& lastDay,
                                             const std::string& nowDay, const std::string& nowTime);

    std::optional<int> commitmentMinutes(const std::string& memberId);
    void setCommitmentMinutes(const std::string& memberId, int minutes, std::int64_t nowMs);

private:
    Database& db_;
};

}  // namespace vk::storage
