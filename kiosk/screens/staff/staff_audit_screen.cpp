#include "kiosk/app/navigation.h"
#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/screens.h"
#include "kiosk/ui/widgets.h"

namespace vk::screens {

using i18n::tr;

void drawStaffAuditScreen(AppState& state, KioskServices& services) {
    if (!state.staff || state.staff->role != services::StaffRole::Admin) {
        app::returnHome(state, services, "not allowed");
        return;
    }
    if (ui::headerBar(tr("staff.home.audit"), true)) {
        app::openScreen(state, services, app::ScreenId::StaffHome);
        return;
    }
    ImGui::BeginChild("staff.audit.list", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollWithMouse);
    const float width = ImGui::GetContentRegionAvail().x;
    ImGui::PushFont(ui::fonts().small);
    if (ImGui::BeginTable("staff.audit.table", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn(tr("staff.audit.when"), ImGuiTableColumnFlags_WidthFixed, ui::em(5.5f));
        ImGui::TableSetupColumn(tr("staff.audit.who"), ImGuiTableColumnFlags_WidthFixed, width * 0.25f);
        ImGui::TableSetupColumn(tr("staff.audit.what"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(tr("staff.audit.detail"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableHeadersRow();
        for (const auto& entry : state.audit) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ui::text(i18n::shortDateTime(entry.at));
            ImGui::TableNextColumn();
            ui::text(entry.actorName);
            ImGui::TableNextColumn();
            // Known actions read as words; a newer action still shows, as its key.
            const std::string key = "audit." + entry.action;
            ui::text(tr(key));
            ImGui::TableNextColumn();
            ui::text(entry.detail);
        }
        ImGui::EndTable();
    }
    ImGui::PopFont();
    ui::dragToScroll();
    ImGui::EndChild();
}

}  // namespace vk::screens
