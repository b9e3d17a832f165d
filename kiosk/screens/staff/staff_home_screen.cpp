#include "kiosk/app/navigation.h"
#include "kiosk/i18n/dates.h"
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
    ImGui::Dummy(ui::em(1.0f, 0.4f));

    // Messages that must not be missed come first; each stays until someone has read it.
    for (std::size_t i = 0; i < state.staffNotices.size() && i < 3; ++i) {
        const auto& notice = state.staffNotices[i];
        ui::noticeBanner(i18n::shortDateTime(notice.at) + "  " + notice.message);
        const std::string id = "staff.notice.ack." + std::to_string(notice.seq);
        if (ui::button(id.c_str(), tr("staff.notice.ack"), ui::em(6.0f, 1.8f))) {
            services.rota.acknowledgeNotice(*state.staff, notice.seq);
            state.staffNotices = services.rota.openNotices();
            break;
        }
    }

    const bool admin = state.staff->role == services::StaffRole::Admin;
    const bool health = admin || state.staff->role == services::StaffRole::MedicalAssistant;
    const float gap = ui::em(0.8f);
    const ImVec2 size((width - gap) * 0.5f, ui::em(2.8f));
    int column = 0;
    auto place = [&] {
        if (column++ % 2 == 1) ImGui::SameLine(0.0f, gap);
    };
    if (health) {
        place();
        if (ui::button("staff.home.waiting_room", tr("staff.home.waiting_room"), size, ui::ButtonKind::Primary))
            app::openScreen(state, services, app::ScreenId::StaffWaitingRoom);
        place();
        if (ui::button("staff.home.rota", tr("staff.home.rota"), size))
            app::openScreen(state, services, app::ScreenId::StaffRota);
    }
    if (admin || state.staff->role == services::StaffRole::CafeManager) {
        place();
        if (ui::button("staff.home.devices", tr("staff.home.devices"), size))
            app::openScreen(state, services, app::ScreenId::StaffDevices);
    }
    if (admin) {
        place();
        if (ui::button("staff.home.accounts", tr("staff.home.accounts"), size))
            app::openScreen(state, services, app::ScreenId::StaffAccounts);
        place();
        if (ui::button("staff.home.audit", tr("staff.home.audit"), size))
            app::openScreen(state, services, app::ScreenId::StaffAudit);
    }
    ImGui::Dummy(ui::em(1.0f, 0.3f));
    // The relay point's and the board's staff tools come with their own issues.
    ui::textWrapped(tr("staff.home.tools_coming"), width, ui::fonts().body, ui::colors::kTextMuted);

    ImGui::SetCursorPosY(ImGui::GetWindowHeight() - ui::em(3.4f));
    if (ui::button("staff.home.sign_out", tr("staff.home.sign_out"), ImVec2(ui::em(14.0f), ui::em(2.4f)),
                   ui::ButtonKind::Danger))
        app::returnHome(state, services, "sign out");
}

}  // namespace vk::screens
