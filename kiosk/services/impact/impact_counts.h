#pragma once
// Every area's uses as the impact report reads them: the days up to the last kept one from the kept counts
// (storage/impact_count_store.h), the days after from the areas' own records. Retention erases an appointment
// after 30 days and a parcel after 90; keeping each past day's counts first is what lets a report cover a year.

#include "kiosk/services/impact/usage_source.h"

#include <memory>
#include <string>
#include <vector>

namespace vk::storage {
class Database;
}

namespace vk::services::impact {

class ImpactCounts {
public:
    ImpactCounts(storage::Database& db, std::vector<std::unique_ptr<UsageSource>> sources);
    // With the usage source of every area that has one (services/areas.cpp).
    static ImpactCounts ofEveryArea(storage::Database& db);

    std::vector<ServiceUse> usesBetween(const std::string& fromDay, const std::string& toDay) const;
    // Keeps the counts of each day after the last kept one, up to `throughDay` included (the first time, from the
    // first month any area has a use in). Called before retention erases records, with yesterday: a day is kept
    // as it stood then, and a correction made later to one of its records no longer changes the report. Returns
    // how many days were kept.
    int keepThrough(const std::string& throughDay, std::int64_t nowMs);

private:
    storage::Database& db_;
    std::vector<std::unique_ptr<UsageSource>> sources_;
};

}  // namespace vk::services::impact
