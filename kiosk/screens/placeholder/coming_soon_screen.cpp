#include "kiosk/app/navigation.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/screens.h"
#include "kiosk/ui/widgets.h"

namespace vk::screens {

using i18n::tr;

// The areas whose workflows have not landed yet say so plainly and send people to the counter.
void drawComingSoonScreen(AppState& state, KioskServices& services) {
    const char* title = tr("home.tile.health");
    const char* icon = ui::symbols::kHealth;
    ImU32 color = ui::colors::kHealth;
    if (state.screen == app::ScreenId::Parcels) {
        title = tr("home.tile.parcels");
        icon = ui::symbols::kParcels;
        color = ui::colors::kParcels;
    } else if (state.screen == app::ScreenId::Board) {
        title = tr("home.tile.board");
        icon = ui::symbols::kBoard;
        color = ui::colors::kBoard;
    }
    if (ui::headerBar(title, true)) {
        app::returnHome(state, services, "back");
        return;
    }
    const float width = ImGui::GetContentRegionAvail().x;
    ImGui::Dummy(ui::em(1.0f, 2.0f));
    ui::textCentered(icon, width, ui::fonts().huge, color);
    ImGui::Dummy(ui::em(1.0f, 1.0f));
    ui::textCentered(tr("coming_soon.title"), width, ui::fonts().title);
    ImGui::Dummy(ui::em(1.0f, 0.5f));
    ui::textCentered(tr("coming_soon.body"), width, ui::fonts().body, ui::colors::kTextMuted);
    ImGui::Dummy(ui::em(1.0f, 2.0f));
    ImGui::SetCursorPosX((width - ui::em(14.0f)) * 0.5f + ImGui::GetStyle().WindowPadding.x);
    if (ui::button("coming_soon.home", tr("coming_soon.home"), ui::em(14.0f, 2.6f), ui::ButtonKind::Primary))
        app::returnHome(state, services, "back");
}

}  // namespace vk::screens
