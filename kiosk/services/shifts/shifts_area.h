#pragma once
// The participative grocery's volunteer shifts as an area (docs/shifts.md): its [shifts] section, its services
// and what the impact report counts of it (service "grocery", kind "volunteer_hours").

#include "kiosk/services/area.h"
#include "kiosk/services/shifts/volunteer_shifts.h"

namespace vk::services::shifts {

// The [shifts] section of kiosk.toml (docs/configuration.md).
struct ShiftsSettings {
    // What each member gives a month unless the coordinator set their own commitment.
    int monthlyCommitmentMinutes = kDefaultMonthlyCommitmentMinutes;
};

class ShiftsServices : public AreaServices {
public:
    explicit ShiftsServices(const AreaContext& context);
    const ShiftsSettings settings;
    VolunteerShifts shifts;
};

AreaDefinition shiftsArea();

}  // namespace vk::services::shifts
