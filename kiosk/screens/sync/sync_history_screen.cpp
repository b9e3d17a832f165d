#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/screens/sync/sync_screens.h"
#include "kiosk/services/sync/sync_area.h"
#include "kiosk/ui/widgets.h"

#include <nlohmann/json.hpp>

namespace vk::screens {

using i18n::tr;

namespace {

// What a line is about, as the manager knows it: « Annonce « Plants de tomates » », « Membre Marie Dupont ». The
// row is the version the line keeps (the replaced one, the refused one); without a title or a name (a time bank
// movement), the record's id.
std::string recordName(const storage::SyncHistoryEntry& entry) {
    const std::string tableKey = "sync.history.table." + entry.table;
    // A table this kiosk's catalog does not name (a newer kiosk's) shows as its own name.
    const std::string table = i18n::catalog("fr").count(tableKey) ? tr(tableKey) : entry.table;
    std::string name;
    if (entry.rowJson) {
        const auto row = nlohmann::json::parse(*entry.rowJson, nullptr, false);
        // A held change keeps the whole pulled change, its row inside.
        const auto& fields = row.is_object() && row.contains("row") && row["row"].is_object() ? row["row"] : row;
        for (const char* key : {"title", "display_name"})
            if (fields.is_object() && fields.contains(key) && fields[key].is_string()) {
                name = fields[key].get<std::string>();
                break;
            }
    }
    if (name.empty()) name = entry.recordId.substr(0, 8);
    return i18n::trf("sync.history.record", {{"table", table}, {"name", name}});
}

std::string whatHappened(const storage::SyncHistoryEntry& entry) {
    if (entry.kind == "lost") return tr("sync.history.lost");
    // The reason is the hub's or the schema's own words (in English), kept as they came: a technician may need them.
    if (entry.kind == "refused") return i18n::trf("sync.history.refused", {{"reason", entry.detail}});
    return i18n::trf("sync.history.held", {{"reason", entry.detail}});
}

class SyncHistoryScreen final : public app::Screen {
public:
    void open(app::ScreenContext& context) override {
        history_ = context.services.area<services::sync::SyncServices>().service.store().history(200);
    }
    bool allowed(const std::optional<services::StaffSession>& staff) const override {
        return staff && isCafeStaff(staff->role);
    }
    void draw(app::ScreenContext& context) override;

private:
    std::vector<storage::SyncHistoryEntry> history_;
};

void SyncHistoryScreen::draw(app::ScreenContext& context) {
    if (ui::headerBar(tr("sync.history.title"), true)) {
        context.open(kStaffHomeScreen);
        return;
    }
    const float width = ImGui::GetContentRegionAvail().x;
    ui::textWrapped(tr("sync.history.intro"), width, ui::fonts().body, ui::colors::kTextMuted);
    if (history_.empty()) {
        ImGui::Dummy(ui::em(1.0f, 0.6f));
        ui::textWrapped(tr("sync.history.empty"), width, ui::fonts().body);
        return;
    }
    ImGui::BeginChild("sync.history.list", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PushFont(ui::fonts().small);
    if (ImGui::BeginTable("sync.history.table", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn(tr("sync.history.when"), ImGuiTableColumnFlags_WidthFixed, ui::em(5.5f));
        ImGui::TableSetupColumn(tr("sync.history.what"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(tr("sync.history.happened"), ImGuiTableColumnFlags_WidthStretch, 1.4f);
        ImGui::TableHeadersRow();
        // Each cell wraps within its column: a long title or reason takes more lines, never the next column.
        const auto cell = [](const std::string& words) {
            ImGui::TableNextColumn();
            ui::textWrapped(words, ImGui::GetContentRegionAvail().x);
        };
        for (const auto& entry : history_) {
            ImGui::TableNextRow();
            cell(i18n::shortDateTime(entry.at));
            cell(recordName(entry));
            cell(whatHappened(entry));
        }
        ImGui::EndTable();
    }
    ImGui::PopFont();
    ui::dragToScroll();
    ImGui::EndChild();
}

}  // namespace

void registerSyncScreens(app::ScreenRegistry& registry) { registry.add<SyncHistoryScreen>(kSyncHistoryScreen); }

}  // namespace vk::screens
