#include "storage/member_store.h"

#include "storage/record_id.h"
#include "storage/transaction.h"

#include <SQLiteCpp/Statement.h>

namespace vk::storage {
namespace {

constexpr const char* kSelectMember =
    "SELECT id, display_name, name_key, village, phone, email, card_digest, pin_hash, show_name, show_phone, "
    "share_with_territory, created_at, updated_at FROM member ";

std::optional<std::string> optionalText(SQLite::Statement& row, int column) {
    if (row.getColumn(column).isNull()) return std::nullopt;
    return row.getColumn(column).getString();
}

Member readMember(SQLite::Statement& row) {
    Member member;
    member.id = row.getColumn(0).getString();
    member.displayName = row.getColumn(1).getString();
    member.nameKey = row.getColumn(2).getString();
    member.village = row.getColumn(3).getString();
    member.phone = optionalText(row, 4);
    member.email = optionalText(row, 5);
    member.cardDigest = optionalText(row, 6);
    member.pinHash = optionalText(row, 7);
    member.consent.showName = row.getColumn(8).getInt() != 0;
    member.consent.showPhone = row.getColumn(9).getInt() != 0;
    member.consent.shareWithTerritory = row.getColumn(10).getInt() != 0;
    member.createdAt = row.getColumn(11).getInt64();
    member.updatedAt = row.getColumn(12).getInt64();
    return member;
}

void bindOptional(SQLite::Statement& statement, int index, const std::optional<std::string>& value) {
    if (value)
        statement.bind(index, *value);
    else
        statement.bind(index);
}

std::vector<Member> readAll(SQLite::Statement& query) {
    std::vector<Member> members;
    while (query.executeStep()) members.push_back(readMember(query));
    return members;
}

}  // namespace

Member MemberStore::create(const MemberDetails& details, const std::optional<std::string>& pinHash,
                           std::int64_t nowMs) {
    Member member;
    member.id = newRecordId(nowMs);
    member.displayName = details.displayName;
    member.nameKey = details.nameKey;
    member.village = details.village;
    member.phone = details.phone;
    member.email = details.email;
    member.pinHash = pinHash;
    member.consent = details.consent;
    member.createdAt = nowMs;
    member.updatedAt = nowMs;
    SQLite::Statement insert(db_.sql(),
                             "INSERT INTO member(id, origin_kiosk, display_name, name_key, village, phone, email, "
                             "pin_hash, show_name, show_phone, share_with_territory, created_at, updated_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, member.id);
    insert.bind(2, db_.kioskId());
    insert.bind(3, member.displayName);
    insert.bind(4, member.nameKey);
    insert.bind(5, member.village);
    bindOptional(insert, 6, member.phone);
    bindOptional(insert, 7, member.email);
    bindOptional(insert, 8, pinHash);
    insert.bind(9, member.consent.showName ? 1 : 0);
    insert.bind(10, member.consent.showPhone ? 1 : 0);
    insert.bind(11, member.consent.shareWithTerritory ? 1 : 0);
    insert.bind(12, nowMs);
    insert.bind(13, nowMs);
    insert.exec();
    return member;
}

void MemberStore::update(const std::string& id, const MemberDetails& details, std::int64_t nowMs) {
    inTransaction(db_, [&] { updateInTransaction(id, details, nowMs); });
}

void MemberStore::updateInTransaction(const std::string& id, const MemberDetails& details, std::int64_t nowMs) {
    bool sharedBefore = false;
    {
        SQLite::Statement before(db_.sql(), "SELECT share_with_territory FROM member WHERE id = ? AND deleted_at IS NULL");
        before.bind(1, id);
        if (before.executeStep()) sharedBefore = before.getColumn(0).getInt() == 1;
    }
    SQLite::Statement update(db_.sql(),
                             "UPDATE member SET display_name = ?, name_key = ?, village = ?, phone = ?, email = ?, "
                             "show_name = ?, show_phone = ?, share_with_territory = ?, updated_at = ? "
                             "WHERE id = ? AND deleted_at IS NULL");
    update.bind(1, details.displayName);
    update.bind(2, details.nameKey);
    update.bind(3, details.village);
    bindOptional(update, 4, details.phone);
    bindOptional(update, 5, details.email);
    update.bind(6, details.consent.showName ? 1 : 0);
    update.bind(7, details.consent.showPhone ? 1 : 0);
    update.bind(8, details.consent.shareWithTerritory ? 1 : 0);
    update.bind(9, nowMs);
    update.bind(10, id);
    update.exec();
    if (sharedBefore || !details.consent.shareWithTerritory) return;
    // A member who agrees to share after having posted: their live posts travel with them now, not at their next
    // edit (the capture triggers saw those posts while the member kept them local). Queued as the triggers queue
    // a change, in the same transaction as the yes; a post already waiting to go is not queued twice.
    SQLite::Statement queue(
        db_.sql(),
        "INSERT INTO sync_change(change_id, table_name, record_id, base_seq, changed_at) "
        "SELECT lower(hex(randomblob(16))), 'board_post', p.id, "
        "coalesce((SELECT seq FROM sync_record_seq s WHERE s.table_name = 'board_post' AND s.record_id = p.id), 0), ? "
        "FROM board_post p WHERE p.member_id = ? AND p.deleted_at IS NULL "
        "AND (SELECT applying FROM sync_apply_flag) = 0 "
        "AND NOT EXISTS (SELECT 1 FROM sync_change c WHERE c.table_name = 'board_post' AND c.record_id = p.id) "
        "ORDER BY p.created_at");
    queue.bind(1, nowMs);
    queue.bind(2, id);
    queue.exec();
}

void MemberStore::setPinHash(const std::string& id, const std::optional<std::string>& pinHash, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(), "UPDATE member SET pin_hash = ?, updated_at = ? WHERE id = ?");
    bindOptional(update, 1, pinHash);
    update.bind(2, nowMs);
    update.bind(3, id);
    update.exec();
}

void MemberStore::setCardDigest(const std::string& id, const std::optional<std::string>& digest, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(), "UPDATE member SET card_digest = ?, updated_at = ? WHERE id = ?");
    bindOptional(update, 1, digest);
    update.bind(2, nowMs);
    update.bind(3, id);
    update.exec();
}

void MemberStore::softDelete(const std::string& id, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(),
                             "UPDATE member SET deleted_at = ?, updated_at = ?, card_digest = NULL "
                             "WHERE id = ? AND deleted_at IS NULL");
    update.bind(1, nowMs);
    update.bind(2, nowMs);
    update.bind(3, id);
    update.exec();
}

std::optional<Member> MemberStore::findActive(const std::string& id) {
    SQLite::Statement query(db_.sql(), std::string(kSelectMember) + "WHERE id = ? AND deleted_at IS NULL");
    query.bind(1, id);
    if (!query.executeStep()) return std::nullopt;
    return readMember(query);
}

std::optional<Member> MemberStore::findByCardDigest(const std::string& digest) {
    SQLite::Statement query(db_.sql(), std::string(kSelectMember) + "WHERE card_digest = ? AND deleted_at IS NULL");
    query.bind(1, digest);
    if (!query.executeStep()) return std::nullopt;
    return readMember(query);
}

std::vector<Member> MemberStore::findByNameKey(const std::string& nameKey) {
    SQLite::Statement query(db_.sql(),
                            std::string(kSelectMember) + "WHERE name_key = ? AND deleted_at IS NULL ORDER BY id");
    query.bind(1, nameKey);
    return readAll(query);
}

std::vector<Member> MemberStore::listActive(const std::string& nameKeyPrefix, int limit) {
    // The prefix is matched with a range, not LIKE, so that % and _ in it are plain characters.
    SQLite::Statement query(db_.sql(), std::string(kSelectMember) +
                                           "WHERE deleted_at IS NULL AND name_key >= ?1 AND (?1 = '' OR "
                                           "name_key < ?1 || char(1114111)) "
                                           "ORDER BY display_name COLLATE NOCASE, id LIMIT ?2");
    query.bind(1, nameKeyPrefix);
    query.bind(2, limit);
    return readAll(query);
}

int MemberStore::countActive() {
    return db_.sql().execAndGet("SELECT count(*) FROM member WHERE deleted_at IS NULL").getInt();
}

MemberPinThrottle MemberStore::throttle(const std::string& id) {
    SQLite::Statement query(db_.sql(),
                            "SELECT failed_count, locked_until FROM member_pin_throttle WHERE member_id = ?");
    query.bind(1, id);
    if (!query.executeStep()) return {};
    return {query.getColumn(0).getInt(), query.getColumn(1).getInt64()};
}

void MemberStore::saveThrottle(const std::string& id, const MemberPinThrottle& throttle) {
    SQLite::Statement upsert(db_.sql(),
                             "INSERT INTO member_pin_throttle(member_id, failed_count, locked_until) VALUES (?, ?, ?) "
                             "ON CONFLICT(member_id) DO UPDATE SET failed_count = excluded.failed_count, "
                             "locked_until = excluded.locked_until");
    upsert.bind(1, id);
    upsert.bind(2, throttle.failedCount);
    upsert.bind(3, throttle.lockedUntil);
    upsert.exec();
}

}  // namespace vk::storage
