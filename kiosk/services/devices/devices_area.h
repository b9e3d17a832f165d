#pragma once
// The counter's devices as an area: the [devices] settings that the runtime starts the printer and readers
// from, and the retention of printed receipts. The printer and readers themselves belong to the runtime, since
// every area prints and reads through them.

#include "kiosk/services/area.h"
#include "kiosk/services/devices/device_settings.h"

namespace vk::services {

AreaDefinition devicesArea();

}  // namespace vk::services
