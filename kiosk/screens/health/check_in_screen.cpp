#include "kiosk/screens/health/check_in_screen.h"

#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/health/health_screens.h"
#include "kiosk/services/health/health_area.h"
#include "kiosk/ui/on_screen_keyboard.h"
#include "kiosk/ui/solid_fill.h"
#include "kiosk/ui/widgets.h"

namespace vk::screens {

using i18n::tr;
namespace health = services::health;
using Form = CheckInScreen::Form;

namespace {

// "14 / 03 / 19__": the date fills in as it is typed, day first as French people say it.
std::string birthDateShown(const std::string& digits) {
    std::string shown;
    for (std::size_t i = 0; i < 8; ++i) {
        if (i == 2 || i == 4) shown += " / ";
        shown += i < digits.size() ? digits[i] : '_';
    }
    return shown;
}

void drawChoose(Form& form, float width, bool cardReader) {
    ui::textWrapped(tr("check_in.choose"), width, ui::fonts().title);
    ImGui::Dummy(ui::em(1.0f, 0.5f));
    const ImVec2 big(width, ui::em(3.2f));
    if (ui::button("check_in.by_birth_date", tr("check_in.by_birth_date"), big, ui::ButtonKind::Primary)) {
        form.step = Form::Step::BirthDate;
        form.birthDigits.clear();
    }
    ImGui::Dummy(ui::em(1.0f, 0.3f));
    if (ui::button("check_in.by_code", tr("check_in.by_code"), big)) {
        form.step = Form::Step::Code;
        form.code.clear();
    }
    // Only where a card can be read: a hint about a reader that is not there sends people looking for it.
    if (cardReader) {
        ImGui::Dummy(ui::em(1.0f, 0.4f));
        ui::textWrapped(tr("check_in.card_hint"), width, ui::fonts().body, ui::colors::kTextMuted);
    }
    ImGui::Dummy(ui::em(1.0f, 0.4f));
    if (ui::button("check_in.see_assistant", tr("check_in.see_assistant"), ImVec2(width, ui::em(2.4f)),
                   ui::ButtonKind::Quiet))
        form.step = Form::Step::SeeAssistant;
}

void drawBirthDate(Form& form, const ImVec2& area, const ImVec2& origin) {
    const float left = area.x * 0.45f;
    ui::textWrapped(tr("check_in.birth_date"), left, ui::fonts().title);
    ImGui::Dummy(ui::em(1.0f, 0.5f));
    ui::text(birthDateShown(form.birthDigits), ui::fonts().huge, ui::colors::kPrimary);
    ImGui::Dummy(ui::em(1.0f, 0.5f));
    ui::textWrapped(tr("check_in.birth_date_example"), left, ui::fonts().body, ui::colors::kTextMuted);
    const float padWidth = std::min(area.x - left - ui::em(1.0f), area.y * 0.9f);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + area.x - padWidth, origin.y));
    if (ui::drawNumericKeypad(form.birthDigits, 8, ImVec2(padWidth, area.y), tr("common.next"),
                              form.birthDigits.size() == 8)) {
        form.step = Form::Step::Letters;
        form.letters.clear();
        form.keyboard = {};
        form.keyboard.shift = true;
    }
}

void drawLetters(app::ScreenContext& context, CheckInScreen& screen, Form& form, const ImVec2& area, const ImVec2& origin) {
    ui::textWrapped(tr("check_in.letters"), area.x, ui::fonts().title);
    ui::textField("check_in.letters", form.letters, "", true, false, ui::em(10.0f));
    const float top = ImGui::GetCursorScreenPos().y + ui::em(0.5f);
    ImGui::SetCursorScreenPos(ImVec2(origin.x, top));
    // Three letters are plenty to tell patients apart; the keyboard stops there.
    if (ui::drawKeyboard(form.letters, form.keyboard, 3, ImVec2(area.x, origin.y + area.y - top), tr("common.ok")) &&
        form.letters.size() >= health::CheckInPolicy::kMinSurnameLetters) {
        const std::string date = form.birthDigits.substr(4, 4) + "-" + form.birthDigits.substr(2, 2) + "-" +
                                 form.birthDigits.substr(0, 2);
        context.later([&screen, date, letters = form.letters](app::ScreenContext& later) {
            screen.showResult(later.services,
                              later.services.area<health::HealthServices>().checkIn.byBirthDate(date, letters));
        });
    }
}

void drawCode(app::ScreenContext& context, CheckInScreen& screen, Form& form, const ImVec2& area, const ImVec2& origin) {
    const float left = area.x * 0.4f;
    ui::textWrapped(tr("check_in.code"), left, ui::fonts().title);
    ImGui::Dummy(ui::em(1.0f, 0.5f));
    ui::textField("check_in.code", form.code, "", true, false, left);
    ImGui::Dummy(ui::em(1.0f, 0.5f));
    ui::textWrapped(tr("check_in.code_hint"), left, ui::fonts().body, ui::colors::kTextMuted);
    // Only the characters a code can hold (no 0/O, 1/I, 2/Z, 5/S, 8/B), in reading order.
    static constexpr std::string_view kKeys = "346789ACDEFGHJKMNPQRTUVWXY";
    const float gridWidth = area.x - left - ui::em(1.0f);
    const int columns = 7;
    const float gap = ui::em(0.3f);
    const ImVec2 key((gridWidth - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns),
                     (area.y - gap * 4.0f) / 5.0f);
    const float x0 = origin.x + left + ui::em(1.0f);
    for (std::size_t i = 0; i < kKeys.size(); ++i) {
        const int row = static_cast<int>(i) / columns;
        const int column = static_cast<int>(i) % columns;
        ImGui::SetCursorScreenPos(ImVec2(x0 + static_cast<float>(column) * (key.x + gap),
                                         origin.y + static_cast<float>(row) * (key.y + gap)));
        const std::string label(1, kKeys[i]);
        const std::string id = "code." + label;
        if (ui::button(id.c_str(), label.c_str(), key) && form.code.size() < 16) form.code += label;
    }
    const float lastRowY = origin.y + 4.0f * (key.y + gap);
    ImGui::SetCursorScreenPos(ImVec2(x0 + 5.0f * (key.x + gap), origin.y + 3.0f * (key.y + gap)));
    if (ui::button("code.backspace", ui::symbols::kBackspace, key) && !form.code.empty()) form.code.pop_back();
    ImGui::SetCursorScreenPos(ImVec2(x0, lastRowY));
    if (ui::button("code.ok", tr("common.ok"), ImVec2(gridWidth, key.y), ui::ButtonKind::Primary, form.code.size() >= 4))
        context.later([&screen, code = form.code](app::ScreenContext& later) {
            screen.showResult(later.services, later.services.area<health::HealthServices>().checkIn.byCode(code));
        });
}

void drawResult(app::ScreenContext& context, const Form& form, float width) {
    app::KioskServices& services = context.services;
    if (!form.result) return;
    const health::CheckInResult& result = *form.result;
    const ui::Fonts& fonts = ui::fonts();
    using health::CheckInOutcome;
    const bool success = result.outcome == CheckInOutcome::CheckedIn || result.outcome == CheckInOutcome::AlreadyCheckedIn;
    if (success && result.view) {
        const health::PublicCheckIn& view = *result.view;
        // The mark and the words on one line, so that the ticket and Terminer fit a 1024×600 screen too.
        ui::textCentered(std::string(ui::symbols::kCheck) + "  " +
                             tr(result.outcome == CheckInOutcome::CheckedIn ? "check_in.done" : "check_in.already"),
                         width, fonts.title, ui::colors::kSuccess);
        ImGui::Dummy(ui::em(1.0f, 0.3f));
        // The ticket as it prints: a paper-white card with the number large.
        const float ticketWidth = ui::em(16.0f);
        const ImVec2 min(ImGui::GetCursorScreenPos().x + (width - ticketWidth) * 0.5f, ImGui::GetCursorScreenPos().y);
        const ImVec2 max(min.x + ticketWidth, min.y + ui::em(6.2f));
        ui::fillRoundedRect(ImGui::GetWindowDrawList(), min, max, ui::colors::kButton, ui::em(0.2f));
        ImGui::GetWindowDrawList()->AddRect(min, max, ui::colors::kButtonBorder, ui::em(0.2f), 0, 2.0f);
        ImGui::SetCursorScreenPos(ImVec2(min.x, min.y + ui::em(0.3f)));
        ImGui::BeginGroup();  // each line starts at the ticket's edge, not the window's
        ui::textCentered(tr("check_in.your_number"), ticketWidth, fonts.body);
        ui::textCentered(view.ticket, ticketWidth, fonts.huge, ui::colors::kHealth);
        ui::textCentered(i18n::trf("check_in.appointment_at", {{"initials", view.initials}, {"time", view.time}}),
                         ticketWidth, fonts.body);
        ImGui::EndGroup();
        ImGui::SetCursorScreenPos(ImVec2(min.x - (width - ticketWidth) * 0.5f, max.y + ui::em(0.5f)));
        ui::textCentered(tr(services.printer.printsNow() ? "check_in.ticket_printing" : "check_in.ticket_later"), width,
                         fonts.body, ui::colors::kTextMuted);
        ui::textCentered(tr("check_in.sit_down"), width, fonts.body, ui::colors::kTextMuted);
    } else {
        const char* key = "check_in.no_match";
        std::string detail;
        switch (result.outcome) {
        case CheckInOutcome::SeveralMatches: key = "check_in.several"; break;
        case CheckInOutcome::TooEarly:
            key = "check_in.too_early";
            detail = i18n::trf("check_in.too_early_minutes", {{"minutes", std::to_string(result.minutesUntilOpen)}});
            break;
        case CheckInOutcome::TooLate: key = "check_in.too_late"; break;
        case CheckInOutcome::Cancelled: key = "check_in.cancelled"; break;
        case CheckInOutcome::InvalidInput: key = "check_in.invalid"; break;
        case CheckInOutcome::Paused: key = "check_in.paused"; break;
        default: break;
        }
        ui::textCentered(ui::symbols::kInfo, width, fonts.huge, ui::colors::kParcels);
        ImGui::Dummy(ui::em(1.0f, 0.3f));
        ui::textCentered(tr(key), width, fonts.title);
        if (!detail.empty()) ui::textCentered(detail, width, fonts.body);
        ImGui::Dummy(ui::em(1.0f, 0.3f));
        ui::textCentered(tr("check_in.assistant_help"), width, fonts.body, ui::colors::kTextMuted);
        ImGui::Dummy(ui::em(1.0f, 0.6f));
        ImGui::SetCursorPosX((width - ui::em(12.0f)) * 0.5f + ImGui::GetStyle().WindowPadding.x);
        if (ui::button("check_in.retry", tr("check_in.retry"), ImVec2(ui::em(12.0f), ui::em(2.4f)))) {
            context.open(kCheckInScreen);
            return;
        }
    }
    ImGui::Dummy(ui::em(1.0f, 0.4f));
    ImGui::SetCursorPosX((width - ui::em(12.0f)) * 0.5f + ImGui::GetStyle().WindowPadding.x);
    if (ui::button("check_in.finish", tr("check_in.finish"), ImVec2(ui::em(12.0f), ui::em(2.4f)), ui::ButtonKind::Primary))
        context.returnHome("check-in done");
}

void drawSeeAssistant(app::ScreenContext& context, float width) {
    ImGui::Dummy(ui::em(1.0f, 1.5f));
    ui::textCentered(tr("check_in.see_assistant_title"), width, ui::fonts().title);
    ImGui::Dummy(ui::em(1.0f, 0.4f));
    ui::textCentered(tr("check_in.see_assistant_body"), width, ui::fonts().body);
    ImGui::Dummy(ui::em(1.0f, 1.0f));
    ImGui::SetCursorPosX((width - ui::em(12.0f)) * 0.5f + ImGui::GetStyle().WindowPadding.x);
    if (ui::button("check_in.finish", tr("check_in.finish"), ImVec2(ui::em(12.0f), ui::em(2.4f)), ui::ButtonKind::Primary))
        context.returnHome("check-in help");
}

}  // namespace

void CheckInScreen::open(app::ScreenContext& context) {
    (void)context;
    form_ = {};
}

void CheckInScreen::showResult(app::KioskServices& services, const health::CheckInResult& result) {
    form_.step = Form::Step::Result;
    form_.result = result;
    if (result.outcome != health::CheckInOutcome::CheckedIn || !result.view) return;
    // The paper ticket carries the number and the time only: it may be left on a chair.
    hardware::Receipt ticket;
    ticket.kind = "queue_ticket";
    ticket.lines = {
        {services.config.villageName, false, true, true},
        {tr("check_in.ticket.health_centre"), false, false, true},
        {tr("check_in.your_number"), false, false, true},
        {result.view->ticket, true, true, true},
        {i18n::trf("check_in.ticket.appointment", {{"time", result.view->time}}), false, false, true},
        {i18n::longDate(services.clock.nowMs()), false, false, true},
        {tr("check_in.sit_down"), false, false, true},
    };
    services.printer.submit(ticket);
}

void CheckInScreen::draw(app::ScreenContext& context) {
    Form& form = form_;
    if (ui::headerBar(tr("check_in.title"), true)) {
        // Back goes one step back, as people expect, until the first step.
        if (form.step == Form::Step::Letters)
            form.step = Form::Step::BirthDate;
        else if (form.step == Form::Step::BirthDate || form.step == Form::Step::Code)
            form.step = Form::Step::Choose;
        else
            context.open(kHealthScreen);
        return;
    }
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    switch (form.step) {
    case Form::Step::Choose:
        drawChoose(form, area.x, context.services.keyboardReader || context.services.nfcReader);
        break;
    case Form::Step::BirthDate: drawBirthDate(form, area, origin); break;
    case Form::Step::Letters: drawLetters(context, *this, form, area, origin); break;
    case Form::Step::Code: drawCode(context, *this, form, area, origin); break;
    case Form::Step::Result: drawResult(context, form, area.x); break;
    case Form::Step::SeeAssistant: drawSeeAssistant(context, area.x); break;
    }
}

}  // namespace vk::screens
