#include "kiosk/screens/staff/staff_text.h"

#include "kiosk/i18n/translations.h"

namespace vk::screens {

using i18n::tr;

const char* roleName(services::StaffRole role) {
    switch (role) {
    case services::StaffRole::MedicalAssistant: return tr("staff.role.medical_assistant");
    case services::StaffRole::CafeManager: return tr("staff.role.cafe_manager");
    case services::StaffRole::Admin: return tr("staff.role.admin");
    }
    return "";
}

const char* accountErrorText(services::AccountError error) {
    switch (error) {
    case services::AccountError::None: return "";
    case services::AccountError::NotAllowed: return tr("staff.error.not_allowed");
    case services::AccountError::NameInvalid: return tr("staff.error.name_invalid");
    case services::AccountError::PinTooShort: return tr("staff.error.pin_length");
    case services::AccountError::PinNotDigits: return tr("staff.error.pin_digits");
    case services::AccountError::PinTooSimple: return tr("staff.error.pin_simple");
    case services::AccountError::AdminPinTooShort: return tr("staff.error.admin_pin_length");
    case services::AccountError::LastAdmin: return tr("staff.error.last_admin");
    case services::AccountError::NotFound: return tr("staff.error.not_found");
    case services::AccountError::CardInUse: return tr("staff.error.card_in_use");
    }
    return "";
}

}  // namespace vk::screens
