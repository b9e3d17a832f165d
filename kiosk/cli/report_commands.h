#pragma once
// `village-kiosk report impact …`: the impact report funders ask for, on the terminal, as CSV and as a PDF
// (docs/impact.md).

#include "kiosk/cli/area_commands.h"

namespace vk::cli {

const AreaCommand& reportCommand();

}  // namespace vk::cli
