#pragma once
// `village-kiosk timebank …`: transfers, balances, corrections, statements, category totals and the ledger check,
// as the command-line system actor (docs/timebank.md).

#include "kiosk/cli/area_commands.h"

namespace vk::cli {

int runTimeBankCommand(services::KioskRuntime& runtime, const CommandArguments& arguments, std::istream& in,
                       std::ostream& out, std::ostream& err);
const AreaCommand& timeBankCommand();

}  // namespace vk::cli
