#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/health/health_screens.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/services/health/health_area.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/ui/on_screen_keyboard.h"
#include "kiosk/ui/widgets.h"

namespace vk::screens {

using i18n::tr;
namespace health = services::health;

namespace {

using app::AppState;
using app::KioskServices;

// One week at a time, and the small form open on it.
struct Form {
    enum class Mode { Week, AddHours, AddVisit, AddClosure };
    enum class Field { Opens, Closes, Name, Title, Reason };
    Mode mode = Mode::Week;
    Field field = Field::Opens;
    std::string monday;
    std::vector<health::RotaWeek> week;  // one week, reloaded after each change
    std::string day;      // the day a form is about
    std::string opens;    // digits typed, "0900"
    std::string closes;
    std::string name;
    std::string title;
    std::string reason;
    std::string firstDay;  // a visit's days, chosen on the week's chips
    std::string lastDay;
    ui::KeyboardState keyboard;
    std::string message;
    bool messageIsError = false;
};

health::RotaService& rotaOf(KioskServices& services) { return services.area<health::HealthServices>().rota; }

std::string shortDay(const std::string& day) {
    const int weekday = (health::weekdayIndex(day) + 1) % 7;
    return std::string(tr("date.weekday." + std::to_string(weekday))).substr(0, 3) + " " + day.substr(8, 2);
}

// "0930" → "09:30"; anything else stays invalid and the service says so.
std::string asTime(const std::string& digits) {
    if (digits.size() != 4) return digits;
    return digits.substr(0, 2) + ":" + digits.substr(2, 2);
}

const char* editErrorText(health::RotaEditError error) {
    switch (error) {
    case health::RotaEditError::None: return "";
    case health::RotaEditError::NotAllowed: return tr("staff.error.not_allowed");
    case health::RotaEditError::BadDay: return tr("rota.edit.error.day");
    case health::RotaEditError::BadTime: return tr("rota.edit.error.time");
    case health::RotaEditError::BadRange: return tr("rota.edit.error.range");
    case health::RotaEditError::NameInvalid: return tr("staff.error.name_invalid");
    }
    return "";
}

void reload(Form& form, KioskServices& services) { form.week = rotaOf(services).weeks(form.monday, 1); }

void finish(Form& form, KioskServices& services, health::RotaEditError error) {
    if (error != health::RotaEditError::None) {
        form.message = editErrorText(error);
        form.messageIsError = true;
        return;
    }
    form.mode = Form::Mode::Week;
    form.message = tr("rota.edit.saved");
    form.messageIsError = false;
    reload(form, services);
}

void openForm(Form& form, Form::Mode mode, const std::string& day) {
    const std::string monday = form.monday;
    auto week = std::move(form.week);
    form = {};
    form.monday = monday;
    form.week = std::move(week);
    form.mode = mode;
    form.day = day;
    form.firstDay = monday;
    form.lastDay = health::addDays(monday, 4);
    form.field = mode == Form::Mode::AddHours ? Form::Field::Opens
                 : mode == Form::Mode::AddVisit ? Form::Field::Name
                                                 : Form::Field::Reason;
    form.keyboard.shift = mode != Form::Mode::AddHours;
}

void drawWeek(app::ScreenContext& context, Form& form) {
    AppState& state = context.state;
    KioskServices& services = context.services;
    const float width = ImGui::GetContentRegionAvail().x;
    const ImVec2 navSize(ui::em(7.0f), ui::em(2.0f));
    if (ui::button("rota.edit.previous", tr("rota.edit.previous"), navSize)) {
        form.monday = health::addDays(form.monday, -7);
        form.message.clear();
        context.later([&form, &services] { reload(form, services); });
        return;
    }
    // The week with its days and months, on two lines between the buttons where it must.
    ImGui::SameLine(0.0f, ui::em(0.6f));
    ImGui::BeginGroup();
    ui::textWrapped(i18n::trf("rota.week", {{"range", i18n::weekRange(form.monday, 6)}}),
                    width - 2.0f * navSize.x - ui::em(1.2f), ui::fonts().body);
    ImGui::EndGroup();
    ImGui::SameLine(width - navSize.x);
    if (ui::button("rota.edit.next", tr("rota.edit.next"), navSize)) {
        form.monday = health::addDays(form.monday, 7);
        form.message.clear();
        context.later([&form, &services] { reload(form, services); });
        return;
    }
    if (!form.message.empty())
        ui::text(form.message, ui::fonts().body, form.messageIsError ? ui::colors::kDanger : ui::colors::kSuccess);
    if (form.week.empty()) return;
    const health::RotaWeek& week = form.week.front();

    const ImVec2 small(ui::em(5.5f), ui::em(1.7f));
    for (const auto& visit : week.visits) {
        ui::text(visit.doctorName + "  (" + shortDay(visit.firstDay) + " " + ui::symbols::kArrow + " " +
                 shortDay(visit.lastDay) + ")");
        ImGui::SameLine(width - small.x);
        const std::string id = "rota.edit.remove_visit." + visit.id;
        if (ui::button(id.c_str(), tr("staff.accounts.remove"), small, ui::ButtonKind::Danger)) {
            context.later([&form, &state, &services, visitId = visit.id] {
                finish(form, services, rotaOf(services).removeVisit(*state.staff, visitId));
            });
        }
    }
    if (ui::button("rota.edit.add_visit", tr("rota.edit.add_visit"), ImVec2(ui::em(12.0f), ui::em(1.9f))))
        context.later([&form] { openForm(form, Form::Mode::AddVisit, ""); });

    ImGui::BeginChild("rota.edit.days", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollWithMouse);
    // Inside the list, less its scroll bar: the right-hand buttons stay whole.
    const float rowWidth = ImGui::GetContentRegionAvail().x;
    for (const auto& day : week.days) {
        ImGui::Separator();
        ui::text(shortDay(day.day), ui::fonts().body);
        ImGui::SameLine(ui::em(4.5f));
        if (day.closure) {
            ui::text(tr("rota.closed") + (day.closure->reason.empty() ? "" : " – " + day.closure->reason), ui::fonts().body,
                     ui::colors::kDanger);
            ImGui::SameLine(rowWidth - small.x);
            const std::string id = "rota.edit.reopen." + day.day;
            if (ui::button(id.c_str(), tr("rota.edit.reopen"), small)) {
                context.later([&form, &state, &services, closureId = day.closure->id] {
                    finish(form, services, rotaOf(services).removeClosure(*state.staff, closureId));
                });
            }
            continue;
        }
        for (const auto& hours : day.hours) {
            const std::string id = "rota.edit.remove_hours." + hours.id;
            const std::string label = hours.opens + "–" + hours.closes + "  " + ui::symbols::kRemove;
            if (ui::button(id.c_str(), label.c_str(), ImVec2(ui::em(7.6f), small.y)))
                context.later([&form, &state, &services, hoursId = hours.id] {
                    finish(form, services, rotaOf(services).removeHours(*state.staff, hoursId));
                });
            ImGui::SameLine(0.0f, ui::em(0.4f));
        }
        const std::string addId = "rota.edit.add_hours." + day.day;
        if (ui::button(addId.c_str(), tr("rota.edit.add_hours"), small))
            context.later([&form, dayId = day.day] { openForm(form, Form::Mode::AddHours, dayId); });
        ImGui::SameLine(rowWidth - small.x);
        const std::string closeId = "rota.edit.close." + day.day;
        if (ui::button(closeId.c_str(), tr("rota.edit.close"), small))
            context.later([&form, dayId = day.day] { openForm(form, Form::Mode::AddClosure, dayId); });
    }
    ui::dragToScroll();
    ImGui::EndChild();
}

// The form's fields on the left, the keyboard or keypad below; Save in the keypad or beside the fields.
void drawForm(app::ScreenContext& context, Form& form) {
    AppState& state = context.state;
    KioskServices& services = context.services;
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float fieldWidth = (area.x - ui::em(1.0f)) * 0.5f;
    bool save = false;

    if (form.mode == Form::Mode::AddHours) {
        ui::text(i18n::trf("rota.edit.hours_for", {{"day", shortDay(form.day)}}), ui::fonts().title);
        if (ui::textField("rota.edit.opens", asTime(form.opens), tr("rota.edit.opens"), form.field == Form::Field::Opens,
                          false, fieldWidth))
            form.field = Form::Field::Opens;
        ImGui::SameLine(0.0f, ui::em(1.0f));
        if (ui::textField("rota.edit.closes", asTime(form.closes), tr("rota.edit.closes"),
                          form.field == Form::Field::Closes, false, fieldWidth))
            form.field = Form::Field::Closes;
    } else if (form.mode == Form::Mode::AddVisit) {
        if (ui::textField("rota.edit.name", form.name, tr("rota.edit.doctor_name"), form.field == Form::Field::Name, false,
                          fieldWidth))
            form.field = Form::Field::Name;
        ImGui::SameLine(0.0f, ui::em(1.0f));
        if (ui::textField("rota.edit.title", form.title, tr("rota.edit.doctor_title"), form.field == Form::Field::Title,
                          false, fieldWidth))
            form.field = Form::Field::Title;
        // Days: the first tap sets the arrival, the next the departure.
        const float chip = (area.x - ui::em(0.4f) * 6.0f) / 7.0f;
        for (int d = 0; d < 7; ++d) {
            if (d > 0) ImGui::SameLine(0.0f, ui::em(0.4f));
            const std::string day = health::addDays(form.monday, d);
            const bool inRange = day >= form.firstDay && day <= form.lastDay;
            const std::string id = "rota.edit.day." + day;
            if (ui::button(id.c_str(), shortDay(day).c_str(), ImVec2(chip, ui::em(1.8f)),
                           inRange ? ui::ButtonKind::Primary : ui::ButtonKind::Normal)) {
                if (form.firstDay != form.lastDay || day < form.firstDay) {
                    form.firstDay = day;
                    form.lastDay = day;
                } else {
                    form.lastDay = day;
                }
            }
        }
    } else {
        ui::text(i18n::trf("rota.edit.close_day", {{"day", shortDay(form.day)}}), ui::fonts().title);
        ui::textField("rota.edit.reason", form.reason, tr("rota.edit.reason"), true, false, area.x);
    }
    if (!form.message.empty()) ui::text(form.message, ui::fonts().body, ui::colors::kDanger);
    const ImVec2 action(ui::em(8.0f), ui::em(2.0f));
    save = ui::button("rota.edit.save", tr("common.save"), action, ui::ButtonKind::Primary);
    ImGui::SameLine(0.0f, ui::em(0.6f));
    if (ui::button("rota.edit.cancel", tr("common.cancel"), action)) {
        form.mode = Form::Mode::Week;
        form.message.clear();
        return;
    }

    const float top = ImGui::GetCursorScreenPos().y + ui::em(0.3f);
    const float height = origin.y + area.y - top;
    if (form.mode == Form::Mode::AddHours) {
        std::string& digits = form.field == Form::Field::Opens ? form.opens : form.closes;
        const float padWidth = std::min(area.x * 0.5f, height * 1.6f);
        ImGui::SetCursorScreenPos(ImVec2(origin.x + (area.x - padWidth) * 0.5f, top));
        if (ui::drawNumericKeypad(digits, 4, ImVec2(padWidth, height), tr("common.next"), digits.size() == 4)) {
            if (form.field == Form::Field::Opens)
                form.field = Form::Field::Closes;
            else
                save = true;
        }
    } else {
        std::string& text = form.field == Form::Field::Name ? form.name : form.field == Form::Field::Title ? form.title : form.reason;
        ImGui::SetCursorScreenPos(ImVec2(origin.x, top));
        if (ui::drawKeyboard(text, form.keyboard, 120, ImVec2(area.x, height), tr("common.next"))) {
            if (form.field == Form::Field::Name) {
                form.field = Form::Field::Title;
                form.keyboard.shift = true;
            } else {
                save = true;
            }
        }
    }
    if (!save) return;
    context.later([&form, &state, &services] {
        health::RotaService& rota = rotaOf(services);
        switch (form.mode) {
        case Form::Mode::AddHours:
            finish(form, services, rota.addHours(*state.staff, form.day, asTime(form.opens), asTime(form.closes)));
            break;
        case Form::Mode::AddVisit:
            finish(form, services, rota.addVisit(*state.staff, form.name, form.title, form.firstDay, form.lastDay));
            break;
        case Form::Mode::AddClosure:
            finish(form, services, rota.addClosure(*state.staff, form.day, form.day, form.reason));
            break;
        case Form::Mode::Week: break;
        }
    });
}

class RotaEditorScreen final : public app::Screen {
public:
    bool allowed(const std::optional<services::StaffSession>& staff) const override {
        return staff && isHealthStaff(staff->role);
    }
    void open(app::ScreenContext& context) override {
        form_ = {};
        form_.monday = health::displayedWeekMonday(health::localDay(context.services.clock.nowMs()));
        reload(form_, context.services);
    }
    void draw(app::ScreenContext& context) override {
        if (ui::headerBar(tr("staff.home.rota"), true)) {
            if (form_.mode == Form::Mode::Week)
                context.open(kStaffHomeScreen);
            else
                form_.mode = Form::Mode::Week;
            return;
        }
        if (form_.mode == Form::Mode::Week)
            drawWeek(context, form_);
        else
            drawForm(context, form_);
    }

private:
    Form form_;
};

}  // namespace

void registerRotaEditorScreen(app::ScreenRegistry& registry) { registry.add<RotaEditorScreen>(kRotaEditorScreen); }

}  // namespace vk::screens
