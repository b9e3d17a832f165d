#pragma once
// The commands an area brings to the command line (`village-kiosk parcels receive …`, `board post …`): one verb per
// area, its own sub-commands and options. The verbs are listed in kiosk/cli/area_commands.cpp, one line per area,
// beside the core commands of command_line.cpp. Each command acts as a system actor (services::systemActor) so that
// what it does is audited as the screens' actions are, and takes --json to print what it did as one JSON object.

#include <initializer_list>
#include <iosfwd>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace vk::services {
class KioskRuntime;
}

namespace vk::cli {

// What follows an area's verb: `receive --carrier mondial-relay --tracking X --json` gives positional {"receive"},
// options {carrier: mondial-relay, tracking: X} and the flag json.
struct CommandArguments {
    std::vector<std::string> positional;
    std::map<std::string, std::string> options;  // without the leading dashes
    std::set<std::string> flags;
    std::string error;  // set when the arguments cannot be read; says what is wrong

    bool json() const { return flags.count("json") > 0; }
    bool flag(const std::string& name) const { return flags.count(name) > 0; }
    std::optional<std::string> option(const std::string& name) const;
    // The sub-command ("receive"), or "" when there is none.
    std::string action() const { return positional.empty() ? std::string() : positional.front(); }
};

// Every `--name` takes the next argument as its value, except the flags named here and --json, which take none.
CommandArguments parseCommandArguments(const std::vector<std::string>& arguments,
                                       std::initializer_list<std::string_view> flagNames = {});

struct AreaCommand {
    const char* verb;   // "parcels"
    const char* usage;  // lines for --help, each starting with "  village-kiosk parcels"
    std::initializer_list<std::string_view> flags;  // options that take no value, besides --json
    // Returns the exit code: 0 done, 1 refused or failed (the message on err), 2 wrong arguments.
    int (*run)(services::KioskRuntime& runtime, const CommandArguments& arguments, std::istream& in,
               std::ostream& out, std::ostream& err);
};

const std::vector<AreaCommand>& areaCommands();
const AreaCommand* findAreaCommand(std::string_view verb);

}  // namespace vk::cli
