#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/agenda/agenda_screens.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/screens/timebank/member_identification.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/speech/spoken_sentences.h"
#include "kiosk/ui/on_screen_keyboard.h"
#include "kiosk/ui/widgets.h"
#include "storage/record_id.h"

#include <algorithm>

namespace vk::screens {

using i18n::tr;
using i18n::trf;
namespace agenda = services::agenda;

namespace {

// The agenda a resident reads: a week of events with the places left (never a name), an event's page, then the
// sign-up one question a step: who (card, or name and code; at the counter, also someone typed by name with a
// phone for the reminder), a summary to confirm, and the ticket. The same page cancels one's own place.
struct Form {
    enum class Step { Week, Event, Identify, OtherName, OtherPhone, Confirm, Done, Cancelled };
    Step step = Step::Week;
    bool cancelling = false;  // identifying to give a place back rather than take one
    std::string monday;
    std::vector<agenda::AgendaEvent> events;
    std::vector<agenda::AgendaEvent> nearby;  // the neighbouring villages' events that week: read, not signed up to
    std::optional<agenda::AgendaEvent> event;
    MemberIdentification identify{[](app::ScreenContext& context) -> services::timebank::MemberDirectory& {
        return agenda_ui::agendaOf(context.services).members();
    }};
    agenda::Attendee who;
    ui::KeyboardState keyboard{ui::KeyboardPage::Letters, true};
    // One per confirmation: a second tap on « Confirmer » finds the same key and signs up nobody more.
    std::string dedupeKey;
    std::string message;
    std::optional<agenda::SignUpResult> result;
    std::optional<agenda::CancelResult> cancelResult;
};

bool atCounter(const app::ScreenContext& context) {
    return context.state.staff && isCafeStaff(context.state.staff->role);
}

const services::StaffSession& actorOf(app::ScreenContext& context) {
    return context.state.staff ? *context.state.staff : services::systemActor(services::SystemActor::Kiosk);
}

void loadWeek(app::ScreenContext& context, Form& form, const std::string& monday) {
    form.monday = monday;
    form.events = agenda_ui::agendaOf(context.services).agenda.week(monday);
    form.nearby = agenda_ui::agendaOf(context.services).agenda.nearbyWeek(monday);
}

// « Dans les villages voisins », under this café's events: lines, not buttons, since one signs up at that
// village's café; each names its village.
void drawNearby(const Form& form, float width) {
    if (form.nearby.empty()) return;
    ImGui::Dummy(ui::em(1.0f, 0.4f));
    const ImVec2 ruleAt = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddLine(ruleAt, ImVec2(ruleAt.x + width, ruleAt.y), ui::colors::kTextMuted,
                                        std::max(1.0f, ui::em(0.06f)));
    ImGui::Dummy(ui::em(1.0f, 0.3f));
    ui::textWrapped(tr("agenda.nearby.title"), width, ui::fonts().title);
    ui::textWrapped(tr("agenda.nearby.hint"), width, ui::fonts().body, ui::colors::kTextMuted);
    for (const auto& e : form.nearby) {
        ImGui::Dummy(ui::em(1.0f, 0.2f));
        ui::textWrapped(trf("agenda.nearby.event", {{"village", e.village}, {"title", e.details.title}}), width,
                        ui::fonts().body);
        ui::textWrapped(agenda_ui::whenLabel(e) + (e.details.place.empty() ? "" : "  ·  " + e.details.place), width,
                        ui::fonts().body, ui::colors::kTextMuted);
    }
}

void reloadEvent(app::ScreenContext& context, Form& form) {
    if (form.event) form.event = agenda_ui::agendaOf(context.services).agenda.event(form.event->id);
}

std::string thisMonday(app::ScreenContext& context) {
    return services::health::mondayOf(services::health::localDay(context.services.clock.nowMs()));
}

void drawWeek(app::ScreenContext& context, Form& form) {
    auto& area = agenda_ui::agendaOf(context.services);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float gap = ui::em(0.5f);
    const float arrowWidth = std::min(ui::em(9.0f), avail.x * 0.28f);
    const ImVec2 arrow(arrowWidth, ui::em(2.0f));
    const std::string first = thisMonday(context);
    const std::string last = services::health::addDays(first, 7 * (area.settings.weeksAhead - 1));
    if (ui::button("agenda.week.previous", tr("agenda.week.previous"), arrow, ui::ButtonKind::Normal,
                   form.monday > first)) {
        const std::string monday = services::health::addDays(form.monday, -7);
        context.later([&form, monday](app::ScreenContext& later) { loadWeek(later, form, monday); });
    }
    ImGui::SameLine(0.0f, gap);
    const float middle = avail.x - 2.0f * (arrowWidth + gap);
    const ImVec2 labelAt = ImGui::GetCursorPos();
    // Level with the words of the buttons beside it.
    ImGui::SetCursorPos(ImVec2(labelAt.x, labelAt.y + std::max(0.0f, (arrow.y - ui::em(1.2f)) * 0.5f)));
    ui::textCentered(trf("agenda.week.of", {{"day", agenda_ui::dayLabel(form.monday)}}), middle, ui::fonts().body);
    ImGui::SetCursorPos(ImVec2(labelAt.x + middle + gap, labelAt.y));
    if (ui::button("agenda.week.next", tr("agenda.week.next"), arrow, ui::ButtonKind::Normal, form.monday < last)) {
        const std::string monday = services::health::addDays(form.monday, 7);
        context.later([&form, monday](app::ScreenContext& later) { loadWeek(later, form, monday); });
    }
    ImGui::Dummy(ui::em(1.0f, 0.2f));
    if (form.events.empty() && form.nearby.empty()) {
        ui::textWrapped(tr("agenda.week.empty"), avail.x, ui::fonts().body, ui::colors::kTextMuted);
        return;
    }
    ImGui::BeginChild("agenda.week.list", ImVec2(avail.x, ImGui::GetContentRegionAvail().y), false,
                      ImGuiWindowFlags_NoScrollWithMouse);
    const float width = ImGui::GetContentRegionAvail().x;
    if (form.events.empty()) ui::textWrapped(tr("agenda.week.empty"), width, ui::fonts().body, ui::colors::kTextMuted);
    for (std::size_t i = 0; i < form.events.size(); ++i) {
        const agenda::AgendaEvent& e = form.events[i];
        const bool started = area.agenda.hasStarted(e);
        // Two lines on one button: what and when, then where and the places left.
        std::string second = agenda_ui::placesLabel(e, started);
        if (!e.details.place.empty()) second = e.details.place + "  ·  " + second;
        const std::string label = e.details.title + "\n" + agenda_ui::whenLabel(e) + "\n" + second;
        const std::string id = "agenda.event." + std::to_string(i);
        if (ui::button(id.c_str(), label.c_str(), ImVec2(width, ui::em(3.9f)),
                       e.cancelled() || started ? ui::ButtonKind::Quiet : ui::ButtonKind::Normal)) {
            const agenda::AgendaEvent chosen = e;
            context.later([&form, chosen] {
                form.event = chosen;
                form.message.clear();
                form.step = Form::Step::Event;
            });
        }
    }
    drawNearby(form, width);
    ui::dragToScroll();
    ImGui::EndChild();
}

void drawEvent(app::ScreenContext& context, Form& form) {
    auto& area = agenda_ui::agendaOf(context.services);
    const agenda::AgendaEvent& e = *form.event;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const bool started = area.agenda.hasStarted(e);
    const bool open = !e.cancelled() && !started;
    const float footer = open ? ui::em(3.0f) : 0.0f;
    ImGui::BeginChild("agenda.event.page", ImVec2(avail.x, avail.y - footer), false, ImGuiWindowFlags_NoScrollWithMouse);
    const float width = ImGui::GetContentRegionAvail().x;
    ui::textWrapped(e.details.title, width, ui::fonts().title);
    ui::textWrapped(agenda_ui::whenLabel(e), width, ui::fonts().body);
    if (!e.details.place.empty())
        ui::textWrapped(trf("agenda.event.place", {{"place", e.details.place}}), width, ui::fonts().body);
    ui::text(agenda_ui::priceLabel(e) + "  ·  " + agenda_ui::placesLabel(e, started), ui::fonts().body,
             e.cancelled() ? ui::colors::kDanger : ui::colors::kTextMuted);
    if (!e.details.description.empty()) {
        ImGui::Dummy(ui::em(1.0f, 0.2f));
        ui::textWrapped(e.details.description, width, ui::fonts().body);
    }
    if (!form.message.empty()) ui::textWrapped(form.message, width, ui::fonts().body, ui::colors::kDanger);
    ui::dragToScroll();
    ImGui::EndChild();
    if (!open) return;
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + avail.y - footer + ui::em(0.4f)));
    const float gap = ui::em(0.8f);
    const ImVec2 size((avail.x - gap) * 0.5f, ui::em(2.6f));
    const bool full = e.placesLeft() == 0;
    if (ui::button("agenda.cancel_mine", tr("agenda.event.cancel_mine"), size)) {
        form.cancelling = true;
        form.identify.reset();
        form.message.clear();
        form.step = Form::Step::Identify;
    }
    ImGui::SameLine(0.0f, gap);
    if (ui::button("agenda.sign_up", tr(full ? "agenda.event.wait" : "agenda.event.sign_up"), size,
                   ui::ButtonKind::Primary)) {
        form.cancelling = false;
        form.identify.reset();
        form.who = {};
        form.message.clear();
        form.step = Form::Step::Identify;
    }
}

void drawOtherName(Form& form) {
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ui::text(tr("agenda.sign_up.other_question"), ui::fonts().title);
    ui::textField("agenda.other_name", form.who.name, tr("agenda.sign_up.other_name"), true, false, area.x);
    if (!form.message.empty()) ui::text(form.message, ui::fonts().body, ui::colors::kDanger);
    const float top = ImGui::GetCursorScreenPos().y + ui::em(0.3f);
    ImGui::SetCursorScreenPos(ImVec2(origin.x, top));
    if (ui::drawKeyboard(form.who.name, form.keyboard, agenda::EventAgenda::kMaxNameLength,
                         ImVec2(area.x, origin.y + area.y - top), tr("common.next")) &&
        !form.who.name.empty()) {
        form.message.clear();
        form.step = Form::Step::OtherPhone;
    }
}

void drawOtherPhone(Form& form) {
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ui::text(tr("agenda.sign_up.phone_question"), ui::fonts().title);
    ui::text(form.who.phone.empty() ? std::string(tr("agenda.sign_up.phone_none")) : form.who.phone, ui::fonts().title);
    ui::textWrapped(tr("agenda.sign_up.phone_hint"), area.x, ui::fonts().body, ui::colors::kTextMuted);
    if (!form.message.empty()) ui::text(form.message, ui::fonts().body, ui::colors::kDanger);
    const float top = ImGui::GetCursorScreenPos().y + ui::em(0.3f);
    const float height = origin.y + area.y - top;
    const float padWidth = std::min(area.x * 0.6f, height * 1.3f);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + (area.x - padWidth) * 0.5f, top));
    if (ui::drawNumericKeypad(form.who.phone, 15, ImVec2(padWidth, height), tr("common.next"))) {
        form.message.clear();
        form.dedupeKey.clear();
        form.step = Form::Step::Confirm;
    }
}

void drawConfirm(app::ScreenContext& context, Form& form) {
    const float width = ImGui::GetContentRegionAvail().x;
    if (form.dedupeKey.empty()) form.dedupeKey = storage::newRecordId(context.services.clock.nowMs());
    const agenda::AgendaEvent& e = *form.event;
    // The step's main actions stay in view at the bottom; the words above scroll by a drag where they do not fit
    // (large text on a small screen: docs/accessibility.md).
    ui::beginAboveActions("agenda.confirm_step", ui::em(ui::kActionRowEm));
    const float left = ImGui::GetCursorScreenPos().x;
    ui::text(tr("agenda.sign_up.confirm_title"), ui::fonts().title);
    ui::textWrapped(trf("agenda.sign_up.confirm_summary", {{"name", form.who.name}, {"title", e.details.title}}),
                    width, ui::fonts().body);
    ui::textWrapped(agenda_ui::whenLabel(e) + (e.details.place.empty() ? "" : "  ·  " + e.details.place), width,
                    ui::fonts().body);
    ui::text(agenda_ui::priceLabel(e), ui::fonts().body);
    if (e.placesLeft() == 0)
        ui::textWrapped(tr("agenda.sign_up.will_wait"), width, ui::fonts().body, ui::colors::kDanger);
    if (!form.message.empty()) ui::textWrapped(form.message, width, ui::fonts().body, ui::colors::kDanger);
    ui::endAboveActions();
    bool confirmed = false;
    ui::actionRow(width, left, ui::em(ui::kActionButtonEm), {[&](ImVec2 size) {
        confirmed = ui::button("agenda.confirm", tr("agenda.sign_up.confirm_button"), size, ui::ButtonKind::Primary);
    }});
    if (!confirmed) return;
    context.later([&form](app::ScreenContext& later) {
        auto& area = agenda_ui::agendaOf(later.services);
        agenda::SignUpRequest request;
        request.eventId = form.event->id;
        request.who = form.who;
        request.source = later.state.staff ? agenda::SignUpSource::Counter : agenda::SignUpSource::Kiosk;
        request.dedupeKey = form.dedupeKey;
        const auto result = area.agenda.signUp(&actorOf(later), request);
        if (!result.ok()) {
            form.message = agenda_ui::refusalText(result.error);
            form.dedupeKey.clear();
            reloadEvent(later, form);
            if (result.error == agenda::AgendaError::PhoneInvalid) form.step = Form::Step::OtherPhone;
            else if (result.error == agenda::AgendaError::NameInvalid) form.step = Form::Step::OtherName;
            else if (result.error != agenda::AgendaError::AlreadySignedUp) form.step = Form::Step::Event;
            return;
        }
        form.result = result;
        form.event = result.event;
        form.message.clear();
        form.step = Form::Step::Done;
    });
}

void drawDone(app::ScreenContext& context, Form& form) {
    const float width = ImGui::GetContentRegionAvail().x;
    const auto& result = *form.result;
    ui::beginAboveActions("agenda.done_step", ui::em(ui::kActionRowEm));
    const float left = ImGui::GetCursorScreenPos().x;
    ui::text(tr(result.waiting ? "agenda.done.waiting_title" : "agenda.done.title"), ui::fonts().title,
             result.waiting ? ui::colors::kText : ui::colors::kSuccess);
    ui::textWrapped(form.event->details.title + "  ·  " + agenda_ui::whenLabel(*form.event), width, ui::fonts().body);
    if (result.waiting)
        ui::textWrapped(trf("agenda.done.waiting", {{"position", std::to_string(result.waitingPosition)}}), width,
                        ui::fonts().body);
    else
        ui::textWrapped(tr(result.ticketPrinted ? "agenda.done.ticket" : "agenda.done.no_ticket"), width,
                        ui::fonts().body);
    ui::text(trf("agenda.done.code", {{"code", result.signUp->ticketCode}}), ui::fonts().title);
    ui::textWrapped(tr(result.signUp->phone.empty() && result.signUp->email.empty() ? "agenda.done.no_reminder"
                                                                                      : "agenda.done.reminder"),
                    width, ui::fonts().body, ui::colors::kTextMuted);
    ui::endAboveActions();
    ui::actionRow(width, left, ui::em(ui::kActionButtonEm),
                  {[&](ImVec2 size) {
                       if (ui::button("agenda.another", tr("agenda.done.another"), size)) {
                           context.later([&form](app::ScreenContext& later) {
                               loadWeek(later, form, form.monday);
                               form.result.reset();
                               form.step = Form::Step::Week;
                           });
                       }
                   },
                   [&](ImVec2 size) {
                       if (ui::button("agenda.finish", tr("agenda.done.finish"), size, ui::ButtonKind::Primary)) {
                           if (context.state.staff) context.open(kAgendaEventsScreen);
                           else context.returnHome("agenda.done");
                       }
                   }});
}

void drawCancelled(app::ScreenContext& context, Form& form) {
    const float width = ImGui::GetContentRegionAvail().x;
    ui::text(tr("agenda.cancelled.title"), ui::fonts().title, ui::colors::kSuccess);
    ui::textWrapped(form.event->details.title + "  ·  " + agenda_ui::whenLabel(*form.event), width, ui::fonts().body);
    ui::textWrapped(tr("agenda.cancelled.body"), width, ui::fonts().body);
    ImGui::Dummy(ui::em(1.0f, 0.5f));
    if (ui::button("agenda.finish", tr("agenda.done.finish"), ImVec2(width, ui::em(2.4f)), ui::ButtonKind::Primary)) {
        if (context.state.staff) context.open(kAgendaEventsScreen);
        else context.returnHome("agenda.done");
    }
}

class AgendaWeekScreen final : public app::Screen {
public:
    void open(app::ScreenContext& context) override {
        form_ = Form();
        loadWeek(context, form_, agenda_ui::agendaOf(context.services).agenda.firstWeekShown());
    }
    bool onRead(app::ScreenContext& context, const hardware::ReaderEvent& event) override {
        if (event.kind != hardware::ReadKind::CardUid || form_.step != Form::Step::Identify) return false;
        form_.identify.onCard(context, event.value, identified());
        return true;
    }
    void draw(app::ScreenContext& context) override;
    // The week's events and their places, or the step's question: never a name.
    std::string spokenText(app::ScreenContext& context) override {
        auto& area = agenda_ui::agendaOf(context.services);
        switch (form_.step) {
        case Form::Step::Week: {
            std::vector<std::string> parts{tr("agenda.title"),
                                           trf("agenda.week.of", {{"day", agenda_ui::dayLabel(form_.monday)}})};
            if (form_.events.empty()) parts.push_back(tr("agenda.week.empty"));
            for (const auto& e : form_.events)
                parts.push_back(e.details.title + ", " + agenda_ui::whenLabel(e) + ", " +
                                agenda_ui::placesLabel(e, area.agenda.hasStarted(e)));
            if (!form_.nearby.empty()) parts.push_back(tr("agenda.nearby.title"));
            for (const auto& e : form_.nearby)
                parts.push_back(trf("agenda.nearby.event", {{"village", e.village}, {"title", e.details.title}}) + ", " +
                                agenda_ui::whenLabel(e));
            return services::joinSentences(parts);
        }
        case Form::Step::Event: {
            const auto& e = *form_.event;
            return services::joinSentences({e.details.title, agenda_ui::whenLabel(e), e.details.place,
                                            agenda_ui::priceLabel(e), agenda_ui::placesLabel(e, area.agenda.hasStarted(e)),
                                            e.details.description});
        }
        case Form::Step::Identify: return services::joinSentences({tr("agenda.sign_up.who")});
        case Form::Step::OtherName: return services::joinSentences({tr("agenda.sign_up.other_question")});
        case Form::Step::OtherPhone: return services::joinSentences({tr("agenda.sign_up.phone_question")});
        case Form::Step::Confirm: return services::joinSentences({tr("agenda.sign_up.confirm_title")});
        case Form::Step::Done:
            return services::joinSentences({tr(form_.result && form_.result->waiting ? "agenda.done.waiting_title"
                                                                                       : "agenda.done.title")});
        case Form::Step::Cancelled: return services::joinSentences({tr("agenda.cancelled.title")});
        }
        return {};
    }

private:
    MemberIdentification::Found identified() {
        return [this](app::ScreenContext& context, const services::timebank::TimeBankMember& member) {
            form_.identify.reset();
            if (!form_.cancelling) {
                form_.who = {member.id, member.name, {}, {}};
                form_.dedupeKey.clear();
                form_.step = Form::Step::Confirm;
                return;
            }
            auto& book = agenda_ui::agendaOf(context.services).agenda;
            const auto mine = book.signUpOf(form_.event->id, member.id);
            if (!mine) {
                form_.message = tr("agenda.cancel.not_signed_up");
                form_.step = Form::Step::Event;
                return;
            }
            const auto result = book.cancelSignUp(&actorOf(context), mine->id);
            reloadEvent(context, form_);
            if (!result.ok()) {
                form_.message = agenda_ui::refusalText(result.error);
                form_.step = Form::Step::Event;
                return;
            }
            form_.cancelResult = result;
            form_.step = Form::Step::Cancelled;
        };
    }
    void back(app::ScreenContext& context);

    Form form_;
};

void AgendaWeekScreen::back(app::ScreenContext& context) {
    form_.message.clear();
    switch (form_.step) {
    case Form::Step::Week:
    case Form::Step::Done:
    case Form::Step::Cancelled:
        if (context.state.staff) context.open(kAgendaEventsScreen);
        else context.returnHome("agenda.back");
        break;
    case Form::Step::Event:
        context.later([this](app::ScreenContext& later) { loadWeek(later, form_, form_.monday); });
        form_.step = Form::Step::Week;
        break;
    case Form::Step::Identify: form_.step = Form::Step::Event; break;
    case Form::Step::OtherName:
        form_.who = {};
        form_.step = Form::Step::Identify;
        break;
    case Form::Step::OtherPhone: form_.step = Form::Step::OtherName; break;
    case Form::Step::Confirm:
        form_.dedupeKey.clear();
        form_.step = form_.who.memberId.empty() ? Form::Step::OtherPhone : Form::Step::Identify;
        break;
    }
}

void AgendaWeekScreen::draw(app::ScreenContext& context) {
    if (ui::headerBar(tr("agenda.title"), true)) {
        back(context);
        return;
    }
    switch (form_.step) {
    case Form::Step::Week: drawWeek(context, form_); break;
    case Form::Step::Event: drawEvent(context, form_); break;
    case Form::Step::Identify: {
        const bool other = atCounter(context) && !form_.cancelling;
        if (form_.identify.draw(context, tr(form_.cancelling ? "agenda.cancel.who" : "agenda.sign_up.who"),
                                identified(),
                                other ? std::pair<const char*, const char*>{"agenda.someone_else",
                                                                            tr("agenda.sign_up.someone_else")}
                                      : std::pair<const char*, const char*>{nullptr, nullptr})) {
            form_.who = {};
            form_.step = Form::Step::OtherName;
        }
        break;
    }
    case Form::Step::OtherName: drawOtherName(form_); break;
    case Form::Step::OtherPhone: drawOtherPhone(form_); break;
    case Form::Step::Confirm: drawConfirm(context, form_); break;
    case Form::Step::Done: drawDone(context, form_); break;
    case Form::Step::Cancelled: drawCancelled(context, form_); break;
    }
}

}  // namespace

void registerAgendaWeekScreen(app::ScreenRegistry& registry) { registry.add<AgendaWeekScreen>(kAgendaWeekScreen); }

}  // namespace vk::screens
