#include "kiosk/app/app_state.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/parcels/parcels_screens.h"
#include "kiosk/screens/parcels/parcels_ui.h"
#include "kiosk/ui/widgets.h"

namespace vk::screens {

using i18n::tr;
namespace parcels = services::parcels;

namespace {

// Each morning: the parcels past their last day, per carrier, in shelf order so that one walk along the shelf
// collects them; handing them to the driver prints the manifest and frees the places.
class ParcelReturnsScreen final : public app::Screen {
public:
    bool allowed(const std::optional<services::StaffSession>& staff) const override { return parcels_ui::mayUse(staff); }
    void open(app::ScreenContext& context) override {
        message_.clear();
        reload(context);
    }
    void draw(app::ScreenContext& context) override;

private:
    void reload(app::ScreenContext& context) { batches_ = parcels_ui::parcelsOf(context.services).desk.dueForReturn(); }

    std::vector<parcels::CarrierBatch> batches_;
    std::string message_;
    bool messageIsError_ = false;
};

void ParcelReturnsScreen::draw(app::ScreenContext& context) {
    if (!parcels_ui::drawStaffHeader(context, kParcelReturnsScreen, "parcels.returns.title")) return;
    const ImVec2 area = ImGui::GetContentRegionAvail();
    if (!message_.empty())
        ui::textWrapped(message_, area.x, ui::fonts().body, messageIsError_ ? ui::colors::kDanger : ui::colors::kSuccess);
    if (batches_.empty()) {
        ui::text(tr("parcels.returns.none"), ui::fonts().body, ui::colors::kTextMuted);
        return;
    }
    ImGui::BeginChild("parcels.returns.list", ImVec2(area.x, 0), false, ImGuiWindowFlags_NoScrollWithMouse);
    const float width = ImGui::GetContentRegionAvail().x;
    for (const parcels::CarrierBatch& batch : batches_) {
        ImGui::Separator();
        ui::text(i18n::trn("parcels.returns.batch", batch.parcels.size(), {{"carrier", batch.carrier.name},
                                                    {"count", std::to_string(batch.parcels.size())}}),
                 ui::fonts().title);
        const std::string id = "parcels.returns.hand_over." + batch.carrier.code;
        if (ui::button(id.c_str(), tr("parcels.returns.hand_over"), ImVec2(std::min(width, ui::em(16.0f)), ui::em(2.0f)),
                       ui::ButtonKind::Primary))
            context.later([this, code = batch.carrier.code](app::ScreenContext& later) {
                const auto result = parcels_ui::parcelsOf(later.services).desk.returnToCarrier(&*later.state.staff, code);
                messageIsError_ = !result.ok();
                message_ = result.ok() ? i18n::trn("parcels.returns.done", result.parcels.size(), {{"count", std::to_string(result.parcels.size())},
                                                                           {"carrier", result.carrier->name}})
                                       : parcels_ui::errorText(result.error);
                reload(later);
            });
        for (const parcels::Parcel& parcel : batch.parcels)
            ui::text(parcel.shelfPlace.value_or("-") + "   " + parcel.tracking + "   " +
                         i18n::trf("parcels.shelf.until", {{"day", parcels_ui::shortDay(parcel.deadlineDay.value_or(""))}}),
                     ui::fonts().body);
    }
    ui::dragToScroll();
    ImGui::EndChild();
}

}  // namespace

void registerParcelReturnsScreen(app::ScreenRegistry& registry) { registry.add<ParcelReturnsScreen>(kParcelReturnsScreen); }

}  // namespace vk::screens
