#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/screens/staff/staff_sign_in_screen.h"
#include "kiosk/screens/staff/staff_text.h"
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
    void open(app::ScreenContext& context) override { notices_ = context.services.staffNotices.open(); }
    bool allowed(const std::optional<services::StaffSession>& staff) const override { return staff.has_value(); }
    void draw(app::ScreenContext& context) override;

private:
    const app::ScreenRegistry& registry_;
    std::vector<storage::StaffNotice> notices_;
};

void StaffHomeScreen::draw(app::ScreenContext& context) {
    const services::StaffSession& staff = *context.state.staff;
    if (ui::headerBar(tr("staff.title"), true)) {
        context.returnHome("back");
        return;
    }
    const float width = ImGui::GetContentRegionAvail().x;
    ui::text(i18n::trf("staff.home.hello", {{"name", staff.displayName}}), ui::fonts().title);
    ui::text(roleName(staff.role), ui::fonts().body, ui::colors::kTextMuted);
    ImGui::Dummy(ui::em(1.0f, 0.4f));

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

    // Two columns while the tools fit; a third once the areas bring more than six, so that sign-out stays on a
    // 1024×600 screen.
    int tools = 0;
    for (const app::StaffTool& tool : registry_.staffTools()) tools += tool.allowed(staff.role) ? 1 : 0;
    const int columns = tools > 6 ? 3 : 2;
    const float gap = ui::em(0.8f);
    const ImVec2 size((width - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns),
                      ui::em(columns == 2 ? 2.8f : 2.4f));
    int column = 0;
    for (const app::StaffTool& tool : registry_.staffTools()) {
        if (!tool.allowed(staff.role)) continue;
        if (column++ % columns != 0) ImGui::SameLine(0.0f, gap);
        if (ui::button(tool.id, tr(tool.labelKey), size, tool.primary ? ui::ButtonKind::Primary : ui::ButtonKind::Normal))
            context.open(tool.screen);
    }

    // At the foot of the screen, or below the text when the text reaches that far.
    ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY() + ui::em(0.4f), ImGui::GetWindowHeight() - ui::em(3.4f)));
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
