#include "kiosk/screens/health/appointment_contact_form.h"

#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/services/health/appointment_reminders.h"
#include "kiosk/services/health/health_area.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/ui/widgets.h"

#include <algorithm>

namespace vk::screens {
namespace {

using i18n::tr;
namespace health = services::health;

constexpr std::size_t kPhoneChars = 16;  // « + » and 15 digits, the longest number there is

const char* contactError(health::HealthError error) {
    switch (error) {
    case health::HealthError::PhoneInvalid: return tr("desk.error.phone");
    case health::HealthError::EmailInvalid: return tr("desk.error.email");
    case health::HealthError::NoAddressForMessages: return tr("desk.error.no_address");
    case health::HealthError::NotAllowed: return tr("staff.error.not_allowed");
    case health::HealthError::NotFound: return tr("staff.error.not_found");
    case health::HealthError::Closed: return tr("waiting.error.closed");
    default: return tr("waiting.error.other");
    }
}

const char* reminderStatusKey(const storage::Appointment& appointment) {
    const auto message = health::messageTo(appointment);
    if (!message) return "desk.reminders.none";
    return message->channel == storage::OutboxChannel::Sms ? "desk.reminders.sms" : "desk.reminders.email";
}

}  // namespace

bool drawReminderRow(const storage::Appointment& appointment, ImVec2 buttonSize) {
    const std::string id = "desk.contact." + appointment.id;
    const bool tapped = ui::button(id.c_str(), tr("desk.contact"), buttonSize);
    ImGui::SameLine(0.0f, ui::em(0.5f));
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (buttonSize.y - ui::fonts().small->FontSize) * 0.5f);
    ui::text(tr(reminderStatusKey(appointment)), ui::fonts().small, ui::colors::kTextMuted);
    return tapped;
}

void AppointmentContactForm::start(const storage::Appointment& appointment) {
    *this = {};
    appointmentId_ = appointment.id;
    heading_ = health::localTime(appointment.startsAt) + "  " + appointment.surname +
               (appointment.givenName.empty() ? "" : " " + appointment.givenName) + " · " +
               i18n::longDate(appointment.startsAt);
    // The keypad types digits: the number is shown as it will be typed on, without its spaces and dots.
    for (const char c : appointment.phone.value_or(""))
        if ((c >= '0' && c <= '9') || (c == '+' && phone_.empty())) phone_ += c;
    email_ = appointment.email.value_or("");
    consent_ = appointment.reminderConsent;
}

AppointmentContactForm::Outcome AppointmentContactForm::draw(app::ScreenContext& context) {
    if (saved_) return Outcome::Saved;
    if (ui::headerBar(tr("desk.contact_title"), true)) return Outcome::Left;
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ui::Fonts& fonts = ui::fonts();
    const float gap = ui::em(0.8f);
    ui::textWrapped(heading_, area.x, fonts.body);

    const float column = (area.x - gap) / 2.0f;
    const auto field = [&](const char* id, const char* label, const std::string& shown, Field which) {
        ImGui::BeginGroup();
        ui::text(tr(label), fonts.small);
        if (ui::textField(id, shown, "", field_ == which, false, column)) {
            field_ = which;
            keyboard_ = {};
        }
        ImGui::EndGroup();
    };
    field("desk.contact.phone", "desk.field.phone", phone_, Field::Phone);
    ImGui::SameLine(0.0f, gap);
    field("desk.contact.email", "desk.field.email", email_, Field::Email);

    const std::string consentLabel =
        std::string(consent_ ? ui::symbols::kCheck : ui::symbols::kCircle) + "  " + tr("desk.consent");
    const ImVec2 action(ui::em(6.5f), ui::em(1.9f));
    const float consentWidth =
        std::min(ImGui::CalcTextSize(consentLabel.c_str()).x + ui::em(1.6f), area.x - 2.0f * (action.x + gap));
    if (ui::button("desk.contact.consent", consentLabel.c_str(), ImVec2(consentWidth, action.y),
                   consent_ ? ui::ButtonKind::Primary : ui::ButtonKind::Normal))
        consent_ = !consent_;
    ImGui::SameLine(0.0f, gap);
    const bool save = ui::button("desk.contact.save", tr("common.save"), action, ui::ButtonKind::Primary);
    ImGui::SameLine(0.0f, ui::em(0.4f));
    if (ui::button("desk.contact.cancel", tr("common.cancel"), action)) return Outcome::Left;
    ui::textWrapped(tr("desk.consent.explain"), area.x, fonts.small, ui::colors::kTextMuted);
    if (!error_.empty()) ui::textWrapped(error_, area.x, fonts.body, ui::colors::kDanger);
    const std::string typedBefore = phone_ + '\n' + email_;
    drawKeys(origin, area);
    if (phone_ + '\n' + email_ != typedBefore) error_.clear();  // she is correcting it

    if (save) {
        context.later([this](app::ScreenContext& later) {
            const auto change = later.services.area<health::HealthServices>().appointments.setContact(
                &*later.state.staff, appointmentId_, {phone_, email_, consent_});
            error_ = change.ok() ? "" : contactError(change.error);
            saved_ = change.ok();
        });
    }
    return Outcome::Editing;
}

void AppointmentContactForm::drawKeys(const ImVec2& origin, const ImVec2& area) {
    const float top = ImGui::GetCursorScreenPos().y + ui::em(0.3f);
    const float height = origin.y + area.y - top;
    if (field_ == Field::Phone) {
        // A number is digits, with « + » in front from abroad: the keypad is enough, and larger than a keyboard.
        const float padWidth = std::min(area.x * 0.5f, height * 1.6f);
        ImGui::SetCursorScreenPos(ImVec2(origin.x + (area.x - padWidth) * 0.5f, top));
        if (ui::drawPhoneKeypad(phone_, kPhoneChars, ImVec2(padWidth, height), tr("common.next")))
            field_ = Field::Email;
        return;
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x, top));
    if (ui::drawKeyboard(email_, keyboard_, health::AppointmentBook::kMaxEmailLength, ImVec2(area.x, height),
                         tr("common.next")))
        field_ = Field::Phone;
}

}  // namespace vk::screens
