#include "kiosk/report/impact_pdf.h"

#include "kiosk/i18n/translations.h"
#include "kiosk/report/impact_text.h"
#include "kiosk/services/user_text.h"

#include <cairo-pdf.h>
#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <system_error>
#include <unistd.h>

namespace vk::report {
namespace {

using services::impact::ImpactLine;
using services::impact::ImpactReport;

// A4 in points, and the margins of every page.
constexpr double kPageWidth = 595.28;
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 50;
constexpr double kBottom = kPageHeight - 60;  // where the footer starts
constexpr const char* kFont = "DejaVu Sans";

struct Colour {
    double r, g, b;
};
constexpr Colour kInk{0.13, 0.13, 0.13};
constexpr Colour kMuted{0.38, 0.38, 0.38};
constexpr Colour kAccent{0.10, 0.42, 0.30};  // the kiosk's green
constexpr Colour kRule{0.80, 0.80, 0.80};
constexpr Colour kPanel{0.93, 0.96, 0.94};

class Pages {
public:
    Pages(cairo_t* cr, std::string footer) : cr_(cr), footer_(std::move(footer)) {}

    double y = kMargin;

    void font(double size, bool bold = false, Colour colour = kInk) {
        cairo_select_font_face(cr_, kFont, CAIRO_FONT_SLANT_NORMAL,
                               bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size(cr_, size);
        cairo_set_source_rgb(cr_, colour.r, colour.g, colour.b);
    }
    double width(const std::string& text) {
        cairo_text_extents_t extents;
        cairo_text_extents(cr_, text.c_str(), &extents);
        return extents.x_advance;
    }
    void text(double x, double baseline, const std::string& text) {
        cairo_move_to(cr_, x, baseline);
        cairo_show_text(cr_, text.c_str());
    }
    void textRight(double right, double baseline, const std::string& s) { text(right - width(s), baseline, s); }
    void textCentred(double centre, double baseline, const std::string& s) { text(centre - width(s) / 2, baseline, s); }
    // Cut to `maxWidth` with an ellipsis: a label from a source the catalogue does not know may be long.
    std::string fitted(const std::string& s, double maxWidth) {
        if (width(s) <= maxWidth) return s;
        std::string cut = s;
        while (!cut.empty() && width(cut + "…") > maxWidth) services::popLastCodepoint(cut);
        return cut + "…";
    }
    // Words laid out on lines of at most `maxWidth`, from y on; y moves past them.
    void paragraph(const std::string& s, double size, Colour colour = kInk,
                   double maxWidth = kPageWidth - 2 * kMargin) {
        font(size, false, colour);
        std::istringstream words(s);
        std::string word, line;
        const double lineHeight = size * 1.4;
        while (words >> word) {
            const std::string longer = line.empty() ? word : line + " " + word;
            if (!line.empty() && width(longer) > maxWidth) {
                room(lineHeight);
                text(kMargin, y + size, line);
                y += lineHeight;
                line = word;
            } else {
                line = longer;
            }
        }
        if (!line.empty()) {
            room(lineHeight);
            text(kMargin, y + size, line);
            y += lineHeight;
        }
    }
    void rule(double x0, double x1, double at, Colour colour = kRule, double thickness = 0.6) {
        cairo_set_source_rgb(cr_, colour.r, colour.g, colour.b);
        cairo_set_line_width(cr_, thickness);
        cairo_move_to(cr_, x0, at);
        cairo_line_to(cr_, x1, at);
        cairo_stroke(cr_);
    }
    void box(double x, double top, double w, double h, Colour colour) {
        cairo_set_source_rgb(cr_, colour.r, colour.g, colour.b);
        cairo_rectangle(cr_, x, top, w, h);
        cairo_fill(cr_);
    }
    // A new page when `height` more would run into the footer. Returns true when it turned the page.
    bool room(double height) {
        if (y + height <= kBottom) return false;
        finishPage();
        y = kMargin;
        return true;
    }
    void finishPage() {
        ++page_;
        font(8, false, kMuted);
        rule(kMargin, kPageWidth - kMargin, kBottom + 14);
        text(kMargin, kBottom + 28, fitted(footer_, kPageWidth - 2 * kMargin - 40));
        textRight(kPageWidth - kMargin, kBottom + 28, std::to_string(page_));
        cairo_show_page(cr_);
    }

private:
    cairo_t* cr_;
    std::string footer_;
    int page_ = 0;
};

void keyFigures(Pages& pages, const ImpactReport& report) {
    const double gap = 12;
    const double w = (kPageWidth - 2 * kMargin - 2 * gap) / 3;
    const double h = 64;
    const std::pair<std::string, std::string> figures[] = {
        {formatNumber(report.km), i18n::tr("impact.figure.km")},
        {formatNumber(static_cast<double>(report.uses)), i18n::tr("impact.figure.uses")},
        {formatNumber(report.hours, 1), i18n::tr("impact.figure.hours")},
    };
    for (int i = 0; i < 3; ++i) {
        const double x = kMargin + i * (w + gap);
        pages.box(x, pages.y, w, h, kPanel);
        pages.font(22, true, kAccent);
        pages.textCentred(x + w / 2, pages.y + 32, pages.fitted(figures[i].first, w - 12));
        pages.font(10, false, kMuted);
        pages.textCentred(x + w / 2, pages.y + 52, pages.fitted(figures[i].second, w - 12));
    }
    pages.y += h + 28;
}

// A rounded axis top above the largest value: 1, 2 or 5 times a power of ten.
double axisTop(double largest) {
    if (largest <= 0) return 1;
    const double power = std::pow(10.0, std::floor(std::log10(largest)));
    for (double step : {1.0, 2.0, 5.0, 10.0}) {
        if (step * power >= largest) return step * power;
    }
    return 10 * power;
}

void monthChart(Pages& pages, const ImpactReport& report) {
    const bool byKm = report.km > 0;  // with no distance configured, the uses are what can be shown
    pages.font(13, true);
    pages.text(kMargin, pages.y + 13, i18n::tr(byKm ? "impact.chart.km" : "impact.chart.uses"));
    pages.y += 26;

    const double left = kMargin + 44, right = kPageWidth - kMargin, top = pages.y, height = 170;
    const double bottom = top + height;
    double largest = 0;
    for (const auto& month : report.months)
        largest = std::max(largest, byKm ? month.km : static_cast<double>(month.uses));
    const double axis = axisTop(largest);
    for (int tick = 0; tick <= 4; ++tick) {
        const double at = bottom - height * tick / 4.0;
        pages.rule(left, right, at, tick == 0 ? kMuted : kRule, tick == 0 ? 0.8 : 0.4);
        pages.font(8, false, kMuted);
        const double value = axis * tick / 4.0;
        pages.textRight(left - 6, at + 3, formatNumber(value, value == std::floor(value) ? 0 : 1));
    }
    const std::size_t count = report.months.size();
    const double slot = (right - left) / static_cast<double>(count);
    const double barWidth = std::min(36.0, slot * 0.7);
    // Every month named up to 18 of them, then one in every few, so that the names never overlap.
    const std::size_t labelEvery = count <= 18 ? 1 : (count + 17) / 18;
    for (std::size_t i = 0; i < count; ++i) {
        const auto& month = report.months[i];
        const double value = byKm ? month.km : static_cast<double>(month.uses);
        const double barHeight = height * value / axis;
        const double centre = left + slot * (static_cast<double>(i) + 0.5);
        pages.box(centre - barWidth / 2, bottom - barHeight, barWidth, barHeight, kAccent);
        if (count <= 12 && value > 0) {
            pages.font(8, false, kInk);
            pages.textCentred(centre, bottom - barHeight - 4, formatNumber(value));
        }
        if (i % labelEvery == 0) {
            pages.font(8, false, kMuted);
            pages.textCentred(centre, bottom + 12, shortMonthLabel(month.month));
            if (i == 0 || month.month.substr(5, 2) == "01")
                pages.textCentred(centre, bottom + 22, month.month.substr(0, 4));
        }
    }
    pages.y = bottom + 40;
}

// The columns of the table per service: where each ends (numbers are set right).
constexpr double kServiceX = kMargin;
constexpr double kKindX = kMargin + 118;
constexpr double kUsesRight = kMargin + 312;
constexpr double kHoursRight = kMargin + 358;
constexpr double kDistanceRight = kMargin + 418;
constexpr double kKmRight = kPageWidth - kMargin;

void tableHeader(Pages& pages, const std::string& first, const std::string& second) {
    pages.font(9, true, kMuted);
    pages.text(kServiceX, pages.y + 10, first);
    pages.text(kKindX, pages.y + 10, second);
    pages.textRight(kUsesRight, pages.y + 10, i18n::tr("impact.table.uses"));
    pages.textRight(kHoursRight, pages.y + 10, i18n::tr("impact.table.hours"));
    pages.textRight(kDistanceRight, pages.y + 10, i18n::tr("impact.table.distance"));
    pages.textRight(kKmRight, pages.y + 10, i18n::tr("impact.table.km"));
    pages.y += 15;
    pages.rule(kMargin, kKmRight, pages.y);
    pages.y += 4;
}

void tableRow(Pages& pages, const std::string& first, const std::string& second, const ImpactLine& line,
              const ImpactReport& report, bool bold = false) {
    pages.font(9, bold);
    pages.text(kServiceX, pages.y + 10, pages.fitted(first, kKindX - kServiceX - 6));
    pages.text(kKindX, pages.y + 10, pages.fitted(second, kUsesRight - kKindX - 52));
    pages.textRight(kUsesRight, pages.y + 10, formatNumber(static_cast<double>(line.uses)));
    if (line.hours > 0) pages.textRight(kHoursRight, pages.y + 10, formatNumber(line.hours, 1));
    const auto distance = report.distancesKm.find(line.service);
    if (!bold) {
        pages.textRight(kDistanceRight, pages.y + 10,
                        distance != report.distancesKm.end() ? kmText(distance->second) : i18n::tr("impact.no_km"));
    }
    pages.textRight(kKmRight, pages.y + 10, kmText(line.km));
    pages.y += 15;
}

void serviceTable(Pages& pages, const ImpactReport& report) {
    pages.room(40);
    tableHeader(pages, i18n::tr("impact.table.service"), i18n::tr("impact.table.kind"));
    std::string previous;
    for (const ImpactLine& line : report.totals) {
        if (pages.room(15)) tableHeader(pages, i18n::tr("impact.table.service"), i18n::tr("impact.table.kind"));
        tableRow(pages, line.service == previous ? "" : serviceLabel(line.service), kindLabel(line.kind), line, report);
        previous = line.service;
    }
    pages.rule(kMargin, kKmRight, pages.y + 1, kMuted, 0.8);
    pages.y += 4;
    ImpactLine total;
    total.uses = report.uses;
    total.hours = report.hours;
    total.km = report.km;
    tableRow(pages, i18n::tr("impact.table.total"), "", total, report, true);
    pages.y += 14;
}

void yearTable(Pages& pages, const ImpactReport& report) {
    if (report.years.size() < 2) return;
    pages.room(40 + 15.0 * static_cast<double>(report.years.size()));
    pages.font(11, true);
    pages.text(kMargin, pages.y + 11, i18n::tr("impact.years"));
    pages.y += 20;
    for (const auto& year : report.years) {
        ImpactLine line;
        line.uses = year.uses;
        line.hours = year.hours;
        line.km = year.km;
        tableRow(pages, year.year, "", line, report, true);
    }
    pages.y += 10;
}

std::string joined(const std::vector<std::string>& parts) {
    std::string all;
    for (const std::string& part : parts) all += (all.empty() ? "" : ", ") + part;
    return all;
}

void method(Pages& pages, const ImpactReport& report) {
    pages.room(60);
    pages.paragraph(i18n::tr("impact.method"), 9, kMuted);
    if (!report.distancesKm.empty()) {
        std::vector<std::string> used;
        for (const auto& [service, km] : report.distancesKm) used.push_back(serviceLabel(service) + " " + kmText(km));
        pages.paragraph(i18n::trf("impact.distances", {{"distances", joined(used)}}), 9, kMuted);
    }
    if (!report.servicesWithoutDistance.empty()) {
        std::vector<std::string> names;
        for (const std::string& service : report.servicesWithoutDistance) names.push_back(serviceLabel(service));
        pages.paragraph(i18n::trf("impact.no_distance", {{"services", joined(names)}}), 9, kMuted);
    }
    pages.y += 12;
}

void monthByMonth(Pages& pages, const ImpactReport& report) {
    if (report.months.size() < 2) return;  // one month is the table above already
    pages.room(80);
    pages.font(13, true);
    pages.text(kMargin, pages.y + 13, i18n::tr("impact.months"));
    pages.y += 24;
    tableHeader(pages, i18n::tr("impact.table.month"), i18n::tr("impact.table.kind"));
    for (const auto& month : report.months) {
        bool first = true;
        for (const ImpactLine& line : month.lines) {
            if (pages.room(15)) {
                tableHeader(pages, i18n::tr("impact.table.month"), i18n::tr("impact.table.kind"));
                first = true;
            }
            tableRow(pages, first ? monthLabel(month.month) : "", kindLabel(line.kind), line, report);
            first = false;
        }
        if (!month.lines.empty()) pages.rule(kMargin, kKmRight, pages.y + 1);
        pages.y += 3;
    }
}

void drawReport(cairo_t* cr, const ImpactReport& report, const std::string& villageName, const std::string& madeOnDay) {
    Pages pages(cr, i18n::trf("impact.footer", {{"date", dateText(madeOnDay)}}));
    pages.font(20, true);
    pages.text(kMargin, pages.y + 20, pages.fitted(i18n::trf("impact.heading", {{"village", villageName}}),
                                                  kPageWidth - 2 * kMargin));
    pages.y += 32;
    pages.font(11, false, kMuted);
    pages.text(kMargin, pages.y + 11,
               i18n::trf("impact.span", {{"from", dateText(report.fromDay)}, {"to", dateText(report.toDay)}}));
    pages.y += 30;
    keyFigures(pages, report);
    if (report.totals.empty()) {
        pages.paragraph(i18n::tr("impact.none"), 11);
    } else {
        monthChart(pages, report);
        serviceTable(pages, report);
        yearTable(pages, report);
    }
    method(pages, report);
    monthByMonth(pages, report);
    pages.finishPage();
}

}  // namespace

std::string writeImpactPdf(const ImpactReport& report, const std::string& villageName, const std::string& madeOnDay,
                           const std::filesystem::path& file) {
    const std::filesystem::path temporary = file.string() + ".part-" + std::to_string(::getpid());
    cairo_surface_t* surface = cairo_pdf_surface_create(temporary.c_str(), kPageWidth, kPageHeight);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        const std::string why = cairo_status_to_string(cairo_surface_status(surface));
        cairo_surface_destroy(surface);
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        return "cannot write " + file.string() + " (" + why + ")";
    }
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                   i18n::trf("impact.heading", {{"village", villageName}}).c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "village-kiosk");
    cairo_t* cr = cairo_create(surface);
    drawReport(cr, report, villageName, madeOnDay);
    cairo_status_t status = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    std::error_code ec;
    if (status != CAIRO_STATUS_SUCCESS) {
        std::filesystem::remove(temporary, ec);
        return "cannot write " + file.string() + " (" + cairo_status_to_string(status) + ")";
    }
    std::filesystem::rename(temporary, file, ec);
    if (ec) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        return "cannot write " + file.string() + " (" + ec.message() + ")";
    }
    return {};
}

}  // namespace vk::report
