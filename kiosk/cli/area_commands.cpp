#include "kiosk/cli/area_commands.h"

#include "kiosk/cli/outbox_commands.h"
#include "kiosk/cli/parcels_commands.h"
#include "kiosk/cli/postal_commands.h"
#include "kiosk/cli/board_commands.h"
#include "kiosk/cli/timebank_commands.h"
#include "kiosk/cli/orders_commands.h"
#include "kiosk/cli/agenda_commands.h"
#include "kiosk/cli/shifts_commands.h"
#include "kiosk/cli/report_commands.h"
#include "kiosk/cli/meals_commands.h"
#include "kiosk/cli/sync_commands.h"

namespace vk::cli {

// One line per area that has commands of its own, in the order --help lists them.
const std::vector<AreaCommand>& areaCommands() {
    static const std::vector<AreaCommand> commands{
        outboxCommand(),
        parcelsCommand(),
        kPostalCommand,
        kMembersCommand,  // the board's members, shared with the time bank
        kBoardCommand,
        timeBankCommand(),
        ordersCommand(),
        agendaCommand(),
        shiftsCommand(),
        reportCommand(),
        mealsCommand(),
        syncCommand(),
    };
    return commands;
}

}  // namespace vk::cli
