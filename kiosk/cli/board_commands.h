#pragma once
// `village-kiosk members …` and `village-kiosk board …`: the board area's commands (docs/board.md).

#include "kiosk/cli/area_commands.h"

namespace vk::cli {

int runMembersCommand(services::KioskRuntime& runtime, const CommandArguments& arguments, std::istream& in,
                      std::ostream& out, std::ostream& err);
int runBoardCommand(services::KioskRuntime& runtime, const CommandArguments& arguments, std::istream& in,
                    std::ostream& out, std::ostream& err);

extern const AreaCommand kMembersCommand;
extern const AreaCommand kBoardCommand;

}  // namespace vk::cli
