#include "kiosk/screens/parcels/parcels_screens.h"

#include "kiosk/app/app_state.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/parcels/parcels_ui.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/ui/widgets.h"

namespace vk::screens {

using i18n::tr;

void registerParcelPickupScreen(app::ScreenRegistry& registry);
void registerParcelIntakeScreen(app::ScreenRegistry& registry);
void registerParcelShelfScreen(app::ScreenRegistry& registry);
void registerParcelCounterScreen(app::ScreenRegistry& registry);
void registerParcelReturnsScreen(app::ScreenRegistry& registry);
void registerParcelOutgoingScreen(app::ScreenRegistry& registry);
bool takePickupCodeRead(app::ScreenContext& context, const std::string& code);

namespace parcels_ui {

services::parcels::ParcelsServices& parcelsOf(app::KioskServices& services) {
    return services.area<services::parcels::ParcelsServices>();
}

bool mayUse(const std::optional<services::StaffSession>& staff) {
    return staff && services::parcels::mayRunRelayPoint(&*staff);
}

std::string errorText(services::parcels::ParcelError error) { return tr(services::parcels::errorKey(error)); }

std::string carrierName(app::KioskServices& services, const std::string& carrierId) {
    const auto carrier = parcelsOf(services).desk.carrierById(carrierId);
    return carrier ? carrier->name : std::string();
}

std::string shortDay(const std::string& day) {
    return day.size() == 10 ? day.substr(8, 2) + "/" + day.substr(5, 2) : day;
}

bool drawStaffHeader(app::ScreenContext& context, app::ScreenId current, const char* titleKey) {
    if (ui::headerBar(tr(titleKey), true)) {
        context.open(kStaffHomeScreen);
        return false;
    }
    struct Tab {
        const char* id;
        const char* labelKey;
        app::ScreenId screen;
    };
    static constexpr Tab kTabs[] = {
        {"parcels.tab.intake", "parcels.tab.intake", kParcelIntakeScreen},
        {"parcels.tab.shelf", "parcels.tab.shelf", kParcelShelfScreen},
        {"parcels.tab.counter", "parcels.tab.counter", kParcelCounterScreen},
        {"parcels.tab.returns", "parcels.tab.returns", kParcelReturnsScreen},
        {"parcels.tab.outgoing", "parcels.tab.outgoing", kParcelOutgoingScreen},
    };
    const float gap = ui::em(0.4f);
    const float width = (ImGui::GetContentRegionAvail().x - gap * 4.0f) / 5.0f;
    for (std::size_t i = 0; i < std::size(kTabs); ++i) {
        if (i > 0) ImGui::SameLine(0.0f, gap);
        const bool here = kTabs[i].screen == current;
        if (ui::button(kTabs[i].id, tr(kTabs[i].labelKey), ImVec2(width, ui::em(1.8f)),
                       here ? ui::ButtonKind::Primary : ui::ButtonKind::Normal) &&
            !here) {
            context.open(kTabs[i].screen);
            return false;
        }
    }
    ImGui::Dummy(ui::em(1.0f, 0.2f));
    return true;
}

std::optional<std::string> drawCarrierGrid(app::KioskServices& services, const std::string& selected, ImVec2 size,
                                           const char* idPrefix) {
    const auto carriers = parcelsOf(services).desk.carriers();
    const int columns = 3;
    const int rows = static_cast<int>((carriers.size() + columns - 1) / columns);
    const float gap = ui::em(0.4f);
    const ImVec2 key((size.x - gap * (columns - 1)) / columns,
                     std::min(ui::em(2.6f), (size.y - gap * static_cast<float>(rows - 1)) / static_cast<float>(std::max(rows, 1))));
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    std::optional<std::string> tapped;
    for (std::size_t i = 0; i < carriers.size(); ++i) {
        const int row = static_cast<int>(i) / columns;
        const int column = static_cast<int>(i) % columns;
        ImGui::SetCursorScreenPos(ImVec2(origin.x + static_cast<float>(column) * (key.x + gap),
                                         origin.y + static_cast<float>(row) * (key.y + gap)));
        const std::string id = std::string(idPrefix) + carriers[i].code;
        if (ui::button(id.c_str(), carriers[i].name.c_str(), key,
                       carriers[i].code == selected ? ui::ButtonKind::Primary : ui::ButtonKind::Normal))
            tapped = carriers[i].code;
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + static_cast<float>(rows) * (key.y + gap)));
    return tapped;
}

}  // namespace parcels_ui

void registerParcelsScreens(app::ScreenRegistry& registry) {
    registerParcelPickupScreen(registry);
    registerParcelIntakeScreen(registry);
    registerParcelShelfScreen(registry);
    registerParcelCounterScreen(registry);
    registerParcelReturnsScreen(registry);
    registerParcelOutgoingScreen(registry);
    registry.addHomeTile({"home.tile.parcels", ui::symbols::kParcels, "parcels.tile", "parcels.tile.subtitle",
                          ui::colors::kParcels, kParcelPickupScreen});
    registry.addStaffTool({"staff.home.parcels", "staff.home.parcels", kParcelIntakeScreen, &isCafeStaff, true});
    // On the home screen, the barcode of a pickup code (shown from the SMS) is someone come for a parcel.
    registry.addReadHandler([](app::ScreenContext& context, const hardware::ReaderEvent& event) {
        if (event.kind != hardware::ReadKind::Barcode || context.state.screen != app::kHomeScreen) return false;
        if (!services::parcels::isPickupCodeShape(services::parcels::normalizePickupCode(event.value))) return false;
        return takePickupCodeRead(context, event.value);
    });
}

}  // namespace vk::screens
