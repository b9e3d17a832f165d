#include "kiosk/app/app_state.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/parcels/parcels_screens.h"
#include "kiosk/screens/parcels/parcels_ui.h"
#include "kiosk/ui/on_screen_keyboard.h"
#include "kiosk/ui/widgets.h"

namespace vk::screens {

using i18n::tr;
namespace parcels = services::parcels;

namespace {

// Prepaid parcels dropped off by residents: scan the label, choose the carrier, a proof of deposit prints. The
// list on the right is what each carrier's driver takes away, with its manifest.
class ParcelOutgoingScreen final : public app::Screen {
public:
    bool allowed(const std::optional<services::StaffSession>& staff) const override { return parcels_ui::mayUse(staff); }
    void open(app::ScreenContext& context) override {
        tracking_.clear();
        carrier_.clear();
        message_.clear();
        typing_ = false;
        reload(context);
    }
    void draw(app::ScreenContext& context) override;
    bool onRead(app::ScreenContext& context, const hardware::ReaderEvent& event) override {
        if (event.kind != hardware::ReadKind::Barcode) return false;
        context.later([this, value = event.value](app::ScreenContext&) {
            const auto check = parcels::checkTrackingNumber(value);
            tracking_ = check.normalized;
            if (!check.carrierCode.empty()) carrier_ = check.carrierCode;
            typing_ = false;
        });
        return true;
    }

private:
    void reload(app::ScreenContext& context) { waiting_ = parcels_ui::parcelsOf(context.services).desk.outgoingWaiting(); }
    void deposit(app::ScreenContext& context);

    std::string tracking_;
    std::string carrier_;
    bool typing_ = false;
    ui::KeyboardState keyboard_;
    std::string message_;
    bool messageIsError_ = false;
    std::vector<parcels::CarrierBatch> waiting_;
};

void ParcelOutgoingScreen::deposit(app::ScreenContext& context) {
    auto& desk = parcels_ui::parcelsOf(context.services).desk;
    const auto result = desk.deposit(&*context.state.staff, {tracking_, carrier_, false});
    messageIsError_ = !result.ok();
    if (!result.ok()) {
        message_ = parcels_ui::errorText(result.error);
        return;
    }
    message_ = i18n::trf("parcels.outgoing.deposited", {{"tracking", result.parcel->tracking}});
    tracking_.clear();
    typing_ = false;
    reload(context);
}

void ParcelOutgoingScreen::draw(app::ScreenContext& context) {
    if (!parcels_ui::drawStaffHeader(context, kParcelOutgoingScreen, "parcels.outgoing.title")) return;
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float gap = ui::em(0.8f);
    const float left = (area.x - gap) * 0.6f;
    const float right = area.x - gap - left;

    ImGui::BeginGroup();
    ui::text(tr("parcels.outgoing.scan"), ui::fonts().small, ui::colors::kTextMuted);
    if (ui::textField("parcels.outgoing.tracking", tracking_, "", typing_, false, left)) {
        typing_ = true;
        keyboard_ = {};
    }
    if (typing_) {
        const ImVec2 at = ImGui::GetCursorScreenPos();
        if (ui::drawKeyboard(tracking_, keyboard_, 40, ImVec2(left, origin.y + area.y - at.y), tr("common.ok")))
            typing_ = false;
        ImGui::EndGroup();
    } else {
        ImGui::Dummy(ui::em(1.0f, 0.2f));
        if (const auto chosen = parcels_ui::drawCarrierGrid(context.services, carrier_, ImVec2(left, ui::em(5.4f)),
                                                            "parcels.outgoing.carrier."))
            carrier_ = *chosen;
        ImGui::Dummy(ui::em(1.0f, 0.2f));
        if (ui::button("parcels.outgoing.deposit", tr("parcels.outgoing.deposit"), ImVec2(left, ui::em(2.2f)),
                       ui::ButtonKind::Primary, !tracking_.empty()))
            context.later([this](app::ScreenContext& later) { deposit(later); });
        if (!message_.empty())
            ui::textWrapped(message_, left, ui::fonts().body, messageIsError_ ? ui::colors::kDanger : ui::colors::kSuccess);
        ImGui::EndGroup();
    }

    ImGui::SetCursorScreenPos(ImVec2(origin.x + left + gap, origin.y));
    ImGui::BeginGroup();
    ui::text(tr("parcels.outgoing.waiting"), ui::fonts().body);
    ImGui::BeginChild("parcels.outgoing.list", ImVec2(right, 0), false, ImGuiWindowFlags_NoScrollWithMouse);
    if (waiting_.empty()) ui::textWrapped(tr("parcels.outgoing.none"), right, ui::fonts().small, ui::colors::kTextMuted);
    for (const parcels::CarrierBatch& batch : waiting_) {
        ImGui::Separator();
        ui::textWrapped(i18n::trn("parcels.returns.batch", batch.parcels.size(), {{"carrier", batch.carrier.name},
                                                           {"count", std::to_string(batch.parcels.size())}}),
                        ImGui::GetContentRegionAvail().x, ui::fonts().body);
        const std::string id = "parcels.outgoing.hand_over." + batch.carrier.code;
        if (ui::button(id.c_str(), tr("parcels.outgoing.hand_over"), ImVec2(ImGui::GetContentRegionAvail().x, ui::em(1.9f))))
            context.later([this, code = batch.carrier.code](app::ScreenContext& later) {
                const auto result = parcels_ui::parcelsOf(later.services).desk.handOverOutgoing(&*later.state.staff, code);
                messageIsError_ = !result.ok();
                message_ = result.ok() ? i18n::trn("parcels.outgoing.handed", result.parcels.size(), {{"count", std::to_string(result.parcels.size())},
                                                                              {"carrier", result.carrier->name}})
                                       : parcels_ui::errorText(result.error);
                reload(later);
            });
    }
    ui::dragToScroll();
    ImGui::EndChild();
    ImGui::EndGroup();
}

}  // namespace

void registerParcelOutgoingScreen(app::ScreenRegistry& registry) { registry.add<ParcelOutgoingScreen>(kParcelOutgoingScreen); }

}  // namespace vk::screens
