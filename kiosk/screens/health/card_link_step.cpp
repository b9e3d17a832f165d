#include "kiosk/screens/health/card_link_step.h"

#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/services/health/health_area.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/ui/widgets.h"

#include <cctype>

namespace vk::screens {

using i18n::tr;
namespace health = services::health;

namespace {

// The card « Simuler une carte » presents: the demo patient's, not the device panel's test card.
constexpr char kSimulatedPatientCard[] = "04D3E0C4A7F1B2";

// Enough for the assistant to tell two cards apart, too little to copy one.
std::string lastDigitsOf(const std::string& uid) {
    std::string digits;
    for (const char c : uid)
        if (std::isxdigit(static_cast<unsigned char>(c))) digits += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return digits.size() > 4 ? digits.substr(digits.size() - 4) : digits;
}

const char* refusalText(health::HealthError error) {
    switch (error) {
    case health::HealthError::StaffCard: return tr("desk.link_card.staff_card");
    case health::HealthError::CardInvalid: return tr("desk.link_card.unreadable");
    case health::HealthError::NoBirthDate: return tr("desk.link_card.no_birth_date");
    case health::HealthError::NotAllowed: return tr("staff.error.not_allowed");
    case health::HealthError::NotFound: return tr("desk.link_card.not_found");
    default: return tr("waiting.error.other");
    }
}

}  // namespace

CardLinkStep::CardLinkStep(const storage::Appointment& appointment)
    : appointmentId_(appointment.id),
      patient_(appointment.surname + (appointment.givenName.empty() ? "" : " " + appointment.givenName)),
      time_(health::localTime(appointment.startsAt)) {}

bool CardLinkStep::draw(app::ScreenContext& context) {
    if (ui::headerBar(tr("desk.link_card"), true)) return false;
    const ui::Fonts& fonts = ui::fonts();
    const float width = ImGui::GetContentRegionAvail().x;
    const ImVec2 action(ui::em(10.0f), ui::em(2.2f));
    ui::textWrapped(i18n::trf("desk.link_card.for", {{"patient", patient_}, {"time", time_}}), width, fonts.body,
                    ui::colors::kTextMuted);
    ImGui::Dummy(ui::em(1.0f, 0.6f));
    if (linked_) {
        ui::textWrapped(message_, width, fonts.title, ui::colors::kSuccess);
        ui::textWrapped(tr("desk.link_card.next_time"), width, fonts.body);
        ImGui::Dummy(ui::em(1.0f, 0.6f));
        return !ui::button("desk.link_card.finish", tr("desk.link_card.finish"), action, ui::ButtonKind::Primary);
    }
    ui::textWrapped(tr("desk.link_card.present"), width, fonts.title);
    ui::textWrapped(tr("desk.link_card.next_time"), width, fonts.body, ui::colors::kTextMuted);
    if (!message_.empty()) ui::textWrapped(message_, width, fonts.body, ui::colors::kDanger);
    // Without a reader the step would wait for ever: the simulated card lets a technician show the whole way
    // (the linking here, the check-in with the same card in the tests) on a kiosk with no hardware.
    const bool withoutReader = !context.services.keyboardReader && !context.services.nfcReader;
    if (withoutReader) ui::textWrapped(tr("desk.link_card.no_reader"), width, fonts.small, ui::colors::kTextMuted);
    ImGui::Dummy(ui::em(1.0f, 0.6f));
    if (ui::button("desk.link_card.cancel", tr("common.cancel"), action)) return false;
    if (withoutReader) {
        ImGui::SameLine(0.0f, ui::em(0.6f));
        if (ui::button("desk.link_card.simulate", tr("devices.simulate_card"), action))
            context.later([&readers = context.services.readers] {
                hardware::SimulatedReader(readers).presentCard(kSimulatedPatientCard);
            });
    }
    return true;
}

bool CardLinkStep::onRead(app::ScreenContext& context, const hardware::ReaderEvent& event) {
    if (linked_) return false;
    if (event.kind != hardware::ReadKind::CardUid) {
        message_ = tr("desk.link_card.barcode");
        return true;
    }
    const auto change = context.services.area<health::HealthServices>().checkIn.linkCard(
        context.state.staff ? &*context.state.staff : nullptr, appointmentId_, event.value);
    if (!change.ok()) {
        message_ = refusalText(change.error);
        return true;
    }
    linked_ = true;
    message_ = i18n::trf("desk.link_card.done", {{"digits", lastDigitsOf(event.value)}, {"patient", patient_}});
    return true;
}

}  // namespace vk::screens
