#pragma once
// The postal counter as an area: the catalogue, sales, registered letters and the daily closing (postal_counter.h).

#include "kiosk/services/area.h"
#include "kiosk/services/postal/postal_counter.h"

namespace vk::services::postal {

class PostalServices : public AreaServices {
public:
    explicit PostalServices(const AreaContext& context);

    // The relay point's cash-on-delivery totals for the closing report; null (the default) leaves the line out.
    // The source must outlive these services (the parcels area's services do: the runtime owns both).
    void setCashOnDeliverySource(CashOnDeliverySource* source) { cod_ = source; }
    CashOnDeliverySource* cashOnDeliverySource() const { return cod_; }

    DayReport report(const std::string& day) { return counter.report(day, cod_); }
    ClosingResult closeDay(const StaffSession* actor, const std::string& day) { return counter.closeDay(actor, day, cod_); }

    PostalCounter counter;

private:
    CashOnDeliverySource* cod_ = nullptr;
};

AreaDefinition postalArea();

}  // namespace vk::services::postal
