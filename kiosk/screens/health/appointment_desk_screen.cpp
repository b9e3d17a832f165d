// The day's appointments at the desk: the assistant corrects one (time, day, name, birth date, phone) or cancels
// it; when a booking is cancelled she is shown whom on the waiting list to call for the freed slot. Staff mode
// only: names are shown. Every change goes through AppointmentBook, which audits it.

#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/health/appointment_contact_form.h"
#include "kiosk/screens/health/card_link_step.h"
#include "kiosk/screens/health/health_screens.h"
#include "kiosk/screens/health/waiting_list_screen.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/services/health/health_area.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/ui/on_screen_keyboard.h"
#include "kiosk/ui/widgets.h"

#include <algorithm>

namespace vk::screens {

using i18n::tr;
namespace health = services::health;

namespace {

using app::KioskServices;

health::HealthServices& healthOf(KioskServices& services) { return services.area<health::HealthServices>(); }

std::string who(const storage::Appointment& a) { return a.surname + (a.givenName.empty() ? "" : " " + a.givenName); }

// "DDMMYYYY" ↔ "DD/MM/YYYY", "HHMM" ↔ "HH:MM", as the fields show what is typed.
std::string shownDate(const std::string& digits) {
    std::string shown;
    for (std::size_t i = 0; i < digits.size(); ++i) shown += (i == 2 || i == 4 ? "/" : "") + std::string(1, digits[i]);
    return shown;
}
std::string shownTime(const std::string& digits) {
    return digits.size() > 2 ? digits.substr(0, 2) + ":" + digits.substr(2) : digits;
}
std::string digitsOf(const std::string& text) {
    std::string out;
    for (const char c : text)
        if (c >= '0' && c <= '9') out += c;
    return out;
}

const char* errorText(health::HealthError error) {
    switch (error) {
    case health::HealthError::None: return "";
    case health::HealthError::NotAllowed: return tr("staff.error.not_allowed");
    case health::HealthError::NotFound: return tr("staff.error.not_found");
    case health::HealthError::Closed: return tr("waiting.error.closed");
    case health::HealthError::TransitionRefused: return tr("waiting.error.transition");
    case health::HealthError::NameInvalid: return tr("staff.error.name_invalid");
    case health::HealthError::DateInvalid: return tr("desk.error.date");
    case health::HealthError::TimeInvalid: return tr("waiting.error.time");
    case health::HealthError::BirthDateInvalid: return tr("waiting.error.birth_date");
    case health::HealthError::CodeInUse:
    case health::HealthError::CodeInvalid: return tr("desk.error.code");
    case health::HealthError::PhoneInvalid: return tr("waiting_list.error.phone");
    default: return tr("waiting.error.other");
    }
}

class AppointmentDeskScreen final : public app::Screen {
public:
    bool allowed(const std::optional<services::StaffSession>& staff) const override {
        return staff && health::mayManageAppointments(&*staff);
    }
    void open(app::ScreenContext& context) override {
        day_ = health::localDay(context.services.clock.nowMs());
        reload(context.services);
    }
    void draw(app::ScreenContext& context) override;
    // Only the card linking step asks for a read; otherwise a read on this screen goes nowhere.
    bool onRead(app::ScreenContext& context, const hardware::ReaderEvent& event) override {
        return cardLink_ && cardLink_->onRead(context, event);
    }

private:
    enum class Mode { List, Edit, Contact };
    enum class Field { Day, Time, Surname, GivenName, BirthDate, Phone };

    void reload(KioskServices& services) {
        appointments_ = healthOf(services).appointments.day(day_);
        loadedMinute_ = services.clock.nowMs() / 60'000;
    }
    void drawList(app::ScreenContext& context, const ImVec2& area, const ImVec2& origin);
    void drawEdit(app::ScreenContext& context, const ImVec2& area, const ImVec2& origin);
    void drawFreedSlot(app::ScreenContext& context, float width);
    void startEditing(const storage::Appointment& a) {
        mode_ = Mode::Edit;
        editing_ = a.id;
        field_ = Field::Time;
        dayDigits_ = digitsOf(shownDateOfDay(health::localDay(a.startsAt)));
        timeDigits_ = digitsOf(health::localTime(a.startsAt));
        surname_ = a.surname;
        givenName_ = a.givenName;
        birthDigits_ = a.birthDate ? digitsOf(shownDateOfDay(*a.birthDate)) : "";
        phone_ = a.phone.value_or("");
        message_.clear();
        keyboard_ = {};
    }
    // « Lier une carte » from the form: a card links a surname and the birth date saved with the appointment.
    void askForCard() {
        const auto a = std::find_if(appointments_.begin(), appointments_.end(),
                                    [&](const storage::Appointment& each) { return each.id == editing_; });
        if (a == appointments_.end()) return;
        if (!a->birthDate) {
            messageIsError_ = true;
            message_ = tr("desk.link_card.no_birth_date");
            return;
        }
        message_.clear();
        cardLink_.emplace(*a);
    }
    static std::string shownDateOfDay(const std::string& isoDay) {
        return isoDay.substr(8, 2) + "/" + isoDay.substr(5, 2) + "/" + isoDay.substr(0, 4);
    }

    std::string day_;
    std::vector<storage::Appointment> appointments_;
    std::int64_t loadedMinute_ = -1;
    Mode mode_ = Mode::List;
    std::string editing_;
    Field field_ = Field::Time;
    std::string dayDigits_;
    std::string timeDigits_;
    std::string surname_;
    std::string givenName_;
    std::string birthDigits_;
    std::string phone_;
    ui::KeyboardState keyboard_;
    std::string confirmingCancel_;
    std::string message_;
    bool messageIsError_ = false;
    // The slot the last cancellation freed, and whom to call for it.
    std::optional<std::int64_t> freedSlot_;
    std::vector<health::SlotCandidate> candidates_;
    std::optional<CardLinkStep> cardLink_;  // over the form while it waits for the patient's card
    AppointmentContactForm contact_;
};

void AppointmentDeskScreen::draw(app::ScreenContext& context) {
    if (cardLink_) {
        if (!cardLink_->draw(context)) cardLink_.reset();
        return;
    }
    if (mode_ == Mode::Contact) {
        if (const auto outcome = contact_.draw(context); outcome != AppointmentContactForm::Outcome::Editing) {
            mode_ = Mode::List;
            messageIsError_ = false;
            message_ = outcome == AppointmentContactForm::Outcome::Saved ? tr("desk.contact_saved") : "";
            reload(context.services);
        }
        return;
    }
    if (ui::headerBar(tr(mode_ == Mode::Edit ? "desk.edit_title" : "desk.title"), true)) {
        if (mode_ == Mode::Edit) {
            mode_ = Mode::List;
        } else {
            context.open(kStaffHomeScreen);
        }
        return;
    }
    if (loadedMinute_ != context.services.clock.nowMs() / 60'000) reload(context.services);
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    if (mode_ == Mode::Edit) {
        drawEdit(context, area, origin);
        return;
    }
    drawList(context, area, origin);
}

void AppointmentDeskScreen::drawFreedSlot(app::ScreenContext& context, float width) {
    const ui::Fonts& fonts = ui::fonts();
    ui::textWrapped(i18n::trf("desk.freed_slot", {{"time", i18n::spokenClockTime(*freedSlot_)}}), width, fonts.body,
                    ui::colors::kHealth);
    ui::textWrapped(i18n::longDate(*freedSlot_), width, fonts.small, ui::colors::kHealth);
    if (candidates_.empty()) {
        ui::textWrapped(tr("desk.freed_slot.nobody"), width, fonts.small, ui::colors::kTextMuted);
        return;
    }
    ui::textWrapped(tr("desk.freed_slot.call"), width, fonts.small, ui::colors::kTextMuted);
    const ImVec2 taken(std::min(width, ui::em(8.0f)), ui::em(1.8f));
    for (std::size_t i = 0; i < candidates_.size() && i < 3; ++i) {
        const health::SlotCandidate& c = candidates_[i];
        ImGui::Separator();
        ui::textWrapped(c.entry.surname + (c.entry.givenName.empty() ? "" : " " + c.entry.givenName), width, fonts.body);
        ui::textWrapped(c.entry.phone, width, fonts.title);  // on a line of its own: a number is not cut
        std::string details = c.entry.availability;
        if (c.presentAppointmentAt)
            details += (details.empty() ? "" : " · ") +
                       i18n::trf("desk.freed_slot.now", {{"when", i18n::shortDateTime(*c.presentAppointmentAt)}});
        if (!details.empty()) ui::textWrapped(details, width, fonts.small, ui::colors::kTextMuted);
        const std::string id = "desk.freed_slot.taken." + c.entry.id;
        if (ui::button(id.c_str(), tr("desk.freed_slot.taken"), taken, ui::ButtonKind::Primary))
            context.later([this, entryId = c.entry.id](app::ScreenContext& later) {
                const auto change = healthOf(later.services).waitingList.resolve(&*later.state.staff, entryId);
                if (change.ok() && freedSlot_) {
                    // She gave the slot away: nobody else is to be called for it.
                    freedSlot_.reset();
                    candidates_.clear();
                    messageIsError_ = false;
                    message_ = tr("desk.freed_slot.given");
                }
            });
    }
    if (candidates_.size() > 3)
        ui::text(i18n::trn("desk.freed_slot.more", candidates_.size() - 3, {{"count", std::to_string(candidates_.size() - 3)}}), fonts.small,
                 ui::colors::kTextMuted);
}

void AppointmentDeskScreen::drawList(app::ScreenContext& context, const ImVec2& area, const ImVec2& origin) {
    const ui::Fonts& fonts = ui::fonts();
    const float gap = ui::em(1.0f);
    // Left, the day's appointments; right, the waiting list and the slot a cancellation freed.
    const float listWidth = (area.x - gap) * 0.62f;
    const float sideWidth = area.x - gap - listWidth;
    const ImVec2 step(ui::em(3.0f), ui::em(1.9f));
    if (ui::button("desk.previous_day", "\xE2\x86\x90", step)) {  // ←
        day_ = health::addDays(day_, -1);
        confirmingCancel_.clear();
        reload(context.services);
    }
    ImGui::SameLine(0.0f, ui::em(0.4f));
    if (ui::button("desk.next_day", "\xE2\x86\x92", step)) {  // →
        day_ = health::addDays(day_, 1);
        confirmingCancel_.clear();
        reload(context.services);
    }
    ImGui::SameLine(0.0f, ui::em(0.8f));
    const auto noon = health::localToUnixMs(day_, "12:00");
    ui::text(noon ? i18n::longDate(*noon) : day_, fonts.title);
    if (!message_.empty())
        ui::textWrapped(message_, listWidth, fonts.body, messageIsError_ ? ui::colors::kDanger : ui::colors::kSuccess);
    const float top = ImGui::GetCursorScreenPos().y;
    ImGui::BeginChild("desk.list", ImVec2(listWidth, origin.y + area.y - top), false, ImGuiWindowFlags_NoScrollWithMouse);
    if (appointments_.empty()) ui::text(tr("desk.none"), fonts.body, ui::colors::kTextMuted);
    // Three buttons to a row, within the list and its scroll bar.
    const float rowWidth = listWidth - ImGui::GetStyle().ScrollbarSize - ui::em(1.0f);
    const ImVec2 small(std::min(ui::em(5.6f), rowWidth * 0.3f), ui::em(1.8f));
    const ImVec2 wide(std::min(ui::em(7.6f), rowWidth - 2.0f * small.x - ui::em(0.6f)), ui::em(1.8f));
    for (const storage::Appointment& a : appointments_) {
        ImGui::Separator();
        const std::string status = tr(std::string("desk.status.") + std::string(storage::statusKey(a.status)));
        ui::textWrapped(health::localTime(a.startsAt) + "  " + who(a) + "  · " + status, listWidth, fonts.body,
                        a.status == storage::AppointmentStatus::Cancelled ? ui::colors::kTextMuted : ui::colors::kText);
        const bool open = a.status == storage::AppointmentStatus::Booked || a.status == storage::AppointmentStatus::Arrived;
        if (!open) continue;
        if (confirmingCancel_ == a.id) {
            const std::string yes = "desk.cancel_confirm." + a.id;
            if (ui::button(yes.c_str(), tr("desk.cancel_confirm"), ImVec2(small.x + wide.x, wide.y), ui::ButtonKind::Danger)) {
                confirmingCancel_.clear();
                context.later([this, id = a.id, startsAt = a.startsAt](app::ScreenContext& later) {
                    const auto change = healthOf(later.services).appointments.cancel(&*later.state.staff, id);
                    messageIsError_ = !change.ok();
                    message_ = change.ok() ? tr("desk.cancelled") : errorText(change.error);
                    if (change.ok() && startsAt > later.services.clock.nowMs()) {
                        freedSlot_ = startsAt;
                        candidates_ = healthOf(later.services).waitingList.candidatesFor(&*later.state.staff, startsAt);
                    }
                    reload(later.services);
                });
            }
            ImGui::SameLine(0.0f, ui::em(0.3f));
            const std::string no = "desk.cancel_keep." + a.id;
            if (ui::button(no.c_str(), tr("desk.cancel_keep"), small)) confirmingCancel_.clear();
            continue;
        }
        const std::string edit = "desk.edit." + a.id;
        if (ui::button(edit.c_str(), tr("desk.edit"), small)) startEditing(a);
        ImGui::SameLine(0.0f, ui::em(0.3f));
        const std::string cancel = "desk.cancel." + a.id;
        if (ui::button(cancel.c_str(), tr("desk.cancel"), small)) confirmingCancel_ = a.id;
        if (a.status == storage::AppointmentStatus::Booked) {
            ImGui::SameLine(0.0f, ui::em(0.3f));
            const std::string earlier = "desk.wants_earlier." + a.id;
            if (ui::button(earlier.c_str(), tr("desk.wants_earlier"), wide)) {
                health::WaitingListInput input;
                input.surname = a.surname;
                input.givenName = a.givenName;
                input.phone = a.phone.value_or("");
                input.appointmentId = a.id;
                context.open(kWaitingListScreen);
                context.later([input](app::ScreenContext& later) {
                    if (auto* list = later.screen<WaitingListScreen>(kWaitingListScreen)) list->startAdding(input);
                });
            }
        }
        if (drawReminderRow(a, small)) {
            contact_.start(a);
            mode_ = Mode::Contact;
        }
    }
    ui::dragToScroll();
    ImGui::EndChild();

    ImGui::SetCursorScreenPos(ImVec2(origin.x + listWidth + gap, top));
    ImGui::BeginChild("desk.side", ImVec2(sideWidth, origin.y + area.y - top), false, ImGuiWindowFlags_NoScrollWithMouse);
    const float inner = sideWidth - ImGui::GetStyle().ScrollbarSize - ui::em(0.5f);
    // Whom to call comes first: the slot is only worth something while it is still free.
    if (freedSlot_) {
        drawFreedSlot(context, inner);
        ImGui::Dummy(ui::em(0.5f, 0.4f));
    }
    if (ui::button("desk.waiting_list", tr("desk.open_waiting_list"), ImVec2(inner, ui::em(2.0f))))
        context.open(kWaitingListScreen);
    ui::dragToScroll();
    ImGui::EndChild();
}

void AppointmentDeskScreen::drawEdit(app::ScreenContext& context, const ImVec2& area, const ImVec2& origin) {
    const float gap = ui::em(0.8f);
    const float column = (area.x - 2.0f * gap) / 3.0f;
    const auto field = [&](const char* id, const char* label, const std::string& shown, Field which) {
        ImGui::BeginGroup();
        ui::text(tr(label), ui::fonts().small);
        if (ui::textField(id, shown, "", field_ == which, false, column)) {
            field_ = which;
            keyboard_ = {};
            keyboard_.shift = which == Field::Surname || which == Field::GivenName;
        }
        ImGui::EndGroup();
    };
    field("desk.field.day", "desk.field.day", shownDate(dayDigits_), Field::Day);
    ImGui::SameLine(0.0f, gap);
    field("desk.field.time", "desk.field.time", shownTime(timeDigits_), Field::Time);
    ImGui::SameLine(0.0f, gap);
    field("desk.field.phone", "desk.field.phone", phone_, Field::Phone);
    field("desk.field.surname", "waiting.new.surname", surname_, Field::Surname);
    ImGui::SameLine(0.0f, gap);
    field("desk.field.given_name", "waiting.new.given_name", givenName_, Field::GivenName);
    ImGui::SameLine(0.0f, gap);
    field("desk.field.birth_date", "waiting.new.birth_date", shownDate(birthDigits_), Field::BirthDate);
    if (!message_.empty() && messageIsError_) ui::text(message_, ui::fonts().body, ui::colors::kDanger);
    const ImVec2 action(ui::em(8.0f), ui::em(1.9f));
    const bool save = ui::button("desk.save", tr("common.save"), action, ui::ButtonKind::Primary);
    ImGui::SameLine(0.0f, ui::em(0.6f));
    if (ui::button("desk.edit_cancel", tr("common.cancel"), action)) {
        mode_ = Mode::List;
        message_.clear();
        return;
    }
    ImGui::SameLine(0.0f, ui::em(0.6f));
    if (ui::button("desk.link_card", tr("desk.link_card"), ImVec2(ui::em(10.0f), action.y))) askForCard();
    const float top = ImGui::GetCursorScreenPos().y + ui::em(0.3f);
    const float height = origin.y + area.y - top;
    if (field_ == Field::Day || field_ == Field::Time || field_ == Field::BirthDate || field_ == Field::Phone) {
        std::string& typed = field_ == Field::Day ? dayDigits_ : field_ == Field::Time ? timeDigits_
                             : field_ == Field::BirthDate ? birthDigits_ : phone_;
        const std::size_t most = field_ == Field::Time ? 4 : field_ == Field::Phone ? 14 : 8;
        const float padWidth = std::min(area.x * 0.5f, height * 1.6f);
        ImGui::SetCursorScreenPos(ImVec2(origin.x + (area.x - padWidth) * 0.5f, top));
        if (ui::drawNumericKeypad(typed, most, ImVec2(padWidth, height), tr("common.next")))
            field_ = field_ == Field::Day ? Field::Time : field_ == Field::Time ? Field::Phone : Field::Surname;
    } else {
        std::string& typed = field_ == Field::Surname ? surname_ : givenName_;
        ImGui::SetCursorScreenPos(ImVec2(origin.x, top));
        if (ui::drawKeyboard(typed, keyboard_, 120, ImVec2(area.x, height), tr("common.next"))) {
            field_ = field_ == Field::Surname ? Field::GivenName : Field::BirthDate;
            keyboard_ = {};
            keyboard_.shift = field_ == Field::GivenName;
        }
    }
    if (!save) return;
    context.later([this](app::ScreenContext& later) {
        health::AppointmentInput input;
        input.day = shownDate(dayDigits_);
        input.time = shownTime(timeDigits_);
        input.surname = surname_;
        input.givenName = givenName_;
        input.birthDate = birthDigits_.size() == 8 ? shownDate(birthDigits_) : "";
        input.phone = phone_;
        const auto change = healthOf(later.services).appointments.edit(&*later.state.staff, editing_, input);
        messageIsError_ = !change.ok();
        message_ = change.ok() ? tr("desk.saved") : errorText(change.error);
        if (change.ok()) {
            mode_ = Mode::List;
            if (change.appointment) day_ = health::localDay(change.appointment->startsAt);
        }
        reload(later.services);
    });
}

}  // namespace

void registerWaitingListScreen(app::ScreenRegistry& registry);

void registerAppointmentDeskScreens(app::ScreenRegistry& registry) {
    registry.add<AppointmentDeskScreen>(kAppointmentDeskScreen);
    registerWaitingListScreen(registry);
}

}  // namespace vk::screens
