#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/app/kiosk_sound.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/health/calling_board_display.h"
#include "kiosk/screens/health/health_screens.h"
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

using app::AppState;
using app::KioskServices;

// The assistant's waiting room, reloaded after each action and each minute.
struct View {
    enum class Mode { List, WalkIn, AddAppointment };
    enum class Field { Surname, GivenName, BirthDate, Time };
    Mode mode = Mode::List;
    Field field = Field::Surname;
    std::vector<storage::Appointment> waiting;
    std::vector<storage::Appointment> today;
    int delayMinutes = 0;
    std::vector<storage::StaffNotice> helpRequests;  // residents who asked for her at the kiosk
    std::int64_t newestHelpSeq = -1;                  // -1 until the first load: what was there before is not new
    bool helpArrived = false;                         // a request came since the last load: the chime sounds
    health::CheckIn::HelpStamp helpStamp;              // as at the last look for requests
    std::int64_t nextHelpLookMs = 0;                  // when the database is next asked whether anything changed
    std::int64_t loadedMinute = -1;
    std::string walkInName;
    // A booked appointment typed at the desk, for today.
    std::string surname;
    std::string givenName;
    std::string birthDigits;  // "DDMMYYYY"
    std::string timeDigits;   // "HHMM"
    ui::KeyboardState keyboard;
    std::string message;
    bool messageIsError = false;
    std::string confirmingNoShow;  // the appointment whose « Absent » waits for its confirmation
};

health::HealthServices& healthOf(KioskServices& services) { return services.area<health::HealthServices>(); }

const char* healthErrorText(health::HealthError error) {
    switch (error) {
    case health::HealthError::None: return "";
    case health::HealthError::NotAllowed: return tr("staff.error.not_allowed");
    case health::HealthError::NotFound: return tr("staff.error.not_found");
    case health::HealthError::TransitionRefused: return tr("waiting.error.transition");
    case health::HealthError::NoShowTooSoon: return tr("waiting.error.no_show_too_soon");
    case health::HealthError::Closed: return tr("waiting.error.closed");
    case health::HealthError::NameInvalid: return tr("staff.error.name_invalid");
    case health::HealthError::NobodyWaiting: return tr("waiting.error.nobody");
    case health::HealthError::TimeInvalid:
    case health::HealthError::DateInvalid: return tr("waiting.error.time");
    case health::HealthError::BirthDateInvalid: return tr("waiting.error.birth_date");
    default: return tr("waiting.error.other");
    }
}

void reloadHelpRequests(View& view, KioskServices& services) {
    view.helpStamp = healthOf(services).checkIn.helpStamp(true);
    view.helpRequests.clear();
    for (auto& notice : services.staffNotices.open())
        if (notice.area == health::kHelpNoticeArea) view.helpRequests.push_back(std::move(notice));
    std::int64_t newest = std::max<std::int64_t>(view.newestHelpSeq, 0);
    for (const auto& request : view.helpRequests) newest = std::max(newest, request.seq);
    view.helpArrived = view.helpArrived || (view.newestHelpSeq >= 0 && newest > view.newestHelpSeq);
    view.newestHelpSeq = newest;
}

void reload(View& view, KioskServices& services, bool force) {
    const std::int64_t minute = services.clock.nowMs() / 60'000;
    if (!force && view.loadedMinute == minute) return;
    health::HealthServices& health = healthOf(services);
    view.loadedMinute = minute;
    view.waiting = health.waitingRoom.waiting();
    view.today = health.waitingRoom.today();
    view.delayMinutes = health.rota.today().delayMinutes;
    reloadHelpRequests(view, services);
}

// How often the waiting room asks the database whether another process wrote (a call for help from a second
// kiosk): PRAGMA data_version reads no table, so the cost is the frame drawn, about every 2 s while she has it open.
constexpr std::int64_t kHelpLookEveryMs = 2'000;

// A call for help made through this kiosk is seen at the next frame; one written by another process within
// kHelpLookEveryMs. Only then are the notices read again.
void lookForHelpRequests(View& view, KioskServices& services) {
    const std::int64_t now = services.clock.nowMs();
    const bool lookAtDatabase = now >= view.nextHelpLookMs;
    if (lookAtDatabase) view.nextHelpLookMs = now + kHelpLookEveryMs;
    health::CheckIn::HelpStamp stamp = healthOf(services).checkIn.helpStamp(lookAtDatabase);
    if (!lookAtDatabase) stamp.databaseVersion = view.helpStamp.databaseVersion;
    if (!(stamp == view.helpStamp)) reloadHelpRequests(view, services);
}

void report(View& view, KioskServices& services, const health::AppointmentChange& change, const char* okKey) {
    view.messageIsError = !change.ok();
    view.message = change.ok() ? i18n::trf(okKey, {{"ticket", change.appointment && change.appointment->ticket
                                                                   ? *change.appointment->ticket
                                                                   : std::string()}})
                               : healthErrorText(change.error);
    reload(view, services, true);
}

// An action of the waiting room, run after the frame (it reloads the lists the frame is drawing), its outcome
// reported on the screen.
using Action = health::AppointmentChange (*)(health::WaitingRoom&, const services::StaffSession&, const std::string&);
void act(app::ScreenContext& context, View& view, Action action, std::string appointmentId, const char* okKey) {
    context.later([&view, action, appointmentId = std::move(appointmentId), okKey](app::ScreenContext& later) {
        report(view, later.services, action(healthOf(later.services).waitingRoom, *later.state.staff, appointmentId),
               okKey);
    });
}

// Staff screens may show names: this one is for the assistant's eyes, in staff mode only.
std::string who(const storage::Appointment& a) {
    return a.surname + (a.givenName.empty() ? "" : " " + a.givenName);
}

void drawWalkIn(app::ScreenContext& context, View& view, const ImVec2& area, const ImVec2& origin) {
    ui::text(tr("waiting.walk_in_name"), ui::fonts().title);
    ui::textField("waiting.walk_in_name", view.walkInName, "", true, false, area.x * 0.6f);
    ImGui::SameLine(0.0f, ui::em(0.6f));
    if (ui::button("waiting.walk_in_cancel", tr("common.cancel"), ui::em(7.0f, 2.0f))) {
        view.mode = View::Mode::List;
        return;
    }
    const float top = ImGui::GetCursorScreenPos().y + ui::em(0.4f);
    ImGui::SetCursorScreenPos(ImVec2(origin.x, top));
    if (ui::drawKeyboard(view.walkInName, view.keyboard, 120, ImVec2(area.x, origin.y + area.y - top), tr("common.save"))) {
        context.later([&view](app::ScreenContext& later) {
            health::WalkIn walkIn;
            walkIn.surname = view.walkInName;
            const auto change = healthOf(later.services).waitingRoom.addWalkIn(&*later.state.staff, walkIn);
            if (change.ok()) view.mode = View::Mode::List;
            report(view, later.services, change, "waiting.walk_in_added");
        });
    }
}

// "HHMM" → "HH:MM" and "DDMMYYYY" → "DD/MM/YYYY" as they are typed, for the fields.
std::string shownTime(const std::string& digits) {
    return digits.size() > 2 ? digits.substr(0, 2) + ":" + digits.substr(2) : digits;
}
std::string shownDate(const std::string& digits) {
    std::string shown;
    for (std::size_t i = 0; i < digits.size(); ++i) shown += (i == 2 || i == 4 ? "/" : "") + std::string(1, digits[i]);
    return shown;
}

void drawAddAppointment(app::ScreenContext& context, View& view, const ImVec2& area, const ImVec2& origin) {
    using Field = View::Field;
    const float column = (area.x - ui::em(1.0f)) * 0.5f;
    const auto field = [&](const char* id, const char* label, const std::string& shown, Field which) {
        ImGui::BeginGroup();
        ui::text(tr(label), ui::fonts().small);
        if (ui::textField(id, shown, "", view.field == which, false, column)) {
            view.field = which;
            view.keyboard = {};
            view.keyboard.shift = true;
        }
        ImGui::EndGroup();
    };
    field("waiting.new.surname", "waiting.new.surname", view.surname, Field::Surname);
    ImGui::SameLine(0.0f, ui::em(1.0f));
    field("waiting.new.given_name", "waiting.new.given_name", view.givenName, Field::GivenName);
    field("waiting.new.birth_date", "waiting.new.birth_date", shownDate(view.birthDigits), Field::BirthDate);
    ImGui::SameLine(0.0f, ui::em(1.0f));
    field("waiting.new.time", "waiting.new.time", shownTime(view.timeDigits), Field::Time);
    if (!view.message.empty()) ui::text(view.message, ui::fonts().body, ui::colors::kDanger);
    const ImVec2 action(ui::em(8.0f), ui::em(1.9f));
    bool save = ui::button("waiting.new.save", tr("common.save"), action, ui::ButtonKind::Primary);
    ImGui::SameLine(0.0f, ui::em(0.6f));
    if (ui::button("waiting.new.cancel", tr("common.cancel"), action)) {
        view.mode = View::Mode::List;
        view.message.clear();
        return;
    }
    const float top = ImGui::GetCursorScreenPos().y + ui::em(0.3f);
    const float height = origin.y + area.y - top;
    const bool digits = view.field == Field::BirthDate || view.field == Field::Time;
    if (digits) {
        std::string& typed = view.field == Field::BirthDate ? view.birthDigits : view.timeDigits;
        const float padWidth = std::min(area.x * 0.5f, height * 1.6f);
        ImGui::SetCursorScreenPos(ImVec2(origin.x + (area.x - padWidth) * 0.5f, top));
        if (ui::drawNumericKeypad(typed, view.field == Field::BirthDate ? 8 : 4, ImVec2(padWidth, height),
                                  tr("common.next")))
            view.field = Field::Time;
    } else {
        std::string& typed = view.field == Field::Surname ? view.surname : view.givenName;
        ImGui::SetCursorScreenPos(ImVec2(origin.x, top));
        if (ui::drawKeyboard(typed, view.keyboard, 120, ImVec2(area.x, height), tr("common.next"))) {
            view.field = view.field == Field::Surname ? Field::GivenName : Field::BirthDate;
            view.keyboard = {};
            view.keyboard.shift = true;
        }
    }
    if (!save) return;
    context.later([&view](app::ScreenContext& later) {
        health::AppointmentInput input;
        input.day = health::localDay(later.services.clock.nowMs());
        input.time = shownTime(view.timeDigits);
        input.surname = view.surname;
        input.givenName = view.givenName;
        if (view.birthDigits.size() == 8) input.birthDate = shownDate(view.birthDigits);
        const auto change = healthOf(later.services).appointments.add(&*later.state.staff, input);
        if (change.ok()) view.mode = View::Mode::List;
        report(view, later.services, change, "waiting.new.added");
    });
}

class WaitingRoomScreen final : public app::Screen {
public:
    bool allowed(const std::optional<services::StaffSession>& staff) const override {
        return staff && health::mayManageAppointments(&*staff);
    }
    void draw(app::ScreenContext& context) override;
    std::int64_t nextRedrawMs(std::int64_t nowMs) const override {
        return std::max(nowMs, view_.nextHelpLookMs);
    }

private:
    View view_;
};

void WaitingRoomScreen::draw(app::ScreenContext& context) {
    KioskServices& services = context.services;
    if (ui::headerBar(tr("staff.home.waiting_room"), true)) {
        context.open(kStaffHomeScreen);
        return;
    }
    reload(view_, services, false);
    lookForHelpRequests(view_, services);
    if (view_.helpArrived) {
        view_.helpArrived = false;
        context.sound().helpChime();
    }
    View& view = view_;
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    if (view.mode == View::Mode::WalkIn) {
        drawWalkIn(context, view, area, origin);
        return;
    }
    if (view.mode == View::Mode::AddAppointment) {
        drawAddAppointment(context, view, area, origin);
        return;
    }
    const ui::Fonts& fonts = ui::fonts();
    const float gap = ui::em(1.0f);
    const float left = (area.x - gap) * 0.58f;
    const float right = area.x - gap - left;
    const ImVec2 small(ui::em(5.2f), ui::em(1.8f));
    // « Absent » takes a patient off every list: the first tap asks, and the row's buttons become « Oui, absent »
    // (in red) and « Non », which leaves things as they were.
    const auto noShowButton = [&](const storage::Appointment& a) {
        const std::string id = "waiting.no_show." + a.id;
        if (ui::button(id.c_str(), tr("waiting.no_show"), small)) view.confirmingNoShow = a.id;
    };
    const auto confirmNoShowRow = [&](const storage::Appointment& a) {
        const std::string confirmId = "waiting.no_show_confirm." + a.id;
        if (ui::button(confirmId.c_str(), tr("waiting.no_show_confirm"), ImVec2(small.x * 1.3f, small.y),
                       ui::ButtonKind::Danger)) {
            view.confirmingNoShow.clear();
            act(context, view, [](health::WaitingRoom& room, const services::StaffSession& staff, const std::string& appointmentId) {
                return room.markNoShow(&staff, appointmentId);
            }, a.id, "waiting.marked_no_show");
        }
        ImGui::SameLine(0.0f, ui::em(0.3f));
        const std::string cancelId = "waiting.no_show_cancel." + a.id;
        if (ui::button(cancelId.c_str(), tr("waiting.no_show_keep"), ImVec2(small.x * 0.8f, small.y)))
            view.confirmingNoShow.clear();
    };

    // Left: who asks for her at the kiosk, who is in consultation, who waits, in call order.
    ImGui::BeginGroup();
    for (std::size_t i = 0; i < view.helpRequests.size() && i < 2; ++i) {
        const storage::StaffNotice& notice = view.helpRequests[i];
        const float rowTop = ImGui::GetCursorScreenPos().y;
        const float seenWidth = ui::em(4.5f);
        ui::textWrapped(notice.message, left - seenWidth - ui::em(0.5f), fonts.body, ui::colors::kDanger);
        const float textBottom = ImGui::GetCursorScreenPos().y;
        ImGui::SetCursorScreenPos(ImVec2(origin.x + left - seenWidth, rowTop));
        const std::string id = "waiting.help.seen." + std::to_string(notice.seq);
        if (ui::button(id.c_str(), tr("waiting.help.acknowledge"), ImVec2(seenWidth, ui::em(1.8f)), ui::ButtonKind::Primary))
            context.later([&view, seq = notice.seq](app::ScreenContext& later) {
                later.services.staffNotices.acknowledge(*later.state.staff, seq);
                reload(view, later.services, true);
            });
        ImGui::SetCursorScreenPos(ImVec2(origin.x, std::max(textBottom, rowTop + ui::em(1.9f))));
    }
    if (ui::button("waiting.call_next", tr("waiting.call_next"), ImVec2(left, ui::em(2.6f)), ui::ButtonKind::Primary,
                   !view.waiting.empty()))
        act(context, view, [](health::WaitingRoom& room, const services::StaffSession& staff, const std::string&) {
            return room.callNext(&staff);
        }, "", "waiting.called");
    if (!view.message.empty())
        ui::textWrapped(view.message, left, fonts.body, view.messageIsError ? ui::colors::kDanger : ui::colors::kSuccess);
    for (const auto& a : view.today) {
        if (a.status != storage::AppointmentStatus::InConsultation) continue;
        ui::text(i18n::trf("waiting.in_consultation", {{"ticket", a.ticket.value_or("")}, {"name", who(a)}}), fonts.body,
                 ui::colors::kHealth);
        ImGui::SameLine(left - small.x);
        const std::string id = "waiting.done." + a.id;
        if (ui::button(id.c_str(), tr("waiting.done"), small))
            act(context, view, [](health::WaitingRoom& room, const services::StaffSession& staff, const std::string& appointmentId) {
                return room.markDone(&staff, appointmentId);
            }, a.id, "waiting.finished");
    }
    ui::text(i18n::trf("waiting.waiting_count", {{"count", std::to_string(view.waiting.size())}}), fonts.title);
    ImGui::BeginChild("waiting.list", ImVec2(left, 0), false, ImGuiWindowFlags_NoScrollWithMouse);
    for (const auto& a : view.waiting) {
        ImGui::Separator();
        ui::text(a.ticket.value_or("") + "  " + health::localTime(a.startsAt) + "  " + who(a));
        if (view.confirmingNoShow == a.id) {
            confirmNoShowRow(a);
            continue;
        }
        const std::string callId = "waiting.call." + a.id;
        if (ui::button(callId.c_str(), tr("waiting.call"), small))
            act(context, view, [](health::WaitingRoom& room, const services::StaffSession& staff, const std::string& appointmentId) {
                return room.call(&staff, appointmentId);
            }, a.id, "waiting.called");
        ImGui::SameLine(0.0f, ui::em(0.3f));
        noShowButton(a);
    }
    ui::dragToScroll();
    ImGui::EndChild();
    ImGui::EndGroup();

    // Right: the day's bookings not yet here, the delay announcement, walk-ins, the calling screen.
    ImGui::SetCursorScreenPos(ImVec2(origin.x + left + gap, origin.y));
    ImGui::BeginGroup();
    ui::text(tr("waiting.delay"), fonts.body);
    for (const int minutes : {0, 15, 30, 45}) {
        if (minutes > 0) ImGui::SameLine(0.0f, ui::em(0.3f));
        const std::string id = "waiting.delay." + std::to_string(minutes);
        const std::string label = minutes == 0 ? tr("waiting.delay_none") : std::to_string(minutes);
        if (ui::button(id.c_str(), label.c_str(), ImVec2((right - ui::em(0.9f)) / 4.0f, ui::em(1.9f)),
                       view.delayMinutes == minutes ? ui::ButtonKind::Primary : ui::ButtonKind::Normal)) {
            context.later([&view, minutes](app::ScreenContext& later) {
                healthOf(later.services).rota.announce(*later.state.staff, minutes, "");
                reload(view, later.services, true);
            });
        }
    }
    const ImVec2 wide(right, ui::em(2.0f));
    if (ui::button("waiting.add_walk_in", tr("waiting.add_walk_in"), wide)) {
        view.mode = View::Mode::WalkIn;
        view.walkInName.clear();
        view.keyboard = {};
        view.keyboard.shift = true;
    }
    if (ui::button("waiting.add_appointment", tr("waiting.add_appointment"), wide)) {
        view = {};
        view.mode = View::Mode::AddAppointment;
        view.keyboard.shift = true;
    }
    if (ui::button("waiting.calling_screen", tr("waiting.calling_screen"), wide)) context.open(kCallingScreen);
    ui::text(tr("waiting.expected"), fonts.body, ui::colors::kTextMuted);
    ImGui::BeginChild("waiting.expected", ImVec2(right, 0), false, ImGuiWindowFlags_NoScrollWithMouse);
    for (const auto& a : view.today) {
        if (a.status != storage::AppointmentStatus::Booked) continue;
        ImGui::Separator();
        ui::text(health::localTime(a.startsAt) + "  " + who(a), fonts.small);
        if (view.confirmingNoShow == a.id) {
            confirmNoShowRow(a);
            continue;
        }
        const std::string arrivedId = "waiting.arrived." + a.id;
        if (ui::button(arrivedId.c_str(), tr("waiting.arrived"), small))
            act(context, view, [](health::WaitingRoom& room, const services::StaffSession& staff, const std::string& appointmentId) {
                return room.markArrived(&staff, appointmentId);
            }, a.id, "waiting.checked_in");
        ImGui::SameLine(0.0f, ui::em(0.3f));
        noShowButton(a);
    }
    ui::dragToScroll();
    ImGui::EndChild();
    ImGui::EndGroup();
}

// In the waiting room, for everyone: ticket numbers, nothing else. Opening it ends the staff session (see
// isPublicDisplay), its Back goes home, and the idle timeout leaves it up. Calls made elsewhere reach it at the
// minute's reload (on this kiosk the assistant is not signed in while it is up).
class CallingScreen final : public app::Screen {
public:
    bool isPublicDisplay() const override { return true; }
    void draw(app::ScreenContext& context) override;

private:
    CallingBoardDisplay board_;
    std::int64_t loadedMinute_ = -1;
};

void CallingScreen::draw(app::ScreenContext& context) {
    if (ui::headerBar(tr("calling.title"), true)) {
        context.returnHome("back");
        return;
    }
    const std::int64_t minute = context.services.clock.nowMs() / 60'000;
    if (minute != loadedMinute_) {
        loadedMinute_ = minute;
        if (const auto call = board_.refresh(context.services).announce) context.sound().callChime(*call);
    }
    board_.draw();
}

}  // namespace

void registerWaitingRoomScreens(app::ScreenRegistry& registry) {
    registry.add<WaitingRoomScreen>(kWaitingRoomScreen);
    registry.add<CallingScreen>(kCallingScreen);
    registry.setRoomDisplay({[] { return std::make_unique<CallingBoardDisplay>(); },
                             [](const services::KioskConfig& config) {
                                 return config.areas.get<health::HealthSettings>().callingDisplay;
                             }});
}

}  // namespace vk::screens
