#include "storage/waiting_list_store.h"

#include "storage/record_id.h"

#include <SQLiteCpp/Statement.h>

namespace vk::storage {
namespace {

constexpr const char* kSelectEntry =
    "SELECT id, surname, given_name, phone, appointment_id, availability, created_at, resolved_at "
    "FROM health_waiting_list ";

WaitingListEntry readEntry(SQLite::Statement& row) {
    WaitingListEntry entry;
    entry.id = row.getColumn(0).getString();
    entry.surname = row.getColumn(1).getString();
    entry.givenName = row.getColumn(2).getString();
    entry.phone = row.getColumn(3).getString();
    if (!row.getColumn(4).isNull()) entry.appointmentId = row.getColumn(4).getString();
    entry.availability = row.getColumn(5).getString();
    entry.createdAt = row.getColumn(6).getInt64();
    if (!row.getColumn(7).isNull()) entry.resolvedAt = row.getColumn(7).getInt64();
    return entry;
}

}  // namespace

WaitingListEntry WaitingListStore::add(const WaitingListEntry& entry, std::int64_t nowMs) {
    const std::string id = newRecordId(nowMs);
    SQLite::Statement insert(db_.sql(),
                             "INSERT INTO health_waiting_list(id, origin_kiosk, surname, given_name, phone, "
                             "appointment_id, availability, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, id);
    insert.bind(2, db_.kioskId());
    insert.bind(3, entry.surname);
    insert.bind(4, entry.givenName);
    insert.bind(5, entry.phone);
    if (entry.appointmentId)
        insert.bind(6, *entry.appointmentId);
    else
        insert.bind(6);
    insert.bind(7, entry.availability);
    insert.bind(8, nowMs);
    insert.bind(9, nowMs);
    insert.exec();
    return *find(id);
}

std::optional<WaitingListEntry> WaitingListStore::find(const std::string& id) {
    SQLite::Statement query(db_.sql(), std::string(kSelectEntry) + "WHERE id = ? AND deleted_at IS NULL");
    query.bind(1, id);
    if (!query.executeStep()) return std::nullopt;
    return readEntry(query);
}

std::vector<WaitingListEntry> WaitingListStore::open() {
    SQLite::Statement query(db_.sql(), std::string(kSelectEntry) +
                                           "WHERE resolved_at IS NULL AND deleted_at IS NULL ORDER BY created_at, id");
    std::vector<WaitingListEntry> entries;
    while (query.executeStep()) entries.push_back(readEntry(query));
    return entries;
}

bool WaitingListStore::resolve(const std::string& id, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(), "UPDATE health_waiting_list SET resolved_at = ?1, updated_at = ?1 "
                                        "WHERE id = ?2 AND resolved_at IS NULL AND deleted_at IS NULL");
    update.bind(1, nowMs);
    update.bind(2, id);
    return update.exec() == 1;
}

bool WaitingListStore::remove(const std::string& id, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(), "UPDATE health_waiting_list SET deleted_at = ?1, updated_at = ?1 "
                                        "WHERE id = ?2 AND deleted_at IS NULL");
    update.bind(1, nowMs);
    update.bind(2, id);
    return update.exec() == 1;
}

}  // namespace vk::storage
