#pragma once
// The time bank: exchanges between members recorded at the café's counter, kept as a double-entry ledger in
// minutes (storage/time_bank_store.h, docs/timebank.md).
//
// Who pays whom: the member who RECEIVED the service (the payer) pays the minutes to the member who GAVE it (the
// provider). A transfer of 90 minutes makes two movements, -90 for the payer and +90 for the provider; a balance is
// the sum of a member's movements. Nothing recorded is ever edited: a mistake is undone by a counter-transfer that
// moves the same minutes back and names the transfer it corrects.

#include "kiosk/services/clock.h"
#include "kiosk/services/staff_service.h"
#include "kiosk/services/timebank/member_directory.h"
#include "kiosk/services/timebank/time_bank_settings.h"
#include "storage/time_bank_store.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vk::services::timebank {

using storage::CategoryTotal;
using storage::LedgerCheck;
using storage::TimeBankPayment;
using storage::TimeBankTransfer;

// Why a transfer was refused; each has a translated message (timebank.error.*) and an English one for the command
// line (describeError).
enum class TimeBankError {
    None,
    NotAllowed,         // the café manager or an admin records exchanges; a null actor nothing
    UnknownPayer,       // no member has that id
    UnknownProvider,
    SameMember,         // a member cannot exchange with themselves
    MinutesInvalid,     // 1 to kMaxMinutes
    WhatEmpty,          // nothing but spaces or control characters
    WhatTooLong,        // more than kMaxWhatLength characters: refused, not cut, so that nothing is lost unseen
    CategoryUnknown,
    RateInvalid,        // a CESU rate outside 0 to kMaxRateCents, or a rate without CESU
    KeyInvalid,         // an idempotency key that is empty after cleaning or too long
    KeyReused,          // the key recorded a different exchange
    BelowMinimum,       // the payer would go below min_balance_minutes
    AboveMaximum,       // the provider would go above max_balance_minutes
    NotFound,           // no transfer has that id
    AlreadyCorrected,
    CorrectionOfCorrection,  // undo a correction by recording the exchange again
    StorageFailed,      // the database could not take it (a full disk…): nothing was written
};

struct TransferRequest {
    std::string payerMemberId;     // received the service
    std::string providerMemberId;  // gave it
    int minutes = 0;
    std::string what;
    std::string category;  // a key of timeBankCategories()
    TimeBankPayment payment = TimeBankPayment::Time;
    std::optional<std::int64_t> cesuRateCents;  // per hour, for CESU only
    // The same key twice records once. Empty: a new one is made (the exchange can then be recorded again).
    std::string idempotencyKey;
};

struct TransferResult {
    TimeBankError error = TimeBankError::None;
    std::optional<TimeBankTransfer> transfer;
    bool alreadyRecorded = false;  // the key was used before, for this same exchange: nothing new was written
    std::int64_t payerBalance = 0;     // after the transfer
    std::int64_t providerBalance = 0;
    std::optional<int> limitMinutes;  // for BelowMinimum / AboveMaximum: the limit that refused it
    std::string failure;              // for StorageFailed: why, in English for staff
    bool ok() const { return error == TimeBankError::None; }
};

struct StatementEntry {
    std::int64_t at = 0;
    int minutes = 0;  // signed, for this member
    std::string what;
    std::string category;
    std::string otherMemberId;
    std::string otherMemberName;  // empty when the member is no longer known
    bool correction = false;
    std::string transferId;
};

// A member's month: the balance it opened with, each movement, and the balance it closed with.
struct MonthlyStatement {
    TimeBankMember member;
    std::string month;  // "YYYY-MM"
    std::int64_t openingMinutes = 0;
    std::int64_t closingMinutes = 0;
    std::int64_t creditedMinutes = 0;  // for services the member gave
    std::int64_t debitedMinutes = 0;   // for services the member received (positive)
    std::vector<StatementEntry> entries;
};

// "1 h 30", "45 min", "-2 h"; the same in French and English.
std::string formatMinutes(std::int64_t minutes);

// The local calendar month "YYYY-MM" as [from, to) in ms UTC; nullopt for a malformed month.
struct MonthRange {
    std::int64_t fromMs = 0;
    std::int64_t toMs = 0;
};
std::optional<MonthRange> localMonthRange(const std::string& month);
std::string localMonth(std::int64_t unixMs);  // "YYYY-MM"

// An English sentence for the command line and the logs.
std::string describeError(const TransferResult& result);

class TimeBank {
public:
    TimeBank(storage::Database& db, const Clock& clock, StaffService& staff, MemberDirectory& members,
             TimeBankSettings settings);

    // Records the exchange, its two movements and an audit line together, or nothing. Never throws.
    TransferResult transfer(const StaffSession* actor, const TransferRequest& request);
    // Moves the minutes of `transferId` back, between the same members, as a new transfer that references it.
    TransferResult correct(const StaffSession* actor, const std::string& transferId, std::string idempotencyKey = {});

    std::int64_t balance(const std::string& memberId);
    // Every member with a movement and their balance, by member id.
    std::vector<std::pair<std::string, std::int64_t>> balancesOfAll();
    std::optional<TimeBankTransfer> find(const std::string& transferId);
    // nullopt for a malformed month or an unknown member.
    std::optional<MonthlyStatement> monthlyStatement(const std::string& memberId, const std::string& month);
    std::vector<CategoryTotal> categoryTotals(std::int64_t fromMs, std::int64_t toMs);
    // The cached balances against the movements (also `village-kiosk timebank check`).
    LedgerCheck check();

    MemberDirectory& members() { return members_; }
    // The categories an exchange may have (TimeBankSettings::categories).
    const std::vector<std::string>& categories() const { return settings_.categories; }
    const TimeBankSettings& settings() const { return settings_; }

    static constexpr int kMaxMinutes = 24 * 60;  // one exchange: a day at most
    static constexpr std::size_t kMaxWhatLength = 300;
    static constexpr std::size_t kMaxKeyLength = 100;
    static constexpr std::int64_t kMaxRateCents = 100'000;

private:
    TransferResult record(const StaffSession* actor, const storage::NewTimeBankTransfer& transfer, bool applyLimits,
                          const char* auditAction);

    storage::TimeBankStore store_;
    const Clock& clock_;
    StaffService& staff_;
    MemberDirectory& members_;
    TimeBankSettings settings_;
};

}  // namespace vk::services::timebank
