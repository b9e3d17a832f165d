#include "storage/staff_store.h"

#include "storage/record_id.h"

#include <SQLiteCpp/Statement.h>

#include <array>
#include <utility>

namespace vk::storage {
namespace {

constexpr std::array<std::pair<StaffRole, std::string_view>, 3> kRoleKeys{{
    {StaffRole::MedicalAssistant, "medical_assistant"},
    {StaffRole::CafeManager, "cafe_manager"},
    {StaffRole::Admin, "admin"},
}};

constexpr const char* kSelectAccount =
    "SELECT id, display_name, role, pin_hash, card_digest, created_at, updated_at FROM staff_account ";

StaffAccount readAccount(SQLite::Statement& row) {
    StaffAccount account;
    account.id = row.getColumn(0).getString();
    account.displayName = row.getColumn(1).getString();
    account.role = roleFromKey(row.getColumn(2).getString()).value_or(StaffRole::CafeManager);
    account.pinHash = row.getColumn(3).getString();
    if (!row.getColumn(4).isNull()) account.cardDigest = row.getColumn(4).getString();
    account.createdAt = row.getColumn(5).getInt64();
    account.updatedAt = row.getColumn(6).getInt64();
    return account;
}

}  // namespace

std::string_view roleKey(StaffRole role) {
    for (const auto& [value, key] : kRoleKeys)
        if (value == role) return key;
    return "cafe_manager";
}

std::optional<StaffRole> roleFromKey(std::string_view key) {
    for (const auto& [value, text] : kRoleKeys)
        if (text == key) return value;
    return std::nullopt;
}

std::vector<StaffAccount> StaffStore::listActive() {
    SQLite::Statement query(db_.sql(), std::string(kSelectAccount) +
                                           "WHERE deleted_at IS NULL ORDER BY display_name COLLATE NOCASE, id");
    std::vector<StaffAccount> accounts;
    while (query.executeStep()) accounts.push_back(readAccount(query));
    return accounts;
}

std::optional<StaffAccount> StaffStore::findActive(const std::string& id) {
    SQLite::Statement query(db_.sql(), std::string(kSelectAccount) + "WHERE id = ? AND deleted_at IS NULL");
    query.bind(1, id);
    if (!query.executeStep()) return std::nullopt;
    return readAccount(query);
}

std::optional<StaffAccount> StaffStore::findByCardDigest(const std::string& digest) {
    SQLite::Statement query(db_.sql(),
                            std::string(kSelectAccount) + "WHERE card_digest = ? AND deleted_at IS NULL");
    query.bind(1, digest);
    if (!query.executeStep()) return std::nullopt;
    return readAccount(query);
}

int StaffStore::countActiveAdmins() {
    return db_.sql()
        .execAndGet("SELECT count(*) FROM staff_account WHERE role = 'admin' AND deleted_at IS NULL")
        .getInt();
}

StaffAccount StaffStore::create(const std::string& displayName, StaffRole role, const std::string& pinHash,
                                std::int64_t nowMs) {
    StaffAccount account{newRecordId(nowMs), displayName, role, pinHash, std::nullopt, nowMs, nowMs};
    SQLite::Statement insert(db_.sql(),
                             "INSERT INTO staff_account(id, origin_kiosk, display_name, role, pin_hash, created_at, "
                             "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, account.id);
    insert.bind(2, db_.kioskId());
    insert.bind(3, account.displayName);
    insert.bind(4, std::string(roleKey(role)));
    insert.bind(5, pinHash);
    insert.bind(6, nowMs);
    insert.bind(7, nowMs);
    insert.exec();
    return account;
}

void StaffStore::setPinHash(const std::string& id, const std::string& pinHash, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(), "UPDATE staff_account SET pin_hash = ?, updated_at = ? WHERE id = ?");
    update.bind(1, pinHash);
    update.bind(2, nowMs);
    update.bind(3, id);
    update.exec();
}

void StaffStore::setRole(const std::string& id, StaffRole role, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(), "UPDATE staff_account SET role = ?, updated_at = ? WHERE id = ?");
    update.bind(1, std::string(roleKey(role)));
    update.bind(2, nowMs);
    update.bind(3, id);
    update.exec();
}

void StaffStore::setCardDigest(const std::string& id, const std::optional<std::string>& digest, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(), "UPDATE staff_account SET card_digest = ?, updated_at = ? WHERE id = ?");
    if (digest)
        update.bind(1, *digest);
    else
        update.bind(1);
    update.bind(2, nowMs);
    update.bind(3, id);
    update.exec();
}

void StaffStore::softDelete(const std::string& id, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(),
                             "UPDATE staff_account SET deleted_at = ?, updated_at = ?, card_digest = NULL "
                             "WHERE id = ? AND deleted_at IS NULL");
    update.bind(1, nowMs);
    update.bind(2, nowMs);
    update.bind(3, id);
    update.exec();
}

LoginThrottle StaffStore::throttle(const std::string& id) {
    SQLite::Statement query(db_.sql(),
                            "SELECT failed_count, locked_until FROM staff_login_throttle WHERE account_id = ?");
    query.bind(1, id);
    if (!query.executeStep()) return {};
    return {query.getColumn(0).getInt(), query.getColumn(1).getInt64()};
}

void StaffStore::saveThrottle(const std::string& id, const LoginThrottle& throttle) {
    SQLite::Statement upsert(db_.sql(),
                             "INSERT INTO staff_login_throttle(account_id, failed_count, locked_until) VALUES (?, ?, ?) "
                             "ON CONFLICT(account_id) DO UPDATE SET failed_count = excluded.failed_count, "
                             "locked_until = excluded.locked_until");
    upsert.bind(1, id);
    upsert.bind(2, throttle.failedCount);
    upsert.bind(3, throttle.lockedUntil);
    upsert.exec();
}

}  // namespace vk::storage
