#pragma once
// `village-kiosk sync …`: one round with the territory hub now, what the last rounds did, and what sync replaced
// or could not do (docs/hub.md).

#include "kiosk/cli/area_commands.h"

namespace vk::cli {

int runSyncCommand(services::KioskRuntime& runtime, const CommandArguments& arguments, std::istream& in,
                   std::ostream& out, std::ostream& err);
const AreaCommand& syncCommand();

}  // namespace vk::cli
