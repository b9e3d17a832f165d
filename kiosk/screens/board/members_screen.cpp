// The café manager's list of members: add, edit (details and consent), a new PIN, a card, remove.

#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/board/board_screens.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/services/board/board_area.h"
#include "kiosk/ui/on_screen_keyboard.h"
#include "kiosk/ui/widgets.h"

namespace vk::screens {

using i18n::tr;
using services::board::BoardServices;
using services::board::Member;
using services::board::MemberChange;
using services::board::MemberForm;

namespace {

class MembersScreen final : public app::Screen {
public:
    bool allowed(const std::optional<services::StaffSession>& staff) const override {
        return staff && isCafeStaff(staff->role);
    }

    void open(app::ScreenContext& context) override {
        mode_ = Mode::List;
        message_.clear();
        reload(context.services);
    }

    bool onRead(app::ScreenContext& context, const hardware::ReaderEvent& event) override {
        if (mode_ != Mode::Card || event.kind != hardware::ReadKind::CardUid) return false;
        context.later([this, card = event.value](app::ScreenContext& later) {
            finish(later, later.services.area<BoardServices>().members.assignCard(&*later.state.staff, memberId_, card));
        });
        return true;
    }

    void draw(app::ScreenContext& context) override {
        if (ui::headerBar(tr("board.members.title"), true)) {
            if (mode_ == Mode::List)
                context.open(kStaffHomeScreen);
            else
                mode_ = Mode::List;
            message_.clear();
            return;
        }
        switch (mode_) {
        case Mode::List: drawList(); break;
        case Mode::Form: drawForm(context); break;
        case Mode::Pin: drawPin(context); break;
        case Mode::Card: drawCard(context); break;
        case Mode::ConfirmRemove: drawConfirmRemove(context); break;
        }
    }

private:
    enum class Mode { List, Form, Pin, Card, ConfirmRemove };
    enum class Field { Name, Village, Phone, Email, Pin };

    void reload(app::KioskServices& services) { members_ = services.area<BoardServices>().members.list(); }

    void finish(app::ScreenContext& context, const MemberChange& change) {
        message_ = tr(std::string(services::board::memberErrorKey(change.error)));
        error_ = !change.ok();
        if (change.ok()) {
            mode_ = Mode::List;
            reload(context.services);
        }
    }

    void drawMessage(float width) {
        if (!message_.empty())
            ui::textWrapped(message_, width, ui::fonts().body, error_ ? ui::colors::kDanger : ui::colors::kSuccess);
    }

    void startForm(const Member* member) {
        mode_ = Mode::Form;
        field_ = Field::Name;
        form_ = {};
        memberId_.clear();
        if (member) {
            memberId_ = member->id;
            form_.name = member->displayName;
            form_.village = member->village;
            form_.phone = member->phone.value_or("");
            form_.email = member->email.value_or("");
            form_.consent = member->consent;
        }
        keyboard_ = {};
        keyboard_.shift = !member;
        message_.clear();
    }

    void drawList() {
        const float width = ImGui::GetContentRegionAvail().x;
        if (ui::button("board.members.add", tr("board.members.add"), ImVec2(ui::em(12.0f), ui::em(2.4f)),
                       ui::ButtonKind::Primary)) {
            startForm(nullptr);
            return;
        }
        drawMessage(width);
        ImGui::BeginChild("board.members.list", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollWithMouse);
        const float listWidth = ImGui::GetContentRegionAvail().x;
        if (members_.empty()) ui::textWrapped(tr("board.members.empty"), listWidth, ui::fonts().body, ui::colors::kTextMuted);
        const ImVec2 buttonSize(ui::em(5.0f), ui::em(2.2f));
        const float gap = ui::em(0.4f);
        const float buttonsWidth = buttonSize.x * 4.0f + gap * 3.0f;
        for (const Member& member : members_) {
            ImGui::Separator();
            const float rowTop = ImGui::GetCursorPosY();
            const float textWidth = listWidth - buttonsWidth - ui::em(0.6f);
            ui::textWrapped(member.displayName, textWidth, ui::fonts().body, ui::colors::kBoard);
            std::string details = member.village;
            if (member.phone) details += (details.empty() ? "" : " · ") + *member.phone;
            if (member.cardDigest) details += (details.empty() ? "" : " · ") + std::string(tr("board.members.has_card"));
            if (!member.pinHash) details += (details.empty() ? "" : " · ") + std::string(tr("board.members.no_pin"));
            ui::textWrapped(details, textWidth, ui::fonts().small, ui::colors::kTextMuted);
            const float rowBottom = ImGui::GetCursorPosY();
            ImGui::SetCursorPos(ImVec2(ImGui::GetContentRegionMax().x - buttonsWidth, rowTop + ui::em(0.2f)));
            const std::string editId = "board.members.edit." + member.id;
            if (ui::button(editId.c_str(), tr("board.members.edit"), buttonSize)) startForm(&member);
            ImGui::SameLine(0.0f, gap);
            const std::string pinId = "board.members.pin." + member.id;
            if (ui::button(pinId.c_str(), tr("board.members.pin"), buttonSize)) {
                mode_ = Mode::Pin;
                memberId_ = member.id;
                memberName_ = member.displayName;
                form_.pin.clear();
                message_.clear();
            }
            ImGui::SameLine(0.0f, gap);
            const std::string cardId = "board.members.card." + member.id;
            if (ui::button(cardId.c_str(), tr("board.members.card"), buttonSize)) {
                mode_ = Mode::Card;
                memberId_ = member.id;
                memberName_ = member.displayName;
                message_.clear();
            }
            ImGui::SameLine(0.0f, gap);
            const std::string removeId = "board.members.remove." + member.id;
            if (ui::button(removeId.c_str(), tr("board.members.remove"), buttonSize, ui::ButtonKind::Danger)) {
                mode_ = Mode::ConfirmRemove;
                memberId_ = member.id;
                memberName_ = member.displayName;
                message_.clear();
            }
            ImGui::SetCursorPosY(std::max(rowBottom, rowTop + buttonSize.y + ui::em(0.4f)));
        }
        ui::dragToScroll();
        ImGui::EndChild();
    }

    bool fieldRow(const char* id, const char* labelKey, std::string& value, Field field, bool masked, float width) {
        ui::text(tr(labelKey), ui::fonts().small);
        const bool tapped = ui::textField(id, value, tr("board.members.tap_to_write"), field_ == field, masked, width);
        if (tapped) {
            field_ = field;
            keyboard_ = {};
        }
        return tapped;
    }

    std::string* activeText() {
        switch (field_) {
        case Field::Name: return &form_.name;
        case Field::Village: return &form_.village;
        case Field::Phone: return &form_.phone;
        case Field::Email: return &form_.email;
        case Field::Pin: return nullptr;
        }
        return nullptr;
    }

    void drawForm(app::ScreenContext& context) {
        const ImVec2 area = ImGui::GetContentRegionAvail();
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        const float gap = ui::em(0.8f);
        const float column = (area.x - gap * 2.0f) / 3.0f;
        const bool adding = memberId_.empty();

        // Three columns of fields above the keyboard, the consent and Save on the right.
        ImGui::BeginGroup();
        fieldRow("board.members.name", "board.members.name", form_.name, Field::Name, false, column);
        fieldRow("board.members.village", "board.members.village", form_.village, Field::Village, false, column);
        ImGui::EndGroup();
        ImGui::SameLine(0.0f, gap);
        ImGui::BeginGroup();
        fieldRow("board.members.phone", "board.members.phone", form_.phone, Field::Phone, false, column);
        fieldRow("board.members.email", "board.members.email", form_.email, Field::Email, false, column);
        ImGui::EndGroup();
        ImGui::SameLine(0.0f, gap);
        ImGui::BeginGroup();
        if (adding) fieldRow("board.members.new_pin", "board.members.new_pin", form_.pin, Field::Pin, true, column);
        const ImVec2 toggle(column, ui::em(1.9f));
        const auto consent = [&](const char* id, const char* key, bool& value) {
            const std::string label = std::string(value ? ui::symbols::kCheck : ui::symbols::kCircle) + " " + tr(key);
            if (ui::button(id, label.c_str(), toggle)) value = !value;
        };
        consent("board.members.show_name", "board.members.show_name", form_.consent.showName);
        consent("board.members.show_phone", "board.members.show_phone", form_.consent.showPhone);
        if (!adding) consent("board.members.share", "board.members.share", form_.consent.shareWithTerritory);
        ImGui::EndGroup();
        const float fieldsBottom = ImGui::GetItemRectMax().y;

        drawMessage(area.x);
        const float top = std::max(fieldsBottom, ImGui::GetCursorScreenPos().y) + ui::em(0.3f);
        const float height = origin.y + area.y - top;
        ImGui::SetCursorScreenPos(ImVec2(origin.x, top));
        bool save = false;
        if (std::string* text = activeText()) {
            save = ui::drawKeyboard(*text, keyboard_, field_ == Field::Email ? 120 : 80, ImVec2(area.x, height),
                                    tr("common.save"));
        } else {
            const float padWidth = std::min(area.x * 0.5f, height * 1.6f);
            ImGui::SetCursorScreenPos(ImVec2(origin.x + (area.x - padWidth) * 0.5f, top));
            save = ui::drawNumericKeypad(form_.pin, 8, ImVec2(padWidth, height), tr("common.save"));
        }
        if (save)
            context.later([this](app::ScreenContext& later) {
                auto& members = later.services.area<BoardServices>().members;
                const auto* actor = &*later.state.staff;
                finish(later, memberId_.empty() ? members.add(actor, form_) : members.edit(actor, memberId_, form_));
            });
    }

    void drawPin(app::ScreenContext& context) {
        const ImVec2 area = ImGui::GetContentRegionAvail();
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        const float left = area.x * 0.45f;
        ui::textWrapped(i18n::trf("board.members.pin_for", {{"name", memberName_}}), left, ui::fonts().title);
        ui::textField("board.members.pin_field", form_.pin, "", true, true, std::min(left, ui::em(10.0f)));
        drawMessage(left);
        const float padWidth = std::min(area.x - left - ui::em(1.0f), area.y * 0.9f);
        ImGui::SetCursorScreenPos(ImVec2(origin.x + area.x - padWidth, origin.y));
        if (ui::drawNumericKeypad(form_.pin, 8, ImVec2(padWidth, area.y), tr("common.save")))
            context.later([this](app::ScreenContext& later) {
                finish(later, later.services.area<BoardServices>().members.setPin(&*later.state.staff, memberId_, form_.pin));
            });
    }

    void drawCard(app::ScreenContext& context) {
        const float width = ImGui::GetContentRegionAvail().x;
        ImGui::Dummy(ui::em(1.0f, 1.0f));
        ui::textCentered(i18n::trf("board.members.present_card", {{"name", memberName_}}), width, ui::fonts().title);
        drawMessage(width);
        ImGui::Dummy(ui::em(1.0f, 1.0f));
        if (ui::button("board.members.remove_card", tr("board.members.remove_card"), ImVec2(ui::em(12.0f), ui::em(2.4f))))
            context.later([this](app::ScreenContext& later) {
                finish(later, later.services.area<BoardServices>().members.assignCard(&*later.state.staff, memberId_,
                                                                                      std::nullopt));
            });
        ImGui::SameLine(0.0f, ui::em(1.0f));
        if (ui::button("board.members.cancel", tr("common.cancel"), ImVec2(ui::em(10.0f), ui::em(2.4f)))) mode_ = Mode::List;
    }

    void drawConfirmRemove(app::ScreenContext& context) {
        const float width = ImGui::GetContentRegionAvail().x;
        ui::textWrapped(i18n::trf("board.members.confirm_remove", {{"name", memberName_}}), width, ui::fonts().title);
        ImGui::Dummy(ui::em(1.0f, 1.0f));
        if (ui::button("board.members.confirm", tr("board.members.remove"), ImVec2(ui::em(10.0f), ui::em(2.6f)),
                       ui::ButtonKind::Danger))
            context.later([this](app::ScreenContext& later) {
                finish(later, later.services.area<BoardServices>().members.remove(&*later.state.staff, memberId_));
            });
        ImGui::SameLine(0.0f, ui::em(1.0f));
        if (ui::button("board.members.cancel", tr("common.cancel"), ImVec2(ui::em(10.0f), ui::em(2.6f)))) mode_ = Mode::List;
    }

    Mode mode_ = Mode::List;
    Field field_ = Field::Name;
    std::vector<Member> members_;
    MemberForm form_;
    std::string memberId_;
    std::string memberName_;
    std::string message_;
    bool error_ = false;
    ui::KeyboardState keyboard_;
};

}  // namespace

void registerMembersScreen(app::ScreenRegistry& registry) { registry.add<MembersScreen>(kBoardMembersScreen); }

}  // namespace vk::screens
