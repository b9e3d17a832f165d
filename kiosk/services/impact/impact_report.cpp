#include "kiosk/services/impact/impact_report.h"

#include "kiosk/services/health/local_days.h"
#include "kiosk/services/user_text.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <tuple>

namespace vk::services::impact {
namespace {

constexpr int kLongestSpanDays = 3660;

// The order of the report's lines: known services first, in their order, then others by name.
std::size_t serviceRank(const std::string& service) {
    const auto& known = knownServices();
    const auto found = std::find(known.begin(), known.end(), service);
    return static_cast<std::size_t>(found - known.begin());
}

bool lineBefore(const ImpactLine& a, const ImpactLine& b) {
    return std::make_tuple(serviceRank(a.service), a.service, a.kind) <
           std::make_tuple(serviceRank(b.service), b.service, b.kind);
}

std::string nextMonth(const std::string& month) {
    int year = std::stoi(month.substr(0, 4));
    int number = std::stoi(month.substr(5, 2)) + 1;
    if (number == 13) {
        number = 1;
        ++year;
    }
    char text[24];
    std::snprintf(text, sizeof text, "%04d-%02d", year, number);
    return text;
}

void add(ImpactLine& into, const ServiceUse& use) {
    into.uses += use.uses;
    into.hours += use.hours;
}

void priceKm(ImpactLine& line, const std::map<std::string, double>& distancesKm) {
    const auto distance = distancesKm.find(line.service);
    if (distance != distancesKm.end()) line.km = distance->second * static_cast<double>(line.uses);
}

// A decimal with a dot and at most two figures after it, whatever the locale; "12", "3.5", "0.25".
std::string decimalText(double value) {
    char text[64];
    std::snprintf(text, sizeof text, "%.2f", value);
    std::string s = text;
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s == "-0" ? "0" : s;
}

void csvLine(std::string& csv, const std::string& month, const ImpactLine& line,
             const std::map<std::string, double>& distancesKm) {
    const auto distance = distancesKm.find(line.service);
    csv += csvField(month) + "," + csvField(line.service) + "," + csvField(line.kind) + "," +
           std::to_string(line.uses) + "," + decimalText(line.hours) + "," +
           (distance != distancesKm.end() ? decimalText(distance->second) : "") + "," +
           (line.km ? decimalText(*line.km) : "") + "\r\n";
}

}  // namespace

const std::vector<std::string>& knownServices() {
    static const std::vector<std::string> services{"doctor", "relay",  "post_office", "bakery",   "grocery",
                                                   "cash",   "events", "exchange",    "meals"};
    return services;
}

std::string describeSpanProblem(const std::string& fromDay, const std::string& toDay) {
    if (!health::isValidDay(fromDay)) return "the first day « " + fromDay + " » is not a date written YYYY-MM-DD";
    if (!health::isValidDay(toDay)) return "the last day « " + toDay + " » is not a date written YYYY-MM-DD";
    if (fromDay > toDay) return "the first day " + fromDay + " comes after the last day " + toDay;
    if (health::addDays(fromDay, kLongestSpanDays) < toDay) return "a report covers at most ten years";
    return {};
}

std::optional<ImpactReport> buildImpactReport(const std::vector<ServiceUse>& uses,
                                              const std::map<std::string, double>& distancesKm,
                                              const std::string& fromDay, const std::string& toDay) {
    if (!describeSpanProblem(fromDay, toDay).empty()) return std::nullopt;
    ImpactReport report;
    report.fromDay = fromDay;
    report.toDay = toDay;

    std::map<std::string, std::map<std::pair<std::string, std::string>, ImpactLine>> byMonth;
    std::map<std::pair<std::string, std::string>, ImpactLine> totals;
    const std::string firstMonth = fromDay.substr(0, 7);
    const std::string lastMonth = toDay.substr(0, 7);
    for (const ServiceUse& use : uses) {
        // A source answers for the days it was asked; a line outside them, or empty, is not the report's.
        if (use.month < firstMonth || use.month > lastMonth || (use.uses <= 0 && use.hours <= 0)) continue;
        const auto key = std::make_pair(use.service, use.kind);
        ImpactLine& line = byMonth[use.month][key];
        line.service = use.service;
        line.kind = use.kind;
        add(line, use);
        ImpactLine& total = totals[key];
        total.service = use.service;
        total.kind = use.kind;
        add(total, use);
    }

    std::set<std::string> counted;
    for (std::string month = firstMonth; month <= lastMonth; month = nextMonth(month)) {
        ImpactMonth entry;
        entry.month = month;
        for (auto& [key, line] : byMonth[month]) {
            priceKm(line, distancesKm);
            entry.uses += line.uses;
            entry.km += line.km.value_or(0);
            entry.lines.push_back(line);
        }
        std::sort(entry.lines.begin(), entry.lines.end(), lineBefore);
        const std::string year = month.substr(0, 4);
        if (report.years.empty() || report.years.back().year != year) report.years.push_back({year});
        ImpactYear& y = report.years.back();
        y.uses += entry.uses;
        y.km += entry.km;
        for (const ImpactLine& line : entry.lines) y.hours += line.hours;
        report.months.push_back(std::move(entry));
    }
    for (auto& [key, line] : totals) {
        priceKm(line, distancesKm);
        report.uses += line.uses;
        report.hours += line.hours;
        report.km += line.km.value_or(0);
        counted.insert(line.service);
        report.totals.push_back(line);
    }
    std::sort(report.totals.begin(), report.totals.end(), lineBefore);
    for (const std::string& service : counted) {
        const auto distance = distancesKm.find(service);
        if (distance != distancesKm.end()) report.distancesKm.insert(*distance);
        else report.servicesWithoutDistance.push_back(service);
    }
    return report;
}

std::string impactCsv(const ImpactReport& report) {
    std::string csv = "month,service,kind,uses,hours,distance_km,km_saved\r\n";
    for (const ImpactMonth& month : report.months) {
        for (const ImpactLine& line : month.lines) csvLine(csv, month.month, line, report.distancesKm);
    }
    for (const ImpactLine& line : report.totals) csvLine(csv, "total", line, report.distancesKm);
    return csv;
}

}  // namespace vk::services::impact
