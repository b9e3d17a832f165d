#pragma once
// `village-kiosk shifts …`: the participative grocery's volunteer shifts, for the coordinator or a technician
// (docs/shifts.md).

#include "kiosk/cli/area_commands.h"

namespace vk::cli {

const AreaCommand& shiftsCommand();

}  // namespace vk::cli
