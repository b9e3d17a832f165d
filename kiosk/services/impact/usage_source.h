#pragma once
// What the impact report counts (docs/impact.md): each area that serves residents says, from its own records, how
// many times its services were used in each month. Counts only: no name, no id, nothing that points to a person
// ever comes through here, so the report cannot leak one.

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace vk::services::impact {

struct ServiceUse {
    // The [impact.distances_km] key of the nearest other place offering this service, whose round trip a use
    // saves: "doctor", "relay", "post_office", "grocery", "bakery", "cash", "events", "meals"… A service with no
    // distance configured is counted and shown, with no kilometres.
    std::string service;
    // What was counted, as the end of a translation key ("impact.kind.check_ins"): "check_ins",
    // "parcels_handed_over", "volunteer_hours"…
    std::string kind;
    std::string month;      // "2026-11"
    std::int64_t uses = 0;  // times the service was used
    double hours = 0;       // where a use is time given (volunteer shifts, the time bank), the hours; 0 otherwise
};

class UsageSource {
public:
    virtual ~UsageSource() = default;
    // Uses on the days from `fromDay` to `toDay` included ("2026-11-01"), one line per service, kind and month
    // that has any. Reads the area's tables through storage/; throws storage's errors as they come.
    virtual std::vector<ServiceUse> usesBetween(const std::string& fromDay, const std::string& toDay) const = 0;
};

// Most areas count with one query of storage/usage_counts.h: their source is that query, named for the report.
class UsageSourceFunction final : public UsageSource {
public:
    using Count = std::function<std::vector<ServiceUse>(const std::string& fromDay, const std::string& toDay)>;
    explicit UsageSourceFunction(Count count) : count_(std::move(count)) {}
    std::vector<ServiceUse> usesBetween(const std::string& fromDay, const std::string& toDay) const override {
        return count_(fromDay, toDay);
    }

private:
    Count count_;
};

}  // namespace vk::services::impact
