#pragma once
// The impact report's summary on the receipt printer, for the café manager to pin up or hand to a visitor: the
// span, each service's uses and km, the totals. Figures only, as the report.

#include "hardware/receipt.h"
#include "kiosk/services/impact/impact_report.h"

#include <string>

namespace vk::report {

hardware::Receipt impactReceipt(const services::impact::ImpactReport& report, const std::string& villageName);

}  // namespace vk::report
