#include "kiosk/screens/health/check_in_screen.h"

#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/health/health_screens.h"
#include "kiosk/services/health/health_area.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/speech/spoken_sentences.h"
#include "kiosk/ui/on_screen_keyboard.h"
#include "kiosk/ui/solid_fill.h"
#include "kiosk/ui/widgets.h"

#include <functional>

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

// Tells the assistant (a notice on her screens) and says so to the resident.
void askForHelp(app::ScreenContext& context, Form& form, health::HelpReason reason) {
    form.step = Form::Step::SeeAssistant;
    context.later([reason](app::ScreenContext& later) {
        later.services.area<health::HealthServices>().checkIn.askForHelp(reason);
    });
}

void drawChoose(app::ScreenContext& context, Form& form, const ImVec2& area, bool cardReader) {
    const float width = area.x;
    const ui::Fonts& fonts = ui::fonts();
    const auto heightOf = [width](ImFont* font, const char* words) {
        return font->CalcTextSizeA(font->FontSize, FLT_MAX, width, words).y;
    };
    // The two ways one under the other, « Je préfère voir l’assistante » under them; side by side where stacked
    // they would push it below the fold (large text on a small screen).
    const float hintHeight = cardReader ? heightOf(fonts.body, tr("check_in.card_hint")) + ui::em(0.4f) : 0.0f;
    const float spacing = ImGui::GetStyle().ItemSpacing.y * (cardReader ? 8.0f : 6.0f);
    const float stacked =
        heightOf(fonts.title, tr("check_in.choose")) + hintHeight + spacing + ui::em(0.5f + 3.2f + 0.3f + 3.2f + 0.4f + 2.4f);
    const bool sideBySide = stacked > area.y;
    ui::textWrapped(tr("check_in.choose"), width, fonts.title);
    ImGui::Dummy(ui::em(1.0f, sideBySide ? 0.2f : 0.5f));
    const float gap = ui::em(0.6f);
    const ImVec2 big(sideBySide ? (width - gap) * 0.5f : width, ui::em(3.2f));
    if (ui::button("check_in.by_birth_date", tr("check_in.by_birth_date"), big, ui::ButtonKind::Primary)) {
        form.step = Form::Step::BirthDate;
        form.birthDigits.clear();
    }
    if (sideBySide) ImGui::SameLine(0.0f, gap);
    else ImGui::Dummy(ui::em(1.0f, 0.3f));
    if (ui::button("check_in.by_code", tr("check_in.by_code"), big)) {
        form.step = Form::Step::Code;
        form.code.clear();
    }
    // Only where a card can be read: a hint about a reader that is not there sends people looking for it.
    if (cardReader) {
        ImGui::Dummy(ui::em(1.0f, 0.4f));
        ui::textWrapped(tr("check_in.card_hint"), width, fonts.body, ui::colors::kTextMuted);
    }
    ImGui::Dummy(ui::em(1.0f, sideBySide ? 0.2f : 0.4f));
    if (ui::button("check_in.see_assistant", tr("check_in.see_assistant"), ImVec2(width, ui::em(sideBySide ? 2.0f : 2.4f)),
                   ui::ButtonKind::Quiet))
        askForHelp(context, form, health::HelpReason::Asked);
}

// The step's question in large type, or in the body's where it would take most of the column beside the keys
// (large text on a small screen) and push what was typed out of view.
ImFont* questionFont(const char* question, float width, float height) {
    ImFont* title = ui::fonts().title;
    return title->CalcTextSizeA(title->FontSize, FLT_MAX, width, question).y > height * 0.3f ? ui::fonts().body : title;
}

const char* birthDateProblemKey(health::BirthDateProblem problem) {
    switch (problem) {
    case health::BirthDateProblem::DayInvalid: return "check_in.birth_date.day_invalid";
    case health::BirthDateProblem::MonthInvalid: return "check_in.birth_date.month_invalid";
    case health::BirthDateProblem::YearInvalid: return "check_in.birth_date.year_invalid";
    case health::BirthDateProblem::NoSuchDay: return "check_in.birth_date.no_such_day";
    case health::BirthDateProblem::Incomplete:
    case health::BirthDateProblem::None: break;
    }
    return nullptr;
}

int currentYear(const app::KioskServices& services) {
    return std::stoi(health::localDay(services.clock.nowMs()).substr(0, 4));
}

void drawBirthDate(app::ScreenContext& context, Form& form, const ImVec2& area, const ImVec2& origin) {
    const float left = area.x * 0.45f;
    const auto problem = health::checkBirthDigits(form.birthDigits, currentYear(context.services));
    const char* problemKey = birthDateProblemKey(problem);
    ui::textWrapped(tr("check_in.birth_date"), left, questionFont(tr("check_in.birth_date"), left, area.y));
    ImGui::Dummy(ui::em(1.0f, 0.5f));
    // The date as typed, in the largest type that fits beside the pad (large text: one size down).
    const std::string shown = birthDateShown(form.birthDigits);
    ImFont* dateFont = ui::fonts().huge;
    if (dateFont->CalcTextSizeA(dateFont->FontSize, FLT_MAX, 0.0f, shown.c_str()).x > left) dateFont = ui::fonts().title;
    ui::text(shown, dateFont, problemKey ? ui::colors::kDanger : ui::colors::kPrimary);
    ImGui::Dummy(ui::em(1.0f, 0.5f));
    // What is wrong is said as soon as it is typed, with what to do about it; otherwise how to type it.
    const float below = origin.y + area.y - ImGui::GetCursorScreenPos().y;
    if (problemKey) ui::textWrappedWithin(tr(problemKey), left, below, ui::colors::kDanger);
    else if (!form.message.empty()) ui::textWrappedWithin(form.message, left, below, ui::colors::kDanger);
    else ui::textWrappedWithin(tr("check_in.birth_date_example"), left, below, ui::colors::kTextMuted);
    const float padWidth = std::min(area.x - left - ui::em(1.0f), area.y * 0.9f);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + area.x - padWidth, origin.y));
    const std::size_t typed = form.birthDigits.size();
    if (ui::drawNumericKeypad(form.birthDigits, 8, ImVec2(padWidth, area.y), tr("common.next"))) {
        if (problem == health::BirthDateProblem::None) {
            form.step = Form::Step::Letters;
            form.letters.clear();
            form.message.clear();
        } else if (form.birthDigits.empty()) {
            form.message = tr("check_in.birth_date.empty");
        } else if (problem == health::BirthDateProblem::Incomplete) {
            form.message = i18n::trf("check_in.birth_date.missing",
                                     {{"count", std::to_string(8 - form.birthDigits.size())}});
        }
    } else if (form.birthDigits.size() != typed) {
        form.message.clear();
    }
}

// "M O _": the letters typed and the places left, so the count wanted is seen, not only read.
std::string lettersShown(const std::string& letters) {
    std::string shown;
    for (std::size_t i = 0; i < health::CheckInPolicy::kMaxSurnameLetters; ++i) {
        if (i > 0) shown += ' ';
        shown += i < letters.size() ? letters[i] : '_';
    }
    return shown;
}

void submit(app::ScreenContext& context, CheckInScreen& screen, std::function<health::CheckInResult(health::CheckIn&)> attempt) {
    context.later([&screen, attempt = std::move(attempt)](app::ScreenContext& later) {
        screen.showResult(later.services, attempt(later.services.area<health::HealthServices>().checkIn));
    });
}

void drawLetters(app::ScreenContext& context, CheckInScreen& screen, Form& form, const ImVec2& area, const ImVec2& origin) {
    const float left = area.x * 0.34f;
    ui::textWrapped(tr("check_in.letters"), left, questionFont(tr("check_in.letters"), left, area.y));
    ImGui::Dummy(ui::em(1.0f, 0.5f));
    ui::text(lettersShown(form.letters), ui::fonts().huge, ui::colors::kPrimary);
    ImGui::Dummy(ui::em(1.0f, 0.5f));
    const float below = origin.y + area.y - ImGui::GetCursorScreenPos().y;
    if (!form.message.empty()) ui::textWrappedWithin(form.message, left, below, ui::colors::kDanger);
    else ui::textWrappedWithin(tr("check_in.letters_example"), left, below, ui::colors::kTextMuted);
    const float padWidth = area.x - left - ui::em(1.0f);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + area.x - padWidth, origin.y));
    const std::size_t typed = form.letters.size();
    if (ui::drawLetterPad(form.letters, health::CheckInPolicy::kMaxSurnameLetters, ImVec2(padWidth, area.y),
                          tr("common.ok"))) {
        if (form.letters.size() < health::CheckInPolicy::kMinSurnameLetters) {
            form.message = tr("check_in.letters_missing");
            return;
        }
        const std::string date = form.birthDigits.substr(4, 4) + "-" + form.birthDigits.substr(2, 2) + "-" +
                                 form.birthDigits.substr(0, 2);
        form.typed = i18n::dayMonthYear(std::stoi(form.birthDigits.substr(0, 2)), std::stoi(form.birthDigits.substr(2, 2)),
                                        std::stoi(form.birthDigits.substr(4, 4))) +
                     ", " + form.letters;
        submit(context, screen, [date, letters = form.letters](health::CheckIn& checkIn) {
            return checkIn.byBirthDate(date, letters);
        });
    } else if (form.letters.size() != typed) {
        form.message.clear();
    }
}

void drawCode(app::ScreenContext& context, CheckInScreen& screen, Form& form, const ImVec2& area, const ImVec2& origin) {
    const float left = area.x * 0.4f;
    ui::textWrapped(tr("check_in.code"), left, questionFont(tr("check_in.code"), left, area.y));
    ImGui::Dummy(ui::em(1.0f, 0.5f));
    ui::textField("check_in.code", form.code, "", true, false, left);
    ImGui::Dummy(ui::em(1.0f, 0.5f));
    const float below = origin.y + area.y - ImGui::GetCursorScreenPos().y;
    if (!form.message.empty()) ui::textWrappedWithin(form.message, left, below, ui::colors::kDanger);
    else ui::textWrappedWithin(tr("check_in.code_hint"), left, below, ui::colors::kTextMuted);
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
        if (ui::button(id.c_str(), label.c_str(), key) && form.code.size() < 16) {
            form.code += label;
            form.message.clear();
        }
    }
    const float lastRowY = origin.y + 4.0f * (key.y + gap);
    // Erase over the last two places of the fourth row: wide enough for its word.
    const ImVec2 eraseKey(key.x * 2.0f + gap, key.y);
    ImGui::SetCursorScreenPos(ImVec2(x0 + 5.0f * (key.x + gap), origin.y + 3.0f * (key.y + gap)));
    if (ui::button("code.backspace", ui::eraseKeyLabel(eraseKey).c_str(), eraseKey) && !form.code.empty()) form.code.pop_back();
    ImGui::SetCursorScreenPos(ImVec2(x0, lastRowY));
    if (ui::button("code.ok", tr("common.ok"), ImVec2(gridWidth, key.y), ui::ButtonKind::Primary)) {
        if (form.code.size() < 4) {
            form.message = tr(form.code.empty() ? "check_in.code_empty" : "check_in.code_short");
            return;
        }
        form.typed = form.code;
        submit(context, screen, [code = form.code](health::CheckIn& checkIn) { return checkIn.byCode(code); });
    }
}

health::HelpReason helpReasonFor(health::CheckInOutcome outcome) {
    switch (outcome) {
    case health::CheckInOutcome::SeveralMatches: return health::HelpReason::SeveralMatches;
    case health::CheckInOutcome::TooEarly: return health::HelpReason::TooEarly;
    case health::CheckInOutcome::TooLate: return health::HelpReason::TooLate;
    case health::CheckInOutcome::Cancelled: return health::HelpReason::Cancelled;
    default: return health::HelpReason::NotFound;
    }
}

constexpr float kActionHeightEm = 2.4f;
constexpr float kActionRowEm = kActionHeightEm + 0.3f;  // the button and the gap above it

void drawResult(app::ScreenContext& context, Form& form, const ImVec2& area) {
    app::KioskServices& services = context.services;
    if (!form.result) return;
    const float width = area.x;
    const health::CheckInResult& result = *form.result;
    const ui::Fonts& fonts = ui::fonts();
    using health::CheckInOutcome;
    const bool success = result.outcome == CheckInOutcome::CheckedIn || result.outcome == CheckInOutcome::AlreadyCheckedIn;
    // « Terminer » (and on a refusal « Corriger » and « Prévenir l’assistante ») pinned at the bottom; what is
    // above scrolls by a drag where it does not fit (large text on a small screen).
    ui::beginAboveActions("check_in.result", ui::em(kActionRowEm));
    const float left = ImGui::GetCursorScreenPos().x;  // the child's, whole pixels
    if (success && result.view) {
        const health::PublicCheckIn& view = *result.view;
        const std::string done = std::string(ui::symbols::kCheck) + "  " +
                                 tr(result.outcome == CheckInOutcome::CheckedIn ? "check_in.done" : "check_in.already");
        // Both outcomes print (the second time a copy marked DUPLICATA): the words say what the printer does.
        const char* printing = services.printer.printsNow()
                                   ? (result.outcome == CheckInOutcome::CheckedIn ? "check_in.ticket_printing"
                                                                                  : "check_in.ticket_copy_printing")
                                   : "check_in.ticket_later";
        const float ticketWidth = ui::em(16.0f);
        const float ticketHeight = ui::em(6.2f);
        const auto heightOf = [](ImFont* font, const std::string& words, float wrap) {
            return font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap * 0.92f, words.c_str()).y;
        };
        // The words over the ticket; beside it where, stacked, they would push its number under « Terminer »
        // (large text on a small screen): the number is what the resident must see.
        const float stacked = heightOf(fonts.title, done, width) + ticketHeight + heightOf(fonts.body, tr(printing), width) +
                              heightOf(fonts.body, tr("check_in.sit_down"), width) + ui::em(0.8f) +
                              ImGui::GetStyle().ItemSpacing.y * 4.0f;
        const bool beside = stacked > ImGui::GetContentRegionAvail().y && width > ticketWidth + ui::em(7.0f);
        const float wordsWidth = beside ? width - ticketWidth - ui::em(1.0f) : width;
        const float top = ImGui::GetCursorScreenPos().y;
        if (!beside) {
            ui::textCentered(done, width, fonts.title, ui::colors::kSuccess);
            ImGui::Dummy(ui::em(1.0f, 0.3f));
        }
        // The ticket as it prints: a paper-white card with the number large.
        const ImVec2 min(beside ? left : left + (width - ticketWidth) * 0.5f, ImGui::GetCursorScreenPos().y);
        const ImVec2 max(min.x + ticketWidth, min.y + ticketHeight);
        ui::fillRoundedRect(ImGui::GetWindowDrawList(), min, max, ui::colors::kButton, ui::em(0.2f));
        ImGui::GetWindowDrawList()->AddRect(min, max, ui::colors::kButtonBorder, ui::em(0.2f), 0, 2.0f);
        ImGui::SetCursorScreenPos(ImVec2(min.x, min.y + ui::em(0.3f)));
        ImGui::BeginGroup();  // each line starts at the ticket's edge, not the window's
        ui::textCentered(tr("check_in.your_number"), ticketWidth, fonts.body);
        ui::textCentered(view.ticket, ticketWidth, fonts.huge, ui::colors::kHealth);
        ui::textCentered(i18n::trf("check_in.appointment_at", {{"initials", view.initials}, {"time", i18n::spokenTime(view.time)}}),
                         ticketWidth, fonts.body);
        ImGui::EndGroup();
        const float wordsLeft = beside ? left + ticketWidth + ui::em(1.0f) : left;
        ImGui::SetCursorScreenPos(ImVec2(wordsLeft, beside ? top : max.y + ui::em(0.5f)));
        ImGui::BeginGroup();
        if (beside) ui::textCentered(done, wordsWidth, fonts.body, ui::colors::kSuccess);
        ImFont* detailFont = beside ? fonts.small : fonts.body;  // beside the ticket, a narrow column
        ui::textCentered(tr(printing), wordsWidth, detailFont, ui::colors::kTextMuted);
        ui::textCentered(tr("check_in.sit_down"), wordsWidth, detailFont, ui::colors::kTextMuted);
        ImGui::EndGroup();
        if (beside) ImGui::SetCursorScreenPos(ImVec2(left, std::max(ImGui::GetCursorScreenPos().y, max.y)));
        ui::endAboveActions();
        ui::actionRow(width, left, ui::em(kActionHeightEm), {[&](ImVec2 size) {
            if (ui::button("check_in.finish", tr("check_in.finish"), size, ui::ButtonKind::Primary))
                context.returnHome("check-in done");
        }});
        return;
    }
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
    case CheckInOutcome::InvalidInput: key = form.readFromCard ? "check_in.card_misread" : "check_in.invalid"; break;
    default: break;
    }
    ui::textCentered(tr(key), width, fonts.title);
    if (!detail.empty()) ui::textCentered(detail, width, fonts.body);
    // What was typed, read back: a slip (14 instead of 41, MO instead of MA) is seen at once.
    if (!form.typed.empty() && (result.outcome == CheckInOutcome::NoMatch || result.outcome == CheckInOutcome::InvalidInput)) {
        ImGui::Dummy(ui::em(1.0f, 0.2f));
        ui::textCentered(i18n::trf("check_in.you_typed", {{"typed", form.typed}}), width, fonts.title, ui::colors::kPrimary);
    }
    ui::endAboveActions();
    // Misses slow down the person typing, not the next one: a wait that grows, shown, and gone when they leave.
    const int wait = form.attempts.secondsToWait(services.clock.nowMs());
    const std::string retry = wait > 0 ? i18n::trf("check_in.retry_in", {{"seconds", std::to_string(wait)}})
                                       : std::string(tr("check_in.retry"));
    bool retried = false;
    bool asked = false;
    bool finished = false;
    ui::actionRow(width, left, ui::em(kActionHeightEm),
                  {[&](ImVec2 size) {
                       retried = ui::button("check_in.retry", retry.c_str(), size, ui::ButtonKind::Normal, wait == 0);
                   },
                   [&](ImVec2 size) { asked = ui::button("check_in.ask_assistant", tr("check_in.ask_assistant"), size); },
                   [&](ImVec2 size) {
                       finished = ui::button("check_in.finish", tr("check_in.finish"), size, ui::ButtonKind::Primary);
                   }});
    if (retried) {
        const Form::Step back = form.typed.empty()        ? Form::Step::Choose
                                : form.typed == form.code ? Form::Step::Code
                                                          : Form::Step::BirthDate;
        const auto attempts = form.attempts;
        form = {};
        form.attempts = attempts;
        form.step = back;
    } else if (asked) {
        askForHelp(context, form, helpReasonFor(result.outcome));
    } else if (finished) {
        context.returnHome("check-in done");
    }
}

void drawSeeAssistant(app::ScreenContext& context, const ImVec2& area) {
    const float width = area.x;
    ui::beginAboveActions("check_in.see_assistant", ui::em(kActionRowEm));
    const float left = ImGui::GetCursorScreenPos().x;  // the child's, whole pixels
    ImGui::Dummy(ui::em(1.0f, 1.5f));
    ui::textCentered(std::string(ui::symbols::kCheck) + "  " + tr("check_in.see_assistant_title"), width,
                     ui::fonts().title, ui::colors::kSuccess);
    ImGui::Dummy(ui::em(1.0f, 0.4f));
    ui::textWrapped(tr("check_in.see_assistant_body"), width, ui::fonts().body);
    ui::endAboveActions();
    ui::actionRow(width, left, ui::em(kActionHeightEm), {[&](ImVec2 size) {
        if (ui::button("check_in.finish", tr("check_in.finish"), size, ui::ButtonKind::Primary))
            context.returnHome("check-in help");
    }});
}

}  // namespace

std::int64_t CheckInScreen::nextRedrawMs(std::int64_t nowMs) const {
    // The « Réessayer dans 20 s » countdown, once a second.
    if (form_.step == Form::Step::Result && form_.attempts.secondsToWait(nowMs) > 0) return nowMs + 1000 - nowMs % 1000;
    return kNoRedraw;
}

void CheckInScreen::open(app::ScreenContext& context) {
    (void)context;
    form_ = {};
}

void CheckInScreen::showResult(app::KioskServices& services, const health::CheckInResult& result, bool readFromCard) {
    form_.step = Form::Step::Result;
    form_.result = result;
    form_.readFromCard = readFromCard;
    if (readFromCard) form_.typed.clear();
    const auto outcome = result.outcome;
    if (outcome == health::CheckInOutcome::NoMatch || outcome == health::CheckInOutcome::SeveralMatches ||
        outcome == health::CheckInOutcome::InvalidInput)
        form_.attempts.noteMiss(services.clock.nowMs());
    if ((outcome != health::CheckInOutcome::CheckedIn && outcome != health::CheckInOutcome::AlreadyCheckedIn) ||
        !result.view)
        return;
    // The paper ticket carries the number and the time only: it may be left on a chair.
    hardware::Receipt ticket;
    ticket.kind = "queue_ticket";
    ticket.lines = {
        {services.config.villageName, false, true, true},
        {tr("check_in.ticket.health_centre"), false, false, true},
        {tr("check_in.your_number"), false, false, true},
        {result.view->ticket, true, true, true},
        {i18n::trf("check_in.ticket.appointment", {{"time", i18n::spokenTime(result.view->time)}}), false, false, true},
        {i18n::longDate(services.clock.nowMs()), false, false, true},
        {tr("check_in.sit_down"), false, false, true},
    };
    // Someone who checks in again has usually lost the first ticket: the copy says it is one.
    ticket.duplicate = outcome == health::CheckInOutcome::AlreadyCheckedIn;
    services.printer.submit(ticket);
}

void CheckInScreen::draw(app::ScreenContext& context) {
    Form& form = form_;
    if (ui::headerBar(tr("check_in.title"), true)) {
        // Back goes one step back, as people expect, until the first step.
        form.message.clear();
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
        drawChoose(context, form, area, context.services.keyboardReader || context.services.nfcReader);
        break;
    case Form::Step::BirthDate: drawBirthDate(context, form, area, origin); break;
    case Form::Step::Letters: drawLetters(context, *this, form, area, origin); break;
    case Form::Step::Code: drawCode(context, *this, form, area, origin); break;
    case Form::Step::Result: drawResult(context, form, area); break;
    case Form::Step::SeeAssistant: drawSeeAssistant(context, area); break;
    }
}

std::string CheckInScreen::spokenText(app::ScreenContext& context) {
    using Step = Form::Step;
    using health::CheckInOutcome;
    const Form& form = form_;
    switch (form.step) {
    case Step::Choose:
        return services::joinSentences({tr("check_in.choose"), tr("check_in.by_birth_date"), tr("check_in.by_code"),
                          tr("check_in.see_assistant")});
    case Step::BirthDate:
        return services::joinSentences({tr("check_in.birth_date"), form.message.empty() ? tr("check_in.birth_date_example") : form.message});
    case Step::Letters:
        return services::joinSentences({tr("check_in.letters"), form.message.empty() ? tr("check_in.letters_example") : form.message});
    case Step::Code:
        return services::joinSentences({tr("check_in.code"), form.message.empty() ? tr("check_in.code_hint") : form.message});
    case Step::SeeAssistant:
        return services::joinSentences({tr("check_in.see_assistant_title"), tr("check_in.see_assistant_body")});
    case Step::Result: break;
    }
    if (!form.result) return {};
    const health::CheckInResult& result = *form.result;
    if ((result.outcome == CheckInOutcome::CheckedIn || result.outcome == CheckInOutcome::AlreadyCheckedIn) && result.view)
        return services::joinSentences({tr(result.outcome == CheckInOutcome::CheckedIn ? "check_in.done" : "check_in.already"),
                          tr("check_in.your_number"), result.view->ticket,
                          tr(context.services.printer.printsNow() ? "check_in.ticket_printing" : "check_in.ticket_later"),
                          tr("check_in.sit_down")});
    const char* key = "check_in.no_match";
    switch (result.outcome) {
    case CheckInOutcome::SeveralMatches: key = "check_in.several"; break;
    case CheckInOutcome::TooEarly: key = "check_in.too_early"; break;
    case CheckInOutcome::TooLate: key = "check_in.too_late"; break;
    case CheckInOutcome::Cancelled: key = "check_in.cancelled"; break;
    case CheckInOutcome::InvalidInput: key = form.readFromCard ? "check_in.card_misread" : "check_in.invalid"; break;
    default: break;
    }
    return services::joinSentences({tr(key), tr("check_in.ask_assistant")});
}

}  // namespace vk::screens
