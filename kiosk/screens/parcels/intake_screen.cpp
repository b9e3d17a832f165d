#include "kiosk/app/app_state.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/parcels/parcels_screens.h"
#include "kiosk/screens/parcels/parcels_ui.h"
#include "kiosk/ui/on_screen_keyboard.h"
#include "kiosk/ui/widgets.h"

namespace vk::screens {

using i18n::tr;
namespace parcels = services::parcels;

namespace {

// Receiving a parcel, as fast as the scanner: the scan fills the number (and the carrier when the number says
// it), the manager types the name with the keyboard, the place is suggested, Enregistrer prints the label.
class ParcelIntakeScreen final : public app::Screen {
public:
    enum class Field { Tracking, Carrier, Place, Recipient, Phone, Email, CashOnDelivery };

    bool allowed(const std::optional<services::StaffSession>& staff) const override { return parcels_ui::mayUse(staff); }
    void open(app::ScreenContext& context) override {
        form_ = {};
        suggestPlace(context);
    }
    void draw(app::ScreenContext& context) override;
    bool onRead(app::ScreenContext& context, const hardware::ReaderEvent& event) override {
        if (event.kind != hardware::ReadKind::Barcode) return false;
        context.later([this, value = event.value](app::ScreenContext&) { takeScan(value); });
        return true;
    }

private:
    struct Form {
        Field field = Field::Tracking;
        std::string tracking;
        std::string carrier;
        std::string place;
        std::string recipient;
        std::string phone;
        std::string email;
        std::string codDigits;  // the amount to collect, typed in cents as on a till: "4590" is 45,90 €
        bool acceptMisScan = false;
        ui::KeyboardState keyboard;
        std::string message;
        bool messageIsError = false;
        bool offerMisScanConfirm = false;
    };

    void takeScan(const std::string& value) {
        const parcels::TrackingCheck check = parcels::checkTrackingNumber(value);
        form_.tracking = check.normalized.empty() ? value.substr(0, 60) : check.normalized;
        if (!check.carrierCode.empty()) form_.carrier = check.carrierCode;
        form_.acceptMisScan = false;
        form_.offerMisScanConfirm = false;
        form_.message.clear();
        if (check.problem != parcels::TrackingProblem::None) {
            form_.messageIsError = true;
            form_.message = parcels_ui::errorText(check.problem == parcels::TrackingProblem::MisScan
                                                      ? parcels::ParcelError::MisScan
                                                      : parcels::ParcelError::TrackingUnreadable);
            form_.offerMisScanConfirm = check.problem == parcels::TrackingProblem::MisScan;
        }
        form_.field = form_.carrier.empty() ? Field::Carrier : Field::Recipient;
        form_.keyboard = {};
        form_.keyboard.shift = true;
    }
    void suggestPlace(app::ScreenContext& context) {
        form_.place = parcels_ui::parcelsOf(context.services).desk.suggestFreePlace().value_or("");
    }
    void save(app::ScreenContext& context);
    std::string* typed();

    Form form_;
};

std::string* ParcelIntakeScreen::typed() {
    switch (form_.field) {
    case Field::Tracking: return &form_.tracking;
    case Field::Place: return &form_.place;
    case Field::Recipient: return &form_.recipient;
    case Field::Phone: return &form_.phone;
    case Field::Email: return &form_.email;
    case Field::CashOnDelivery: return &form_.codDigits;
    case Field::Carrier: return nullptr;
    }
    return nullptr;
}

void ParcelIntakeScreen::save(app::ScreenContext& context) {
    parcels::IntakeInput input;
    input.tracking = form_.tracking;
    input.carrierCode = form_.carrier;
    input.recipient = form_.recipient;
    input.phone = form_.phone;
    input.email = form_.email;
    input.place = form_.place;
    input.acceptMisScan = form_.acceptMisScan;
    input.codCents = form_.codDigits.empty() ? 0 : std::stoll(form_.codDigits);
    auto& area = parcels_ui::parcelsOf(context.services);
    const parcels::IntakeResult result = area.desk.receive(&*context.state.staff, input);
    form_.messageIsError = !result.ok();
    form_.offerMisScanConfirm = result.error == parcels::ParcelError::MisScan;
    if (!result.ok()) {
        form_.message = parcels_ui::errorText(result.error);
        if (result.error == parcels::ParcelError::AlreadyOnShelf && result.parcel)
            form_.message = i18n::trf("parcels.intake.already_at", {{"place", result.parcel->shelfPlace.value_or("")}});
        if (result.error == parcels::ParcelError::ShelfFull) form_.field = Field::Place;
        if (result.error == parcels::ParcelError::CarrierNeeded) form_.field = Field::Carrier;
        return;
    }
    const parcels::Parcel& parcel = *result.parcel;
    form_ = {};
    form_.message = i18n::trf(result.onCallList ? "parcels.intake.saved_call" : "parcels.intake.saved",
                              {{"place", parcel.shelfPlace.value_or("")},
                               {"code", parcel.pickupCode.value_or("")},
                               {"deadline", parcels_ui::shortDay(parcel.deadlineDay.value_or(""))}});
    suggestPlace(context);
}

void ParcelIntakeScreen::draw(app::ScreenContext& context) {
    if (!parcels_ui::drawStaffHeader(context, kParcelIntakeScreen, "parcels.intake.title")) return;
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const float gap = ui::em(0.5f);
    // Two rows of three fields, each row ending with a button: the keyboard below gets the rest of the height.
    const ImVec2 action(ui::em(7.5f), ui::em(2.0f));
    const float column = (area.x - action.x - 3.0f * gap) / 3.0f;
    // The field's name stands in it while it is empty; a filled field is recognisable by what it holds.
    const auto field = [&](const char* id, const char* labelKey, const std::string& shown, Field which) {
        if (ui::textField(id, shown, tr(labelKey), form_.field == which, false, column)) {
            form_.field = which;
            form_.keyboard = {};
            form_.keyboard.shift = which == Field::Recipient;
        }
        ImGui::SameLine(0.0f, gap);
    };
    std::string carrierShown;
    if (!form_.carrier.empty())
        if (const auto carrier = parcels_ui::parcelsOf(context.services).desk.carrier(form_.carrier)) carrierShown = carrier->name;
    field("parcels.intake.tracking", "parcels.intake.tracking", form_.tracking, Field::Tracking);
    field("parcels.intake.carrier", "parcels.intake.carrier", carrierShown, Field::Carrier);
    field("parcels.intake.place", "parcels.intake.place", form_.place, Field::Place);
    if (ui::button("parcels.intake.save", tr("common.save"), action, ui::ButtonKind::Primary))
        context.later([this](app::ScreenContext& later) { save(later); });
    field("parcels.intake.recipient", "parcels.intake.recipient", form_.recipient, Field::Recipient);
    field("parcels.intake.phone", "parcels.intake.phone", form_.phone, Field::Phone);
    field("parcels.intake.email", "parcels.intake.email", form_.email, Field::Email);
    if (ui::button("parcels.intake.clear", tr("parcels.intake.clear"), action)) {
        form_ = {};
        context.later([this](app::ScreenContext& later) { suggestPlace(later); });
    }
    // The amount to collect, only for a carrier that delivers cash on delivery: it goes to the day's cash report.
    std::optional<parcels::Carrier> carrierChosen;
    if (!form_.carrier.empty()) carrierChosen = parcels_ui::parcelsOf(context.services).desk.carrier(form_.carrier);
    if (carrierChosen && carrierChosen->collectsCod) {
        const std::string amount =
            form_.codDigits.empty() ? std::string() : parcels::formatEuros(std::stoll(form_.codDigits));
        field("parcels.intake.cod", "parcels.intake.cod", amount, Field::CashOnDelivery);
        ImGui::NewLine();
    } else if (form_.field == Field::CashOnDelivery) {
        form_.field = Field::Recipient;
    }
    if (form_.offerMisScanConfirm) {
        if (ui::button("parcels.intake.confirm_number", tr("parcels.intake.confirm_number"), ImVec2(ui::em(10.0f), ui::em(1.8f)))) {
            form_.acceptMisScan = true;
            form_.offerMisScanConfirm = false;
            form_.message.clear();
        }
        ImGui::SameLine(0.0f, gap);
    }
    if (!form_.message.empty()) {
        const float room = area.x - ImGui::GetCursorPosX() + ImGui::GetStyle().WindowPadding.x;
        ui::textWrapped(form_.message, room, ui::fonts().body,
                        form_.messageIsError ? ui::colors::kDanger : ui::colors::kSuccess);
    } else if (form_.offerMisScanConfirm) {
        ImGui::NewLine();
    }

    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float top = origin.y + ui::em(0.2f);
    const float bottom = ImGui::GetWindowPos().y + ImGui::GetWindowHeight() - ImGui::GetStyle().WindowPadding.y;
    ImGui::SetCursorScreenPos(ImVec2(origin.x, top));
    const ImVec2 rest(area.x, bottom - top);
    if (form_.field == Field::Carrier) {
        if (const auto chosen = parcels_ui::drawCarrierGrid(context.services, form_.carrier, rest, "parcels.intake.carrier.")) {
            form_.carrier = *chosen;
            form_.field = Field::Recipient;
            form_.keyboard = {};
            form_.keyboard.shift = true;
        }
        return;
    }
    if (form_.field == Field::CashOnDelivery) {
        // Digits only, at most 9 999,99 €, on one row of large keys: the rows of fields above leave a wide band
        // that is not tall enough for a keypad of four rows.
        while (form_.codDigits.size() > 1 && form_.codDigits.front() == '0') form_.codDigits.erase(0, 1);
        const float keyGap = ui::em(0.3f);
        const ImVec2 key((rest.x - keyGap * 11.0f) / 12.0f, std::min(rest.y, ui::em(3.4f)));
        for (int i = 0; i < 12; ++i) {
            ImGui::SetCursorScreenPos(ImVec2(origin.x + static_cast<float>(i) * (key.x + keyGap), top));
            if (i < 10) {
                const std::string digit(1, static_cast<char>('0' + (i + 1) % 10));
                const std::string id = "parcels.intake.cod." + digit;
                if (ui::button(id.c_str(), digit.c_str(), key) && form_.codDigits.size() < 6) form_.codDigits += digit;
            } else if (i == 10) {
                if (ui::button("parcels.intake.cod.backspace", ui::symbols::kBackspace, key) && !form_.codDigits.empty())
                    form_.codDigits.pop_back();
            } else if (ui::button("parcels.intake.cod.ok", tr("common.ok"), key, ui::ButtonKind::Primary)) {
                context.later([this](app::ScreenContext& later) { save(later); });
            }
        }
        return;
    }
    std::string* text = typed();
    const std::size_t limit = form_.field == Field::Recipient ? 120 : form_.field == Field::Email ? 254 : 40;
    if (ui::drawKeyboard(*text, form_.keyboard, limit, rest, tr("common.next"))) {
        switch (form_.field) {
        case Field::Tracking: form_.field = form_.carrier.empty() ? Field::Carrier : Field::Recipient; break;
        case Field::Recipient: form_.field = Field::Phone; break;
        case Field::Phone: form_.field = Field::Email; break;
        default: context.later([this](app::ScreenContext& later) { save(later); }); break;
        }
        form_.keyboard = {};
        form_.keyboard.shift = form_.field == Field::Recipient;
    }
}

}  // namespace

void registerParcelIntakeScreen(app::ScreenRegistry& registry) { registry.add<ParcelIntakeScreen>(kParcelIntakeScreen); }

}  // namespace vk::screens
