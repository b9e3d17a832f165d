#include "kiosk/services/impact/counted_uses.h"

namespace vk::services::impact {

std::unique_ptr<UsageSource> usesCountedBy(storage::Database& db, MonthCountQuery query,
                                           std::vector<CountedKind> kinds) {
    return std::make_unique<UsageSourceFunction>(
        [&db, query, kinds = std::move(kinds)](const std::string& fromDay, const std::string& toDay) {
            std::vector<ServiceUse> uses;
            for (const storage::MonthCount& count : query(db, fromDay, toDay)) {
                for (const CountedKind& named : kinds) {
                    if (count.kind != named.storageKind) continue;
                    uses.push_back({named.service, named.kind, count.month, count.uses, count.minutes / 60.0});
                }
            }
            return uses;
        });
}

}  // namespace vk::services::impact
