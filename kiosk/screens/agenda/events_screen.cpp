#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/agenda/agenda_screens.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/ui/on_screen_keyboard.h"
#include "kiosk/ui/widgets.h"

#include <algorithm>
#include <cstdio>

namespace vk::screens {

using i18n::tr;
using i18n::trf;
using i18n::trn;
namespace agenda = services::agenda;

namespace {

std::string shiftedTime(const std::string& time, int minutes) {
    const int now = services::health::isValidTime(time) ? services::health::minutesOf(time) : 14 * 60;
    const int shifted = std::clamp(now + minutes, 0, 23 * 60 + 30);
    char text[24];
    std::snprintf(text, sizeof text, "%02d:%02d", shifted / 60, shifted % 60);
    return text;
}

std::string stateLabel(const agenda::SignUp& s) {
    switch (s.state) {
    case agenda::SignUpState::Registered: return tr("agenda.staff.state.registered");
    case agenda::SignUpState::Waiting: return tr("agenda.staff.state.waiting");
    case agenda::SignUpState::Attended: return tr("agenda.staff.state.attended");
    case agenda::SignUpState::Cancelled: return tr("agenda.staff.state.cancelled");
    }
    return {};
}

// The café manager's events: the coming ones with their counts; one of them with who signed up (registered,
// waiting in order, present, cancelled), to cancel a place, mark someone present or reprint a ticket; the form
// of a new or changed event (title, place and description on the keyboard; day, times, places and price with
// steps); cancelling an event, which tells everyone signed up.
class AgendaEventsScreen final : public app::Screen {
public:
    enum class Step { List, Detail, Edit, Typing, ConfirmCancel };
    enum class Field { Title, Place, Description };

    bool allowed(const std::optional<services::StaffSession>& staff) const override {
        return staff && isCafeStaff(staff->role);
    }
    void open(app::ScreenContext& context) override {
        step_ = Step::List;
        message_.clear();
        reload(context);
    }
    bool onRead(app::ScreenContext& context, const hardware::ReaderEvent& event) override {
        // A ticket's QR code read at the door marks its holder present.
        if (event.kind != hardware::ReadKind::Barcode || event.value.rfind("VK-AGENDA:", 0) != 0) return false;
        const auto result = agenda_ui::agendaOf(context.services).agenda.markAttended(&*context.state.staff, event.value);
        say(result.ok() ? trf("agenda.staff.present", {{"name", result.cancelled->name}})
                        : agenda_ui::refusalText(result.error),
            !result.ok());
        reload(context);
        return true;
    }
    void draw(app::ScreenContext& context) override;

private:
    void reload(app::ScreenContext& context) {
        auto& book = agenda_ui::agendaOf(context.services).agenda;
        const std::string today = services::health::localDay(context.services.clock.nowMs());
        events_ = book.between(today, services::health::addDays(today, 7 * book.settings().weeksAhead));
        if (event_) {
            event_ = book.event(event_->id);
            signUps_ = event_ ? book.signUpsOf(&*context.state.staff, event_->id) : std::vector<agenda::SignUp>{};
        }
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
    void drawDetail(app::ScreenContext& context);
    void drawEdit(app::ScreenContext& context);
    void drawTyping();
    void drawConfirmCancel(app::ScreenContext& context);
    void save(app::ScreenContext& context);

    Step step_ = Step::List;
    std::vector<agenda::AgendaEvent> events_;
    std::optional<agenda::AgendaEvent> event_;
    std::vector<agenda::SignUp> signUps_;
    agenda::EventForm form_;
    bool newEvent_ = false;
    Field field_ = Field::Title;
    ui::KeyboardState keyboard_{ui::KeyboardPage::Letters, true};
    std::string message_;
    bool messageIsError_ = false;
};

void AgendaEventsScreen::drawList(app::ScreenContext& context) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float gap = ui::em(0.6f);
    const ImVec2 top((avail.x - gap) * 0.5f, ui::em(2.0f));
    if (ui::button("agenda.staff.new", tr("agenda.staff.new"), top, ui::ButtonKind::Primary)) {
        const std::string today = services::health::localDay(context.services.clock.nowMs());
        form_ = agenda::EventForm{};
        form_.day = services::health::addDays(today, 7);
        form_.startsAt = "14:30";
        form_.endsAt = "16:30";
        form_.capacity = 12;
        newEvent_ = true;
        message_.clear();
        step_ = Step::Edit;
    }
    ImGui::SameLine(0.0f, gap);
    if (ui::button("agenda.staff.counter", tr("agenda.staff.counter"), top)) context.open(kAgendaWeekScreen);
    drawMessage(avail.x);
    if (events_.empty()) ui::textWrapped(tr("agenda.staff.none"), avail.x, ui::fonts().body, ui::colors::kTextMuted);
    ImGui::BeginChild("agenda.staff.list", ImVec2(avail.x, ImGui::GetContentRegionAvail().y), false,
                      ImGuiWindowFlags_NoScrollWithMouse);
    const float width = ImGui::GetContentRegionAvail().x;
    for (std::size_t i = 0; i < events_.size(); ++i) {
        const auto& e = events_[i];
        std::string counts = e.cancelled() ? std::string(tr("agenda.places.cancelled"))
                             : e.details.capacity == 0
                                 ? trf("agenda.staff.counts_open", {{"registered", std::to_string(e.registered)}})
                                 : trf("agenda.staff.counts", {{"registered", std::to_string(e.registered)},
                                                               {"capacity", std::to_string(e.details.capacity)},
                                                               {"waiting", std::to_string(e.waiting)}});
        const std::string label = e.details.title + "\n" + agenda_ui::whenLabel(e) + "  ·  " + counts;
        const std::string id = "agenda.staff.event." + std::to_string(i);
        if (ui::button(id.c_str(), label.c_str(), ImVec2(width, ui::em(2.8f)),
                       e.cancelled() ? ui::ButtonKind::Quiet : ui::ButtonKind::Normal)) {
            const agenda::AgendaEvent chosen = e;
            context.later([this, chosen](app::ScreenContext& later) {
                event_ = chosen;
                message_.clear();
                reload(later);
                step_ = Step::Detail;
            });
        }
    }
    ui::dragToScroll();
    ImGui::EndChild();
}

void AgendaEventsScreen::drawDetail(app::ScreenContext& context) {
    if (!event_) {
        step_ = Step::List;
        return;
    }
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const auto& e = *event_;
    ui::textWrapped(e.details.title, avail.x, ui::fonts().title);
    ui::textWrapped(agenda_ui::whenLabel(e) + (e.details.place.empty() ? "" : "  ·  " + e.details.place) + "  ·  " +
                        agenda_ui::priceLabel(e),
                    avail.x, ui::fonts().body);
    ui::text(agenda_ui::placesLabel(e, agenda_ui::agendaOf(context.services).agenda.hasStarted(e)), ui::fonts().body,
             ui::colors::kTextMuted);
    const float gap = ui::em(0.6f);
    const ImVec2 small((avail.x - gap * 2.0f) / 3.0f, ui::em(2.0f));
    const bool open = !e.cancelled();
    if (ui::button("agenda.staff.edit", tr("agenda.staff.edit"), small, ui::ButtonKind::Normal, open)) {
        const auto& d = e.details;
        form_ = agenda::EventForm{d.title, d.place, d.description, d.day, d.startsAt, d.endsAt, d.capacity, d.priceCents};
        newEvent_ = false;
        message_.clear();
        step_ = Step::Edit;
    }
    ImGui::SameLine(0.0f, gap);
    if (ui::button("agenda.staff.cancel_event", tr("agenda.staff.cancel_event"), small, ui::ButtonKind::Danger, open)) {
        message_.clear();
        step_ = Step::ConfirmCancel;
    }
    ImGui::SameLine(0.0f, gap);
    if (ui::button("agenda.staff.back_to_list", tr("agenda.staff.back_to_list"), small)) {
        message_.clear();
        step_ = Step::List;
    }
    drawMessage(avail.x);
    ui::text(trn("agenda.staff.sign_ups", static_cast<long long>(signUps_.size()),
                 {{"count", std::to_string(signUps_.size())}}),
             ui::fonts().body);
    ImGui::BeginChild("agenda.staff.sign_ups", ImVec2(avail.x, ImGui::GetContentRegionAvail().y), false,
                      ImGuiWindowFlags_NoScrollWithMouse);
    const float width = ImGui::GetContentRegionAvail().x;
    const ImVec2 action(ui::em(6.5f), ui::em(1.8f));
    int waitingRank = 0;
    for (std::size_t i = 0; i < signUps_.size(); ++i) {
        const auto& s = signUps_[i];
        const float rowTop = ImGui::GetCursorPosY();
        std::string line = s.name + "  ·  " + stateLabel(s);
        if (s.state == agenda::SignUpState::Waiting) line += " " + std::to_string(++waitingRank);
        line += "  ·  " + s.ticketCode;
        if (!s.phone.empty()) line += "  ·  " + s.phone;
        ui::textWrapped(line, width - 2.0f * (action.x + gap), ui::fonts().body,
                        s.state == agenda::SignUpState::Cancelled ? ui::colors::kTextMuted : ui::colors::kText);
        const float rowBottom = ImGui::GetCursorPosY();
        const bool active = s.state == agenda::SignUpState::Registered || s.state == agenda::SignUpState::Waiting;
        if (active && open) {
            ImGui::SetCursorPos(ImVec2(ImGui::GetCursorPosX() + width - 2.0f * action.x - gap, rowTop));
            const std::string presentId = "agenda.staff.present." + std::to_string(i);
            if (ui::button(presentId.c_str(), tr("agenda.staff.mark_present"), action, ui::ButtonKind::Normal,
                           s.state == agenda::SignUpState::Registered)) {
                const std::string code = s.ticketCode;
                context.later([this, code](app::ScreenContext& later) {
                    const auto result = agenda_ui::agendaOf(later.services).agenda.markAttended(&*later.state.staff, code);
                    say(result.ok() ? trf("agenda.staff.present", {{"name", result.cancelled->name}})
                                    : agenda_ui::refusalText(result.error),
                        !result.ok());
                    reload(later);
                });
            }
            ImGui::SameLine(0.0f, gap);
            const std::string cancelId = "agenda.staff.cancel_sign_up." + std::to_string(i);
            if (ui::button(cancelId.c_str(), tr("agenda.staff.cancel_sign_up"), action)) {
                const std::string signUpId = s.id;
                context.later([this, signUpId](app::ScreenContext& later) {
                    const auto result =
                        agenda_ui::agendaOf(later.services).agenda.cancelSignUp(&*later.state.staff, signUpId);
                    if (!result.ok()) say(agenda_ui::refusalText(result.error), true);
                    else if (result.promoted)
                        say(trf(result.promotedTold ? "agenda.staff.promoted_told" : "agenda.staff.promoted_call",
                                {{"name", result.promoted->name}}),
                            false);
                    else say(tr("agenda.staff.sign_up_cancelled"), false);
                    reload(later);
                });
            }
            ImGui::SetCursorPosY(std::max(rowBottom, rowTop + action.y) + ui::em(0.3f));
        } else {
            ImGui::SetCursorPosY(rowBottom + ui::em(0.2f));
        }
    }
    ui::dragToScroll();
    ImGui::EndChild();
}

void AgendaEventsScreen::save(app::ScreenContext& context) {
    auto& book = agenda_ui::agendaOf(context.services).agenda;
    const auto change = newEvent_ ? book.addEvent(&*context.state.staff, form_)
                                  : book.editEvent(&*context.state.staff, event_->id, form_);
    if (!change.ok()) {
        say(agenda_ui::refusalText(change.error), true);
        return;
    }
    event_ = change.event;
    reload(context);
    say(tr("agenda.staff.saved"), false);
    step_ = Step::Detail;
}

void AgendaEventsScreen::drawEdit(app::ScreenContext& context) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float gap = ui::em(0.4f);
    const float half = (avail.x - gap) * 0.5f;
    const auto field = [&](const char* id, const std::string& value, const char* label, Field which, float width) {
        if (ui::textField(id, value, label, false, false, width)) {
            field_ = which;
            step_ = Step::Typing;
        }
    };
    // The three texts on one line: the steps below need the height at 1024×600.
    const float third = (avail.x - gap * 2.0f) / 3.0f;
    field("agenda.staff.title", form_.title, tr("agenda.staff.field_title"), Field::Title, third);
    ImGui::SameLine(0.0f, gap);
    field("agenda.staff.place", form_.place, tr("agenda.staff.field_place"), Field::Place, third);
    ImGui::SameLine(0.0f, gap);
    field("agenda.staff.description", form_.description, tr("agenda.staff.field_description"), Field::Description,
          third);
    const ImVec2 step((avail.x - gap * 5.0f) / 6.0f, ui::em(1.8f));
    const auto row = [&](const std::string& words, const char* minusId, const char* minusLabel, const char* plusId,
                         const char* plusLabel, auto&& minus, auto&& plus) {
        const float y = ImGui::GetCursorPosY();
        ui::text(words, ui::fonts().body);
        ImGui::SetCursorPos(ImVec2(ImGui::GetCursorPosX() + avail.x - 2.0f * step.x - gap, y));
        if (ui::button(minusId, minusLabel, step)) minus();
        ImGui::SameLine(0.0f, gap);
        if (ui::button(plusId, plusLabel, step)) plus();
    };
    row(trf("agenda.staff.field_day", {{"day", agenda_ui::dayLabel(form_.day)}}), "agenda.staff.day_minus", tr("agenda.staff.minus_day"),
        "agenda.staff.day_plus", tr("agenda.staff.plus_day"), [&] { form_.day = services::health::addDays(form_.day, -1); },
        [&] { form_.day = services::health::addDays(form_.day, 1); });
    row(trf("agenda.staff.field_start", {{"time", form_.startsAt}}), "agenda.staff.start_minus", tr("agenda.staff.minus_half_hour"),
        "agenda.staff.start_plus", tr("agenda.staff.plus_half_hour"), [&] { form_.startsAt = shiftedTime(form_.startsAt, -30); },
        [&] { form_.startsAt = shiftedTime(form_.startsAt, 30); });
    row(form_.endsAt.empty() ? std::string(tr("agenda.staff.field_no_end"))
                             : trf("agenda.staff.field_end", {{"time", form_.endsAt}}),
        "agenda.staff.end_minus", tr("agenda.staff.minus_half_hour"), "agenda.staff.end_plus", tr("agenda.staff.plus_half_hour"),
        [&] {
            // Below the start, the event has no end time shown.
            const std::string earlier = shiftedTime(form_.endsAt.empty() ? form_.startsAt : form_.endsAt, -30);
            form_.endsAt = earlier <= form_.startsAt ? std::string() : earlier;
        },
        [&] { form_.endsAt = shiftedTime(form_.endsAt.empty() ? form_.startsAt : form_.endsAt, 30); });
    row(form_.capacity == 0 ? std::string(tr("agenda.staff.field_no_limit"))
                            : trf("agenda.staff.field_capacity", {{"count", std::to_string(form_.capacity)}}),
        "agenda.staff.capacity_minus", tr("agenda.staff.minus_place"), "agenda.staff.capacity_plus", tr("agenda.staff.plus_place"),
        [&] { form_.capacity = std::max(form_.capacity - 1, 0); },
        [&] { form_.capacity = std::min(form_.capacity + 1, agenda::EventAgenda::kMaxCapacity); });
    const std::int64_t price = form_.priceCents.value_or(0);
    row(price == 0 ? std::string(tr("agenda.price.free"))
                   : trf("agenda.price.amount", {{"amount", agenda::formatPrice(price)}}),
        "agenda.staff.price_minus", tr("agenda.staff.minus_price"), "agenda.staff.price_plus", tr("agenda.staff.plus_price"),
        [&] {
            const std::int64_t lower = std::max<std::int64_t>(price - 50, 0);
            if (lower == 0) form_.priceCents.reset();
            else form_.priceCents = lower;
        },
        [&] { form_.priceCents = std::min<std::int64_t>(price + 50, agenda::EventAgenda::kMaxPriceCents); });
    drawMessage(avail.x);
    ImGui::Dummy(ui::em(1.0f, 0.2f));
    const ImVec2 bottom(half, ui::em(2.0f));
    if (ui::button("agenda.staff.discard", tr("agenda.staff.discard"), bottom)) {
        message_.clear();
        step_ = newEvent_ ? Step::List : Step::Detail;
    }
    ImGui::SameLine(0.0f, gap);
    if (ui::button("agenda.staff.save", tr("agenda.staff.save"), bottom, ui::ButtonKind::Primary))
        context.later([this](app::ScreenContext& later) { save(later); });
}

void AgendaEventsScreen::drawTyping() {
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    std::string& text = field_ == Field::Title ? form_.title : field_ == Field::Place ? form_.place : form_.description;
    const char* label = field_ == Field::Title   ? tr("agenda.staff.field_title")
                        : field_ == Field::Place ? tr("agenda.staff.field_place")
                                                 : tr("agenda.staff.field_description");
    const std::size_t max = field_ == Field::Description ? agenda::EventAgenda::kMaxDescriptionLength
                                                          : agenda::EventAgenda::kMaxTitleLength;
    ui::textField("agenda.staff.typing", text, label, true, false, area.x);
    const float top = ImGui::GetCursorScreenPos().y + ui::em(0.3f);
    ImGui::SetCursorScreenPos(ImVec2(origin.x, top));
    if (ui::drawKeyboard(text, keyboard_, max, ImVec2(area.x, origin.y + area.y - top), tr("common.next")))
        step_ = Step::Edit;
}

void AgendaEventsScreen::drawConfirmCancel(app::ScreenContext& context) {
    const float width = ImGui::GetContentRegionAvail().x;
    ui::textWrapped(trf("agenda.staff.cancel_question", {{"title", event_->details.title}}), width, ui::fonts().title);
    ui::textWrapped(trn("agenda.staff.cancel_hint", event_->registered + event_->waiting,
                        {{"count", std::to_string(event_->registered + event_->waiting)}}),
                    width, ui::fonts().body);
    const float gap = ui::em(0.8f);
    const ImVec2 size((width - gap) * 0.5f, ui::em(2.4f));
    if (ui::button("agenda.staff.keep_event", tr("agenda.staff.keep_event"), size)) step_ = Step::Detail;
    ImGui::SameLine(0.0f, gap);
    if (ui::button("agenda.staff.confirm_cancel", tr("agenda.staff.confirm_cancel"), size, ui::ButtonKind::Danger)) {
        context.later([this](app::ScreenContext& later) {
            const auto change = agenda_ui::agendaOf(later.services).agenda.cancelEvent(&*later.state.staff, event_->id);
            if (!change.ok()) say(agenda_ui::refusalText(change.error), true);
            else say(trn("agenda.staff.cancelled", change.told, {{"count", std::to_string(change.told)}}), false);
            reload(later);
            step_ = Step::Detail;
        });
    }
}

void AgendaEventsScreen::draw(app::ScreenContext& context) {
    if (ui::headerBar(tr("agenda.staff.title"), true)) {
        message_.clear();
        switch (step_) {
        case Step::List: context.open(kStaffHomeScreen); break;
        case Step::Detail: step_ = Step::List; break;
        case Step::Edit: step_ = newEvent_ ? Step::List : Step::Detail; break;
        case Step::Typing: step_ = Step::Edit; break;
        case Step::ConfirmCancel: step_ = Step::Detail; break;
        }
        return;
    }
    switch (step_) {
    case Step::List: drawList(context); break;
    case Step::Detail: drawDetail(context); break;
    case Step::Edit: drawEdit(context); break;
    case Step::Typing: drawTyping(); break;
    case Step::ConfirmCancel: drawConfirmCancel(context); break;
    }
}

}  // namespace

void registerAgendaEventsScreen(app::ScreenRegistry& registry) { registry.add<AgendaEventsScreen>(kAgendaEventsScreen); }

}  // namespace vk::screens
