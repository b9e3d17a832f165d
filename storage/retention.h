#pragma once
// Purging personal data once its retention period is over (RGPD: keep no longer than needed).

#include "storage/database.h"

#include <cstdint>
#include <filesystem>
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
    const char* onlyWhere = nullptr;  // an SQL condition the rows must also meet (messages no longer waiting)
};

const std::vector<RetentionCategory>& retentionCategories();

struct PurgeReport {
    std::string key;
    int rowsDeleted = 0;
};

// Deletes, in one transaction, every row older than its category's period. Categories missing from
// `periodDays`, or with a period of 0 or less, are kept.
std::vector<PurgeReport> purgeExpired(Database& db, const std::map<std::string, int>& periodDays, std::int64_t nowMs);

// The kiosk's own copies of the database hold the same personal data as the database, so they are not kept for
// ever either (docs/storage.md, "Copies kept").
struct CopyRetentionRules {
    // A pre-migration copy (`<database>.before-schema-vN`) older than this is deleted, the newest included: after a
    // month on the new schema nobody rolls back, and an older copy holds appointments the database has erased.
    int preMigrationCopyDays = 30;
    // Dated backups (`village-kiosk-YYYYMMDD-HHMMSS.db`) beyond the newest this many in the folder are deleted.
    int datedBackupsToKeep = 7;
};

struct PrunedCopies {
    std::vector<std::filesystem::path> removed;
    std::vector<std::string> problems;  // a sentence per file or folder that could not be handled
};

// Deletes, in `folder` only (not below it), the copies past `rules`, with their -wal, -shm and -journal, and any
// `.partial` left by a backup that died more than a day ago. Files of other names are never touched; a rule of 0
// or less keeps everything it covers; a folder that does not exist has nothing to prune. Ages are file times.
PrunedCopies pruneOldCopies(const std::filesystem::path& folder, const CopyRetentionRules& rules, std::int64_t nowMs);

}  // namespace vk::storage
