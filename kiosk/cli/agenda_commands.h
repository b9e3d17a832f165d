#pragma once
// `village-kiosk agenda …`: the café's events, their sign-ups and waiting lists, the import of an iCalendar feed,
// as the command-line system actor (docs/agenda.md).

#include "kiosk/cli/area_commands.h"

namespace vk::cli {

int runAgendaCommand(services::KioskRuntime& runtime, const CommandArguments& arguments, std::istream& in,
                     std::ostream& out, std::ostream& err);
const AreaCommand& agendaCommand();

}  // namespace vk::cli
