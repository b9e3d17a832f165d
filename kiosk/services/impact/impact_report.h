#pragma once
// The impact report funders ask for (docs/impact.md): how many times each service was used at the kiosk, and the
// kilometres that saved, counted as the 1000 cafés network does: the distance from the village to the nearest
// other place offering the same service, times the number of uses. Figures only; nobody is named in it.

#include "kiosk/services/impact/usage_source.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace vk::services::impact {

// The [impact.distances_km] keys the kiosk's areas count under, in the order the report lists them. Other keys
// are accepted (a source may count a service this list does not know yet) with a warning.
const std::vector<std::string>& knownServices();

// One service and kind, in one month or summed over a span.
struct ImpactLine {
    std::string service;
    std::string kind;
    std::int64_t uses = 0;
    double hours = 0;
    std::optional<double> km;  // none when the service has no distance configured
};

struct ImpactMonth {
    std::string month;  // "2026-11"
    std::vector<ImpactLine> lines;
    std::int64_t uses = 0;
    double km = 0;
};

struct ImpactYear {
    std::string year;  // "2026", only the months of the report's span in it
    std::int64_t uses = 0;
    double hours = 0;
    double km = 0;
};

struct ImpactReport {
    std::string fromDay;
    std::string toDay;
    std::vector<ImpactMonth> months;  // every month of the span in order, those with no use too (the chart's axis)
    std::vector<ImpactLine> totals;   // per service and kind over the span
    std::vector<ImpactYear> years;
    std::int64_t uses = 0;
    double hours = 0;
    double km = 0;
    std::map<std::string, double> distancesKm;       // those of the services counted
    std::vector<std::string> servicesWithoutDistance;  // counted, but no kilometres for them
};

// Whole when the span is valid (two real days, from not after to, at most 10 years); nullopt otherwise.
std::optional<ImpactReport> buildImpactReport(const std::vector<ServiceUse>& uses,
                                              const std::map<std::string, double>& distancesKm,
                                              const std::string& fromDay, const std::string& toDay);
// Why a span is refused, in English for the command line; empty when it is fine.
std::string describeSpanProblem(const std::string& fromDay, const std::string& toDay);

// The report as CSV (RFC 4180, a dot for decimals, one header line): a line per month, service and kind, then
// the totals per service and kind with "total" as month. Texts in quotes. Columns: month, service, kind, uses, hours,
// distance_km, km_saved (the last two empty where no distance is configured).
std::string impactCsv(const ImpactReport& report);

}  // namespace vk::services::impact
