#include "kiosk/screens/postal/postal_screens.h"

#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/services/postal/postal_area.h"

namespace vk::screens {

using services::postal::PostalError;

void registerPostalSaleScreen(app::ScreenRegistry& registry);
void registerPostalCatalogueScreen(app::ScreenRegistry& registry);
void registerPostalClosingScreen(app::ScreenRegistry& registry);

services::postal::PostalServices& postalOf(app::KioskServices& services) {
    return services.area<services::postal::PostalServices>();
}

const char* postalErrorText(PostalError error) {
    switch (error) {
    case PostalError::None: return "";
    case PostalError::NotAllowed: return i18n::tr("staff.error.not_allowed");
    case PostalError::QuantityInvalid: return i18n::tr("postal.error.quantity");
    case PostalError::EmptySale: return i18n::tr("postal.error.empty");
    case PostalError::NoPrice: return i18n::tr("postal.error.no_price");
    case PostalError::LetterNumberInvalid: return i18n::tr("postal.error.letter_number");
    case PostalError::LetterNumberTwice: return i18n::tr("postal.error.letter_twice");
    case PostalError::DayClosed: return i18n::tr("postal.error.day_closed");
    case PostalError::AlreadyCorrected: return i18n::tr("postal.error.already_corrected");
    case PostalError::IsCorrection: return i18n::tr("postal.error.is_correction");
    case PostalError::PriceInvalid: return i18n::tr("postal.error.price");
    case PostalError::DayInvalid: return i18n::tr("postal.error.day");
    case PostalError::PriceInPast: return i18n::tr("postal.error.price_in_past");
    case PostalError::AlreadyClosed: return i18n::tr("postal.error.already_closed");
    case PostalError::StorageFailed: return i18n::tr("postal.error.storage");
    default: return i18n::tr("postal.error.other");
    }
}

void registerPostalScreens(app::ScreenRegistry& registry) {
    registerPostalSaleScreen(registry);
    registerPostalCatalogueScreen(registry);
    registerPostalClosingScreen(registry);
    registry.addStaffTool({"staff.home.postal_sale", "staff.home.postal_sale", kPostalSaleScreen, &isCafeStaff, true});
    // One tool on the staff home: the sale screen leads to the prices and the closing.
}

}  // namespace vk::screens
