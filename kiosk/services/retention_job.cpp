#include "kiosk/services/retention_job.h"

#include "kiosk/i18n/translations.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/impact/impact_counts.h"
#include "storage/staff_notice_store.h"
#include "storage/write_failure.h"

#include <algorithm>
#include <iostream>

namespace vk::services {

std::vector<storage::PurgeReport> RetentionJob::runIfDue() {
    const std::int64_t now = clock_.nowMs();
    if (now < nextRunMs_) return {};
    std::vector<storage::PurgeReport> reports;
    try {
        // The rows deleted and their audit line in one transaction, after the impact report's counts of the days
        // up to yesterday were kept: a record is never erased before it was counted.
        staff_.inTransaction([&] {
            impact::ImpactCounts::ofEveryArea(db_).keepThrough(health::addDays(health::localDay(now), -1), now);
            reports = storage::purgeExpired(db_, periodDays_, now);
            long long deleted = 0;
            for (const auto& report : reports) deleted += report.rowsDeleted;
            if (deleted > 0)
                staff_.audit(&systemActor(SystemActor::RetentionJob), "retention.purge", {{"count", std::to_string(deleted)}});
        });
    } catch (const std::exception& e) {
        // One transaction: nothing was deleted, and the next try starts from scratch.
        lastFailure_ = storage::describeWriteFailure(e);
        nextRunMs_ = now + retryMs_;
        retryMs_ = std::min(retryMs_ * 2, kMaxRetryMs);
        noticeFailure(now);
        return {};
    }
    lastFailure_.clear();
    retryMs_ = kFirstRetryMs;
    nextRunMs_ = now + kIntervalMs;
    std::string summary;
    const auto copies = storage::pruneOldCopies(db_.file().parent_path(), {}, now);
    if (!copies.removed.empty()) summary += "old_copies=" + std::to_string(copies.removed.size()) + " ";
    for (const auto& problem : copies.problems) summary += problem + " ";
    try {
        if (!copies.removed.empty())
            staff_.audit(&systemActor(SystemActor::RetentionJob), "retention.old_copies",
                         {{"count", std::to_string(copies.removed.size())}});
        // A file that could not be handled is said by the storage layer, in the technician's English.
        for (const auto& problem : copies.problems)
            staff_.audit(&systemActor(SystemActor::RetentionJob), "retention.problem", {{"problem", problem}});
    } catch (const std::exception& e) {
        // Files are not in a transaction: the copies are gone, only their audit line is lost, and the journal
        // keeps it.
        std::cerr << "village-kiosk: retention purge (" << summary
                  << ") could not be audited: " << storage::describeWriteFailure(e) << "\n";
    }
    return reports;
}

void RetentionJob::noticeFailure(std::int64_t nowMs) {
    try {
        // Without the minutes in it the message stays the same from one retry to the next, so staff see one notice.
        storage::StaffNoticeStore(db_).add("retention", i18n::trf("retention.notice.failed", {{"reason", lastFailure_}}),
                                           nowMs);
    } catch (const std::exception& e) {
        // Busy or full for the notice too: the system journal is all that is left.
        std::cerr << "village-kiosk: the retention purge failed (" << lastFailure_
                  << ") and the staff notice could not be stored: " << storage::describeWriteFailure(e) << "\n";
    }
}

}  // namespace vk::services
