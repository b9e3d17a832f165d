#pragma once
// The postal counter as an area: the catalogue, sales, registered letters and the daily closing (postal_counter.h).

#include "kiosk/services/area.h"
#include "kiosk/services/postal/postal_counter.h"
#include "storage/parcel_store.h"

namespace vk::services::postal {

// The cash the relay point collected on delivery on a local day, read from the parcels' ledger: the closing
// report counts it with the counter's own takings, since it is in the same till.
class RelayPointCashOnDelivery final : public CashOnDeliverySource {
public:
    explicit RelayPointCashOnDelivery(storage::Database& db) : parcels_(db) {}
    std::int64_t codCollectedCents(std::string_view localDay) override;

private:
    storage::ParcelStore parcels_;
};

class PostalServices : public AreaServices {
public:
    explicit PostalServices(const AreaContext& context);

    // The cash-on-delivery totals for the closing report: the relay point's by default; null leaves the line out.
    // The source must outlive these services.
    void setCashOnDeliverySource(CashOnDeliverySource* source) { cod_ = source; }
    CashOnDeliverySource* cashOnDeliverySource() const { return cod_; }

    DayReport report(const std::string& day) { return counter.report(day, cod_); }
    ClosingResult closeDay(const StaffSession* actor, const std::string& day) { return counter.closeDay(actor, day, cod_); }

    PostalCounter counter;

private:
    RelayPointCashOnDelivery relayPoint_;
    CashOnDeliverySource* cod_ = &relayPoint_;
};

AreaDefinition postalArea();

}  // namespace vk::services::postal
