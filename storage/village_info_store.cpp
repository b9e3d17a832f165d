#include "storage/village_info_store.h"

#include "storage/record_id.h"

#include <SQLiteCpp/Statement.h>

namespace vk::storage {

std::vector<VillageInfoEntry> VillageInfoStore::listLive() {
    SQLite::Statement query(db_.sql(),
                            "SELECT id, title, body, sort_order, updated_at FROM village_info "
                            "WHERE deleted_at IS NULL ORDER BY sort_order, title");
    std::vector<VillageInfoEntry> entries;
    while (query.executeStep()) {
        entries.push_back({query.getColumn(0).getString(), query.getColumn(1).getString(),
                           query.getColumn(2).getString(), query.getColumn(3).getInt(),
                           query.getColumn(4).getInt64()});
    }
    return entries;
}

VillageInfoEntry VillageInfoStore::create(const std::string& title, const std::string& body, int sortOrder,
                                          std::int64_t nowMs) {
    VillageInfoEntry entry{newRecordId(nowMs), title, body, sortOrder, nowMs};
    SQLite::Statement insert(db_.sql(),
                             "INSERT INTO village_info(id, origin_kiosk, title, body, sort_order, created_at, "
                             "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, entry.id);
    insert.bind(2, db_.kioskId());
    insert.bind(3, title);
    insert.bind(4, body);
    insert.bind(5, sortOrder);
    insert.bind(6, nowMs);
    insert.bind(7, nowMs);
    insert.exec();
    return entry;
}

void VillageInfoStore::update(const VillageInfoEntry& entry, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(),
                             "UPDATE village_info SET title = ?, body = ?, sort_order = ?, updated_at = ? "
                             "WHERE id = ? AND deleted_at IS NULL");
    update.bind(1, entry.title);
    update.bind(2, entry.body);
    update.bind(3, entry.sortOrder);
    update.bind(4, nowMs);
    update.bind(5, entry.id);
    update.exec();
}

void VillageInfoStore::softDelete(const std::string& id, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(),
                             "UPDATE village_info SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL");
    update.bind(1, nowMs);
    update.bind(2, nowMs);
    update.bind(3, id);
    update.exec();
}

}  // namespace vk::storage
