#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/screens/staff/staff_sign_in_screen.h"
#include "kiosk/screens/staff/staff_text.h"
#include "kiosk/services/staff/staff_settings.h"
#include "kiosk/ui/on_screen_keyboard.h"
#include "kiosk/ui/widgets.h"

#include <algorithm>

namespace vk::screens {

using i18n::tr;

namespace {

std::string lockoutMessage(std::int64_t lockedUntil, std::int64_t now) {
    const std::int64_t minutes = std::max<std::int64_t>(1, (lockedUntil - now + 59'999) / 60'000);
    return i18n::trf("staff.sign_in.locked",
                     {{"minutes", std::to_string(minutes)}, {"time", i18n::spokenClockTime(lockedUntil)}});
}

}  // namespace

void StaffSignInScreen::open(app::ScreenContext& context) {
    form_ = {};
    form_.accounts = context.services.staff.accounts();
    form_.keyboard.shift = true;  // a name starts with a capital
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
    if (form.accounts.empty()) {
        drawFirstAdmin(context);
        return;
    }
    const float width = ImGui::GetContentRegionAvail().x;
    ui::textWrapped(tr("staff.sign_in.choose"), width, ui::fonts().title);
    if (!form.message.empty())
        ui::textWrapped(form.message, width, ui::fonts().body,
                        form.messageIsError ? ui::colors::kDanger : ui::colors::kSuccess);
    ImGui::Dummy(ui::em(1.0f, 0.4f));
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

// A new kiosk has no staff account: whoever installs it names the first admin and chooses the PIN, twice.
void StaffSignInScreen::drawFirstAdmin(app::ScreenContext& context) {
    using Step = Form::FirstAdminStep;
    Form& form = form_;
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const int digits = context.services.config.areas.get<services::StaffSettings>().adminPinDigits;
    const float left = area.x * 0.45f;
    ui::textWrapped(tr("staff.first_admin.title"), area.x, ui::fonts().title);
    ui::textWrapped(i18n::trf("staff.first_admin.body", {{"digits", std::to_string(digits)}}), area.x, ui::fonts().body,
                    ui::colors::kTextMuted);
    if (!form.message.empty()) ui::textWrapped(form.message, area.x, ui::fonts().body, ui::colors::kDanger);
    const float top = ImGui::GetCursorScreenPos().y + ui::em(0.4f);
    const float height = origin.y + area.y - top;
    ImGui::SetCursorScreenPos(ImVec2(origin.x, top));
    if (form.firstAdminStep == Step::Name) {
        ui::text(tr("staff.first_admin.name"));
        ui::textField("staff.first_admin.name", form.firstAdminName, "", true, false, left);
        const float keyboardTop = ImGui::GetCursorScreenPos().y + ui::em(0.3f);
        ImGui::SetCursorScreenPos(ImVec2(origin.x, keyboardTop));
        if (ui::drawKeyboard(form.firstAdminName, form.keyboard, services::StaffService::kMaxNameLength,
                             ImVec2(area.x, origin.y + area.y - keyboardTop), tr("common.next")) &&
            !form.firstAdminName.empty()) {
            form.firstAdminStep = Step::Pin;
            form.message.clear();
        }
        return;
    }
    const bool again = form.firstAdminStep == Step::PinAgain;
    std::string& pin = again ? form.firstAdminPinAgain : form.firstAdminPin;
    ImGui::BeginGroup();
    ui::textWrapped(form.firstAdminName, left, ui::fonts().title);
    ui::textWrapped(again ? tr("staff.first_admin.pin_again")
                          : i18n::trf("staff.first_admin.pin", {{"digits", std::to_string(digits)}}),
                    left);
    ui::textField("staff.first_admin.pin", pin, "", true, true, std::min(left, ui::em(12.0f)));
    ImGui::EndGroup();
    const float padWidth = std::min(area.x - left - ui::em(1.0f), height * 0.9f);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + area.x - padWidth, top));
    if (!ui::drawNumericKeypad(pin, 8, ImVec2(padWidth, height), tr(again ? "common.save" : "common.next"),
                               pin.size() >= static_cast<std::size_t>(digits)))
        return;
    if (!again) {
        form.firstAdminStep = Step::PinAgain;
        form.firstAdminPinAgain.clear();
        form.message.clear();
        return;
    }
    context.later([this](app::ScreenContext& later) { createFirstAdmin(later); });
}

void StaffSignInScreen::createFirstAdmin(app::ScreenContext& context) {
    Form& form = form_;
    if (form.firstAdminPin != form.firstAdminPinAgain) {
        form.message = tr("staff.first_admin.mismatch");
        form.firstAdminStep = Form::FirstAdminStep::Pin;
        form.firstAdminPin.clear();
        form.firstAdminPinAgain.clear();
        return;
    }
    const services::AccountChange change =
        context.services.staff.createFirstAdmin(form.firstAdminName, form.firstAdminPin);
    if (!change.ok()) {
        form.message = accountErrorText(change.error);
        form.firstAdminStep = Form::FirstAdminStep::Pin;
        form.firstAdminPin.clear();
        form.firstAdminPinAgain.clear();
        return;
    }
    form = {};
    form.accounts = context.services.staff.accounts();
    form.message = i18n::trf("staff.first_admin.created", {{"name", change.account->displayName}});
    form.messageIsError = false;
}

void StaffSignInScreen::drawPinEntry(app::ScreenContext& context) {
    Form& form = form_;
    app::KioskServices& services = context.services;
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float leftWidth = area.x * 0.48f;
    const std::int64_t now = services.clock.nowMs();
    const bool locked = form.lockedUntil > now;
    const bool checking = form.pinCheck != 0;

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
    // The argon2id check takes a moment on a small PC: the pad says so rather than looking frozen.
    if (checking)
        ui::textWrapped(tr("staff.sign_in.checking"), leftWidth, ui::fonts().body, ui::colors::kTextMuted);
    else if (!form.message.empty())
        ui::textWrapped(form.message, leftWidth, ui::fonts().body,
                        form.messageIsError ? ui::colors::kDanger : ui::colors::kText);
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + area.y - ui::em(2.6f)));
    if (ui::button("staff.sign_in.other_person", tr("staff.sign_in.other_person"), ImVec2(leftWidth, ui::em(2.4f)),
                   ui::ButtonKind::Normal, !checking)) {
        const auto accounts = std::move(form.accounts);
        form = {};
        form.accounts = accounts;
        return;
    }

    // A locked account takes no digits: the pad gives way to the lock and when it ends.
    if (locked) {
        form.pin.clear();
        const float right = area.x - leftWidth - ui::em(1.0f);
        ImGui::SetCursorScreenPos(ImVec2(origin.x + leftWidth + ui::em(1.0f), origin.y + ui::em(2.0f)));
        ImGui::BeginGroup();
        ui::textCentered(ui::symbols::kWarning, right, ui::fonts().huge, ui::colors::kDanger);
        ui::textCentered(i18n::trf("staff.sign_in.locked_until", {{"time", i18n::spokenClockTime(form.lockedUntil)}}),
                         right, ui::fonts().title, ui::colors::kDanger);
        ImGui::EndGroup();
        return;
    }
    const float padWidth = std::min(area.x - leftWidth - ui::em(1.0f), area.y * 0.9f);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + area.x - padWidth, origin.y));
    const bool ok = ui::drawNumericKeypad(form.pin, 8, ImVec2(padWidth, area.y), tr("common.ok"),
                                          !locked && !checking && form.pin.size() >= 4);
    if (!ok) return;

    context.later([this](app::ScreenContext& later) {
        form_.pinCheck = later.services.staff.beginPinCheck(*form_.accountId, form_.pin);
        form_.pin.clear();
        form_.message.clear();
    });
}

bool StaffSignInScreen::onPinChecked(app::ScreenContext& context, const services::LoginResult& result) {
    Form& form = form_;
    if (form.pinCheck == 0 || result.ticket != form.pinCheck || context.state.screen != kStaffSignInScreen) return false;
    form.pinCheck = 0;
    app::KioskServices& services = context.services;
    switch (result.outcome) {
    case services::LoginOutcome::SignedIn:
        context.state.staff = result.session;
        context.open(kStaffHomeScreen);
        break;
    case services::LoginOutcome::WrongPin:
        form.message = i18n::trn("staff.sign_in.wrong_pin", result.attemptsLeft, {{"attempts", std::to_string(result.attemptsLeft)}});
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
    return true;
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
