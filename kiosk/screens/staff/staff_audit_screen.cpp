#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/services/audit_sentences.h"
#include "kiosk/ui/widgets.h"

namespace vk::screens {

using i18n::tr;

namespace {

class StaffAuditScreen final : public app::Screen {
public:
    void open(app::ScreenContext& context) override { audit_ = context.services.staff.recentAudit(200); }
    bool allowed(const std::optional<services::StaffSession>& staff) const override {
        return staff && isAdmin(staff->role);
    }
    void draw(app::ScreenContext& context) override;

private:
    std::vector<storage::AuditEntry> audit_;
};

void StaffAuditScreen::draw(app::ScreenContext& context) {
    if (ui::headerBar(tr("staff.home.audit"), true)) {
        context.open(kStaffHomeScreen);
        return;
    }
    ImGui::BeginChild("staff.audit.list", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollWithMouse);
    const float width = ImGui::GetContentRegionAvail().x;
    ImGui::PushFont(ui::fonts().small);
    if (ImGui::BeginTable("staff.audit.table", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn(tr("staff.audit.when"), ImGuiTableColumnFlags_WidthFixed, ui::em(5.5f));
        ImGui::TableSetupColumn(tr("staff.audit.who"), ImGuiTableColumnFlags_WidthFixed, width * 0.22f);
        ImGui::TableSetupColumn(tr("staff.audit.what"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableHeadersRow();
        // Each cell wraps within its column: a long name or detail takes more lines, never the next column.
        const auto cell = [](const std::string& words) {
            ImGui::TableNextColumn();
            ui::textWrapped(words, ImGui::GetContentRegionAvail().x);
        };
        for (const auto& entry : audit_) {
            ImGui::TableNextRow();
            cell(i18n::shortDateTime(entry.at));
            cell(services::auditActorName(entry));
            // A sentence in the reader's language; an action this kiosk does not know still shows, as its key.
            cell(services::auditSentence(entry));
        }
        ImGui::EndTable();
    }
    ImGui::PopFont();
    ui::dragToScroll();
    ImGui::EndChild();
}

}  // namespace

void registerStaffAuditScreen(app::ScreenRegistry& registry) { registry.add<StaffAuditScreen>(kStaffAuditScreen); }

}  // namespace vk::screens
