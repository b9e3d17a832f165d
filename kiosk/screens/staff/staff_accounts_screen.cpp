#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/screens/staff/staff_text.h"
#include "kiosk/ui/on_screen_keyboard.h"
#include "kiosk/i18n/dates.h"
#include "kiosk/ui/widgets.h"

#include <map>

namespace vk::screens {

using i18n::tr;
namespace {

using app::AppState;
using app::KioskServices;

struct Form {
    enum class Mode { List, Add, NewPin, ConfirmRemove };
    enum class Field { Name, Pin };
    Mode mode = Mode::List;
    Field field = Field::Name;
    std::vector<services::StaffAccount> accounts;
    std::map<std::string, std::int64_t> lockedUntil;  // accounts locked after wrong PINs, until when
    std::string accountId;  // the account being changed
    std::string accountName;
    std::string name;
    std::string pin;
    services::StaffRole role = services::StaffRole::CafeManager;
    ui::KeyboardState keyboard;
    std::string message;
    bool messageIsError = false;
};

void loadAccounts(Form& form, KioskServices& services) {
    form.accounts = services.staff.accounts();
    form.lockedUntil.clear();
    for (const auto& account : form.accounts)
        if (const std::int64_t until = services.staff.lockedUntil(account.id); until != 0)
            form.lockedUntil[account.id] = until;
}

void showResult(Form& form, KioskServices& services, const services::AccountChange& change, const char* okKey) {
    if (!change.ok()) {
        form.message = accountErrorText(change.error);
        form.messageIsError = true;
        return;
    }
    const std::string name = form.accountName.empty() && change.account ? change.account->displayName : form.accountName;
    loadAccounts(form, services);
    form.mode = Form::Mode::List;
    form.name.clear();
    form.pin.clear();
    form.message = i18n::trf(okKey, {{"name", name}});
    form.messageIsError = false;
}

void drawMessage(const Form& form, float width) {
    if (form.message.empty()) return;
    ui::textWrapped(form.message, width, ui::fonts().body, form.messageIsError ? ui::colors::kDanger : ui::colors::kSuccess);
}

void drawList(app::ScreenContext& context, Form& form) {
    const float width = ImGui::GetContentRegionAvail().x;
    if (ui::button("staff.accounts.add", tr("staff.accounts.add"), ImVec2(ui::em(12.0f), ui::em(2.4f)),
                   ui::ButtonKind::Primary)) {
        form.mode = Form::Mode::Add;
        form.field = Form::Field::Name;
        form.name.clear();
        form.pin.clear();
        form.accountName.clear();
        form.role = services::StaffRole::CafeManager;
        form.keyboard = {};
        form.keyboard.shift = true;  // names start with a capital
        form.message.clear();
        return;
    }
    drawMessage(form, width);
    ImGui::BeginChild("staff.accounts.list", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollWithMouse);
    const ImVec2 buttonSize(ui::em(7.5f), ui::em(2.2f));
    for (const auto& account : form.accounts) {
        ImGui::Separator();
        const float rowTop = ImGui::GetCursorPosY();
        ui::text(account.displayName, ui::fonts().title);
        ui::text(roleName(account.role), ui::fonts().body, ui::colors::kTextMuted);
        const auto lock = form.lockedUntil.find(account.id);
        if (lock != form.lockedUntil.end())
            ui::text(i18n::trf("staff.accounts.locked_until", {{"time", i18n::spokenClockTime(lock->second)}}),
                     ui::fonts().body, ui::colors::kDanger);
        const float rowBottom = ImGui::GetCursorPosY();
        const int buttons = lock != form.lockedUntil.end() ? 3 : 2;
        ImGui::SetCursorPos(ImVec2(ImGui::GetContentRegionMax().x - buttonSize.x * static_cast<float>(buttons) -
                                       ui::em(0.6f) * static_cast<float>(buttons - 1),
                                   rowTop + (rowBottom - rowTop - buttonSize.y) * 0.5f));
        if (lock != form.lockedUntil.end()) {
            const std::string unlockId = "staff.accounts.unlock." + account.id;
            if (ui::button(unlockId.c_str(), tr("staff.accounts.unlock"), buttonSize, ui::ButtonKind::Primary))
                context.later([&form, id = account.id, name = account.displayName](app::ScreenContext& later) {
                    form.accountName = name;
                    showResult(form, later.services, later.services.staff.unlock(&*later.state.staff, id),
                               "staff.accounts.unlocked");
                });
            ImGui::SameLine(0.0f, ui::em(0.6f));
        }
        const std::string pinId = "staff.accounts.new_pin." + account.id;
        if (ui::button(pinId.c_str(), tr("staff.accounts.new_pin"), buttonSize)) {
            form.mode = Form::Mode::NewPin;
            form.accountId = account.id;
            form.accountName = account.displayName;
            form.pin.clear();
            form.message.clear();
        }
        ImGui::SameLine(0.0f, ui::em(0.6f));
        const std::string removeId = "staff.accounts.remove." + account.id;
        if (ui::button(removeId.c_str(), tr("staff.accounts.remove"), buttonSize, ui::ButtonKind::Danger)) {
            form.mode = Form::Mode::ConfirmRemove;
            form.accountId = account.id;
            form.accountName = account.displayName;
            form.message.clear();
        }
        ImGui::SetCursorPosY(std::max(rowBottom, ImGui::GetCursorPosY()));
    }
    ui::dragToScroll();
    ImGui::EndChild();
}

void drawAdd(app::ScreenContext& context, Form& form) {
    AppState& state = context.state;
    KioskServices& services = context.services;
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float gap = ui::em(1.0f);
    const float left = (area.x - gap) * 0.6f;
    const float right = area.x - gap - left;

    // Left: the two fields; the keyboard below types into the one tapped last.
    ui::text(tr("staff.accounts.name"));
    if (ui::textField("staff.accounts.name", form.name, tr("staff.accounts.name_hint"), form.field == Form::Field::Name,
                      false, left))
        form.field = Form::Field::Name;
    ui::text(tr("staff.accounts.pin"));
    if (ui::textField("staff.accounts.pin", form.pin, tr("staff.accounts.pin_hint"), form.field == Form::Field::Pin,
                      true, left))
        form.field = Form::Field::Pin;
    drawMessage(form, left);
    const float leftBottom = ImGui::GetCursorScreenPos().y;

    // Right: the role, one large choice per line.
    ImGui::SetCursorScreenPos(ImVec2(origin.x + left + gap, origin.y));
    ImGui::BeginGroup();
    ui::text(tr("staff.accounts.role"));
    for (const services::StaffRole role :
         {services::StaffRole::MedicalAssistant, services::StaffRole::CafeManager, services::StaffRole::Admin}) {
        const std::string id = std::string("staff.accounts.role.") + std::string(storage::roleKey(role));
        if (ui::button(id.c_str(), roleName(role), ImVec2(right, ui::em(1.9f)),
                       form.role == role ? ui::ButtonKind::Primary : ui::ButtonKind::Normal))
            form.role = role;
    }
    ImGui::EndGroup();

    // The keyboard's last key moves on to the PIN; the keypad's saves.
    const float keyboardTop = std::max(leftBottom, ImGui::GetItemRectMax().y) + ui::em(0.5f);
    const float keyboardHeight = origin.y + area.y - keyboardTop;
    bool save = false;
    if (form.field == Form::Field::Name) {
        ImGui::SetCursorScreenPos(ImVec2(origin.x, keyboardTop));
        if (ui::drawKeyboard(form.name, form.keyboard, services::StaffService::kMaxNameLength,
                             ImVec2(area.x, keyboardHeight), tr("common.next")))
            form.field = Form::Field::Pin;
    } else {
        const float padWidth = std::min(area.x * 0.5f, keyboardHeight * 1.6f);
        ImGui::SetCursorScreenPos(ImVec2(origin.x + (area.x - padWidth) * 0.5f, keyboardTop));
        save = ui::drawNumericKeypad(form.pin, 8, ImVec2(padWidth, keyboardHeight), tr("common.save"),
                                     form.pin.size() >= 4);
    }
    if (save)
        context.later([&form, &state, &services] {
            showResult(form, services, services.staff.createAccount(&*state.staff, form.name, form.role, form.pin),
                       "staff.accounts.created");
        });
}

void drawNewPin(app::ScreenContext& context, Form& form) {
    AppState& state = context.state;
    KioskServices& services = context.services;
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float left = area.x * 0.45f;
    ui::textWrapped(i18n::trf("staff.accounts.new_pin_for", {{"name", form.accountName}}), left, ui::fonts().title);
    ui::textField("staff.accounts.pin", form.pin, "", true, true, std::min(left, ui::em(12.0f)));
    drawMessage(form, left);
    if (ui::button("staff.accounts.cancel", tr("common.cancel"), ImVec2(ui::em(10.0f), ui::em(2.4f)))) {
        form.mode = Form::Mode::List;
        form.message.clear();
        return;
    }
    const float padWidth = std::min(area.x - left - ui::em(1.0f), area.y * 0.9f);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + area.x - padWidth, origin.y));
    if (ui::drawNumericKeypad(form.pin, 8, ImVec2(padWidth, area.y), tr("common.save")))
        context.later([&form, &state, &services] {
            showResult(form, services, services.staff.resetPin(&*state.staff, form.accountId, form.pin),
                       "staff.accounts.pin_changed");
        });
}

void drawConfirmRemove(app::ScreenContext& context, Form& form) {
    AppState& state = context.state;
    KioskServices& services = context.services;
    const float width = ImGui::GetContentRegionAvail().x;
    ui::textWrapped(i18n::trf("staff.accounts.confirm_remove", {{"name", form.accountName}}), width, ui::fonts().title);
    drawMessage(form, width);
    ImGui::Dummy(ui::em(1.0f, 1.0f));
    if (ui::button("staff.accounts.confirm", tr("staff.accounts.remove"), ImVec2(ui::em(10.0f), ui::em(2.6f)),
                   ui::ButtonKind::Danger)) {
        context.later([&form, &state, &services] {
            showResult(form, services, services.staff.removeAccount(&*state.staff, form.accountId),
                       "staff.accounts.removed");
        });
        return;
    }
    ImGui::SameLine(0.0f, ui::em(1.0f));
    if (ui::button("staff.accounts.cancel", tr("common.cancel"), ImVec2(ui::em(10.0f), ui::em(2.6f)))) {
        form.mode = Form::Mode::List;
        form.message.clear();
    }
}

class StaffAccountsScreen final : public app::Screen {
public:
    void open(app::ScreenContext& context) override {
        form_ = {};
        loadAccounts(form_, context.services);
    }
    bool allowed(const std::optional<services::StaffSession>& staff) const override {
        return staff && isAdmin(staff->role);
    }
    void draw(app::ScreenContext& context) override {
        if (ui::headerBar(tr("staff.home.accounts"), true)) {
            if (form_.mode == Form::Mode::List) {
                context.open(kStaffHomeScreen);
            } else {
                form_.mode = Form::Mode::List;
                form_.message.clear();
            }
            return;
        }
        switch (form_.mode) {
        case Form::Mode::List: drawList(context, form_); break;
        case Form::Mode::Add: drawAdd(context, form_); break;
        case Form::Mode::NewPin: drawNewPin(context, form_); break;
        case Form::Mode::ConfirmRemove: drawConfirmRemove(context, form_); break;
        }
    }

private:
    Form form_;
};

}  // namespace

void registerStaffAccountsScreen(app::ScreenRegistry& registry) { registry.add<StaffAccountsScreen>(kStaffAccountsScreen); }

}  // namespace vk::screens
