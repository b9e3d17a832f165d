#include "storage/staff_notice_store.h"

#include <SQLiteCpp/Statement.h>

namespace vk::storage {

void StaffNoticeStore::add(const std::string& area, const std::string& message, std::int64_t nowMs) {
    // The same message twice while the first is still open says nothing new (a feed failing every hour).
    SQLite::Statement same(db_.sql(),
                           "SELECT count(*) FROM staff_notice WHERE area = ? AND message = ? AND acknowledged_at IS NULL");
    same.bind(1, area);
    same.bind(2, message);
    if (same.executeStep() && same.getColumn(0).getInt() > 0) return;
    SQLite::Statement insert(db_.sql(), "INSERT INTO staff_notice(at, area, message) VALUES (?, ?, ?)");
    insert.bind(1, nowMs);
    insert.bind(2, area);
    insert.bind(3, message);
    insert.exec();
}

std::vector<StaffNotice> StaffNoticeStore::open() {
    SQLite::Statement query(db_.sql(),
                            "SELECT seq, at, area, message FROM staff_notice WHERE acknowledged_at IS NULL ORDER BY seq");
    std::vector<StaffNotice> notices;
    while (query.executeStep())
        notices.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getInt64(), query.getColumn(2).getString(),
                           query.getColumn(3).getString()});
    return notices;
}

void StaffNoticeStore::acknowledge(std::int64_t seq, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(), "UPDATE staff_notice SET acknowledged_at = ? WHERE seq = ?");
    update.bind(1, nowMs);
    update.bind(2, seq);
    update.exec();
}

}  // namespace vk::storage
