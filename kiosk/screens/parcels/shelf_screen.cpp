#include "kiosk/app/app_state.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/parcels/parcels_screens.h"
#include "kiosk/screens/parcels/parcels_ui.h"
#include "kiosk/ui/widgets.h"

namespace vk::screens {

using i18n::tr;
namespace parcels = services::parcels;

namespace {

// What is on the shelf, by place: for finding a parcel, and for the residents the manager must call.
class ParcelShelfScreen final : public app::Screen {
public:
    bool allowed(const std::optional<services::StaffSession>& staff) const override { return parcels_ui::mayUse(staff); }
    void open(app::ScreenContext& context) override { reload(context); }
    void draw(app::ScreenContext& context) override;

private:
    void reload(app::ScreenContext& context) {
        auto& desk = parcels_ui::parcelsOf(context.services).desk;
        onShelf_ = desk.onShelf();
        callList_ = desk.callList().size();
        places_ = desk.allPlaces().size();
    }

    std::vector<parcels::Parcel> onShelf_;
    std::size_t callList_ = 0;
    std::size_t places_ = 0;
    bool printed_ = false;
};

void ParcelShelfScreen::draw(app::ScreenContext& context) {
    if (!parcels_ui::drawStaffHeader(context, kParcelShelfScreen, "parcels.shelf.title")) return;
    const ImVec2 area = ImGui::GetContentRegionAvail();
    ui::text(i18n::trn("parcels.shelf.count", onShelf_.size(), {{"count", std::to_string(onShelf_.size())},
                                              {"places", std::to_string(places_)}}),
             ui::fonts().body);
    ImGui::SameLine(area.x - ui::em(13.0f));
    const std::string callLabel = i18n::trf("parcels.shelf.print_call_list", {{"count", std::to_string(callList_)}});
    if (ui::button("parcels.shelf.print_call_list", callLabel.c_str(), ui::em(13.0f, 1.8f), ui::ButtonKind::Normal,
                   callList_ > 0))
        context.later([this](app::ScreenContext& later) {
            parcels_ui::parcelsOf(later.services).desk.printCallList();
            printed_ = true;
        });
    if (printed_) ui::text(tr("parcels.shelf.call_list_printed"), ui::fonts().small, ui::colors::kSuccess);
    ImGui::BeginChild("parcels.shelf.list", ImVec2(area.x, 0), false, ImGuiWindowFlags_NoScrollWithMouse);
    const float width = ImGui::GetContentRegionAvail().x;
    for (const parcels::Parcel& parcel : onShelf_) {
        ImGui::Separator();
        ImGui::BeginGroup();
        ui::text(parcel.shelfPlace.value_or("-"), ui::fonts().title, ui::colors::kParcels);
        ImGui::EndGroup();
        ImGui::SameLine(ui::em(4.0f));
        ImGui::BeginGroup();
        const bool noContact = !parcel.recipientPhone && !parcel.recipientEmail;
        ui::textWrapped(parcel.recipientName + (noContact ? std::string("  ") + tr("parcels.shelf.no_contact") : std::string()), width - ui::em(4.5f), ui::fonts().body);
        ui::textWrapped(parcels_ui::carrierName(context.services, parcel.carrierId) + " · " + parcel.tracking + " · " +
                            i18n::trf("parcels.shelf.until", {{"day", parcels_ui::shortDay(parcel.deadlineDay.value_or(""))}}),
                        width - ui::em(4.5f), ui::fonts().small, ui::colors::kTextMuted);
        ImGui::EndGroup();
    }
    if (onShelf_.empty()) ui::text(tr("parcels.shelf.empty"), ui::fonts().body, ui::colors::kTextMuted);
    ui::dragToScroll();
    ImGui::EndChild();
}

}  // namespace

void registerParcelShelfScreen(app::ScreenRegistry& registry) { registry.add<ParcelShelfScreen>(kParcelShelfScreen); }

}  // namespace vk::screens
