#include "kiosk/services/retention_job.h"

namespace vk::services {

std::vector<storage::PurgeReport> RetentionJob::runIfDue() {
    const std::int64_t now = clock_.nowMs();
    if (now < nextRunMs_) return {};
    nextRunMs_ = now + kIntervalMs;
    auto reports = storage::purgeExpired(db_, periodDays_, now);
    std::string summary;
    for (const auto& report : reports)
        if (report.rowsDeleted > 0) summary += report.key + "=" + std::to_string(report.rowsDeleted) + " ";
    if (!summary.empty()) staff_.audit(&systemActor(SystemActor::RetentionJob), "retention.purge", summary);
    return reports;
}

}  // namespace vk::services
