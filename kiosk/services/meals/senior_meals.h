#pragma once
// Meals for isolated seniors (docs/meals.md): a register of the people who receive a meal at the café or delivered
// at home, kept with their consent and erased [retention] meals_days after their service ended; the volunteers
// driving each day's round; the day's lists printed for the kitchen (counts and diets, nobody's name) and for each
// driver (their round's names and addresses, in order); the day confirmed served, written as counts per funder and
// mode that name nobody and outlive the register; the monthly count per funder.
//
// Staff only: the café manager or an admin. Nothing of it is shown on the public screen.

#include "hardware/receipt.h"
#include "kiosk/services/clock.h"
#include "kiosk/services/impact/usage_source.h"
#include "kiosk/services/staff_service.h"
#include "kiosk/services/timebank/member_directory.h"
#include "storage/meal_store.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace vk::services::meals {

using storage::MealMode;
using storage::MealRecipient;
using storage::MealRecipientDetails;

inline constexpr std::size_t kMaxNameLength = 80;      // codepoints
inline constexpr std::size_t kMaxAddressLength = 200;
inline constexpr std::size_t kMaxDietLength = 60;      // short: it is printed as "3 sans sel"
inline constexpr std::size_t kMaxFunderLength = 60;
inline constexpr int kMaxRoundOrder = 9999;
inline constexpr int kEveryDay = 0x7f;

enum class MealError {
    None,
    NotAllowed,        // the café manager or an admin; not the kiosk's own actor, nor a null one
    NameInvalid,       // empty, longer than kMaxNameLength, or with control characters
    ModeInvalid,       // not "cafe" or "home"
    AddressInvalid,    // a home delivery without an address, longer than kMaxAddressLength, or control characters
    DaysInvalid,       // no day of the week
    DietInvalid,       // longer than kMaxDietLength, or control characters
    FunderInvalid,     // empty, longer than kMaxFunderLength, or control characters
    ConsentMissing,    // no day of consent or nobody who recorded it: nobody is registered without consent
    ConsentDayInvalid, // not a real date written YYYY-MM-DD, or after today
    ConsentByInvalid,  // longer than kMaxNameLength, or control characters
    StartInvalid,      // not a real date written YYYY-MM-DD
    EndInvalid,        // not a real date, or before the start
    RoundOrderInvalid, // 0 to kMaxRoundOrder
    RecipientUnknown,
    NotDelivered,      // a round's stop must be a home recipient served that day
    DriverUnknown,     // not a member of the directory
    DriverAlreadyOnRound,
    DriverNotOnRound,
    DayInvalid,
    DayInFuture,       // a day is confirmed served once it has come
    DayAlreadyServed,  // its counts are written once
    MonthInvalid,      // not YYYY-MM
    StorageFailed,     // the database could not take it: nothing was written
};

std::string errorKey(MealError error);       // "meals.error.consent_missing"…
std::string describeError(MealError error);  // English, for the command line

// "mon,wed,fri" or "daily" → bits (bit 0 Monday); nullopt for anything else.
std::optional<int> parseWeekdays(const std::string& text);
std::string weekdaysText(int weekdays);  // "mon,wed,fri"

// As typed on the form or the command line, before it is checked.
struct RecipientForm {
    std::string name;
    std::string mode = "cafe";  // "cafe" or "home"
    std::string address;
    int weekdays = 0;
    std::string diet;
    std::string funder;
    std::string consentOn;  // "YYYY-MM-DD"
    std::string consentBy;
    std::string startsOn;
    std::string endsOn;     // "" when not known
    int roundOrder = 0;
};

RecipientForm formOf(const MealRecipient& recipient);

struct RecipientResult {
    MealError error = MealError::None;
    std::optional<MealRecipient> recipient;
    bool ok() const { return error == MealError::None; }
};

// One driver's round on a day: their home recipients, in round order.
struct DriverRound {
    std::string memberId;
    std::string driverName;
    std::vector<MealRecipient> stops;
};

// Who eats on a day: at the café, at home, and the home recipients split between that day's drivers.
struct DayPlan {
    std::string day;
    std::vector<MealRecipient> atCafe;
    std::vector<MealRecipient> atHome;
    std::vector<DriverRound> rounds;  // empty when no driver is on the day yet
};

// The kitchen's list: portions per mode and their diets, nobody's name or address.
struct DietCount {
    std::string diet;
    int portions = 0;
};
struct KitchenList {
    std::string day;
    int atCafe = 0;
    int atHome = 0;
    std::vector<DietCount> cafeDiets;  // by number of portions, most first
    std::vector<DietCount> homeDiets;
    int total() const { return atCafe + atHome; }
};
// "3 sans sel, 1 mixé"; "" for no diet.
std::string dietSummary(const std::vector<DietCount>& diets);

struct ServeResult {
    MealError error = MealError::None;
    int served = 0;
    int absent = 0;
    bool ok() const { return error == MealError::None; }
};

// A funder's meals in a month.
struct FunderCount {
    std::string funder;
    std::int64_t atCafe = 0;
    std::int64_t atHome = 0;
    std::int64_t total() const { return atCafe + atHome; }
};

struct PrintResult {
    MealError error = MealError::None;
    int receipts = 0;
    bool ok() const { return error == MealError::None; }
};

class SeniorMeals {
public:
    SeniorMeals(storage::Database& db, const Clock& clock, StaffService& staff, timebank::MemberDirectory& members,
                hardware::ReceiptPrinter& printer, std::string villageName);

    static bool mayManage(const StaffSession* actor);

    RecipientResult addRecipient(const StaffSession* actor, const RecipientForm& form);
    RecipientResult editRecipient(const StaffSession* actor, const std::string& recipientId, const RecipientForm& form);
    // The person leaves the register now (a withdrawn consent, a mistake); retention erases them from now on.
    MealError removeRecipient(const StaffSession* actor, const std::string& recipientId);
    // The register; empty for anyone who may not manage it.
    std::vector<MealRecipient> recipients(const StaffSession* actor);
    std::optional<MealRecipient> recipient(const StaffSession* actor, const std::string& recipientId);

    MealError addDriver(const StaffSession* actor, const std::string& day, const std::string& memberId);
    MealError removeDriver(const StaffSession* actor, const std::string& day, const std::string& memberId);
    // Gives the home recipient to that driver on that day; memberId "" gives them back to the even split.
    MealError assignStop(const StaffSession* actor, const std::string& day, const std::string& recipientId,
                         const std::string& memberId);

    DayPlan plan(const StaffSession* actor, const std::string& day, MealError* error = nullptr);
    KitchenList kitchenList(const StaffSession* actor, const std::string& day, MealError* error = nullptr);

    hardware::Receipt kitchenReceipt(const KitchenList& list) const;
    hardware::Receipt driverReceipt(const std::string& day, const DriverRound& round) const;
    PrintResult printKitchen(const StaffSession* actor, const std::string& day);
    // One receipt per driver of the day.
    PrintResult printDrivers(const StaffSession* actor, const std::string& day);

    // The day's meals confirmed served, but for `absentIds` (recipients of that day who did not get theirs): writes
    // the counts per funder and mode, once.
    ServeResult confirmServed(const StaffSession* actor, const std::string& day,
                              const std::vector<std::string>& absentIds);
    std::optional<storage::MealServiceDay> serviceDay(const std::string& day);

    // Meals served in a month ("2026-11") per funder, by funder's name.
    std::vector<FunderCount> monthCount(const std::string& month, MealError* error = nullptr);

    std::string today() const;

private:
    MealError readForm(const RecipientForm& form, MealRecipientDetails& details) const;
    MealError refuse(const StaffSession* actor, const char* attemptKey);
    std::string driverName(const std::string& memberId);

    storage::Database& db_;
    const Clock& clock_;
    StaffService& staff_;
    timebank::MemberDirectory& members_;
    hardware::ReceiptPrinter& printer_;
    std::string villageName_;
    storage::MealStore store_;
};

// For the impact report: service "meals", kind "meals_served" (at the café) and "meals_delivered" (at home);
// uses = meals served in the month, from the counts, so people erased since still count.
class MealsUsageSource final : public impact::UsageSource {
public:
    explicit MealsUsageSource(storage::Database& db) : db_(db) {}
    std::vector<impact::ServiceUse> usesBetween(const std::string& fromDay, const std::string& toDay) const override;

private:
    storage::Database& db_;
};

}  // namespace vk::services::meals
