#include "storage/time_bank_store.h"

#include "storage/record_id.h"
#include "storage/transaction.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

namespace vk::storage {
namespace {

constexpr const char* kTransferColumns =
    "t.id, t.origin_kiosk, t.idempotency_key, t.payer_member_id, t.provider_member_id, t.minutes, t.what, "
    "t.category, t.payment, t.cesu_rate_cents, t.corrects_transfer_id, t.created_at";
constexpr int kTransferColumnCount = 12;

TimeBankTransfer readTransfer(SQLite::Statement& row, int first = 0) {
    TimeBankTransfer t;
    t.id = row.getColumn(first + 0).getString();
    t.originKiosk = row.getColumn(first + 1).getString();
    t.idempotencyKey = row.getColumn(first + 2).getString();
    t.payerMemberId = row.getColumn(first + 3).getString();
    t.providerMemberId = row.getColumn(first + 4).getString();
    t.minutes = row.getColumn(first + 5).getInt();
    t.what = row.getColumn(first + 6).getString();
    t.category = row.getColumn(first + 7).getString();
    t.payment = row.getColumn(first + 8).getString() == "cesu" ? TimeBankPayment::Cesu : TimeBankPayment::Time;
    if (!row.getColumn(first + 9).isNull()) t.cesuRateCents = row.getColumn(first + 9).getInt64();
    if (!row.getColumn(first + 10).isNull()) t.correctsTransferId = row.getColumn(first + 10).getString();
    t.createdAt = row.getColumn(first + 11).getInt64();
    return t;
}

std::optional<TimeBankTransfer> oneTransfer(Database& db, const std::string& where, const std::string& value) {
    SQLite::Statement query(db.sql(), std::string("SELECT ") + kTransferColumns + " FROM time_bank_transfer t WHERE " +
                                          where + " = ?");
    query.bind(1, value);
    if (!query.executeStep()) return std::nullopt;
    return readTransfer(query);
}

}  // namespace

void TimeBankStore::inTransaction(const std::function<void()>& work) { storage::inTransaction(db_, work); }

TimeBankTransfer TimeBankStore::insert(const NewTimeBankTransfer& transfer, std::int64_t nowMs) {
    TimeBankTransfer stored;
    stored.id = newRecordId(nowMs);
    stored.originKiosk = db_.kioskId();
    stored.idempotencyKey = transfer.idempotencyKey;
    stored.payerMemberId = transfer.payerMemberId;
    stored.providerMemberId = transfer.providerMemberId;
    stored.minutes = transfer.minutes;
    stored.what = transfer.what;
    stored.category = transfer.category;
    stored.payment = transfer.payment;
    stored.cesuRateCents = transfer.cesuRateCents;
    stored.correctsTransferId = transfer.correctsTransferId;
    stored.createdAt = nowMs;

    SQLite::Statement insert(db_.sql(),
                             "INSERT INTO time_bank_transfer(id, origin_kiosk, idempotency_key, payer_member_id, "
                             "provider_member_id, minutes, what, category, payment, cesu_rate_cents, "
                             "corrects_transfer_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, stored.id);
    insert.bind(2, stored.originKiosk);
    insert.bind(3, stored.idempotencyKey);
    insert.bind(4, stored.payerMemberId);
    insert.bind(5, stored.providerMemberId);
    insert.bind(6, stored.minutes);
    insert.bind(7, stored.what);
    insert.bind(8, stored.category);
    insert.bind(9, stored.payment == TimeBankPayment::Cesu ? "cesu" : "time");
    if (stored.cesuRateCents) insert.bind(10, *stored.cesuRateCents);
    else insert.bind(10);
    if (stored.correctsTransferId) insert.bind(11, *stored.correctsTransferId);
    else insert.bind(11);
    insert.bind(12, nowMs);
    insert.bind(13, nowMs);
    insert.exec();

    const auto addMovement = [&](const std::string& memberId, int minutes) {
        SQLite::Statement movement(db_.sql(),
                                   "INSERT INTO time_bank_movement(id, origin_kiosk, transfer_id, member_id, minutes, "
                                   "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
        movement.bind(1, newRecordId(nowMs));
        movement.bind(2, stored.originKiosk);
        movement.bind(3, stored.id);
        movement.bind(4, memberId);
        movement.bind(5, minutes);
        movement.bind(6, nowMs);
        movement.bind(7, nowMs);
        movement.exec();
        addToBalance(memberId, minutes, nowMs);
    };
    addMovement(stored.payerMemberId, -stored.minutes);
    addMovement(stored.providerMemberId, stored.minutes);
    return stored;
}

void TimeBankStore::addToBalance(const std::string& memberId, int minutes, std::int64_t nowMs) {
    SQLite::Statement upsert(db_.sql(),
                             "INSERT INTO time_bank_balance(member_id, balance_minutes, movement_count, updated_at) "
                             "VALUES (?, ?, 1, ?) ON CONFLICT(member_id) DO UPDATE SET "
                             "balance_minutes = balance_minutes + excluded.balance_minutes, "
                             "movement_count = movement_count + 1, updated_at = excluded.updated_at");
    upsert.bind(1, memberId);
    upsert.bind(2, minutes);
    upsert.bind(3, nowMs);
    upsert.exec();
}

std::optional<TimeBankTransfer> TimeBankStore::find(const std::string& id) { return oneTransfer(db_, "t.id", id); }

std::optional<TimeBankTransfer> TimeBankStore::findByKey(const std::string& idempotencyKey) {
    return oneTransfer(db_, "t.idempotency_key", idempotencyKey);
}

std::optional<TimeBankTransfer> TimeBankStore::correctionOf(const std::string& id) {
    return oneTransfer(db_, "t.corrects_transfer_id", id);
}

std::int64_t TimeBankStore::balance(const std::string& memberId) {
    SQLite::Statement query(db_.sql(), "SELECT balance_minutes FROM time_bank_balance WHERE member_id = ?");
    query.bind(1, memberId);
    return query.executeStep() ? query.getColumn(0).getInt64() : 0;
}

std::int64_t TimeBankStore::derivedBalance(const std::string& memberId, std::int64_t beforeMs) {
    SQLite::Statement query(db_.sql(),
                            "SELECT COALESCE(SUM(minutes), 0) FROM time_bank_movement WHERE member_id = ? AND created_at < ?");
    query.bind(1, memberId);
    query.bind(2, beforeMs);
    query.executeStep();
    return query.getColumn(0).getInt64();
}

std::vector<std::pair<std::string, std::int64_t>> TimeBankStore::balances() {
    std::vector<std::pair<std::string, std::int64_t>> all;
    SQLite::Statement query(db_.sql(), "SELECT member_id, balance_minutes FROM time_bank_balance ORDER BY member_id");
    while (query.executeStep()) all.emplace_back(query.getColumn(0).getString(), query.getColumn(1).getInt64());
    return all;
}

std::vector<TimeBankMovement> TimeBankStore::movementsOf(const std::string& transferId) {
    std::vector<TimeBankMovement> movements;
    SQLite::Statement query(db_.sql(),
                            "SELECT id, transfer_id, member_id, minutes, created_at FROM time_bank_movement "
                            "WHERE transfer_id = ? ORDER BY minutes");
    query.bind(1, transferId);
    while (query.executeStep())
        movements.push_back({query.getColumn(0).getString(), query.getColumn(1).getString(),
                             query.getColumn(2).getString(), query.getColumn(3).getInt(), query.getColumn(4).getInt64()});
    return movements;
}

std::vector<StatementLine> TimeBankStore::statement(const std::string& memberId, std::int64_t fromMs, std::int64_t toMs) {
    std::vector<StatementLine> lines;
    SQLite::Statement query(db_.sql(),
                            std::string("SELECT m.id, m.transfer_id, m.member_id, m.minutes, m.created_at, ") +
                                kTransferColumns +
                                " FROM time_bank_movement m JOIN time_bank_transfer t ON t.id = m.transfer_id "
                                "WHERE m.member_id = ? AND m.created_at >= ? AND m.created_at < ? "
                                "ORDER BY m.created_at, m.id");
    query.bind(1, memberId);
    query.bind(2, fromMs);
    query.bind(3, toMs);
    while (query.executeStep()) {
        StatementLine line;
        line.movement = {query.getColumn(0).getString(), query.getColumn(1).getString(), query.getColumn(2).getString(),
                         query.getColumn(3).getInt(), query.getColumn(4).getInt64()};
        line.transfer = readTransfer(query, 5);
        lines.push_back(std::move(line));
    }
    static_assert(kTransferColumnCount == 12);
    return lines;
}

std::vector<CategoryTotal> TimeBankStore::categoryTotals(std::int64_t fromMs, std::int64_t toMs) {
    std::vector<CategoryTotal> totals;
    SQLite::Statement query(db_.sql(),
                            "SELECT category, "
                            "SUM(CASE WHEN corrects_transfer_id IS NULL THEN minutes ELSE -minutes END), "
                            "SUM(CASE WHEN corrects_transfer_id IS NULL THEN 1 ELSE -1 END) "
                            "FROM time_bank_transfer WHERE created_at >= ? AND created_at < ? "
                            "GROUP BY category ORDER BY category");
    query.bind(1, fromMs);
    query.bind(2, toMs);
    while (query.executeStep())
        totals.push_back({query.getColumn(0).getString(), query.getColumn(1).getInt64(), query.getColumn(2).getInt()});
    return totals;
}

LedgerCheck TimeBankStore::check() {
    LedgerCheck result;
    // Both directions: a cached balance without movements, and movements without a cached balance.
    SQLite::Statement mismatches(
        db_.sql(),
        "WITH derived AS (SELECT member_id, SUM(minutes) AS minutes FROM time_bank_movement GROUP BY member_id) "
        "SELECT b.member_id, b.balance_minutes, COALESCE(d.minutes, 0) FROM time_bank_balance b "
        "LEFT JOIN derived d ON d.member_id = b.member_id WHERE b.balance_minutes <> COALESCE(d.minutes, 0) "
        "UNION ALL SELECT d.member_id, 0, d.minutes FROM derived d "
        "WHERE d.member_id NOT IN (SELECT member_id FROM time_bank_balance) AND d.minutes <> 0 ORDER BY 1");
    while (mismatches.executeStep())
        result.mismatches.push_back(
            {mismatches.getColumn(0).getString(), mismatches.getColumn(1).getInt64(), mismatches.getColumn(2).getInt64()});

    SQLite::Statement sum(db_.sql(), "SELECT COALESCE(SUM(minutes), 0), COUNT(DISTINCT member_id) FROM time_bank_movement");
    sum.executeStep();
    result.ledgerSum = sum.getColumn(0).getInt64();
    result.members = sum.getColumn(1).getInt();

    SQLite::Statement unbalanced(
        db_.sql(),
        "SELECT COUNT(*), (SELECT COUNT(*) FROM time_bank_transfer) FROM time_bank_transfer t WHERE NOT ("
        "(SELECT COUNT(*) FROM time_bank_movement m WHERE m.transfer_id = t.id) = 2 AND "
        "EXISTS (SELECT 1 FROM time_bank_movement m WHERE m.transfer_id = t.id AND m.member_id = t.payer_member_id "
        "AND m.minutes = -t.minutes) AND "
        "EXISTS (SELECT 1 FROM time_bank_movement m WHERE m.transfer_id = t.id AND m.member_id = t.provider_member_id "
        "AND m.minutes = t.minutes))");
    unbalanced.executeStep();
    result.unbalancedTransfers = unbalanced.getColumn(0).getInt();
    result.transfers = unbalanced.getColumn(1).getInt();
    return result;
}

}  // namespace vk::storage
