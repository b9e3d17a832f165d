#pragma once
// Staff mode as an area: its [staff] settings and the retention of the audit log, removed accounts and staff
// notices. StaffService itself is part of the core, since every area writes to the audit log through it.

#include "kiosk/services/area.h"
#include "kiosk/services/staff/staff_settings.h"

namespace vk::services {

AreaDefinition staffArea();

}  // namespace vk::services
