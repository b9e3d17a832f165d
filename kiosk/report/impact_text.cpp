#include "kiosk/report/impact_text.h"

#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"

#include <cmath>
#include <cstdio>

namespace vk::report {
namespace {

std::string labelOr(const std::string& key, const std::string& fallback) {
    const auto& french = i18n::catalog("fr");
    return french.find(key) != french.end() ? std::string(i18n::tr(key)) : fallback;
}

int monthNumber(const std::string& month) { return month.size() == 7 ? std::stoi(month.substr(5, 2)) : 0; }

}  // namespace

std::string serviceLabel(const std::string& service) { return labelOr("impact.service." + service, service); }
std::string kindLabel(const std::string& kind) { return labelOr("impact.kind." + kind, kind); }

std::string monthLabel(const std::string& month) {
    return std::string(i18n::tr("date.month." + std::to_string(monthNumber(month)))) + " " + month.substr(0, 4);
}

std::string shortMonthLabel(const std::string& month) {
    return i18n::tr("date.month_short." + std::to_string(monthNumber(month)));
}

std::string dateText(const std::string& day) {
    if (day.size() != 10) return day;
    return i18n::dayMonthYear(std::stoi(day.substr(8, 2)), std::stoi(day.substr(5, 2)), std::stoi(day.substr(0, 4)));
}

std::string formatNumber(double value, int decimals) {
    const bool french = i18n::currentLanguage() == "fr";
    const char* thousands = french ? "\u00a0" : ",";  // a no-break space: a figure is never split across lines
    const char* mark = french ? "," : ".";
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, std::fabs(value));
    std::string digits = text;
    std::string fraction;
    if (const auto dot = digits.find('.'); dot != std::string::npos) {
        fraction = digits.substr(dot + 1);
        digits.resize(dot);
        while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    }
    std::string grouped;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) grouped += thousands;
        grouped += digits[i];
    }
    const bool negative = value < 0 && (grouped != "0" || !fraction.empty());
    return (negative ? "-" : "") + grouped + (fraction.empty() ? "" : mark + fraction);
}

std::string kmText(const std::optional<double>& km) {
    if (!km) return i18n::tr("impact.no_km");
    return i18n::trf("impact.km", {{"km", formatNumber(*km, *km < 100 ? 1 : 0)}});
}

}  // namespace vk::report
