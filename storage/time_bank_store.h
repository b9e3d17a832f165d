#pragma once
// The time bank's ledger (migration 0005_time_bank.sql): transfers, their two movements and the cached balances.
// Who may record, the limits and the words live in kiosk/services/timebank/; this file stores what it is given and
// keeps a transfer, its movements and the balances it changes in one transaction.

#include "storage/database.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace vk::storage {

enum class TimeBankPayment { Time, Cesu };

struct TimeBankTransfer {
    std::string id;
    std::string originKiosk;
    std::string idempotencyKey;
    std::string payerMemberId;     // received the service: -minutes
    std::string providerMemberId;  // gave the service: +minutes
    int minutes = 0;
    std::string what;
    std::string category;
    TimeBankPayment payment = TimeBankPayment::Time;
    std::optional<std::int64_t> cesuRateCents;  // per hour, information only
    std::optional<std::string> correctsTransferId;
    std::int64_t createdAt = 0;
};

struct NewTimeBankTransfer {
    std::string idempotencyKey;
    std::string payerMemberId;
    std::string providerMemberId;
    int minutes = 0;
    std::string what;
    std::string category;
    TimeBankPayment payment = TimeBankPayment::Time;
    std::optional<std::int64_t> cesuRateCents;
    std::optional<std::string> correctsTransferId;
};

struct TimeBankMovement {
    std::string id;
    std::string transferId;
    std::string memberId;
    int minutes = 0;  // signed
    std::int64_t createdAt = 0;
};

// One line of a member's statement: their movement and the transfer it belongs to.
struct StatementLine {
    TimeBankMovement movement;
    TimeBankTransfer transfer;
};

struct CategoryTotal {
    std::string category;
    std::int64_t minutes = 0;  // exchanges less their corrections
    int exchanges = 0;         // likewise
};

// A member whose cached balance is not the sum of their movements.
struct BalanceMismatch {
    std::string memberId;
    std::int64_t cachedMinutes = 0;
    std::int64_t derivedMinutes = 0;
};

struct LedgerCheck {
    std::vector<BalanceMismatch> mismatches;
    std::int64_t ledgerSum = 0;         // all movements: 0 in a sound ledger
    int unbalancedTransfers = 0;        // transfers whose movements are not exactly -N and +N
    int members = 0;
    int transfers = 0;
    bool sound() const { return mismatches.empty() && ledgerSum == 0 && unbalancedTransfers == 0; }
};

class TimeBankStore {
public:
    explicit TimeBankStore(Database& db) : db_(db) {}

    // Runs `work` in one IMMEDIATE transaction (no other writer between a balance read and the write it decides):
    // committed if it returns, rolled back if it throws. Not re-entrant.
    void inTransaction(const std::function<void()>& work);

    // Writes the transfer, its two movements and both cached balances. Call inside inTransaction. Throws
    // SQLite::Exception for what the schema refuses (a key used before, a transfer corrected twice).
    TimeBankTransfer insert(const NewTimeBankTransfer& transfer, std::int64_t nowMs);

    std::optional<TimeBankTransfer> find(const std::string& id);
    std::optional<TimeBankTransfer> findByKey(const std::string& idempotencyKey);
    // The counter-transfer that corrects `id`, if one was recorded.
    std::optional<TimeBankTransfer> correctionOf(const std::string& id);

    // The cached balance (0 for a member with no movement).
    std::int64_t balance(const std::string& memberId);
    // The balance as the sum of the member's movements before `beforeMs`.
    std::int64_t derivedBalance(const std::string& memberId, std::int64_t beforeMs);
    // Every member with a movement, and their cached balance, by member id.
    std::vector<std::pair<std::string, std::int64_t>> balances();

    std::vector<TimeBankMovement> movementsOf(const std::string& transferId);
    // A member's movements in [fromMs, toMs), oldest first, each with its transfer.
    std::vector<StatementLine> statement(const std::string& memberId, std::int64_t fromMs, std::int64_t toMs);
    // Minutes and exchanges per category for transfers recorded in [fromMs, toMs); a correction counts against
    // its category, in the period it was recorded.
    std::vector<CategoryTotal> categoryTotals(std::int64_t fromMs, std::int64_t toMs);

    // Compares every cached balance with the movements, and the movements with double entry.
    LedgerCheck check();

private:
    void addToBalance(const std::string& memberId, int minutes, std::int64_t nowMs);

    Database& db_;
};

}  // namespace vk::storage
