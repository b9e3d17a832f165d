#pragma once
// The usage source of an area that counts with one query of storage/usage_counts.h: the query's kinds of use
// named as the report's services and kinds.

#include "kiosk/services/impact/usage_source.h"
#include "storage/usage_counts.h"

#include <memory>
#include <string>
#include <vector>

namespace vk::services::impact {

struct CountedKind {
    const char* storageKind;  // as the query returns it; "" for a query that counts one thing
    const char* service;      // the [impact.distances_km] key
    const char* kind;         // the report's kind (impact.kind.<kind>)
};

using MonthCountQuery = std::vector<storage::MonthCount> (*)(storage::Database& db, const std::string& fromDay,
                                                              const std::string& toDay);

// A kind the query returns that `kinds` does not name is left out of the report.
std::unique_ptr<UsageSource> usesCountedBy(storage::Database& db, MonthCountQuery query,
                                           std::vector<CountedKind> kinds);

}  // namespace vk::services::impact
