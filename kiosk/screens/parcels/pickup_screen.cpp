#include "kiosk/app/app_state.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/parcels/parcels_screens.h"
#include "kiosk/screens/parcels/parcels_ui.h"
#include "kiosk/services/speech/spoken_sentences.h"
#include "kiosk/ui/widgets.h"

namespace vk::screens {

using i18n::tr;
namespace parcels = services::parcels;

namespace {

// A resident come for a parcel types the code of the SMS (or shows its barcode). The screen says only where to
// go: no name, no shelf place, not even how many parcels, since anyone may be standing behind them.
class ParcelPickupScreen final : public app::Screen {
public:
    void open(app::ScreenContext& context) override {
        (void)context;
        code_.clear();
        outcome_.reset();
    }
    void draw(app::ScreenContext& context) override;
    // The question, or where to go: never more than the screen says.
    std::string spokenText(app::ScreenContext& context) override {
        (void)context;
        if (!outcome_) return services::joinSentences({tr("parcels.pickup.type_code"), tr("parcels.pickup.hint")});
        if (*outcome_ == parcels::PickupOutcome::GoToCounter)
            return services::joinSentences({tr("parcels.pickup.go_to_counter"), tr("parcels.pickup.bring_id")});
        return services::joinSentences({tr(*outcome_ == parcels::PickupOutcome::InvalidInput ? "parcels.pickup.code_shape"
                                                                                            : "parcels.pickup.unknown_code"),
                                        tr("parcels.pickup.ask_counter")});
    }
    bool onRead(app::ScreenContext& context, const hardware::ReaderEvent& event) override {
        if (event.kind != hardware::ReadKind::Barcode) return false;
        context.later([this, value = event.value](app::ScreenContext& later) { submit(later, value); });
        return true;
    }

    void submit(app::ScreenContext& context, const std::string& code) {
        outcome_ = parcels_ui::parcelsOf(context.services).pickup.request(code);
    }

private:
    void drawKeypad(app::ScreenContext& context, const ImVec2& area, const ImVec2& origin);
    void drawOutcome(app::ScreenContext& context, float width);

    std::string code_;
    std::optional<parcels::PickupOutcome> outcome_;
};

void ParcelPickupScreen::drawKeypad(app::ScreenContext& context, const ImVec2& area, const ImVec2& origin) {
    const float left = area.x * 0.4f;
    ui::textWrapped(tr("parcels.pickup.type_code"), left, ui::fonts().title);
    ImGui::Dummy(ui::em(1.0f, 0.4f));
    ui::textField("parcels.pickup.code", code_, "", true, false, left);
    ImGui::Dummy(ui::em(1.0f, 0.4f));
    // A hint, beside the keys: in the smaller type where the body's would run below the screen (large text).
    ui::textWrappedWithin(tr("parcels.pickup.hint"), left, origin.y + area.y - ImGui::GetCursorScreenPos().y,
                          ui::colors::kTextMuted);
    // Only the characters a code can hold, in reading order.
    const std::string_view keys = parcels::kPickupCodeAlphabet;
    const float gridWidth = area.x - left - ui::em(1.0f);
    const int columns = 7;
    const float gap = ui::em(0.3f);
    const ImVec2 key((gridWidth - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns),
                     (area.y - gap * 4.0f) / 5.0f);
    const float x0 = origin.x + left + ui::em(1.0f);
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const int row = static_cast<int>(i) / columns;
        const int column = static_cast<int>(i) % columns;
        ImGui::SetCursorScreenPos(ImVec2(x0 + static_cast<float>(column) * (key.x + gap),
                                         origin.y + static_cast<float>(row) * (key.y + gap)));
        const std::string label(1, keys[i]);
        const std::string id = "parcels.key." + label;
        if (ui::button(id.c_str(), label.c_str(), key) && code_.size() < parcels::ParcelDesk::kPickupCodeLength)
            code_ += label;
    }
    // Erase over the last two places of the fourth row: wide enough for its word.
    const ImVec2 eraseKey(key.x * 2.0f + gap, key.y);
    ImGui::SetCursorScreenPos(ImVec2(x0 + 5.0f * (key.x + gap), origin.y + 3.0f * (key.y + gap)));
    if (ui::button("parcels.key.backspace", ui::eraseKeyLabel(eraseKey).c_str(), eraseKey) && !code_.empty()) code_.pop_back();
    ImGui::SetCursorScreenPos(ImVec2(x0, origin.y + 4.0f * (key.y + gap)));
    if (ui::button("parcels.key.ok", tr("common.ok"), ImVec2(gridWidth, key.y), ui::ButtonKind::Primary,
                   code_.size() == parcels::ParcelDesk::kPickupCodeLength))
        context.later([this, code = code_](app::ScreenContext& later) { submit(later, code); });
}

void ParcelPickupScreen::drawOutcome(app::ScreenContext& context, float width) {
    const ui::Fonts& fonts = ui::fonts();
    const bool counter = *outcome_ == parcels::PickupOutcome::GoToCounter;
    constexpr float kActionHeightEm = 2.4f;
    // « Terminer » (and « Réessayer ») pinned at the bottom; the words above scroll by a drag where they do not fit.
    ui::beginAboveActions("parcels.pickup.outcome", ui::em(kActionHeightEm + 0.3f));
    const float left = ImGui::GetCursorScreenPos().x;  // the child's, whole pixels
    ImGui::Dummy(ui::em(1.0f, 1.0f));
    ui::textCentered(counter ? ui::symbols::kCheck : ui::symbols::kInfo, width, fonts.huge,
                     counter ? ui::colors::kSuccess : ui::colors::kParcels);
    ImGui::Dummy(ui::em(1.0f, 0.4f));
    ui::textCentered(tr(counter ? "parcels.pickup.go_to_counter"
                        : *outcome_ == parcels::PickupOutcome::InvalidInput ? "parcels.pickup.code_shape"
                                                                           : "parcels.pickup.unknown_code"),
                     width, fonts.title);
    ImGui::Dummy(ui::em(1.0f, 0.3f));
    ui::textCentered(tr(counter ? "parcels.pickup.bring_id" : "parcels.pickup.ask_counter"), width, fonts.body,
                     ui::colors::kTextMuted);
    ui::endAboveActions();
    bool retried = false;
    bool finished = false;
    const auto finish = [&](ImVec2 size) {
        finished = ui::button("parcels.pickup.finish", tr("parcels.pickup.finish"), size, ui::ButtonKind::Primary);
    };
    if (counter)
        ui::actionRow(width, left, ui::em(kActionHeightEm), {finish});
    else
        ui::actionRow(width, left, ui::em(kActionHeightEm),
                      {[&](ImVec2 size) { retried = ui::button("parcels.pickup.retry", tr("parcels.pickup.retry"), size); },
                       finish});
    if (retried) {
        code_.clear();
        outcome_.reset();
    } else if (finished) {
        context.returnHome("parcel pickup");
    }
}

void ParcelPickupScreen::draw(app::ScreenContext& context) {
    if (ui::headerBar(tr("parcels.pickup.title"), true)) {
        context.returnHome("back");
        return;
    }
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    if (outcome_)
        drawOutcome(context, area.x);
    else
        drawKeypad(context, area, origin);
}

}  // namespace

bool takePickupCodeRead(app::ScreenContext& context, const std::string& code) {
    context.open(kParcelPickupScreen);
    context.later([code](app::ScreenContext& later) {
        if (auto* screen = later.screen<ParcelPickupScreen>(kParcelPickupScreen)) screen->submit(later, code);
    });
    return true;
}

void registerParcelPickupScreen(app::ScreenRegistry& registry) {
    registry.add<ParcelPickupScreen>(kParcelPickupScreen);
}

}  // namespace vk::screens
