#pragma once
// `village-kiosk meals …`: the seniors' meals register, rounds, lists and counts, for the café manager or a
// technician (docs/meals.md). Every change is audited as the command line.

#include "kiosk/cli/area_commands.h"

namespace vk::cli {

const AreaCommand& mealsCommand();

}  // namespace vk::cli
