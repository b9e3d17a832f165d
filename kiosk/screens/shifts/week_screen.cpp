#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/shifts/shifts_screens.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/screens/timebank/member_identification.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/speech/spoken_sentences.h"
#include "kiosk/ui/widgets.h"

#include <algorithm>

namespace vk::screens {

using i18n::tr;
using i18n::trf;
namespace shifts = services::shifts;

namespace {

// The week a member reads: the shifts with their free places and those offered for swap (never a name); a
// shift's page; then who (card, or name and PIN), the reminder question, and done. « Mes créneaux » lists the
// identified member's own places, each to give back or to offer for swap.
struct Form {
    enum class Step { Week, Shift, Identify, Confirm, Done, Mine };
    enum class Purpose { SignUp, Take, Mine };
    Step step = Step::Week;
    Purpose purpose = Purpose::SignUp;
    std::string monday;
    std::vector<shifts::Shift> week;
    std::optional<shifts::Shift> shift;
    MemberIdentification identify{[](app::ScreenContext& context) -> services::timebank::MemberDirectory& {
        return shifts_ui::shiftsOf(context.services).members();
    }};
    // The member identified for « Mes créneaux » or the sign-up: their id only, never shown.
    std::string memberId;
    std::vector<shifts::ShiftSignUp> mine;
    std::string doneKey;  // what the Done step says
    std::string message;
};

const services::StaffSession& actorOf(app::ScreenContext& context) {
    return context.state.staff ? *context.state.staff : services::systemActor(services::SystemActor::Kiosk);
}

void loadWeek(app::ScreenContext& context, Form& form, const std::string& monday) {
    form.monday = monday;
    form.week = shifts_ui::shiftsOf(context.services).shifts.shiftsOfWeek(monday);
}

void reloadShift(app::ScreenContext& context, Form& form) {
    if (form.shift) form.shift = shifts_ui::shiftsOf(context.services).shifts.shift(form.shift->id);
}

void loadMine(app::ScreenContext& context, Form& form) {
    form.mine = shifts_ui::shiftsOf(context.services).shifts.comingPlacesOf(form.memberId);
}

void drawWeek(app::ScreenContext& context, Form& form) {
    auto& book = shifts_ui::shiftsOf(context.services).shifts;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float gap = ui::em(0.5f);
    const float arrowWidth = std::min(ui::em(7.0f), avail.x * 0.22f);
    const float mineWidth = std::min(ui::em(9.0f), avail.x * 0.26f);
    const ImVec2 arrow(arrowWidth, ui::em(2.0f));
    const std::string first = shifts_ui::thisMonday(context.services);
    const std::string last = services::health::addDays(first, shifts::kDaysShownAhead - 7);
    if (ui::button("shifts.week.previous", tr("shifts.week.previous"), arrow, ui::ButtonKind::Normal,
                   form.monday > first)) {
        const std::string monday = services::health::addDays(form.monday, -7);
        context.later([&form, monday](app::ScreenContext& later) { loadWeek(later, form, monday); });
    }
    ImGui::SameLine(0.0f, gap);
    const float middle = avail.x - 2.0f * (arrowWidth + gap) - mineWidth - gap;
    const ImVec2 labelAt = ImGui::GetCursorPos();
    ImGui::SetCursorPos(ImVec2(labelAt.x, labelAt.y + std::max(0.0f, (arrow.y - ui::em(1.2f)) * 0.5f)));
    ui::textCentered(trf("shifts.week.of", {{"day", shifts_ui::dayLabel(form.monday)}}), middle, ui::fonts().body);
    // The label may wrap to more lines than the buttons are high (large text): the list starts below both.
    const float labelBottom = ImGui::GetCursorPosY();
    ImGui::SetCursorPos(ImVec2(labelAt.x + middle + gap, labelAt.y));
    if (ui::button("shifts.week.next", tr("shifts.week.next"), arrow, ui::ButtonKind::Normal, form.monday < last)) {
        const std::string monday = services::health::addDays(form.monday, 7);
        context.later([&form, monday](app::ScreenContext& later) { loadWeek(later, form, monday); });
    }
    ImGui::SameLine(0.0f, gap);
    if (ui::button("shifts.mine", tr("shifts.week.mine"), ImVec2(mineWidth, arrow.y), ui::ButtonKind::Primary)) {
        form.purpose = Form::Purpose::Mine;
        form.identify.reset();
        form.message.clear();
        form.step = Form::Step::Identify;
    }
    ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), labelBottom));
    ImGui::Dummy(ui::em(1.0f, 0.2f));
    if (form.week.empty()) {
        ui::textWrapped(tr("shifts.week.empty"), avail.x, ui::fonts().body, ui::colors::kTextMuted);
        return;
    }
    ImGui::BeginChild("shifts.week.list", ImVec2(avail.x, ImGui::GetContentRegionAvail().y), false,
                      ImGuiWindowFlags_NoScrollWithMouse);
    const float width = ImGui::GetContentRegionAvail().x;
    for (std::size_t i = 0; i < form.week.size(); ++i) {
        const shifts::Shift& s = form.week[i];
        const bool started = book.hasStarted(s);
        const std::string label =
            shifts_ui::kindLabel(s) + "  ·  " + shifts_ui::whenLabel(s) + "\n" + shifts_ui::placesLabel(s, started);
        const std::string id = "shifts.shift." + std::to_string(i);
        const bool open = !started && (s.placesLeft() > 0 || s.offered > 0);
        if (ui::button(id.c_str(), label.c_str(), ImVec2(width, ui::em(2.9f)),
                       open ? ui::ButtonKind::Normal : ui::ButtonKind::Quiet)) {
            const shifts::Shift chosen = s;
            context.later([&form, chosen] {
                form.shift = chosen;
                form.message.clear();
                form.step = Form::Step::Shift;
            });
        }
    }
    ui::dragToScroll();
    ImGui::EndChild();
}

void drawShift(app::ScreenContext& context, Form& form) {
    auto& book = shifts_ui::shiftsOf(context.services).shifts;
    const shifts::Shift& s = *form.shift;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const bool started = book.hasStarted(s);
    const float footer = started ? 0.0f : ui::em(3.0f);
    ImGui::BeginChild("shifts.shift.page", ImVec2(avail.x, avail.y - footer), false, ImGuiWindowFlags_NoScrollWithMouse);
    const float width = ImGui::GetContentRegionAvail().x;
    ui::textWrapped(shifts_ui::kindLabel(s), width, ui::fonts().title);
    ui::textWrapped(shifts_ui::whenLabel(s), width, ui::fonts().body);
    ui::textWrapped(shifts_ui::placesLabel(s, started), width, ui::fonts().body, ui::colors::kTextMuted);
    if (!s.details.note.empty()) {
        ImGui::Dummy(ui::em(1.0f, 0.2f));
        ui::textWrapped(s.details.note, width, ui::fonts().body);
    }
    if (s.offered > 0) ui::textWrapped(tr("shifts.shift.offered_hint"), width, ui::fonts().body, ui::colors::kTextMuted);
    if (!form.message.empty()) ui::textWrapped(form.message, width, ui::fonts().body, ui::colors::kDanger);
    ui::dragToScroll();
    ImGui::EndChild();
    if (started) return;
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + avail.y - footer + ui::em(0.4f)));
    const float gap = ui::em(0.8f);
    const ImVec2 size((avail.x - gap) * 0.5f, ui::em(2.6f));
    if (ui::button("shifts.take", tr("shifts.shift.take"), size, ui::ButtonKind::Normal, s.offered > 0)) {
        form.purpose = Form::Purpose::Take;
        form.identify.reset();
        form.message.clear();
        form.step = Form::Step::Identify;
    }
    ImGui::SameLine(0.0f, gap);
    if (ui::button("shifts.sign_up", tr("shifts.shift.sign_up"), size, ui::ButtonKind::Primary, s.placesLeft() > 0)) {
        form.purpose = Form::Purpose::SignUp;
        form.identify.reset();
        form.message.clear();
        form.step = Form::Step::Identify;
    }
}

void drawConfirm(app::ScreenContext& context, Form& form) {
    const float width = ImGui::GetContentRegionAvail().x;
    const shifts::Shift& s = *form.shift;
    ui::text(tr(form.purpose == Form::Purpose::Take ? "shifts.confirm.take_title" : "shifts.confirm.title"),
             ui::fonts().title);
    ui::textWrapped(shifts_ui::kindLabel(s) + "  ·  " + shifts_ui::whenLabel(s), width, ui::fonts().body);
    ui::textWrapped(tr("shifts.confirm.reminder_question"), width, ui::fonts().body, ui::colors::kTextMuted);
    if (!form.message.empty()) ui::textWrapped(form.message, width, ui::fonts().body, ui::colors::kDanger);
    ImGui::Dummy(ui::em(1.0f, 0.3f));
    const float gap = ui::em(0.8f);
    const ImVec2 size((width - gap) * 0.5f, ui::em(2.6f));
    std::optional<bool> remind;
    if (ui::button("shifts.confirm.no_reminder", tr("shifts.confirm.no_reminder"), size)) remind = false;
    ImGui::SameLine(0.0f, gap);
    if (ui::button("shifts.confirm.reminder", tr("shifts.confirm.reminder"), size, ui::ButtonKind::Primary)) remind = true;
    if (!remind) return;
    context.later([&form, wanted = *remind](app::ScreenContext& later) {
        auto& book = shifts_ui::shiftsOf(later.services).shifts;
        const auto result = form.purpose == Form::Purpose::Take
                                ? book.takeOffered(&actorOf(later), form.shift->id, form.memberId, wanted)
                                : book.signUp(&actorOf(later), form.shift->id, form.memberId, wanted);
        reloadShift(later, form);
        if (!result.ok()) {
            form.message = shifts_ui::refusalText(result.error);
            if (form.shift) form.step = Form::Step::Shift;
            else {
                loadWeek(later, form, form.monday);
                form.step = Form::Step::Week;
            }
            return;
        }
        form.doneKey = wanted ? "shifts.done.reminder" : "shifts.done.no_reminder";
        form.message.clear();
        form.step = Form::Step::Done;
    });
}

void drawDone(app::ScreenContext& context, Form& form) {
    const float width = ImGui::GetContentRegionAvail().x;
    ui::text(tr("shifts.done.title"), ui::fonts().title, ui::colors::kSuccess);
    if (form.shift)
        ui::textWrapped(shifts_ui::kindLabel(*form.shift) + "  ·  " + shifts_ui::whenLabel(*form.shift), width,
                        ui::fonts().body);
    ui::textWrapped(tr(form.doneKey), width, ui::fonts().body, ui::colors::kTextMuted);
    ImGui::Dummy(ui::em(1.0f, 0.5f));
    const float gap = ui::em(0.8f);
    const ImVec2 size((width - gap) * 0.5f, ui::em(2.4f));
    if (ui::button("shifts.another", tr("shifts.done.another"), size)) {
        context.later([&form](app::ScreenContext& later) {
            loadWeek(later, form, form.monday);
            form.step = Form::Step::Week;
        });
    }
    ImGui::SameLine(0.0f, gap);
    if (ui::button("shifts.finish", tr("shifts.done.finish"), size, ui::ButtonKind::Primary))
        context.returnHome("shifts.done");
}

void drawMine(app::ScreenContext& context, Form& form) {
    auto& book = shifts_ui::shiftsOf(context.services).shifts;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    ui::text(tr("shifts.mine.title"), ui::fonts().title);
    if (!form.message.empty()) ui::textWrapped(form.message, avail.x, ui::fonts().body, ui::colors::kSuccess);
    if (form.mine.empty()) {
        ui::textWrapped(tr("shifts.mine.none"), avail.x, ui::fonts().body, ui::colors::kTextMuted);
        return;
    }
    ImGui::BeginChild("shifts.mine.list", ImVec2(avail.x, ImGui::GetContentRegionAvail().y), false,
                      ImGuiWindowFlags_NoScrollWithMouse);
    const float width = ImGui::GetContentRegionAvail().x;
    const float gap = ui::em(0.5f);
    const float buttonWidth = std::min(ui::em(8.5f), (width - 2.0f * gap) * 0.25f);
    for (std::size_t i = 0; i < form.mine.size(); ++i) {
        const shifts::ShiftSignUp place = form.mine[i];
        const auto shift = book.shift(place.shiftId);
        if (!shift) continue;
        const float top = ImGui::GetCursorPosY();
        const float textWidth = width - 2.0f * (buttonWidth + gap);
        ui::textWrapped(shifts_ui::kindLabel(*shift) + "  ·  " + shifts_ui::whenLabel(*shift), textWidth,
                        ui::fonts().body);
        if (place.offeredAt) ui::text(tr("shifts.mine.offered"), ui::fonts().body, ui::colors::kTextMuted);
        const float bottom = ImGui::GetCursorPosY();
        ImGui::SetCursorPos(ImVec2(textWidth + gap, top));
        const std::string offerId = "shifts.mine.offer." + std::to_string(i);
        const ImVec2 size(buttonWidth, ui::em(2.4f));
        if (ui::button(offerId.c_str(), tr(place.offeredAt ? "shifts.mine.keep" : "shifts.mine.offer"), size)) {
            context.later([&form, place](app::ScreenContext& later) {
                auto& places = shifts_ui::shiftsOf(later.services).shifts;
                const auto result = place.offeredAt ? places.withdrawOffer(&actorOf(later), place.id)
                                                    : places.offerForSwap(&actorOf(later), place.id);
                form.message = result.ok() ? std::string(tr(place.offeredAt ? "shifts.mine.kept" : "shifts.mine.offered_now"))
                                           : shifts_ui::refusalText(result.error);
                loadMine(later, form);
            });
        }
        ImGui::SameLine(0.0f, gap);
        const std::string cancelId = "shifts.mine.cancel." + std::to_string(i);
        if (ui::button(cancelId.c_str(), tr("shifts.mine.cancel"), size, ui::ButtonKind::Danger)) {
            context.later([&form, place](app::ScreenContext& later) {
                const auto result = shifts_ui::shiftsOf(later.services).shifts.cancel(&actorOf(later), place.id);
                form.message = result.ok() ? std::string(tr("shifts.mine.cancelled")) : shifts_ui::refusalText(result.error);
                loadMine(later, form);
            });
        }
        ImGui::SetCursorPosY(std::max(bottom, top + size.y) + gap);
    }
    ui::dragToScroll();
    ImGui::EndChild();
}

class ShiftsWeekScreen final : public app::Screen {
public:
    void open(app::ScreenContext& context) override {
        form_ = Form();
        loadWeek(context, form_, shifts_ui::thisMonday(context.services));
    }
    bool onRead(app::ScreenContext& context, const hardware::ReaderEvent& event) override {
        if (event.kind != hardware::ReadKind::CardUid || form_.step != Form::Step::Identify) return false;
        form_.identify.onCard(context, event.value, identified());
        return true;
    }
    void draw(app::ScreenContext& context) override;
    // The week's shifts and their places, or the step's question: never a name.
    std::string spokenText(app::ScreenContext& context) override {
        auto& book = shifts_ui::shiftsOf(context.services).shifts;
        switch (form_.step) {
        case Form::Step::Week: {
            std::vector<std::string> parts{tr("shifts.title"),
                                           trf("shifts.week.of", {{"day", shifts_ui::dayLabel(form_.monday)}})};
            if (form_.week.empty()) parts.push_back(tr("shifts.week.empty"));
            for (const auto& s : form_.week)
                parts.push_back(shifts_ui::kindLabel(s) + ", " + shifts_ui::whenLabel(s) + ", " +
                                shifts_ui::placesLabel(s, book.hasStarted(s)));
            return services::joinSentences(parts);
        }
        case Form::Step::Shift: {
            const auto& s = *form_.shift;
            return services::joinSentences({shifts_ui::kindLabel(s), shifts_ui::whenLabel(s),
                                            shifts_ui::placesLabel(s, book.hasStarted(s)), s.details.note});
        }
        case Form::Step::Identify: return services::joinSentences({tr(whoQuestion())});
        case Form::Step::Confirm: return services::joinSentences({tr("shifts.confirm.reminder_question")});
        case Form::Step::Done: return services::joinSentences({tr("shifts.done.title"), tr(form_.doneKey)});
        case Form::Step::Mine: return services::joinSentences({tr("shifts.mine.title")});
        }
        return {};
    }

private:
    const char* whoQuestion() const {
        switch (form_.purpose) {
        case Form::Purpose::SignUp: return "shifts.who.sign_up";
        case Form::Purpose::Take: return "shifts.who.take";
        case Form::Purpose::Mine: return "shifts.who.mine";
        }
        return "shifts.who.sign_up";
    }
    MemberIdentification::Found identified() {
        return [this](app::ScreenContext& context, const services::timebank::TimeBankMember& member) {
            form_.identify.reset();
            form_.memberId = member.id;
            form_.message.clear();
            if (form_.purpose == Form::Purpose::Mine) {
                loadMine(context, form_);
                form_.step = Form::Step::Mine;
                return;
            }
            form_.step = Form::Step::Confirm;
        };
    }
    void back(app::ScreenContext& context);

    Form form_;
};

void ShiftsWeekScreen::back(app::ScreenContext& context) {
    form_.message.clear();
    switch (form_.step) {
    case Form::Step::Week:
    case Form::Step::Done: context.returnHome("shifts.back"); break;
    case Form::Step::Shift:
    case Form::Step::Mine:
        form_.memberId.clear();
        form_.mine.clear();
        context.later([this](app::ScreenContext& later) { loadWeek(later, form_, form_.monday); });
        form_.step = Form::Step::Week;
        break;
    case Form::Step::Identify: form_.step = form_.purpose == Form::Purpose::Mine ? Form::Step::Week : Form::Step::Shift; break;
    case Form::Step::Confirm:
        form_.memberId.clear();
        form_.step = Form::Step::Shift;
        break;
    }
}

void ShiftsWeekScreen::draw(app::ScreenContext& context) {
    if (ui::headerBar(tr("shifts.title"), true)) {
        back(context);
        return;
    }
    switch (form_.step) {
    case Form::Step::Week: drawWeek(context, form_); break;
    case Form::Step::Shift: drawShift(context, form_); break;
    case Form::Step::Identify: form_.identify.draw(context, tr(whoQuestion()), identified()); break;
    case Form::Step::Confirm: drawConfirm(context, form_); break;
    case Form::Step::Done: drawDone(context, form_); break;
    case Form::Step::Mine: drawMine(context, form_); break;
    }
}

}  // namespace

void registerShiftsWeekScreen(app::ScreenRegistry& registry) { registry.add<ShiftsWeekScreen>(kShiftsWeekScreen); }

}  // namespace vk::screens
