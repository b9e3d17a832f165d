#include "storage/usage_counts.h"

namespace vk::storage {
namespace {

// The local day of a time kept in ms.
std::string localDayOf(const std::string& msColumn) {
    return "strftime('%Y-%m-%d', " + msColumn + " / 1000, 'unixepoch', 'localtime')";
}

// `daysSql` selects a column `day` (and `kind` and `minutes` when it has them) for each use; this groups them.
std::vector<MonthCount> countByMonth(Database& db, const std::string& daysSql, const std::string& fromDay,
                                     const std::string& toDay, const std::string& kioskId = {}) {
    SQLite::Statement query(db.sql(), "SELECT substr(day, 1, 7) AS month, kind, count(*), coalesce(sum(minutes), 0) "
                                      "FROM (" + daysSql + ") WHERE day BETWEEN ? AND ? " +
                                      (kioskId.empty() ? "" : "AND origin_kiosk = ? ") +
                                      "GROUP BY month, kind ORDER BY month, kind");
    query.bind(1, fromDay);
    query.bind(2, toDay);
    if (!kioskId.empty()) query.bind(3, kioskId);
    std::vector<MonthCount> counts;
    while (query.executeStep()) {
        counts.push_back({query.getColumn(0).getString(), query.getColumn(1).getString(),
                          query.getColumn(2).getInt64(), query.getColumn(3).getInt64()});
    }
    return counts;
}

}  // namespace

std::vector<MonthCount> countCheckIns(Database& db, const std::string& fromDay, const std::string& toDay) {
    return countByMonth(db,
                        "SELECT " + localDayOf("arrived_at") + " AS day, '' AS kind, 0 AS minutes FROM appointment "
                        "WHERE arrived_at IS NOT NULL AND deleted_at IS NULL "
                        "AND status NOT IN ('cancelled', 'no_show')",
                        fromDay, toDay);
}

std::vector<MonthCount> countParcels(Database& db, const std::string& fromDay, const std::string& toDay) {
    return countByMonth(db,
                        "SELECT " + localDayOf("picked_up_at") + " AS day, 'handed_over' AS kind, 0 AS minutes "
                        "FROM parcel WHERE direction = 'incoming' AND status = 'picked_up' "
                        "AND picked_up_at IS NOT NULL AND deleted_at IS NULL "
                        "UNION ALL SELECT " + localDayOf("received_at") + ", 'sent', 0 FROM parcel "
                        "WHERE direction = 'outgoing' AND deleted_at IS NULL",
                        fromDay, toDay);
}

std::vector<MonthCount> countPostalSales(Database& db, const std::string& fromDay, const std::string& toDay) {
    return countByMonth(db,
                        "SELECT s.business_day AS day, '' AS kind, 0 AS minutes FROM postal_sale s "
                        "WHERE s.deleted_at IS NULL AND s.corrects_sale_id IS NULL AND NOT EXISTS "
                        "(SELECT 1 FROM postal_sale c WHERE c.corrects_sale_id = s.id AND c.deleted_at IS NULL)",
                        fromDay, toDay);
}

std::vector<MonthCount> countTimeBankExchanges(Database& db, const std::string& fromDay, const std::string& toDay) {
    return countByMonth(db,
                        "SELECT " + localDayOf("t.created_at") +
                            " AS day, '' AS kind, t.minutes AS minutes, t.origin_kiosk "
                        "FROM time_bank_transfer t WHERE t.corrects_transfer_id IS NULL AND NOT EXISTS "
                        "(SELECT 1 FROM time_bank_transfer c WHERE c.corrects_transfer_id = t.id)",
                        fromDay, toDay, db.kioskId());
}

std::vector<MonthCount> countCollectedOrders(Database& db, const std::string& fromDay, const std::string& toDay) {
    return countByMonth(db,
                        "SELECT " + localDayOf("o.collected_at") + " AS day, "
                        "CASE WHEN s.list_per_customer = 1 THEN 'grocery' ELSE 'bread' END AS kind, 0 AS minutes "
                        "FROM orders_order o JOIN orders_supplier s ON s.id = o.supplier_id "
                        "WHERE o.state = 'collected' AND o.collected_at IS NOT NULL AND o.deleted_at IS NULL",
                        fromDay, toDay);
}

std::vector<MonthCount> countEventSignUps(Database& db, const std::string& fromDay, const std::string& toDay) {
    return countByMonth(db,
                        "SELECT e.day AS day, '' AS kind, 0 AS minutes FROM agenda_signup u "
                        "JOIN agenda_event e ON e.id = u.event_id "
                        "WHERE u.state IN ('registered', 'attended') AND u.deleted_at IS NULL "
                        "AND e.cancelled_at IS NULL AND e.deleted_at IS NULL",
                        fromDay, toDay);
}

}  // namespace vk::storage
