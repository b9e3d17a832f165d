#pragma once
#include "kiosk/services/clock.h"
#include "kiosk/services/staff_service.h"
#include "storage/retention.h"

#include <map>
#include <string>
#include <vector>

namespace vk::services {

// Runs the purge of expired personal data at start-up and then once a day, and notes each run in the audit log.
// Before it erases anything it keeps the impact report's counts of the days up to yesterday (impact_counts.h).
// A purge that fails (database busy, disk full or failing) is tried again soon rather than a day later: personal
// data must not outlive its period because of one bad minute.
class RetentionJob {
public:
    RetentionJob(storage::Database& db, StaffService& staff, const Clock& clock, std::map<std::string, int> periodDays)
        : db_(db), staff_(staff), clock_(clock), periodDays_(std::move(periodDays)) {}

    std::int64_t nextRunMs() const { return nextRunMs_; }
    // Purges if due; returns what was deleted (empty when not due, or when the purge failed). Never throws: a
    // failure rolls the purge back, leaves a staff notice with the cause, and the next run is due after
    // kFirstRetryMs, then twice as long after each further failure, up to kMaxRetryMs.
    std::vector<storage::PurgeReport> runIfDue();
    // Why the last run failed, for staff (English); empty once a run succeeded.
    const std::string& lastFailure() const { return lastFailure_; }

    static constexpr std::int64_t kIntervalMs = 24LL * 60 * 60 * 1000;
    static constexpr std::int64_t kFirstRetryMs = 5LL * 60 * 1000;
    static constexpr std::int64_t kMaxRetryMs = 60LL * 60 * 1000;

private:
    void noticeFailure(std::int64_t nowMs);

    storage::Database& db_;
    StaffService& staff_;
    const Clock& clock_;
    std::map<std::string, int> periodDays_;
    std::int64_t nextRunMs_ = 0;
    std::int64_t retryMs_ = kFirstRetryMs;
    std::string lastFailure_;
};

}  // namespace vk::services
