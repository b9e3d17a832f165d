#pragma once
// `village-kiosk outbox list | send | retry ID | cancel ID`: the technician's view of the messages to residents.

#include "kiosk/cli/area_commands.h"

namespace vk::cli {

AreaCommand outboxCommand();

int runOutboxCommand(services::KioskRuntime& runtime, const CommandArguments& arguments, std::istream& in,
                     std::ostream& out, std::ostream& err);

}  // namespace vk::cli
