#include "kiosk/screens/impact/impact_screens.h"

#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/report/impact_receipt.h"
#include "kiosk/report/impact_text.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/impact/impact_area.h"
#include "kiosk/ui/widgets.h"
#include "storage/write_failure.h"

#include <algorithm>
#include <cmath>

namespace vk::screens {

using i18n::tr;
namespace impact = services::impact;
namespace days = services::health;

namespace {

enum class Span { ThisMonth, LastMonth, ThisYear, LastTwelveMonths };

struct SpanChoice {
    Span span;
    const char* id;
    const char* labelKey;
};
constexpr SpanChoice kSpans[] = {
    {Span::ThisMonth, "impact.span.this_month", "impact.screen.this_month"},
    {Span::LastMonth, "impact.span.last_month", "impact.screen.last_month"},
    {Span::ThisYear, "impact.span.this_year", "impact.screen.this_year"},
    {Span::LastTwelveMonths, "impact.span.twelve_months", "impact.screen.twelve_months"},
};

std::pair<std::string, std::string> daysOf(Span span, const std::string& today) {
    const std::string firstOfMonth = today.substr(0, 8) + "01";
    switch (span) {
    case Span::ThisMonth: return {firstOfMonth, today};
    case Span::LastMonth: {
        const std::string lastDay = days::addDays(firstOfMonth, -1);
        return {lastDay.substr(0, 8) + "01", lastDay};
    }
    case Span::ThisYear: return {today.substr(0, 4) + "-01-01", today};
    case Span::LastTwelveMonths: {
        std::string first = firstOfMonth;
        for (int i = 0; i < 11; ++i) first = days::addDays(first, -1).substr(0, 8) + "01";
        return {first, today};
    }
    }
    return {firstOfMonth, today};
}

class ImpactReportScreen final : public app::Screen {
public:
    bool allowed(const std::optional<services::StaffSession>& staff) const override {
        return staff && isCafeStaff(staff->role);
    }
    void open(app::ScreenContext& context) override {
        span_ = Span::ThisYear;
        message_.clear();
        reload(context.services);
    }
    void draw(app::ScreenContext& context) override;

private:
    void reload(app::KioskServices& services) {
        const auto [from, to] = daysOf(span_, days::localDay(services.clock.nowMs()));
        try {
            report_ = services.area<impact::ImpactServices>().report(from, to);
            failure_.clear();
        } catch (const std::exception& e) {
            report_.reset();
            failure_ = i18n::trf("impact.screen.failed", {{"reason", storage::describeWriteFailure(e)}});
        }
    }
    void drawFigures(float width);
    void drawChart(float width, float height);
    void drawTable(float width, float height);

    Span span_ = Span::ThisYear;
    std::optional<impact::ImpactReport> report_;
    std::string failure_;
    std::string message_;
};

void ImpactReportScreen::drawFigures(float width) {
    const ui::Fonts& fonts = ui::fonts();
    const float gap = ui::em(0.4f);
    const float w = (width - 2 * gap) / 3;
    const float h = ui::em(2.9f);
    const std::pair<std::string, std::string> figures[] = {
        {report::formatNumber(report_->km), tr("impact.figure.km")},
        {report::formatNumber(static_cast<double>(report_->uses)), tr("impact.figure.uses")},
        {report::formatNumber(report_->hours, 1), tr("impact.figure.hours")},
    };
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (int i = 0; i < 3; ++i) {
        const ImVec2 corner(origin.x + static_cast<float>(i) * (w + gap), origin.y);
        draw->AddRectFilled(corner, ImVec2(corner.x + w, corner.y + h), ui::colors::kButton, ui::em(0.25f));
        ImGui::SetCursorScreenPos(ImVec2(corner.x, corner.y + ui::em(0.2f)));
        ui::textCentered(figures[i].first, w, fonts.title, ui::colors::kHealth);
        ImGui::SetCursorScreenPos(ImVec2(corner.x, corner.y + ui::em(1.85f)));
        // On one line in the tile: in the smallest type when the small one would wrap (centred text wraps at 92 %).
        ImFont* labelFont = fonts.small;
        if (fonts.small->CalcTextSizeA(fonts.small->FontSize, FLT_MAX, 0.0f, figures[i].second.c_str()).x >
            w * 0.92f)
            labelFont = fonts.least;
        ui::textCentered(figures[i].second, w, labelFont, ui::colors::kTextMuted);
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + h + ui::em(0.4f)));
}

// The km saved each month (the uses, when no distance is configured), as bars with their month below.
void ImpactReportScreen::drawChart(float width, float height) {
    const ui::Fonts& fonts = ui::fonts();
    const bool byKm = report_->km > 0;
    ui::text(tr(byKm ? "impact.chart.km" : "impact.chart.uses"), fonts.small, ui::colors::kTextMuted);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float labelHeight = fonts.small->FontSize * 1.2f;
    const float barsHeight = std::max(ui::em(1.0f), height - labelHeight - ui::em(1.3f));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    double largest = 0;
    for (const auto& month : report_->months)
        largest = std::max(largest, byKm ? month.km : static_cast<double>(month.uses));
    const std::size_t count = report_->months.size();
    const float slot = width / static_cast<float>(std::max<std::size_t>(count, 1));
    const float barWidth = std::min(slot * 0.7f, ui::em(2.0f));
    // Every month named when all the names fit their slots, one in two otherwise.
    bool namesFit = true;
    for (const auto& month : report_->months) {
        const std::string label = report::shortMonthLabel(month.month);
        namesFit = namesFit && fonts.small->CalcTextSizeA(fonts.small->FontSize, FLT_MAX, 0.0f, label.c_str()).x +
                                       ui::em(0.3f) <= slot;
    }
    const float baseline = origin.y + barsHeight;
    draw->AddLine(ImVec2(origin.x, baseline), ImVec2(origin.x + width, baseline), ui::colors::kTextMuted, 1.0f);
    for (std::size_t i = 0; i < count; ++i) {
        const auto& month = report_->months[i];
        const double value = byKm ? month.km : static_cast<double>(month.uses);
        const float barHeight = largest > 0 ? static_cast<float>(value / largest) * (barsHeight - labelHeight) : 0.0f;
        const float centre = origin.x + slot * (static_cast<float>(i) + 0.5f);
        if (barHeight > 0)
            draw->AddRectFilled(ImVec2(centre - barWidth / 2, baseline - barHeight),
                                ImVec2(centre + barWidth / 2, baseline), ui::colors::kHealth);
        const std::string label = report::shortMonthLabel(month.month);
        const ImVec2 size = fonts.small->CalcTextSizeA(fonts.small->FontSize, FLT_MAX, 0.0f, label.c_str());
        if (namesFit || i % 2 == 0)
            draw->AddText(fonts.small, fonts.small->FontSize, ImVec2(centre - size.x / 2, baseline + ui::em(0.15f)),
                          ui::colors::kTextMuted, label.c_str());
        if (value > 0 && count <= 6) {
            const std::string figure = report::formatNumber(value);
            const ImVec2 figureSize = fonts.small->CalcTextSizeA(fonts.small->FontSize, FLT_MAX, 0.0f, figure.c_str());
            draw->AddText(fonts.small, fonts.small->FontSize,
                          ImVec2(centre - figureSize.x / 2, baseline - barHeight - figureSize.y), ui::colors::kText,
                          figure.c_str());
        }
    }
    ImGui::Dummy(ImVec2(width, barsHeight + labelHeight + ui::em(0.2f)));
}

void ImpactReportScreen::drawTable(float width, float height) {
    const ui::Fonts& fonts = ui::fonts();
    ImGui::BeginChild("impact.table", ImVec2(width, height), false, ImGuiWindowFlags_NoScrollWithMouse);
    const float inner = ImGui::GetContentRegionAvail().x;
    const auto widthOf = [&](const std::string& words) {
        return fonts.small->CalcTextSizeA(fonts.small->FontSize, FLT_MAX, 0.0f, words.c_str()).x;
    };
    // Each figure's column as wide as its header or its widest figure, the words taking what is left.
    const float columnGap = ui::em(0.6f);
    float usesWidth = widthOf(tr("impact.table.uses"));
    float kmWidth = widthOf(tr("impact.table.km"));
    for (const auto& line : report_->totals) {
        usesWidth = std::max(usesWidth, widthOf(report::formatNumber(static_cast<double>(line.uses))));
        kmWidth = std::max(kmWidth, widthOf(report::kmText(line.km)));
    }
    const float kmX = inner - kmWidth - ui::em(0.3f);
    const float usesX = kmX - columnGap - usesWidth;
    const float textWidth = usesX - columnGap;
    ui::text(tr("impact.table.service"), fonts.small, ui::colors::kTextMuted);
    ImGui::SameLine(usesX);
    ui::text(tr("impact.table.uses"), fonts.small, ui::colors::kTextMuted);
    ImGui::SameLine(kmX);
    ui::text(tr("impact.table.km"), fonts.small, ui::colors::kTextMuted);
    if (report_->totals.empty()) ui::textWrapped(tr("impact.none"), inner, fonts.body, ui::colors::kTextMuted);
    for (const auto& line : report_->totals) {
        ImGui::Separator();
        const float top = ImGui::GetCursorPosY();
        ui::textWrapped(report::serviceLabel(line.service), textWidth, fonts.small);
        ui::textWrapped(report::kindLabel(line.kind), textWidth, fonts.small, ui::colors::kTextMuted);
        const float bottom = ImGui::GetCursorPosY();
        const std::string uses = report::formatNumber(static_cast<double>(line.uses));
        ImGui::SetCursorPos(ImVec2(usesX + usesWidth - widthOf(uses), top));
        ui::text(uses, fonts.small);
        const std::string km = report::kmText(line.km);
        ImGui::SetCursorPos(ImVec2(kmX + kmWidth - widthOf(km), top));
        ui::text(km, fonts.small);
        ImGui::SetCursorPosY(bottom);
    }
    if (!report_->servicesWithoutDistance.empty()) {
        ImGui::Separator();
        std::string names;
        for (const auto& service : report_->servicesWithoutDistance)
            names += (names.empty() ? "" : ", ") + report::serviceLabel(service);
        ui::textWrapped(i18n::trf("impact.no_distance", {{"services", names}}), inner, fonts.small,
                        ui::colors::kTextMuted);
    }
    ui::dragToScroll();
    ImGui::EndChild();
}

void ImpactReportScreen::draw(app::ScreenContext& context) {
    if (ui::headerBar(tr("impact.title"), true)) {
        context.open(kStaffHomeScreen);
        return;
    }
    const ui::Fonts& fonts = ui::fonts();
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const float gap = ui::em(0.4f);
    const ImVec2 spanButton((area.x - 3 * gap) / 4, ui::em(2.0f));
    for (const SpanChoice& choice : kSpans) {
        if (choice.span != kSpans[0].span) ImGui::SameLine(0.0f, gap);
        if (ui::button(choice.id, tr(choice.labelKey), spanButton,
                       span_ == choice.span ? ui::ButtonKind::Primary : ui::ButtonKind::Normal))
            context.later([this, span = choice.span](app::ScreenContext& later) {
                span_ = span;
                message_.clear();
                reload(later.services);
            });
    }
    if (!report_) {
        ui::textWrapped(failure_, area.x, fonts.body, ui::colors::kDanger);
        return;
    }
    ui::text(i18n::trf("impact.span", {{"from", report::dateText(report_->fromDay)},
                                       {"to", report::dateText(report_->toDay)}}),
             fonts.small, ui::colors::kTextMuted);

    const float bottomRow = ui::em(2.6f);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float height = ImGui::GetContentRegionAvail().y - bottomRow;
    const float left = (area.x - ui::em(1.0f)) * 0.55f;
    ImGui::BeginGroup();
    drawFigures(left);
    drawChart(left, std::max(ui::em(3.0f), origin.y + height - ImGui::GetCursorScreenPos().y));
    ImGui::EndGroup();
    ImGui::SetCursorScreenPos(ImVec2(origin.x + left + ui::em(1.0f), origin.y));
    drawTable(area.x - left - ui::em(1.0f), height);

    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + height + ui::em(0.3f)));
    if (ui::button("impact.print", tr("impact.screen.print"), ImVec2(ui::em(10.0f), ui::em(2.1f))))
        context.later([this](app::ScreenContext& later) {
            later.services.printer.submit(
                report::impactReceipt(*report_, later.services.area<impact::ImpactServices>().villageName));
            message_ = tr("impact.screen.printed");
        });
    ImGui::SameLine(0.0f, ui::em(0.8f));
    const std::string hint = message_.empty() ? std::string(tr("impact.screen.pdf_hint")) : message_;
    ui::textWrapped(hint, area.x - ui::em(11.0f), fonts.small,
                    message_.empty() ? ui::colors::kTextMuted : ui::colors::kSuccess);
}

}  // namespace

void registerImpactScreens(app::ScreenRegistry& registry) {
    registry.add<ImpactReportScreen>(kImpactReportScreen);
    registry.addStaffTool({"staff.home.impact", "staff.home.impact", kImpactReportScreen, &isCafeStaff, false});
}

}  // namespace vk::screens
