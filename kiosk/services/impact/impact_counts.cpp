#include "kiosk/services/impact/impact_counts.h"

#include "kiosk/services/area.h"
#include "kiosk/services/health/local_days.h"
#include "storage/impact_count_store.h"

#include <algorithm>

namespace vk::services::impact {
namespace {

// Nothing at a kiosk is older than this: a first keeping starts no earlier.
constexpr int kLongestHistoryDays = 3660;

}  // namespace

ImpactCounts::ImpactCounts(storage::Database& db, std::vector<std::unique_ptr<UsageSource>> sources)
    : db_(db), sources_(std::move(sources)) {}

ImpactCounts ImpactCounts::ofEveryArea(storage::Database& db) {
    std::vector<std::unique_ptr<UsageSource>> sources;
    for (const AreaDefinition& area : domainAreas()) {
        if (area.makeUsageSource) sources.push_back(area.makeUsageSource(db));
    }
    return ImpactCounts(db, std::move(sources));
}

std::vector<ServiceUse> ImpactCounts::usesBetween(const std::string& fromDay, const std::string& toDay) const {
    storage::ImpactCountStore store(db_);
    const std::string keptThrough = store.keptThrough().value_or("");
    std::vector<ServiceUse> uses;
    if (!keptThrough.empty() && fromDay <= keptThrough) {
        for (const storage::KeptMonth& kept : store.keptByMonth(fromDay, std::min(toDay, keptThrough))) {
            uses.push_back({kept.service, kept.kind, kept.month, kept.uses, kept.minutes / 60.0});
        }
    }
    const std::string liveFrom = keptThrough.empty() ? fromDay : std::max(fromDay, health::addDays(keptThrough, 1));
    if (liveFrom <= toDay) {
        for (const auto& source : sources_) {
            for (ServiceUse& use : source->usesBetween(liveFrom, toDay)) uses.push_back(std::move(use));
        }
    }
    return uses;
}

int ImpactCounts::keepThrough(const std::string& throughDay, std::int64_t nowMs) {
    if (!health::isValidDay(throughDay)) return 0;
    storage::ImpactCountStore store(db_);
    const auto keptThrough = store.keptThrough();
    if (keptThrough && *keptThrough >= throughDay) return 0;

    std::string first;
    if (keptThrough) {
        first = health::addDays(*keptThrough, 1);
    } else {
        // The first keeping: from the first month any area counts a use in.
        const std::string earliest = health::addDays(throughDay, -kLongestHistoryDays);
        std::string firstMonth;
        for (const auto& source : sources_) {
            for (const ServiceUse& use : source->usesBetween(earliest, throughDay)) {
                if (firstMonth.empty() || use.month < firstMonth) firstMonth = use.month;
            }
        }
        first = firstMonth.empty() ? throughDay : std::max(earliest, firstMonth + "-01");
    }

    std::vector<storage::DayCount> counts;
    int days = 0;
    for (std::string day = first; day <= throughDay; day = health::addDays(day, 1)) {
        ++days;
        for (const auto& source : sources_) {
            for (const ServiceUse& use : source->usesBetween(day, day)) {
                counts.push_back({day, use.service, use.kind, use.uses,
                                  static_cast<std::int64_t>(use.hours * 60.0 + 0.5)});
            }
        }
    }
    store.keep(counts, throughDay, nowMs);
    return days;
}

}  // namespace vk::services::impact
