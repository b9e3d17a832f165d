#pragma once
// `village-kiosk parcels …`: the relay point from the command line, for the technician, scripts and tests.

#include "kiosk/cli/area_commands.h"

namespace vk::cli {

AreaCommand parcelsCommand();

int runParcelsCommand(services::KioskRuntime& runtime, const CommandArguments& arguments, std::istream& in,
                      std::ostream& out, std::ostream& err);

}  // namespace vk::cli
