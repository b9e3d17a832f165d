#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/postal/postal_screens.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/postal/postal_area.h"
#include "kiosk/services/postal/postal_receipts.h"
#include "kiosk/ui/widgets.h"

namespace vk::screens {

using i18n::tr;
namespace postal = services::postal;

namespace {

// "mercredi 2 décembre 2026" for a local day "2026-12-02".
std::string longDay(const std::string& day) {
    const auto noon = services::health::localToUnixMs(day, "12:00");
    return noon ? i18n::longDate(*noon) : day;
}

// The day's closing report: totals per item and per payment method, registered letters, the relay point's cash
// on delivery, and « Clôturer la journée » behind a confirmation. On the right, past closings to look at again
// and the shown day's sales, each with its counter-entry (made on today's open day).
class PostalClosingScreen final : public app::Screen {
public:
    bool allowed(const std::optional<services::StaffSession>& staff) const override {
        return staff && postal::mayRunPostalCounter(&*staff);
    }
    void open(app::ScreenContext& context) override {
        day_ = postalOf(context.services).counter.today();
        reload(context.services);
    }
    void draw(app::ScreenContext& context) override;

private:
    enum class Side { Closings, Sales };
    void reload(app::KioskServices& services) {
        auto& area = postalOf(services);
        today_ = area.counter.today();
        report_ = area.report(day_);
        closings_ = area.counter.recentClosings(7);
        sales_ = area.counter.salesOfDay(day_);
        corrected_.clear();
        for (const postal::Sale& sale : sales_) corrected_.push_back(area.counter.correctionOf(sale.id).has_value());
    }
    void drawReport(app::ScreenContext& context, float width);
    void drawSide(app::ScreenContext& context, float width);

    std::string day_;
    std::string today_;
    postal::DayReport report_;
    std::vector<postal::DayClosing> closings_;
    std::vector<postal::Sale> sales_;
    std::vector<bool> corrected_;
    Side side_ = Side::Closings;
    bool confirming_ = false;
    std::string message_;
    bool messageIsError_ = false;
};

void PostalClosingScreen::drawReport(app::ScreenContext& context, float width) {
    const ui::Fonts& fonts = ui::fonts();
    ui::textWrapped(i18n::trf(report_.closed() ? "postal.closing.day_closed" : "postal.closing.day_open",
                              {{"day", longDay(report_.day)}}),
                    width, fonts.body, report_.closed() ? ui::colors::kTextMuted : ui::colors::kText);
    const float listHeight = std::max(ui::em(3.0f), ImGui::GetContentRegionAvail().y - ui::em(8.0f));
    ImGui::BeginChild("postal.report", ImVec2(width, listHeight), false, ImGuiWindowFlags_NoScrollWithMouse);
    const float inner = ImGui::GetContentRegionAvail().x;
    const float amount = ui::em(5.0f);
    const float count = ui::em(2.5f);
    const auto row = [&](const std::string& left, const std::string& middle, const std::string& right, ImFont* font) {
        ui::textWrapped(left, inner - amount - count - ui::em(0.6f), font);
        if (!middle.empty()) {
            ImGui::SameLine(inner - amount - count);
            ui::text(middle, font);
        }
        ImGui::SameLine(inner - amount);
        ui::text(right, font);
    };
    if (report_.items.empty()) ui::text(tr("postal.closing.nothing"), fonts.body, ui::colors::kTextMuted);
    for (const postal::ItemTotal& item : report_.items)
        row(item.name, "x" + std::to_string(item.quantity), postal::formatCents(item.totalCents), fonts.small);
    ImGui::Separator();
    for (const postal::MethodTotal& method : report_.methods)
        row(postal::paymentMethodName(method.method), std::to_string(method.sales), postal::formatCents(method.totalCents),
            fonts.small);
    ImGui::Separator();
    row(tr("postal.closing.registered"), "", std::to_string(report_.registeredLetters), fonts.small);
    row(tr("postal.closing.corrections"), "", std::to_string(report_.correctionCount), fonts.small);
    if (report_.codCents) row(tr("postal.closing.cod"), "", postal::formatCents(*report_.codCents), fonts.small);
    ui::dragToScroll();
    ImGui::EndChild();
    ui::text(i18n::trf("postal.sale.total", {{"amount", postal::formatCents(report_.totalCents)}}), fonts.title);
    if (report_.closing)
        ui::text(i18n::trf("postal.closing.closed_by", {{"time", i18n::shortDateTime(report_.closing->closedAt)},
                                                         {"name", report_.closing->closedBy}}),
                 fonts.small, ui::colors::kTextMuted);

    const float gap = ui::em(0.5f);
    const ImVec2 half((width - gap) * 0.5f, ui::em(2.4f));
    if (confirming_) {
        ui::textWrapped(i18n::trf("postal.closing.confirm_question", {{"day", longDay(report_.day)}}), width, fonts.small,
                        ui::colors::kDanger);
        if (ui::button("postal.close.confirm", tr("postal.closing.confirm"), half, ui::ButtonKind::Danger)) {
            context.later([this](app::ScreenContext& later) {
                confirming_ = false;
                const postal::ClosingResult result = postalOf(later.services).closeDay(&*later.state.staff, day_);
                messageIsError_ = !result.ok();
                message_ = result.ok() ? tr("postal.closing.done") : postalErrorText(result.error);
                if (result.ok())
                    later.services.printer.submit(postal::closingReceipt(*result.report, later.services.config.villageName));
                reload(later.services);
            });
        }
        ImGui::SameLine(0.0f, gap);
        if (ui::button("postal.close.cancel", tr("common.cancel"), half)) confirming_ = false;
        return;
    }
    const bool canClose = !report_.closed() && report_.day <= today_;
    if (ui::button("postal.close", tr("postal.closing.close"), half, ui::ButtonKind::Primary, canClose)) {
        confirming_ = true;
        message_.clear();
    }
    ImGui::SameLine(0.0f, gap);
    if (ui::button("postal.closing.print", tr("postal.closing.print"), half)) {
        context.later([this](app::ScreenContext& later) {
            later.services.printer.submit(postal::closingReceipt(report_, later.services.config.villageName));
            message_ = tr("postal.closing.printed");
            messageIsError_ = false;
        });
    }
    if (!message_.empty())
        ui::textWrapped(message_, width, fonts.small, messageIsError_ ? ui::colors::kDanger : ui::colors::kSuccess);
}

void PostalClosingScreen::drawSide(app::ScreenContext& context, float width) {
    const ui::Fonts& fonts = ui::fonts();
    const float gap = ui::em(0.3f);
    const ImVec2 tab((width - gap) * 0.5f, ui::em(1.9f));
    if (ui::button("postal.side.closings", tr("postal.closing.past"), tab,
                   side_ == Side::Closings ? ui::ButtonKind::Primary : ui::ButtonKind::Normal))
        side_ = Side::Closings;
    ImGui::SameLine(0.0f, gap);
    if (ui::button("postal.side.sales", tr("postal.closing.sales_of_day"), tab,
                   side_ == Side::Sales ? ui::ButtonKind::Primary : ui::ButtonKind::Normal))
        side_ = Side::Sales;
    ImGui::BeginChild("postal.side", ImVec2(width, 0), false, ImGuiWindowFlags_NoScrollWithMouse);
    const ImVec2 rowButton(width - ui::em(0.6f), ui::em(1.9f));
    if (side_ == Side::Closings) {
        const std::string todayId = "postal.day." + today_;
        if (ui::button(todayId.c_str(), tr("postal.closing.today"), rowButton,
                       day_ == today_ ? ui::ButtonKind::Primary : ui::ButtonKind::Normal))
            context.later([this](app::ScreenContext& later) {
                day_ = today_;
                confirming_ = false;
                reload(later.services);
            });
        for (const postal::DayClosing& closing : closings_) {
            if (closing.businessDay == today_) continue;
            const std::string id = "postal.day." + closing.businessDay;
            const std::string label = closing.businessDay + "   " + postal::formatCents(closing.totalCents);
            if (ui::button(id.c_str(), label.c_str(), rowButton,
                           day_ == closing.businessDay ? ui::ButtonKind::Primary : ui::ButtonKind::Normal))
                context.later([this, day = closing.businessDay](app::ScreenContext& later) {
                    day_ = day;
                    confirming_ = false;
                    reload(later.services);
                });
        }
    } else {
        if (sales_.empty()) ui::text(tr("postal.closing.nothing"), fonts.small, ui::colors::kTextMuted);
        const ImVec2 correct(ui::em(7.5f), ui::em(1.8f));
        for (std::size_t i = 0; i < sales_.size(); ++i) {
            const postal::Sale& sale = sales_[i];
            ImGui::Separator();
            ui::text(i18n::clockTime(sale.soldAt) + "  " + postal::paymentMethodName(sale.method) + "  " +
                         postal::formatCents(sale.totalCents),
                     fonts.small);
            if (sale.correctsSaleId) {
                ui::text(tr("postal.closing.is_correction"), fonts.small, ui::colors::kTextMuted);
                continue;
            }
            if (corrected_[i]) {
                ui::text(tr("postal.closing.corrected"), fonts.small, ui::colors::kTextMuted);
                continue;
            }
            const std::string id = "postal.correct." + sale.id;
            if (ui::button(id.c_str(), tr("postal.closing.correct"), correct))
                context.later([this, saleId = sale.id](app::ScreenContext& later) {
                    auto& counter = postalOf(later.services).counter;
                    const postal::SaleResult result = counter.correct(&*later.state.staff, saleId);
                    messageIsError_ = !result.ok();
                    message_ = result.ok() ? i18n::trf("postal.closing.corrected_on", {{"day", result.sale->businessDay}})
                                           : postalErrorText(result.error);
                    if (result.ok())
                        later.services.printer.submit(postal::saleReceipt(*result.sale, later.services.config.villageName));
                    reload(later.services);
                });
        }
    }
    ui::dragToScroll();
    ImGui::EndChild();
}

void PostalClosingScreen::draw(app::ScreenContext& context) {
    if (ui::headerBar(tr("postal.closing.screen_title"), true)) {
        context.open(kPostalSaleScreen);
        return;
    }
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float gap = ui::em(1.0f);
    const float left = (area.x - gap) * 0.58f;
    ImGui::BeginGroup();
    drawReport(context, left);
    ImGui::EndGroup();
    ImGui::SetCursorScreenPos(ImVec2(origin.x + left + gap, origin.y));
    ImGui::BeginGroup();
    drawSide(context, area.x - gap - left);
    ImGui::EndGroup();
}

}  // namespace

void registerPostalClosingScreen(app::ScreenRegistry& registry) {
    registry.add<PostalClosingScreen>(kPostalClosingScreen);
}

}  // namespace vk::screens
