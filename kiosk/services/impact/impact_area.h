#pragma once
// The impact report as an area (docs/impact.md): its [impact] section (the distances of the nearest other places
// offering each service) and the report, counted from every area's records.

#include "kiosk/services/area.h"
#include "kiosk/services/impact/impact_counts.h"
#include "kiosk/services/impact/impact_report.h"

#include <map>
#include <optional>
#include <string>

namespace vk::services::impact {

// The [impact] section of kiosk.toml (docs/configuration.md).
struct ImpactSettings {
    // [impact.distances_km]: km from the village to the nearest other doctor, relay point, post office…
    std::map<std::string, double> distancesKm;
};

// The longest distance accepted: past it, a typo (a distance in metres) is more likely than a village.
constexpr double kLongestDistanceKm = 500;

class ImpactServices : public AreaServices {
public:
    explicit ImpactServices(const AreaContext& context);
    // The report of the days from `fromDay` to `toDay` included; nullopt for a span refused by
    // describeSpanProblem(). Throws storage's errors as they come.
    std::optional<ImpactReport> report(const std::string& fromDay, const std::string& toDay) const;

    // The demo village's distances, when kiosk.toml gives none (demo_data.h).
    void useDistancesIfNoneConfigured(const std::map<std::string, double>& distancesKm);

    const ImpactSettings settings;
    const std::string villageName;

private:
    std::map<std::string, double> distancesKm_;
    ImpactCounts counts_;
};

AreaDefinition impactArea();

}  // namespace vk::services::impact
