#include "storage/impact_count_store.h"

#include "storage/record_id.h"
#include "storage/transaction.h"

namespace vk::storage {
namespace {
constexpr const char* kKeptThroughKey = "impact_kept_through";
}

std::optional<std::string> ImpactCountStore::keptThrough() {
    SQLite::Statement query(db_.sql(), "SELECT value FROM kiosk_meta WHERE key = ?");
    query.bind(1, kKeptThroughKey);
    if (!query.executeStep()) return std::nullopt;
    return query.getColumn(0).getString();
}

void ImpactCountStore::keep(const std::vector<DayCount>& counts, const std::string& throughDay, std::int64_t nowMs) {
    inTransaction(db_, [&] {
        const std::string keptBefore = keptThrough().value_or("");
        SQLite::Statement insert(db_.sql(),
                                 "INSERT INTO impact_day_count (id, origin_kiosk, day, service, kind, uses, minutes, "
                                 "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                 "ON CONFLICT (origin_kiosk, day, service, kind) DO NOTHING");
        for (const DayCount& count : counts) {
            if (count.day <= keptBefore || count.day > throughDay || count.uses <= 0) continue;
            insert.bind(1, newRecordId(nowMs));
            insert.bind(2, db_.kioskId());
            insert.bind(3, count.day);
            insert.bind(4, count.service);
            insert.bind(5, count.kind);
            insert.bind(6, count.uses);
            insert.bind(7, count.minutes);
            insert.bind(8, nowMs);
            insert.bind(9, nowMs);
            insert.exec();
            insert.reset();
        }
        SQLite::Statement mark(db_.sql(), "INSERT INTO kiosk_meta (key, value) VALUES (?, ?) "
                                          "ON CONFLICT (key) DO UPDATE SET value = excluded.value "
                                          "WHERE excluded.value > kiosk_meta.value");
        mark.bind(1, kKeptThroughKey);
        mark.bind(2, throughDay);
        mark.exec();
    });
}

std::vector<KeptMonth> ImpactCountStore::keptByMonth(const std::string& fromDay, const std::string& toDay) {
    SQLite::Statement query(db_.sql(), "SELECT substr(day, 1, 7) AS month, service, kind, sum(uses), sum(minutes) "
                                       "FROM impact_day_count WHERE origin_kiosk = ? AND deleted_at IS NULL "
                                       "AND day BETWEEN ? AND ? GROUP BY month, service, kind "
                                       "ORDER BY month, service, kind");
    query.bind(1, db_.kioskId());
    query.bind(2, fromDay);
    query.bind(3, toDay);
    std::vector<KeptMonth> months;
    while (query.executeStep()) {
        months.push_back({query.getColumn(0).getString(), query.getColumn(1).getString(),
                          query.getColumn(2).getString(), query.getColumn(3).getInt64(),
                          query.getColumn(4).getInt64()});
    }
    return months;
}

}  // namespace vk::storage
