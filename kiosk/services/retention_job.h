#pragma once
#include "kiosk/services/clock.h"
#include "kiosk/services/staff_service.h"
#include "storage/retention.h"

#include <map>
#include <string>
#include <vector>

namespace vk::services {

// Runs the purge of expired personal data at start-up and then once a day, and notes each run in the audit log.
class RetentionJob {
public:
    RetentionJob(storage::Database& db, StaffService& staff, const Clock& clock, std::map<std::string, int> periodDays)
        : db_(db), staff_(staff), clock_(clock), periodDays_(std::move(periodDays)) {}

    std::int64_t nextRunMs() const { return nextRunMs_; }
    // Purges if due; returns what was deleted (empty when not due).
    std::vector<storage::PurgeReport> runIfDue();

private:
    static constexpr std::int64_t kIntervalMs = 24LL * 60 * 60 * 1000;
    storage::Database& db_;
    StaffService& staff_;
    const Clock& clock_;
    std::map<std::string, int> periodDays_;
    std::int64_t nextRunMs_ = 0;
};

}  // namespace vk::services
