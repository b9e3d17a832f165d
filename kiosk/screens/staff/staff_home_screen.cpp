#include "kiosk/app/navigation.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/screens.h"
#include "kiosk/screens/staff/staff_text.h"
#include "kiosk/ui/widgets.h"

namespace vk::screens {

using i18n::tr;

void drawStaffHomeScreen(AppState& state, KioskServices& services) {
    if (!state.staff) {
        app::returnHome(state, services, "no session");
        return;
    }
    if (ui::headerBar(tr("staff.title"), true)) {
        app::returnHome(state, services, "back");
        return;
    }
    const float width = ImGui::GetContentRegionAvail().x;
    ui::text(i18n::trf("staff.home.hello", {{"name", state.staff->displayName}}), ui::fonts().title);
    ui::text(roleName(state.staff->role), ui::fonts().body, ui::colors::kTextMuted);
    ImGui::Dummy(ui::em(1.0f, 0.8f));

    const bool admin = state.staff->role == services::StaffRole::Admin;
    const ImVec2 size((width - ui::em(0.8f)) * 0.5f, ui::em(3.4f));
    if (admin) {
        if (ui::button("staff.home.accounts", tr("staff.home.accounts"), size))
            app::openScreen(state, services, app::ScreenId::StaffAccounts);
        ImGui::SameLine(0.0f, ui::em(0.8f));
        if (ui::button("staff.home.audit", tr("staff.home.audit"), size))
            app::openScreen(state, services, app::ScreenId::StaffAudit);
        ImGui::Dummy(ui::em(1.0f, 0.4f));
    }
    // The workflows' staff tools (rota, waiting room, parcels, moderation) come with their own issues.
    ui::textWrapped(tr("staff.home.tools_coming"), width, ui::fonts().body, ui::colors::kTextMuted);

    ImGui::SetCursorPosY(ImGui::GetWindowHeight() - ui::em(3.6f));
    if (ui::button("staff.home.sign_out", tr("staff.home.sign_out"), ImVec2(ui::em(14.0f), ui::em(2.6f)),
                   ui::ButtonKind::Danger))
        app::returnHome(state, services, "sign out");
}

}  // namespace vk::screens
