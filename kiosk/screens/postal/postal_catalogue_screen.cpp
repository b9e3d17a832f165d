#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/postal/postal_screens.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/services/postal/postal_area.h"
#include "kiosk/services/postal/postal_receipts.h"
#include "kiosk/ui/on_screen_keyboard.h"
#include "kiosk/ui/widgets.h"

#include <algorithm>

namespace vk::screens {

using i18n::tr;
namespace postal = services::postal;

namespace {

// The catalogue: each item with today's price and the next one if a change is planned; « Changer le prix » asks
// for the new price (in cents, on the keypad) and the day it starts, today or later. Past sales keep their prices.
class PostalCatalogueScreen final : public app::Screen {
public:
    bool allowed(const std::optional<services::StaffSession>& staff) const override {
        return staff && postal::mayRunPostalCounter(&*staff);
    }
    void open(app::ScreenContext& context) override { reload(context.services); }
    void draw(app::ScreenContext& context) override;

private:
    enum class Field { Price, Day };
    void reload(app::KioskServices& services) { catalogue_ = postalOf(services).counter.catalogue(); }
    void drawList(app::ScreenContext& context, const ImVec2& area);
    void drawEditor(app::ScreenContext& context, const ImVec2& area, const ImVec2& origin);

    std::vector<postal::CatalogueEntry> catalogue_;
    std::optional<postal::CatalogueEntry> editing_;
    std::vector<postal::PostalPrice> history_;
    Field field_ = Field::Price;
    std::string priceDigits_;  // cents: "165" is 1,65 €
    std::string dayDigits_;    // "DDMMYYYY"
    std::string message_;
    bool messageIsError_ = false;
};

std::string shownDay(const std::string& digits) {
    std::string shown;
    for (std::size_t i = 0; i < digits.size(); ++i) shown += (i == 2 || i == 4 ? "/" : "") + std::string(1, digits[i]);
    return shown;
}

std::string dayDigitsOf(const std::string& isoDay) {  // "2030-06-12" → "12062030"
    return isoDay.substr(8, 2) + isoDay.substr(5, 2) + isoDay.substr(0, 4);
}

void PostalCatalogueScreen::drawList(app::ScreenContext& context, const ImVec2& area) {
    const ui::Fonts& fonts = ui::fonts();
    if (!message_.empty())
        ui::textWrapped(message_, area.x, fonts.body, messageIsError_ ? ui::colors::kDanger : ui::colors::kSuccess);
    ImGui::BeginChild("postal.catalogue", ImVec2(area.x, 0), false, ImGuiWindowFlags_NoScrollWithMouse);
    const ImVec2 change(ui::em(9.0f), ui::em(2.0f));
    const float inner = ImGui::GetContentRegionAvail().x;
    const float textWidth = inner - change.x - ui::em(1.0f);
    for (const postal::CatalogueEntry& entry : catalogue_) {
        ImGui::Separator();
        ImGui::BeginGroup();
        ui::textWrapped(entry.item.name, textWidth, fonts.body);
        std::string price = entry.priceTodayCents ? postal::formatCents(*entry.priceTodayCents) : tr("postal.catalogue.no_price");
        if (entry.nextPrice)
            price += "   " + i18n::trf("postal.catalogue.next", {{"day", shownDay(dayDigitsOf(entry.nextPrice->validFrom))},
                                                               {"amount", postal::formatCents(entry.nextPrice->priceCents)}});
        ui::textWrapped(price, textWidth, fonts.small, ui::colors::kTextMuted);
        ImGui::EndGroup();
        ImGui::SameLine(inner - change.x);
        const std::string id = "postal.price." + entry.item.code;
        if (ui::button(id.c_str(), tr("postal.catalogue.change"), change)) {
            editing_ = entry;
            field_ = Field::Price;
            priceDigits_ = entry.priceTodayCents ? std::to_string(*entry.priceTodayCents) : "";
            dayDigits_ = dayDigitsOf(postalOf(context.services).counter.today());
            message_.clear();
            context.later([this, itemId = entry.item.id](app::ScreenContext& later) {
                history_ = postalOf(later.services).counter.priceHistory(itemId);
            });
        }
    }
    ui::dragToScroll();
    ImGui::EndChild();
}

void PostalCatalogueScreen::drawEditor(app::ScreenContext& context, const ImVec2& area, const ImVec2& origin) {
    const ui::Fonts& fonts = ui::fonts();
    const float left = area.x * 0.5f;
    ImGui::BeginGroup();
    ui::textWrapped(editing_->item.name, left - ui::em(0.5f), fonts.title);
    const std::int64_t cents = priceDigits_.empty() ? 0 : std::stoll(priceDigits_);
    ui::text(tr("postal.catalogue.new_price"), fonts.small);
    if (ui::textField("postal.catalogue.price", postal::formatCents(cents), "", field_ == Field::Price, false,
                      left - ui::em(1.0f)))
        field_ = Field::Price;
    ui::text(tr("postal.catalogue.from"), fonts.small);
    if (ui::textField("postal.catalogue.day", shownDay(dayDigits_), "", field_ == Field::Day, false, left - ui::em(1.0f)))
        field_ = Field::Day;
    const ImVec2 action((left - ui::em(1.6f)) * 0.5f, ui::em(2.0f));
    const bool save = ui::button("postal.catalogue.save", tr("common.save"), action, ui::ButtonKind::Primary,
                                 !priceDigits_.empty() && dayDigits_.size() == 8);
    ImGui::SameLine(0.0f, ui::em(0.6f));
    if (ui::button("postal.catalogue.cancel", tr("common.cancel"), action)) {
        editing_.reset();
        message_.clear();
        ImGui::EndGroup();
        return;
    }
    if (!message_.empty()) ui::textWrapped(message_, left - ui::em(1.0f), fonts.small, ui::colors::kDanger);
    ui::text(tr("postal.catalogue.history"), fonts.small, ui::colors::kTextMuted);
    for (std::size_t i = 0; i < history_.size() && i < 4; ++i) {
        const postal::PostalPrice& price = history_[i];
        ui::text(shownDay(dayDigitsOf(price.validFrom)) + "  " + postal::formatCents(price.priceCents) +
                     (price.replaced ? "  " + std::string(tr("postal.catalogue.replaced")) : ""),
                 fonts.small);
    }
    ImGui::EndGroup();

    const float padWidth = std::min(area.x - left - ui::em(0.5f), area.y * 1.4f);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + area.x - padWidth, origin.y));
    std::string& typed = field_ == Field::Price ? priceDigits_ : dayDigits_;
    if (ui::drawNumericKeypad(typed, field_ == Field::Price ? 6 : 8, ImVec2(padWidth, area.y), tr("common.next")))
        field_ = field_ == Field::Price ? Field::Day : Field::Price;
    while (priceDigits_.size() > 1 && priceDigits_.front() == '0') priceDigits_.erase(0, 1);
    if (!save) return;
    context.later([this, cents](app::ScreenContext& later) {
        const std::string day = shownDay(dayDigits_);
        const postal::CatalogueChange change =
            postalOf(later.services).counter.setPrice(&*later.state.staff, editing_->item.id, day, cents);
        if (!change.ok()) {
            message_ = postalErrorText(change.error);
            messageIsError_ = true;
            return;
        }
        message_ = i18n::trf("postal.catalogue.saved", {{"name", editing_->item.name}, {"amount", postal::formatCents(cents)},
                                                         {"day", day}});
        messageIsError_ = false;
        editing_.reset();
        reload(later.services);
    });
}

void PostalCatalogueScreen::draw(app::ScreenContext& context) {
    if (ui::headerBar(tr("postal.catalogue.title"), true)) {
        if (editing_)
            editing_.reset();
        else
            context.open(kPostalSaleScreen);
        return;
    }
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    if (editing_)
        drawEditor(context, area, origin);
    else
        drawList(context, area);
}

}  // namespace

void registerPostalCatalogueScreen(app::ScreenRegistry& registry) {
    registry.add<PostalCatalogueScreen>(kPostalCatalogueScreen);
}

}  // namespace vk::screens
