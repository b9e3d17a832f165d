#include "kiosk/cli/report_commands.h"

#include "kiosk/i18n/translations.h"
#include "kiosk/report/impact_pdf.h"
#include "kiosk/report/impact_text.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/impact/impact_area.h"
#include "kiosk/services/kiosk_runtime.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <ostream>
#include <unistd.h>

namespace vk::cli {
namespace {

using nlohmann::json;
namespace impact = services::impact;

int wrongArguments(std::ostream& err, const std::string& why) {
    err << "village-kiosk report: " << why << "\n\n" << reportCommand().usage;
    return 2;
}

// Written beside the file and renamed into place: a full disk leaves the older file whole and no half one.
std::string writeWhole(const std::string& file, const std::string& contents) {
    const std::string partial = file + ".part-" + std::to_string(::getpid());
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        out << contents;
        out.flush();
        if (!out) {
            std::remove(partial.c_str());
            return "cannot write " + file + " (a full disk, or a folder you may not write)";
        }
    }
    if (std::rename(partial.c_str(), file.c_str()) != 0) {
        std::remove(partial.c_str());
        return "cannot write " + file;
    }
    return {};
}

json lineJson(const impact::ImpactLine& line) {
    return json{{"service", line.service},
                {"kind", line.kind},
                {"uses", line.uses},
                {"hours", line.hours},
                {"km_saved", line.km ? json(*line.km) : json(nullptr)}};
}

json reportJson(const impact::ImpactReport& report) {
    json months = json::array();
    for (const auto& month : report.months) {
        json lines = json::array();
        for (const auto& line : month.lines) lines.push_back(lineJson(line));
        months.push_back(json{{"month", month.month}, {"uses", month.uses}, {"km_saved", month.km}, {"lines", lines}});
    }
    json totals = json::array();
    for (const auto& line : report.totals) totals.push_back(lineJson(line));
    json years = json::array();
    for (const auto& year : report.years)
        years.push_back(json{{"year", year.year}, {"uses", year.uses}, {"hours", year.hours}, {"km_saved", year.km}});
    return json{{"from", report.fromDay},       {"to", report.toDay},       {"uses", report.uses},
                {"hours", report.hours},        {"km_saved", report.km},    {"months", months},
                {"totals", totals},             {"years", years},           {"distances_km", report.distancesKm},
                {"services_without_distance", report.servicesWithoutDistance}};
}

// The report as the terminal shows it: a line per service and kind, then the totals, in the chosen language.
void printTable(const impact::ImpactReport& report, const std::string& villageName, std::ostream& out) {
    out << i18n::trf("impact.heading", {{"village", villageName}}) << "\n"
        << i18n::trf("impact.span",
                     {{"from", report::dateText(report.fromDay)}, {"to", report::dateText(report.toDay)}})
        << "\n\n";
    if (report.totals.empty()) {
        out << i18n::tr("impact.none") << "\n";
        return;
    }
    for (const auto& line : report.totals) {
        out << report::serviceLabel(line.service) << " — " << report::kindLabel(line.kind) << ": "
            << report::formatNumber(static_cast<double>(line.uses));
        if (line.hours > 0) out << ", " << report::formatNumber(line.hours, 1) << " h";
        out << ", " << report::kmText(line.km) << "\n";
    }
    out << "\n"
        << i18n::tr("impact.table.total") << ": " << report::formatNumber(static_cast<double>(report.uses)) << " "
        << i18n::tr("impact.figure.uses") << ", " << report::formatNumber(report.hours, 1) << " h, "
        << report::kmText(report.km) << "\n";
}

int runImpact(services::KioskRuntime& runtime, const CommandArguments& arguments, std::ostream& out,
              std::ostream& err) {
    const std::string language = arguments.option("language").value_or("");
    if (!language.empty() && !i18n::setLanguage(language)) return wrongArguments(err, "unknown language " + language);
    // This year so far, unless told otherwise.
    const std::string today = services::health::localDay(runtime.clock.nowMs());
    const std::string from = arguments.option("from").value_or(today.substr(0, 4) + "-01-01");
    const std::string to = arguments.option("to").value_or(today);
    if (const std::string problem = impact::describeSpanProblem(from, to); !problem.empty())
        return wrongArguments(err, problem);

    const auto& area = runtime.area<impact::ImpactServices>();
    const auto report = area.report(from, to);
    if (!report) return wrongArguments(err, impact::describeSpanProblem(from, to));

    json written = json::object();
    if (const auto csv = arguments.option("csv")) {
        if (const std::string failed = writeWhole(*csv, impact::impactCsv(*report)); !failed.empty()) {
            err << "village-kiosk report: " << failed << "\n";
            return 1;
        }
        written["csv"] = *csv;
    }
    if (const auto pdf = arguments.option("pdf")) {
        const std::string failed = report::writeImpactPdf(*report, area.villageName, today, *pdf);
        if (!failed.empty()) {
            err << "village-kiosk report: " << failed << "\n";
            return 1;
        }
        written["pdf"] = *pdf;
    }
    if (arguments.json()) {
        json answer = reportJson(*report);
        answer["written"] = written;
        out << answer.dump() << "\n";
    } else {
        printTable(*report, area.villageName, out);
        for (const auto& [kind, file] : written.items()) out << kind << ": " << file.get<std::string>() << "\n";
    }
    return 0;
}

int runReportCommand(services::KioskRuntime& runtime, const CommandArguments& arguments, std::istream& in,
                     std::ostream& out, std::ostream& err) {
    (void)in;
    if (arguments.action() == "impact") return runImpact(runtime, arguments, out, err);
    if (arguments.action().empty()) return wrongArguments(err, "which report?");
    return wrongArguments(err, "unknown report \"" + arguments.action() + "\"");
}

}  // namespace

const AreaCommand& reportCommand() {
    static const AreaCommand command{
        "report",
        "  village-kiosk report impact [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--csv FILE] [--pdf FILE]\n"
        "                              [--language fr|en] [--json]\n"
        "                                            uses of each service and the km they saved (this year so far\n"
        "                                            by default); figures only, no personal data\n",
        {},
        &runReportCommand};
    return command;
}

}  // namespace vk::cli
