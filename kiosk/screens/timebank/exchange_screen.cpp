#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/screens/timebank/member_identification.h"
#include "kiosk/screens/timebank/timebank_screens.h"
#include "kiosk/screens/timebank/timebank_text.h"
#include "kiosk/services/timebank/time_bank_receipts.h"
#include "kiosk/services/timebank/timebank_area.h"
#include "kiosk/ui/on_screen_keyboard.h"
#include "kiosk/ui/widgets.h"
#include "storage/record_id.h"

#include <algorithm>
#include <charconv>

namespace vk::screens {

using i18n::tr;
using i18n::trf;
namespace timebank = services::timebank;

namespace {

// An exchange at the counter, one question a step: who received the service, who gave it, what, how long (and
// CESU), which category; then a summary to confirm, and the result.
struct Form {
    enum class Step { Receiver, Provider, What, Minutes, Category, Confirm, Done };
    Step step = Step::Receiver;
    MemberIdentification identify;
    std::optional<timebank::TimeBankMember> receiver;
    std::optional<timebank::TimeBankMember> provider;
    std::string what;
    ui::KeyboardState keyboard{ui::KeyboardPage::Letters, true};
    std::string minutes;  // digits
    bool cesu = false;
    bool typingRate = false;
    std::string rateCents;  // digits
    std::string category;
    // One per confirmation screen: a second tap on « Valider » (or a tap after a lost frame) finds the same key and
    // records nothing more.
    std::string idempotencyKey;
    std::string message;
    std::optional<timebank::TransferResult> result;
    std::optional<timebank::TransferResult> undo;
};

int digitsValue(const std::string& digits) {
    int value = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), value);
    return value;
}

timebank::TransferRequest requestOf(const Form& form) {
    timebank::TransferRequest request;
    request.payerMemberId = form.receiver->id;
    request.providerMemberId = form.provider->id;
    request.minutes = digitsValue(form.minutes);
    request.what = form.what;
    request.category = form.category;
    if (form.cesu) {
        request.payment = timebank::TimeBankPayment::Cesu;
        if (!form.rateCents.empty()) request.cesuRateCents = digitsValue(form.rateCents);
    }
    request.idempotencyKey = form.idempotencyKey;
    return request;
}

// Where a refusal sends the manager back to, so that they fix the one thing that is wrong.
Form::Step stepToFix(timebank::TimeBankError error) {
    switch (error) {
    case timebank::TimeBankError::WhatEmpty:
    case timebank::TimeBankError::WhatTooLong: return Form::Step::What;
    case timebank::TimeBankError::MinutesInvalid:
    case timebank::TimeBankError::RateInvalid:
    case timebank::TimeBankError::BelowMinimum:
    case timebank::TimeBankError::AboveMaximum: return Form::Step::Minutes;
    case timebank::TimeBankError::CategoryUnknown: return Form::Step::Category;
    default: return Form::Step::Confirm;
    }
}

void drawMembers(const Form& form) {
    if (form.receiver) ui::text(trf("timebank.receiver", {{"name", form.receiver->name}}), ui::fonts().body);
    if (form.provider) ui::text(trf("timebank.provider", {{"name", form.provider->name}}), ui::fonts().body);
}

void drawWhat(Form& form) {
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    drawMembers(form);
    ui::textField("timebank.what", form.what, tr("timebank.details.write_what"), true, false, area.x);
    if (!form.message.empty()) ui::text(form.message, ui::fonts().body, ui::colors::kDanger);
    const float top = ImGui::GetCursorScreenPos().y + ui::em(0.3f);
    ImGui::SetCursorScreenPos(ImVec2(origin.x, top));
    const std::string before = form.what;
    if (ui::drawKeyboard(form.what, form.keyboard, timebank::TimeBank::kMaxWhatLength,
                         ImVec2(area.x, origin.y + area.y - top), tr("common.next"))) {
        form.message.clear();
        form.step = Form::Step::Minutes;
    }
    if (form.what != before) form.message.clear();
}

void drawMinutes(Form& form) {
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float left = area.x * 0.48f;
    ui::text(tr("timebank.details.minutes"), ui::fonts().title);
    if (ui::textField("timebank.minutes", form.minutes, tr("timebank.details.type_minutes"), !form.typingRate, false, left))
        form.typingRate = false;
    if (!form.minutes.empty()) ui::text(timebank::formatMinutes(digitsValue(form.minutes)), ui::fonts().body);
    ImGui::Dummy(ui::em(1.0f, 0.3f));
    if (ui::button("timebank.cesu", tr("timebank.details.cesu"), ImVec2(left, ui::em(2.0f)),
                   form.cesu ? ui::ButtonKind::Primary : ui::ButtonKind::Normal)) {
        form.cesu = !form.cesu;
        form.typingRate = form.cesu;
        if (!form.cesu) form.rateCents.clear();
    }
    if (form.cesu) {
        ui::textWrapped(tr("timebank.details.rate"), left, ui::fonts().body, ui::colors::kTextMuted);
        if (ui::textField("timebank.rate", form.rateCents, "", form.typingRate, false, left)) form.typingRate = true;
        if (!form.rateCents.empty()) ui::text(timebank::formatEuros(digitsValue(form.rateCents)), ui::fonts().body);
    }
    if (!form.message.empty()) ui::textWrapped(form.message, left, ui::fonts().body, ui::colors::kDanger);

    // The keypad on the right, for whichever field is chosen.
    const float padWidth = std::min(area.x - left - ui::em(1.0f), area.y * 1.1f);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + area.x - padWidth, origin.y));
    std::string& digits = form.typingRate ? form.rateCents : form.minutes;
    const std::string before = digits;
    const bool minutesGiven = digitsValue(form.minutes) > 0;
    if (ui::drawNumericKeypad(digits, form.typingRate ? 6 : 4, ImVec2(padWidth, area.y), tr("common.next"), minutesGiven)) {
        form.message.clear();
        form.step = Form::Step::Category;
    }
    if (digits != before) form.message.clear();
}

void drawCategory(app::ScreenContext& context, Form& form) {
    const float width = ImGui::GetContentRegionAvail().x;
    drawMembers(form);
    ui::text(tr("timebank.details.category"), ui::fonts().title);
    const float gap = ui::em(0.6f);
    const ImVec2 size((width - gap) * 0.5f, ui::em(2.2f));
    int column = 0;
    for (const std::string& key : context.services.area<timebank::TimeBankServices>().bank.categories()) {
        if (column == 1) ImGui::SameLine(0.0f, gap);
        const std::string id = "timebank.category." + key;
        if (ui::button(id.c_str(), timebank::categoryName(key).c_str(), size,
                       form.category == key ? ui::ButtonKind::Primary : ui::ButtonKind::Normal)) {
            form.category = key;
            form.message.clear();
            // The key belongs to this one confirmation: going back and changing anything makes a new one.
            form.idempotencyKey.clear();
            form.step = Form::Step::Confirm;
        }
        column = 1 - column;
    }
}

void drawConfirm(app::ScreenContext& context, Form& form) {
    const float width = ImGui::GetContentRegionAvail().x;
    if (form.idempotencyKey.empty()) form.idempotencyKey = storage::newRecordId(context.services.clock.nowMs());
    const std::string time = timebank::formatMinutes(digitsValue(form.minutes));
    ui::text(tr("timebank.confirm.title"), ui::fonts().title);
    ui::textWrapped(trf("timebank.confirm.summary",
                        {{"provider", form.provider->name}, {"receiver", form.receiver->name}, {"time", time}}),
                    width, ui::fonts().body);
    ui::textWrapped("« " + form.what + " »", width, ui::fonts().body);
    ui::text(timebank::categoryName(form.category) +
                 (form.cesu ? "  ·  CESU" + (form.rateCents.empty()
                                                 ? std::string()
                                                 : " " + timebank::formatEuros(digitsValue(form.rateCents)) + " / h")
                            : std::string()),
             ui::fonts().body, ui::colors::kTextMuted);
    ui::textWrapped(trf("timebank.confirm.moves",
                        {{"receiver", form.receiver->name}, {"provider", form.provider->name}, {"time", time}}),
                    width, ui::fonts().body);
    if (!form.message.empty()) ui::textWrapped(form.message, width, ui::fonts().body, ui::colors::kDanger);
    ImGui::Dummy(ui::em(1.0f, 0.4f));
    if (!ui::button("timebank.confirm", tr("timebank.confirm.button"), ImVec2(width, ui::em(2.6f)), ui::ButtonKind::Primary))
        return;
    context.later([&form](app::ScreenContext& later) {
        auto& area = later.services.area<timebank::TimeBankServices>();
        const auto result = area.recordAndPrint(&*later.state.staff, requestOf(form));
        if (!result.ok()) {
            form.message = transferErrorText(result, form.receiver->name, form.provider->name);
            form.step = stepToFix(result.error);
            return;
        }
        form.result = result;
        form.message.clear();
        form.step = Form::Step::Done;
    });
}

void drawDone(app::ScreenContext& context, Form& form) {
    const float width = ImGui::GetContentRegionAvail().x;
    const timebank::TransferResult& result = form.undo ? *form.undo : *form.result;
    ui::text(tr("timebank.done.title"), ui::fonts().title, ui::colors::kSuccess);
    if (form.undo)
        ui::textWrapped(tr("timebank.done.undone"), width, ui::fonts().body);
    else if (result.alreadyRecorded)
        ui::textWrapped(tr("timebank.done.already"), width, ui::fonts().body);
    else
        ui::textWrapped(context.services.printer.printsNow() ? tr("timebank.done.receipts") : tr("timebank.done.receipts_later"),
                        width, ui::fonts().body);
    const bool swapped = form.undo.has_value();  // an undo pays the provider's minutes back to the receiver
    ui::text(trf("timebank.done.balance", {{"name", form.receiver->name},
                                           {"time", signedTime(swapped ? result.providerBalance : result.payerBalance)}}),
             ui::fonts().body);
    ui::text(trf("timebank.done.balance", {{"name", form.provider->name},
                                           {"time", signedTime(swapped ? result.payerBalance : result.providerBalance)}}),
             ui::fonts().body);
    if (!form.message.empty()) ui::textWrapped(form.message, width, ui::fonts().body, ui::colors::kDanger);
    ImGui::Dummy(ui::em(1.0f, 0.5f));
    const float gap = ui::em(0.8f);
    const ImVec2 size((width - gap) * 0.5f, ui::em(2.4f));
    if (ui::button("timebank.new_exchange", tr("timebank.done.new_exchange"), size, ui::ButtonKind::Primary))
        context.later([&form] { form = Form(); });
    ImGui::SameLine(0.0f, gap);
    if (form.undo) return;
    if (ui::button("timebank.undo", tr("timebank.done.undo"), size, ui::ButtonKind::Danger)) {
        context.later([&form](app::ScreenContext& later) {
            auto& area = later.services.area<timebank::TimeBankServices>();
            const auto undo = area.correctAndPrint(&*later.state.staff, form.result->transfer->id);
            if (!undo.ok()) {
                form.message = transferErrorText(undo, form.receiver->name, form.provider->name);
                return;
            }
            form.message.clear();
            form.undo = undo;
        });
    }
}

class TimeBankExchangeScreen final : public app::Screen {
public:
    bool allowed(const std::optional<services::StaffSession>& staff) const override {
        return staff && isCafeStaff(staff->role);
    }
    void open(app::ScreenContext& context) override {
        (void)context;
        form_ = Form();
    }
    bool onRead(app::ScreenContext& context, const hardware::ReaderEvent& event) override {
        if (event.kind != hardware::ReadKind::CardUid) return false;
        if (form_.step != Form::Step::Receiver && form_.step != Form::Step::Provider) return false;
        form_.identify.onCard(context, event.value, identified());
        return true;
    }
    void draw(app::ScreenContext& context) override;

private:
    MemberIdentification::Found identified() {
        return [this](app::ScreenContext&, const timebank::TimeBankMember& member) {
            if (form_.step == Form::Step::Receiver) {
                form_.receiver = member;
                form_.identify.reset();
                form_.step = Form::Step::Provider;
            } else if (form_.receiver && member.id == form_.receiver->id) {
                form_.identify.say(tr("timebank.identify.same_member"));
            } else {
                form_.provider = member;
                form_.identify.reset();
                form_.step = Form::Step::What;
            }
        };
    }
    void back(app::ScreenContext& context);

    Form form_;
};

void TimeBankExchangeScreen::back(app::ScreenContext& context) {
    form_.message.clear();
    switch (form_.step) {
    case Form::Step::Receiver:
    case Form::Step::Done: context.open(kStaffHomeScreen); break;
    case Form::Step::Provider:
        form_.receiver.reset();
        form_.identify.reset();
        form_.step = Form::Step::Receiver;
        break;
    case Form::Step::What:
        form_.provider.reset();
        form_.identify.reset();
        form_.step = Form::Step::Provider;
        break;
    case Form::Step::Minutes: form_.step = Form::Step::What; break;
    case Form::Step::Category: form_.step = Form::Step::Minutes; break;
    case Form::Step::Confirm:
        form_.idempotencyKey.clear();
        form_.step = Form::Step::Category;
        break;
    }
}

void TimeBankExchangeScreen::draw(app::ScreenContext& context) {
    if (ui::headerBar(tr("timebank.title"), true)) {
        back(context);
        return;
    }
    switch (form_.step) {
    case Form::Step::Receiver:
        if (form_.identify.draw(context, tr("timebank.step.receiver"), identified(),
                                {"timebank.see_balance", tr("timebank.see_balance_short")}))
            context.open(kTimeBankBalanceScreen);
        break;
    case Form::Step::Provider:
        drawMembers(form_);
        form_.identify.draw(context, tr("timebank.step.provider"), identified());
        break;
    case Form::Step::What: drawWhat(form_); break;
    case Form::Step::Minutes: drawMinutes(form_); break;
    case Form::Step::Category: drawCategory(context, form_); break;
    case Form::Step::Confirm: drawConfirm(context, form_); break;
    case Form::Step::Done: drawDone(context, form_); break;
    }
}

}  // namespace

void registerTimeBankExchangeScreen(app::ScreenRegistry& registry) {
    registry.add<TimeBankExchangeScreen>(kTimeBankExchangeScreen);
}

}  // namespace vk::screens
