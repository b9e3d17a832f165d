#include "kiosk/screens/health/waiting_list_screen.h"

#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/health/health_screens.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/services/health/health_area.h"
#include "kiosk/ui/widgets.h"

#include <algorithm>

namespace vk::screens {

using i18n::tr;
namespace health = services::health;

namespace {

health::HealthServices& healthOf(app::KioskServices& services) { return services.area<health::HealthServices>(); }

const char* errorText(health::HealthError error) {
    switch (error) {
    case health::HealthError::None: return "";
    case health::HealthError::NotAllowed: return tr("staff.error.not_allowed");
    case health::HealthError::NameInvalid: return tr("staff.error.name_invalid");
    case health::HealthError::PhoneInvalid: return tr("waiting_list.error.phone");
    case health::HealthError::NotFound: return tr("staff.error.not_found");
    default: return tr("waiting.error.other");
    }
}

}  // namespace

bool WaitingListScreen::allowed(const std::optional<services::StaffSession>& staff) const {
    return staff && health::mayManageAppointments(&*staff);
}

void WaitingListScreen::open(app::ScreenContext& context) {
    form_.mode = Form::Mode::List;
    form_.message.clear();
    reload(context);
}

void WaitingListScreen::reload(app::ScreenContext& context) {
    form_.entries = context.state.staff ? healthOf(context.services).waitingList.open(&*context.state.staff)
                                        : std::vector<health::WaitingListEntry>{};
}

void WaitingListScreen::startAdding(const health::WaitingListInput& prefilled) {
    form_.mode = Form::Mode::Add;
    form_.input = prefilled;
    form_.field = prefilled.phone.empty() ? Form::Field::Phone : Form::Field::Availability;
    form_.keyboard = {};
    form_.message.clear();
}

void WaitingListScreen::draw(app::ScreenContext& context) {
    Form& form = form_;
    if (ui::headerBar(tr("waiting_list.title"), true)) {
        if (form.mode == Form::Mode::Add) {
            form.mode = Form::Mode::List;
        } else {
            context.open(kStaffHomeScreen);
        }
        return;
    }
    const ui::Fonts& fonts = ui::fonts();
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();

    if (form.mode == Form::Mode::Add) {
        using Field = Form::Field;
        const float gap = ui::em(0.8f);
        const float column = (area.x - gap) * 0.5f;
        const auto field = [&](const char* id, const char* label, const std::string& shown, Field which) {
            ImGui::BeginGroup();
            ui::text(tr(label), fonts.small);
            if (ui::textField(id, shown, "", form.field == which, false, column)) {
                form.field = which;
                form.keyboard = {};
                form.keyboard.shift = which != Field::Phone;
            }
            ImGui::EndGroup();
        };
        field("waiting_list.surname", "waiting.new.surname", form.input.surname, Field::Surname);
        ImGui::SameLine(0.0f, gap);
        field("waiting_list.given_name", "waiting.new.given_name", form.input.givenName, Field::GivenName);
        field("waiting_list.phone", "waiting_list.phone", form.input.phone, Field::Phone);
        ImGui::SameLine(0.0f, gap);
        field("waiting_list.availability", "waiting_list.availability", form.input.availability, Field::Availability);
        if (!form.input.appointmentId.empty())
            ui::text(tr("waiting_list.has_appointment"), fonts.small, ui::colors::kTextMuted);
        if (!form.message.empty()) ui::text(form.message, fonts.body, ui::colors::kDanger);
        const ImVec2 action(ui::em(8.0f), ui::em(1.9f));
        const bool save = ui::button("waiting_list.save", tr("common.save"), action, ui::ButtonKind::Primary);
        ImGui::SameLine(0.0f, ui::em(0.6f));
        if (ui::button("waiting_list.add_cancel", tr("common.cancel"), action)) {
            form.mode = Form::Mode::List;
            form.message.clear();
            return;
        }
        const float top = ImGui::GetCursorScreenPos().y + ui::em(0.3f);
        const float height = origin.y + area.y - top;
        if (form.field == Field::Phone) {
            const float padWidth = std::min(area.x * 0.5f, height * 1.6f);
            ImGui::SetCursorScreenPos(ImVec2(origin.x + (area.x - padWidth) * 0.5f, top));
            if (ui::drawNumericKeypad(form.input.phone, 14, ImVec2(padWidth, height), tr("common.next")))
                form.field = Field::Availability;
        } else {
            std::string& typed = form.field == Field::Surname     ? form.input.surname
                                 : form.field == Field::GivenName ? form.input.givenName
                                                                  : form.input.availability;
            ImGui::SetCursorScreenPos(ImVec2(origin.x, top));
            if (ui::drawKeyboard(typed, form.keyboard, 120, ImVec2(area.x, height), tr("common.next"))) {
                form.field = form.field == Field::Surname ? Field::GivenName
                             : form.field == Field::GivenName ? Field::Phone
                                                              : Field::Availability;
                form.keyboard = {};
                form.keyboard.shift = form.field == Field::GivenName;
            }
        }
        if (save)
            context.later([this](app::ScreenContext& later) {
                const auto change = healthOf(later.services).waitingList.add(&*later.state.staff, form_.input);
                form_.messageIsError = !change.ok();
                form_.message = change.ok() ? tr("waiting_list.added") : errorText(change.error);
                if (change.ok()) {
                    form_.mode = Form::Mode::List;
                    form_.input = {};
                }
                reload(later);
            });
        return;
    }

    if (ui::button("waiting_list.add", tr("waiting_list.add"), ImVec2(ui::em(12.0f), ui::em(2.0f)), ui::ButtonKind::Primary)) {
        startAdding({});
        form.field = Form::Field::Surname;
        form.keyboard.shift = true;
    }
    ImGui::SameLine(0.0f, ui::em(0.8f));
    if (ui::button("waiting_list.appointments", tr("staff.home.appointments"), ImVec2(ui::em(12.0f), ui::em(2.0f))))
        context.open(kAppointmentDeskScreen);
    if (!form.message.empty())
        ui::textWrapped(form.message, area.x, fonts.body, form.messageIsError ? ui::colors::kDanger : ui::colors::kSuccess);
    ui::textWrapped(tr("waiting_list.explain"), area.x, fonts.small, ui::colors::kTextMuted);
    ImGui::BeginChild("waiting_list.entries", ImVec2(area.x, 0), false, ImGuiWindowFlags_NoScrollWithMouse);
    if (form.entries.empty()) ui::text(tr("waiting_list.empty"), fonts.body, ui::colors::kTextMuted);
    const ImVec2 small(ui::em(6.5f), ui::em(1.8f));
    const float buttons = small.x * 2.0f + ui::em(0.9f);
    for (const health::WaitingListEntry& entry : form.entries) {
        ImGui::Separator();
        const float top = ImGui::GetCursorScreenPos().y;
        std::string line = entry.surname + (entry.givenName.empty() ? "" : " " + entry.givenName) + " · " + entry.phone;
        if (!entry.availability.empty()) line += " · " + entry.availability;
        line += " · " + i18n::trf("waiting_list.since", {{"when", i18n::shortDateTime(entry.createdAt)}});
        ui::textWrapped(line, area.x - buttons, fonts.body);
        const float bottom = ImGui::GetCursorScreenPos().y;
        ImGui::SetCursorScreenPos(ImVec2(origin.x + area.x - buttons, top));
        const std::string taken = "waiting_list.resolve." + entry.id;
        if (ui::button(taken.c_str(), tr("desk.freed_slot.taken"), small))
            context.later([this, id = entry.id](app::ScreenContext& later) {
                const auto change = healthOf(later.services).waitingList.resolve(&*later.state.staff, id);
                form_.messageIsError = !change.ok();
                form_.message = change.ok() ? tr("desk.freed_slot.given") : errorText(change.error);
                reload(later);
            });
        ImGui::SameLine(0.0f, ui::em(0.3f));
        const std::string remove = "waiting_list.remove." + entry.id;
        if (ui::button(remove.c_str(), tr("waiting_list.remove"), small))
            context.later([this, id = entry.id](app::ScreenContext& later) {
                const auto change = healthOf(later.services).waitingList.remove(&*later.state.staff, id);
                form_.messageIsError = !change.ok();
                form_.message = change.ok() ? tr("waiting_list.removed") : errorText(change.error);
                reload(later);
            });
        ImGui::SetCursorScreenPos(ImVec2(origin.x, std::max(bottom, top + small.y + ui::em(0.2f))));
    }
    ui::dragToScroll();
    ImGui::EndChild();
}

void registerWaitingListScreen(app::ScreenRegistry& registry) { registry.add<WaitingListScreen>(kWaitingListScreen); }

}  // namespace vk::screens
