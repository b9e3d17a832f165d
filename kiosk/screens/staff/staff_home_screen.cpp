#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/screens/staff/staff_sign_in_screen.h"
#include "kiosk/screens/staff/staff_text.h"
#include "kiosk/screens/sync/sync_screens.h"
#include "kiosk/services/sync/sync_area.h"
#include "kiosk/ui/widgets.h"

#include <algorithm>

namespace vk::screens {

using i18n::tr;

namespace {

// The staff area's first screen: notices that must not be missed, then the tools of every area that this
// person's role may use.
class StaffHomeScreen final : public app::Screen {
public:
    explicit StaffHomeScreen(const app::ScreenRegistry& registry) : registry_(registry) {}
    void open(app::ScreenContext& context) override {
        notices_ = context.services.staffNotices.open();
        syncLine_ = syncLine(context);
    }
    bool allowed(const std::optional<services::StaffSession>& staff) const override { return staff.has_value(); }
    void draw(app::ScreenContext& context) override;

private:
    // « Dernière synchronisation : … » when the kiosk shares with a territory hub; empty when it works alone.
    static std::string syncLine(app::ScreenContext& context);

    const app::ScreenRegistry& registry_;
    std::vector<storage::StaffNotice> notices_;
    std::string syncLine_;
};

std::string StaffHomeScreen::syncLine(app::ScreenContext& context) {
    auto& sync = context.services.area<services::sync::SyncServices>().service;
    if (!sync.settings().enabled()) return "";
    const auto status = sync.status();
    if (!status.lastSuccessAt) return tr("sync.never");
    const std::string when = i18n::shortDateTime(*status.lastSuccessAt);
    const bool failedSince = status.lastAttemptAt && *status.lastAttemptAt > *status.lastSuccessAt;
    return i18n::trf(failedSince ? "sync.last_failed" : "sync.last", {{"when", when}});
}

void StaffHomeScreen::draw(app::ScreenContext& context) {
    const services::StaffSession& staff = *context.state.staff;
    if (ui::headerBar(tr("staff.title"), true)) {
        context.returnHome("back");
        return;
    }
    ui::text(i18n::trf("staff.home.hello", {{"name", staff.displayName}}), ui::fonts().title);
    ui::text(roleName(staff.role), ui::fonts().body, ui::colors::kTextMuted);
    if (!syncLine_.empty()) {
        // In the small type and wrapped (a failed round's words are long, and the tools below need the room), with
        // what the sync replaced or had refused a tap away for whoever runs the café's side of it.
        const ImVec2 start = ImGui::GetCursorScreenPos();
        const float width = ImGui::GetContentRegionAvail().x;
        const char* label = tr("sync.history.open");
        const bool withHistory = isCafeStaff(staff.role);
        const ImVec2 size = withHistory ? ImVec2(ImGui::CalcTextSize(label).x + ui::em(2.0f), ImGui::GetFontSize() * 1.6f)
                                        : ImVec2(0.0f, 0.0f);
        const float gap = withHistory ? ui::em(0.8f) : 0.0f;
        ui::textWrapped(syncLine_, width - size.x - gap, ui::fonts().small, ui::colors::kTextMuted);
        const float textBottom = ImGui::GetCursorScreenPos().y;
        if (withHistory) {
            ImGui::SetCursorScreenPos(ImVec2(start.x + width - size.x, start.y));
            if (ui::button("staff.home.sync_history", label, size)) context.open(kSyncHistoryScreen);
            ImGui::SetCursorScreenPos(ImVec2(start.x, std::max(textBottom, start.y + size.y + ImGui::GetStyle().ItemSpacing.y)));
        }
    }
    ImGui::Dummy(ui::em(1.0f, 0.4f));

    // Notices and tools scroll; « Se déconnecter » stays at the foot, whatever the number of areas and notices.
    const float footer = ui::em(3.2f);
    ImGui::BeginChild("staff.home.body", ImVec2(0, ImGui::GetContentRegionAvail().y - footer), false,
                      ImGuiWindowFlags_NoScrollWithMouse);
    const float inner = ImGui::GetContentRegionAvail().x;
    // Messages that must not be missed come first; each stays until someone has read it.
    for (std::size_t i = 0; i < notices_.size() && i < 3; ++i) {
        const auto& notice = notices_[i];
        ui::noticeBanner(i18n::shortDateTime(notice.at) + "  " + notice.message);
        const std::string id = "staff.notice.ack." + std::to_string(notice.seq);
        if (ui::button(id.c_str(), tr("staff.notice.ack"), ui::em(6.0f, 1.8f))) {
            context.later([this, seq = notice.seq](app::ScreenContext& later) {
                later.services.staffNotices.acknowledge(*later.state.staff, seq);
                notices_ = later.services.staffNotices.open();
            });
        }
    }
    if (notices_.size() > 3)
        ui::text(i18n::trf("staff.notice.more", {{"count", std::to_string(notices_.size() - 3)}}), ui::fonts().body,
                 ui::colors::kTextMuted);

    // Three columns (two on a narrow screen), so that every area's tools are in reach without scrolling.
    const int columns = inner >= ui::em(30.0f) ? 3 : 2;
    const float gap = ui::em(0.6f);
    const ImVec2 size((inner - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns), ui::em(2.5f));
    int column = 0;
    for (const app::StaffTool& tool : registry_.staffTools()) {
        if (!tool.allowed(staff.role)) continue;
        if (column++ % columns != 0) ImGui::SameLine(0.0f, gap);
        if (ui::button(tool.id, tr(tool.labelKey), size, tool.primary ? ui::ButtonKind::Primary : ui::ButtonKind::Normal))
            context.open(tool.screen);
    }
    ui::dragToScroll();
    ImGui::EndChild();

    ImGui::Dummy(ui::em(1.0f, 0.4f));
    if (ui::button("staff.home.sign_out", tr("staff.home.sign_out"), ImVec2(ui::em(14.0f), ui::em(2.4f)),
                   ui::ButtonKind::Danger))
        context.returnHome("sign out");
}

}  // namespace

void registerStaffAccountsScreen(app::ScreenRegistry& registry);
void registerStaffAuditScreen(app::ScreenRegistry& registry);

bool isAdmin(services::StaffRole role) { return role == services::StaffRole::Admin; }
bool isHealthStaff(services::StaffRole role) { return isAdmin(role) || role == services::StaffRole::MedicalAssistant; }
bool isCafeStaff(services::StaffRole role) { return isAdmin(role) || role == services::StaffRole::CafeManager; }

void registerStaffScreens(app::ScreenRegistry& registry) {
    registry.add<StaffSignInScreen>(kStaffSignInScreen);
    registry.add(kStaffHomeScreen, [&registry] { return std::make_unique<StaffHomeScreen>(registry); });
    registerStaffAccountsScreen(registry);
    registerStaffAuditScreen(registry);
    registry.addStaffTool({"staff.home.accounts", "staff.home.accounts", kStaffAccountsScreen, &isAdmin});
    registry.addStaffTool({"staff.home.audit", "staff.home.audit", kStaffAuditScreen, &isAdmin});
    // Every finished PIN check is taken, whoever waits for it: taking it counts a wrong PIN and writes the log.
    registry.addFrameHook([](app::ScreenContext& context) {
        while (auto result = context.services.staff.takeFinishedPinCheck()) {
            auto* signIn = context.screen<StaffSignInScreen>(kStaffSignInScreen);
            if ((!signIn || !signIn->onPinChecked(context, *result)) && result->session)
                context.services.staff.signOut(*result->session, "left before the PIN was checked");
        }
    });
    // A staff card chooses the account, wherever the kiosk is; the PIN is still asked.
    registry.addReadHandler([](app::ScreenContext& context, const hardware::ReaderEvent& event) {
        if (event.kind != hardware::ReadKind::CardUid) return false;
        const auto account = context.services.staff.accountForCard(event.value);
        if (!account) return false;
        context.open(kStaffSignInScreen);
        context.later([account = *account](app::ScreenContext& later) {
            if (auto* signIn = later.screen<StaffSignInScreen>(kStaffSignInScreen)) signIn->chooseAccount(later.services, account);
        });
        return true;
    });
}

}  // namespace vk::screens
