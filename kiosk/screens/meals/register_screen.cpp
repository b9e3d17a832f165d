#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/meals/meals_screens.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/ui/on_screen_keyboard.h"
#include "kiosk/ui/widgets.h"

#include <algorithm>

namespace vk::screens {

using i18n::tr;
using i18n::trf;
namespace meals = services::meals;

namespace {

// The register: the recipients with their mode, days, funder and diet; the form of a new or changed one (texts on
// the keyboard, the mode and days as toggles, the dates and the round order with steps); removing someone, which
// starts their retention period. A refused form stays as typed, with the reason above its buttons.
class MealsRegisterScreen final : public app::Screen {
public:
    enum class Step { List, Edit, Typing, ConfirmRemove };
    enum class Field { Name, Address, Diet, Funder, ConsentBy };

    bool allowed(const std::optional<services::StaffSession>& staff) const override {
        return meals_ui::mayManage(staff);
    }
    void open(app::ScreenContext& context) override {
        step_ = Step::List;
        message_.clear();
        reload(context);
    }
    void draw(app::ScreenContext& context) override;

private:
    void reload(app::ScreenContext& context) {
        recipients_ = meals_ui::mealsOf(context.services).meals.recipients(&*context.state.staff);
    }
    void say(std::string words, bool error) {
        message_ = std::move(words);
        messageIsError_ = error;
    }
    void drawMessage(float width) {
        if (!message_.empty())
            ui::textWrapped(message_, width, ui::fonts().body, messageIsError_ ? ui::colors::kDanger : ui::colors::kSuccess);
    }
    void drawList(app::ScreenContext& context);
    void drawEdit(app::ScreenContext& context);
    void drawTyping();
    void drawConfirmRemove(app::ScreenContext& context);
    void save(app::ScreenContext& context);
    std::string& fieldText();

    Step step_ = Step::List;
    std::vector<meals::MealRecipient> recipients_;
    std::optional<std::string> editing_;  // the recipient's id; empty for a new one
    meals::RecipientForm form_;
    Field field_ = Field::Name;
    ui::KeyboardState keyboard_{ui::KeyboardPage::Letters, true};
    std::string message_;
    bool messageIsError_ = false;
};

void MealsRegisterScreen::drawList(app::ScreenContext& context) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float gap = ui::em(0.6f);
    const ImVec2 top((avail.x - gap * 2.0f) / 3.0f, ui::em(2.0f));
    if (ui::button("meals.register.new", tr("meals.register.new"), top, ui::ButtonKind::Primary)) {
        const std::string today = meals_ui::mealsOf(context.services).meals.today();
        form_ = meals::RecipientForm{};
        form_.weekdays = 0x1f;  // Monday to Friday, the café's usual week
        form_.funder = meals_ui::mealsOf(context.services).settings.defaultFunder;
        form_.consentOn = today;
        form_.consentBy = context.state.staff->displayName;
        form_.startsOn = today;
        editing_.reset();
        message_.clear();
        step_ = Step::Edit;
    }
    ImGui::SameLine(0.0f, gap);
    if (ui::button("meals.register.to_day", tr("meals.register.to_day"), top)) context.open(kMealsDayScreen);
    ImGui::SameLine(0.0f, gap);
    if (ui::button("meals.register.to_count", tr("meals.register.to_count"), top)) context.open(kMealsCountScreen);
    drawMessage(avail.x);
    if (recipients_.empty()) ui::textWrapped(tr("meals.register.none"), avail.x, ui::fonts().body, ui::colors::kTextMuted);
    ImGui::BeginChild("meals.register.list", ImVec2(avail.x, ImGui::GetContentRegionAvail().y), false,
                      ImGuiWindowFlags_NoScrollWithMouse);
    const float width = ImGui::GetContentRegionAvail().x;
    for (std::size_t i = 0; i < recipients_.size(); ++i) {
        const auto& r = recipients_[i];
        std::string facts = meals_ui::modeLabel(r.details.mode) + "  ·  " + meals_ui::weekdaysLabel(r.details.weekdays) +
                            "  ·  " + r.details.funder;
        if (!r.details.diet.empty()) facts += "  ·  " + r.details.diet;
        if (r.details.endsOn) facts += "  ·  " + trf("meals.register.until", {{"day", meals_ui::dayLabel(*r.details.endsOn)}});
        const std::string label = r.details.name + "\n" + facts;
        const std::string id = "meals.register.recipient." + std::to_string(i);
        if (ui::button(id.c_str(), label.c_str(), ImVec2(width, ui::em(2.8f)))) {
            const meals::MealRecipient chosen = r;
            context.later([this, chosen](app::ScreenContext&) {
                editing_ = chosen.id;
                form_ = meals::formOf(chosen);
                message_.clear();
                step_ = Step::Edit;
            });
        }
    }
    ui::dragToScroll();
    ImGui::EndChild();
}

std::string& MealsRegisterScreen::fieldText() {
    switch (field_) {
    case Field::Name: return form_.name;
    case Field::Address: return form_.address;
    case Field::Diet: return form_.diet;
    case Field::Funder: return form_.funder;
    case Field::ConsentBy: return form_.consentBy;
    }
    return form_.name;
}

void MealsRegisterScreen::save(app::ScreenContext& context) {
    auto& book = meals_ui::mealsOf(context.services).meals;
    const auto result = editing_ ? book.editRecipient(&*context.state.staff, *editing_, form_)
                                 : book.addRecipient(&*context.state.staff, form_);
    if (!result.ok()) {
        say(meals_ui::refusalText(result.error), true);
        return;
    }
    reload(context);
    say(trf("meals.register.saved", {{"name", result.recipient->details.name}}), false);
    step_ = Step::List;
}

void MealsRegisterScreen::drawEdit(app::ScreenContext& context) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float gap = ui::em(0.4f);
    const float third = (avail.x - gap * 2.0f) / 3.0f;
    const auto field = [&](const char* id, const std::string& value, const char* label, Field which) {
        if (ui::textField(id, value, label, false, false, third)) {
            field_ = which;
            // An empty field starts with a capital, as a name or an address does.
            keyboard_ = ui::KeyboardState{ui::KeyboardPage::Letters, value.empty()};
            step_ = Step::Typing;
        }
    };
    const bool home = form_.mode == "home";
    field("meals.register.name", form_.name, tr("meals.register.field_name"), Field::Name);
    ImGui::SameLine(0.0f, gap);
    if (home) field("meals.register.address", form_.address, tr("meals.register.field_address"), Field::Address);
    else ui::textWrapped(tr("meals.register.no_address"), third, ui::fonts().body, ui::colors::kTextMuted);
    ImGui::SameLine(0.0f, gap);
    field("meals.register.diet", form_.diet, tr("meals.register.field_diet"), Field::Diet);
    field("meals.register.funder", form_.funder, tr("meals.register.field_funder"), Field::Funder);
    ImGui::SameLine(0.0f, gap);
    field("meals.register.consent_by", form_.consentBy, tr("meals.register.field_consent_by"), Field::ConsentBy);
    ImGui::SameLine(0.0f, gap);
    const ImVec2 mode((third - gap) * 0.5f, ui::em(1.8f));
    if (ui::button("meals.register.mode_cafe", tr("meals.register.mode_cafe"), mode,
                   home ? ui::ButtonKind::Normal : ui::ButtonKind::Primary))
        form_.mode = "cafe";
    ImGui::SameLine(0.0f, gap);
    if (ui::button("meals.register.mode_home", tr("meals.register.mode_home"), mode,
                   home ? ui::ButtonKind::Primary : ui::ButtonKind::Normal))
        form_.mode = "home";

    // The days of the week, each a toggle.
    const ImVec2 dayButton((avail.x - gap * 6.0f) / 7.0f, ui::em(1.8f));
    for (int i = 0; i < 7; ++i) {
        if (i > 0) ImGui::SameLine(0.0f, gap);
        const bool on = (form_.weekdays & (1 << i)) != 0;
        const std::string id = "meals.register.day." + std::to_string(i);
        if (ui::button(id.c_str(), tr("meals.days.short." + std::to_string(i)), dayButton,
                       on ? ui::ButtonKind::Primary : ui::ButtonKind::Normal))
            form_.weekdays ^= 1 << i;
    }

    // Two steps a row: the words on the left of each half, its − and + on the right.
    const float half = (avail.x - gap) * 0.5f;
    const ImVec2 step(ui::em(2.4f), ui::em(1.8f));
    const auto stepper = [&](float left, const std::string& words, const char* id, auto&& minus, auto&& plus) {
        const float y = ImGui::GetCursorPosY();
        ImGui::SetCursorPosX(left);
        ui::textWrapped(words, half - 2.0f * step.x - gap * 2.0f, ui::fonts().body);
        const float below = ImGui::GetCursorPosY();
        ImGui::SetCursorPos(ImVec2(left + half - 2.0f * step.x - gap, y));
        if (ui::button((std::string(id) + "_minus").c_str(), tr("meals.step.minus"), step)) minus();
        ImGui::SameLine(0.0f, gap);
        if (ui::button((std::string(id) + "_plus").c_str(), tr("meals.step.plus"), step)) plus();
        return std::max(below, y + step.y + gap);
    };
    const float x0 = ImGui::GetCursorPosX();
    const auto shift = [](std::string& day, int days) {
        if (services::health::isValidDay(day)) day = services::health::addDays(day, days);
    };
    float y = ImGui::GetCursorPosY();
    float next = stepper(x0, trf("meals.register.field_consent_on", {{"day", meals_ui::dayLabel(form_.consentOn)}}),
                         "meals.register.consent_on", [&] { shift(form_.consentOn, -1); },
                         [&] { shift(form_.consentOn, 1); });
    ImGui::SetCursorPosY(y);
    next = std::max(next, stepper(x0 + half + gap,
                                  trf("meals.register.field_from", {{"day", meals_ui::dayLabel(form_.startsOn)}}),
                                  "meals.register.from", [&] { shift(form_.startsOn, -1); },
                                  [&] { shift(form_.startsOn, 1); }));
    ImGui::SetCursorPosY(next);
    y = next;
    next = stepper(x0,
                   form_.endsOn.empty() ? std::string(tr("meals.register.field_no_end"))
                                        : trf("meals.register.field_to", {{"day", meals_ui::dayLabel(form_.endsOn)}}),
                   "meals.register.to",
                   [&] {
                       // Before the first day, the service has no known end.
                       if (form_.endsOn.empty()) return;
                       shift(form_.endsOn, -1);
                       if (form_.endsOn < form_.startsOn) form_.endsOn.clear();
                   },
                   [&] {
                       if (form_.endsOn.empty()) form_.endsOn = form_.startsOn;
                       else shift(form_.endsOn, 1);
                   });
    ImGui::SetCursorPosY(y);
    next = std::max(next, stepper(x0 + half + gap,
                                  trf("meals.register.field_order", {{"order", std::to_string(form_.roundOrder)}}),
                                  "meals.register.order", [&] { form_.roundOrder = std::max(form_.roundOrder - 1, 0); },
                                  [&] { form_.roundOrder = std::min(form_.roundOrder + 1, meals::kMaxRoundOrder); }));
    ImGui::SetCursorPos(ImVec2(x0, next));
    drawMessage(avail.x);
    const ImVec2 bottom((avail.x - gap * 2.0f) / 3.0f, ui::em(2.0f));
    if (ui::button("meals.register.discard", tr("meals.register.discard"), bottom)) {
        message_.clear();
        step_ = Step::List;
    }
    ImGui::SameLine(0.0f, gap);
    if (ui::button("meals.register.remove", tr("meals.register.remove"), bottom, ui::ButtonKind::Danger,
                   editing_.has_value())) {
        message_.clear();
        step_ = Step::ConfirmRemove;
    }
    ImGui::SameLine(0.0f, gap);
    if (ui::button("meals.register.save", tr("meals.register.save"), bottom, ui::ButtonKind::Primary))
        context.later([this](app::ScreenContext& later) { save(later); });
}

void MealsRegisterScreen::drawTyping() {
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    std::string& text = fieldText();
    const char* label = field_ == Field::Name      ? tr("meals.register.field_name")
                        : field_ == Field::Address ? tr("meals.register.field_address")
                        : field_ == Field::Diet    ? tr("meals.register.field_diet")
                        : field_ == Field::Funder  ? tr("meals.register.field_funder")
                                                   : tr("meals.register.field_consent_by");
    const std::size_t max = field_ == Field::Address ? meals::kMaxAddressLength
                            : field_ == Field::Diet  ? meals::kMaxDietLength
                            : field_ == Field::Funder ? meals::kMaxFunderLength
                                                      : meals::kMaxNameLength;
    ui::textField("meals.register.typing", text, label, true, false, area.x);
    const float top = ImGui::GetCursorScreenPos().y + ui::em(0.3f);
    ImGui::SetCursorScreenPos(ImVec2(origin.x, top));
    if (ui::drawKeyboard(text, keyboard_, max, ImVec2(area.x, origin.y + area.y - top), tr("common.next")))
        step_ = Step::Edit;
}

void MealsRegisterScreen::drawConfirmRemove(app::ScreenContext& context) {
    const float width = ImGui::GetContentRegionAvail().x;
    ui::textWrapped(trf("meals.register.remove_question", {{"name", form_.name}}), width, ui::fonts().title);
    ui::textWrapped(tr("meals.register.remove_hint"), width, ui::fonts().body);
    const float gap = ui::em(0.8f);
    const ImVec2 size((width - gap) * 0.5f, ui::em(2.4f));
    if (ui::button("meals.register.keep", tr("meals.register.keep"), size)) step_ = Step::Edit;
    ImGui::SameLine(0.0f, gap);
    if (ui::button("meals.register.confirm_remove", tr("meals.register.confirm_remove"), size, ui::ButtonKind::Danger)) {
        context.later([this](app::ScreenContext& later) {
            const auto error = meals_ui::mealsOf(later.services).meals.removeRecipient(&*later.state.staff, *editing_);
            if (error != meals::MealError::None) {
                say(meals_ui::refusalText(error), true);
                step_ = Step::Edit;
                return;
            }
            say(tr("meals.register.removed"), false);
            reload(later);
            step_ = Step::List;
        });
    }
}

void MealsRegisterScreen::draw(app::ScreenContext& context) {
    if (ui::headerBar(tr("meals.register.title"), true)) {
        message_.clear();
        switch (step_) {
        case Step::List: context.open(kStaffHomeScreen); break;
        case Step::Edit: step_ = Step::List; break;
        case Step::Typing: step_ = Step::Edit; break;
        case Step::ConfirmRemove: step_ = Step::Edit; break;
        }
        return;
    }
    switch (step_) {
    case Step::List: drawList(context); break;
    case Step::Edit: drawEdit(context); break;
    case Step::Typing: drawTyping(); break;
    case Step::ConfirmRemove: drawConfirmRemove(context); break;
    }
}

}  // namespace

void registerMealsRegisterScreen(app::ScreenRegistry& registry) { registry.add<MealsRegisterScreen>(kMealsRegisterScreen); }

}  // namespace vk::screens
