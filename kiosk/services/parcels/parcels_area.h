#pragma once
// The relay point as an area: carriers, parcels in and out, the public pickup keypad and the reminders.

#include "kiosk/services/area.h"
#include "kiosk/services/parcels/parcel_desk.h"
#include "kiosk/services/parcels/parcels_settings.h"
#include "kiosk/services/parcels/public_pickup.h"

namespace vk::services::parcels {

class ParcelsServices : public AreaServices {
public:
    explicit ParcelsServices(const AreaContext& context);

    // Queues the day's reminders once an hour (the messages' dedupe keys make a second run harmless).
    bool poll(std::int64_t nowMs) override;
    std::int64_t nextDueMs() const override { return nextReminderRunMs_; }

    const ParcelsSettings settings;
    ParcelDesk desk;
    PublicPickup pickup;

private:
    std::int64_t nextReminderRunMs_ = 0;
};

AreaDefinition parcelsArea();

}  // namespace vk::services::parcels
