#pragma once
// Purging personal data once its retention period is over (RGPD: keep no longer than needed).

#include "storage/database.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace vk::storage {

// One kind of personal data with a retention period, named by the key used in the configuration's
// [retention] table. Workflows add theirs to the registry in retention.cpp with their migration.
struct RetentionCategory {
    const char* key;          // e.g. "audit_log_days"
    const char* description;  // for the technician's report
    const char* table;
    const char* timeColumn;   // rows whose time is older than the period are deleted
};

const std::vector<RetentionCategory>& retentionCategories();

struct PurgeReport {
    std::string key;
    int rowsDeleted = 0;
};

// Deletes, in one transaction, every row older than its category's period. Categories missing from
// `periodDays`, or with a period of 0 or less, are kept.
std::vector<PurgeReport> purgeExpired(Database& db, const std::map<std::string, int>& periodDays, std::int64_t nowMs);

}  // namespace vk::storage
