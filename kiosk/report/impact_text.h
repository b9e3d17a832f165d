#pragma once
// The impact report's words and numbers in the current language, shared by its PDF and its staff screen:
// « Point relais colis », « 1 234,5 » in French, "1,234.5" in English.

#include "kiosk/services/impact/impact_report.h"

#include <string>

namespace vk::report {

// The service's name (impact.service.<key>); the key itself for a service no catalogue names yet.
std::string serviceLabel(const std::string& service);
std::string kindLabel(const std::string& kind);
// "novembre 2026", and "nov." for a chart's axis.
std::string monthLabel(const std::string& month);
std::string shortMonthLabel(const std::string& month);
// "1er novembre 2026" for "2026-11-01".
std::string dateText(const std::string& day);
// A figure with its thousands grouped and at most `decimals` figures after the mark, as the language writes it.
std::string formatNumber(double value, int decimals = 0);
// "174 km", or « — » for a line with no distance configured.
std::string kmText(const std::optional<double>& km);

}  // namespace vk::report
