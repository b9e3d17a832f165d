#include "kiosk/services/impact/impact_area.h"

#include "kiosk/services/kiosk_config.h"

#include <algorithm>
#include <regex>

namespace vk::services::impact {
namespace {

void readImpactSettings(SettingsReader& reader, AreaSettings& areas) {
    ImpactSettings& settings = areas.get<ImpactSettings>();
    if (auto distances = reader.subsection("distances_km")) {
        static const std::regex keyPattern("[a-z][a-z0-9_]{0,39}");
        const auto& known = knownServices();
        std::map<std::string, double> read;
        for (const std::string& key : distances->keys()) {
            if (!std::regex_match(key, keyPattern)) {
                distances->problem(key.c_str(), "must be a service written in small letters, digits and _ "
                                                "(doctor, relay, post_office…)");
                continue;
            }
            double km = -1;
            distances->decimal(key.c_str(), km, 0, kLongestDistanceKm);
            if (km < 0) continue;  // refused, and said so by decimal()
            if (std::find(known.begin(), known.end(), key) == known.end()) {
                std::string list;
                for (const std::string& service : known) list += (list.empty() ? "" : ", ") + service;
                distances->problem(key.c_str(), "is not a service the kiosk counts yet (" + list +
                                                    "): kept, but no use is counted for it", false);
            }
            read[key] = km;
        }
        distances->reportUnknownKeys();
        settings.distancesKm = std::move(read);
    }
}

std::unique_ptr<AreaServices> makeImpactServices(const AreaContext& context) {
    return std::make_unique<ImpactServices>(context);
}

}  // namespace

ImpactServices::ImpactServices(const AreaContext& context)
    : settings(context.config.areas.get<ImpactSettings>()),
      villageName(context.config.villageName),
      distancesKm_(settings.distancesKm),
      counts_(ImpactCounts::ofEveryArea(context.database)) {}

std::optional<ImpactReport> ImpactServices::report(const std::string& fromDay, const std::string& toDay) const {
    // Refused before any query: the counts are not read for a span that cannot be reported.
    if (!describeSpanProblem(fromDay, toDay).empty()) return std::nullopt;
    return buildImpactReport(counts_.usesBetween(fromDay, toDay), distancesKm_, fromDay, toDay);
}

void ImpactServices::useDistancesIfNoneConfigured(const std::map<std::string, double>& distancesKm) {
    if (settings.distancesKm.empty()) distancesKm_ = distancesKm;
}

AreaDefinition impactArea() { return {"impact", "impact", &readImpactSettings, {}, &makeImpactServices}; }

}  // namespace vk::services::impact
