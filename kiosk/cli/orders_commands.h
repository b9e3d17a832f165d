#pragma once
// `village-kiosk orders …`: suppliers and their catalogues, orders and standing orders, the supplier's list, pickup,
// accounts, counts and the CSV export, as the command-line system actor (docs/orders.md).

#include "kiosk/cli/area_commands.h"

namespace vk::cli {

int runOrdersCommand(services::KioskRuntime& runtime, const CommandArguments& arguments, std::istream& in,
                     std::ostream& out, std::ostream& err);
const AreaCommand& ordersCommand();

}  // namespace vk::cli
