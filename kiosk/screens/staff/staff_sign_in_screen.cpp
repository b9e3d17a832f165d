#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/screens/staff/staff_sign_in_screen.h"
#include "kiosk/screens/staff/staff_text.h"
#include "kiosk/ui/on_screen_keyboard.h"
#include "kiosk/ui/widgets.h"

#include <algorithm>

namespace vk::screens {

using i18n::tr;

namespace {

std::string lockoutMessage(std::int64_t lockedUntil, std::int64_t now) {
    const std::int64_t minutes = std::max<std::int64_t>(1, (lockedUntil - now + 59'999) / 60'000);
    return i18n::trf("staff.sign_in.locked", {{"minutes", std::to_string(minutes)}});
}

}  // namespace

void StaffSignInScreen::open(app::ScreenContext& context) {
    form_ = {};
    form_.accounts = context.services.staff.accounts();
}

void StaffSignInScreen::chooseAccount(app::KioskServices& services, const services::StaffAccount& account) {
    form_.accountId = account.id;
    form_.accountName = account.displayName;
    form_.pin.clear();
    form_.message.clear();
    form_.lockedUntil = services.staff.lockedUntil(account.id);
}

void StaffSignInScreen::drawChooseAccount(app::ScreenContext& context) {
    Form& form = form_;
    const float width = ImGui::GetContentRegionAvail().x;
    ui::textWrapped(tr("staff.sign_in.choose"), width, ui::fonts().title);
    ImGui::Dummy(ui::em(1.0f, 0.4f));
    if (form.accounts.empty()) {
        ui::textWrapped(tr("staff.sign_in.no_accounts"), width);
        return;
    }
    ImGui::BeginChild("staff.sign_in.accounts", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollWithMouse);
    const float gap = ui::em(0.6f);
    const ImVec2 size((ImGui::GetContentRegionAvail().x - gap) * 0.5f, ui::em(3.2f));
    int column = 0;
    for (const auto& account : form.accounts) {
        if (column == 1) ImGui::SameLine(0.0f, gap);
        const std::string id = "staff.sign_in.account." + account.id;
        const std::string label = account.displayName + "\n" + roleName(account.role);
        if (ui::button(id.c_str(), label.c_str(), size))
            context.later([this, account](app::ScreenContext& later) { chooseAccount(later.services, account); });
        column = 1 - column;
    }
    ui::dragToScroll();
    ImGui::EndChild();
}

void StaffSignInScreen::drawPinEntry(app::ScreenContext& context) {
    Form& form = form_;
    app::KioskServices& services = context.services;
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float leftWidth = area.x * 0.48f;
    const std::int64_t now = services.clock.nowMs();
    const bool locked = form.lockedUntil > now;

    ui::textWrapped(form.accountName, leftWidth, ui::fonts().title);
    ui::textWrapped(tr("staff.sign_in.enter_pin"), leftWidth);
    ImGui::Dummy(ui::em(1.0f, 0.3f));
    ui::textField("staff.sign_in.pin", form.pin, "", true, true, std::min(leftWidth, ui::em(12.0f)));
    ImGui::Dummy(ui::em(1.0f, 0.3f));
    if (locked) {
        form.message = lockoutMessage(form.lockedUntil, now);
        form.messageIsError = true;
    } else if (form.lockedUntil != 0) {
        form.lockedUntil = 0;  // the lockout ran out while the screen was open
        form.message.clear();
    }
    if (!form.message.empty())
        ui::textWrapped(form.message, leftWidth, ui::fonts().body,
                        form.messageIsError ? ui::colors::kDanger : ui::colors::kText);
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + area.y - ui::em(2.6f)));
    if (ui::button("staff.sign_in.other_person", tr("staff.sign_in.other_person"), ImVec2(leftWidth, ui::em(2.4f)))) {
        const auto accounts = std::move(form.accounts);
        form = {};
        form.accounts = accounts;
        return;
    }

    const float padWidth = std::min(area.x - leftWidth - ui::em(1.0f), area.y * 0.9f);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + area.x - padWidth, origin.y));
    const bool ok = ui::drawNumericKeypad(form.pin, 8, ImVec2(padWidth, area.y), tr("common.ok"),
                                          !locked && form.pin.size() >= 4);
    if (!ok) return;

    context.later([this](app::ScreenContext& later) { checkPin(later); });
}

void StaffSignInScreen::checkPin(app::ScreenContext& context) {
    Form& form = form_;
    app::KioskServices& services = context.services;
    const services::LoginResult result = services.staff.signInWithPin(*form.accountId, form.pin);
    form.pin.clear();
    switch (result.outcome) {
    case services::LoginOutcome::SignedIn:
        context.state.staff = result.session;
        context.open(kStaffHomeScreen);
        break;
    case services::LoginOutcome::WrongPin:
        form.message = i18n::trf("staff.sign_in.wrong_pin", {{"attempts", std::to_string(result.attemptsLeft)}});
        form.messageIsError = true;
        break;
    case services::LoginOutcome::LockedOut:
        form.lockedUntil = result.lockedUntil;
        form.message = lockoutMessage(result.lockedUntil, services.clock.nowMs());
        form.messageIsError = true;
        break;
    case services::LoginOutcome::UnknownAccount:
        form = {};
        form.accounts = services.staff.accounts();
        break;
    }
}

void StaffSignInScreen::draw(app::ScreenContext& context) {
    if (ui::headerBar(tr("staff.title"), true)) {
        context.returnHome("back");
        return;
    }
    if (form_.accountId)
        drawPinEntry(context);
    else
        drawChooseAccount(context);
}

}  // namespace vk::screens
