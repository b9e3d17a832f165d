#pragma once
// The counts the impact report reads (docs/impact.md), one query per area, grouped by month. Counts only: no name,
// no id and no text of a record leaves these functions. Days are the kiosk's local days ("2026-11-03"), both ends
// included; a time kept in ms is turned into its local day by SQLite's 'localtime', which reads the same time zone
// as the kiosk.

#include "storage/database.h"

#include <cstdint>
#include <string>
#include <vector>

namespace vk::storage {

struct MonthCount {
    std::string month;  // "2026-11"
    std::string kind;   // what was counted, where a query counts more than one thing ("handed_over", "sent")
    std::int64_t uses = 0;
    std::int64_t minutes = 0;  // time given, where a use is time
};

// Appointments the patient checked in for (walk-ins too), by the day of arrival; cancelled and no-shows not.
std::vector<MonthCount> countCheckIns(Database& db, const std::string& fromDay, const std::string& toDay);
// Incoming parcels handed over to their recipient ("handed_over", by the day of pickup) and outgoing parcels left
// at the counter ("sent", by the day they were taken in). Returned parcels are not a use.
std::vector<MonthCount> countParcels(Database& db, const std::string& fromDay, const std::string& toDay);
// Sales at the postal counter by business day, less those cancelled by a counter-entry (and the entries).
std::vector<MonthCount> countPostalSales(Database& db, const std::string& fromDay, const std::string& toDay);
// Exchanges recorded in the time bank at this kiosk, with their minutes, less those corrected (and the
// corrections). The territory's other kiosks share their exchanges through the hub: they count in their own report.
std::vector<MonthCount> countTimeBankExchanges(Database& db, const std::string& fromDay, const std::string& toDay);
// Orders collected, by the day of collection: kind "bread" for a supplier whose list gives totals only (the
// baker), "grocery" for one whose list names each customer (the grocery's producers).
std::vector<MonthCount> countCollectedOrders(Database& db, const std::string& fromDay, const std::string& toDay);
// Places taken at the café's events (registered or attended), by the event's day; an event cancelled counts none.
std::vector<MonthCount> countEventSignUps(Database& db, const std::string& fromDay, const std::string& toDay);

}  // namespace vk::storage
