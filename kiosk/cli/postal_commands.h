#pragma once
// `village-kiosk postal …`: the postal counter's catalogue, a day's sales and the daily closing, for scripts and
// the technician. Acts as the command line's system actor; --json prints one JSON object.

#include "kiosk/cli/area_commands.h"

namespace vk::cli {

extern const AreaCommand kPostalCommand;

int runPostalCommand(services::KioskRuntime& runtime, const CommandArguments& arguments, std::istream& in,
                     std::ostream& out, std::ostream& err);

}  // namespace vk::cli
