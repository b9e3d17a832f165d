#include "kiosk/services/postal/postal_area.h"

#include "kiosk/services/impact/counted_uses.h"
#include "kiosk/services/health/appointment_book.h"
#include "kiosk/services/health/local_days.h"

namespace vk::services::postal {
namespace {

std::unique_ptr<AreaServices> makePostalServices(const AreaContext& context) {
    return std::make_unique<PostalServices>(context);
}

// What the impact report counts of this area (docs/impact.md).
std::unique_ptr<impact::UsageSource> makePostalUsageSource(storage::Database& db) {
    return impact::usesCountedBy(db, &storage::countPostalSales, {{"", "post_office", "postal_sales"}});
}

}  // namespace

std::int64_t RelayPointCashOnDelivery::codCollectedCents(std::string_view localDay) {
    const health::DayRange range = health::localDayRange(std::string(localDay));
    return parcels_.codCollectedBetween(range.fromMs, range.toMs);
}

PostalServices::PostalServices(const AreaContext& context)
    : counter(context.database, context.clock, context.staff), relayPoint_(context.database) {
    counter.seedDefaultCatalogue();
}

AreaDefinition postalArea() {
    // Registered letters' numbers are kept 400 days: La Poste takes claims on a lost registered letter for a year.
    return {"postal", nullptr, nullptr, {{"postal_registered_days", 400}}, &makePostalServices, &makePostalUsageSource};
}

}  // namespace vk::services::postal
