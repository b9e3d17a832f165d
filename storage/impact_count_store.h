#pragma once
// The impact report's kept counts (migration 0014): the uses of each past day, kept once, so that the report of a
// year still counts the check-ins and parcels whose records retention has erased since. Up to which day they are
// kept is one line of kiosk_meta.

#include "storage/database.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vk::storage {

struct DayCount {
    std::string day;  // "2026-11-03"
    std::string service;
    std::string kind;
    std::int64_t uses = 0;
    std::int64_t minutes = 0;
};

// One service and kind in one month, summed over the kept days.
struct KeptMonth {
    std::string month;
    std::string service;
    std::string kind;
    std::int64_t uses = 0;
    std::int64_t minutes = 0;
};

class ImpactCountStore {
public:
    explicit ImpactCountStore(Database& db) : db_(db) {}

    // The last day whose counts are kept; nullopt before the first keeping.
    std::optional<std::string> keptThrough();
    // Writes the counts of the days after keptThrough() up to `throughDay` and moves keptThrough() there, in one
    // transaction. A day already kept is left as it is.
    void keep(const std::vector<DayCount>& counts, const std::string& throughDay, std::int64_t nowMs);
    std::vector<KeptMonth> keptByMonth(const std::string& fromDay, const std::string& toDay);

private:
    Database& db_;
};

}  // namespace vk::storage
