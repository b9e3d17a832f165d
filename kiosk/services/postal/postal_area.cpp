#include "kiosk/services/postal/postal_area.h"

namespace vk::services::postal {
namespace {

std::unique_ptr<AreaServices> makePostalServices(const AreaContext& context) {
    return std::make_unique<PostalServices>(context);
}

}  // namespace

PostalServices::PostalServices(const AreaContext& context) : counter(context.database, context.clock, context.staff) {
    counter.seedDefaultCatalogue();
}

AreaDefinition postalArea() {
    // Registered letters' numbers are kept 400 days: La Poste takes claims on a lost registered letter for a year.
    return {"postal", nullptr, nullptr, {{"postal_registered_days", 400}}, &makePostalServices};
}

}  // namespace vk::services::postal
