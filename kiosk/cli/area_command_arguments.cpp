#include "kiosk/cli/area_commands.h"

#include <algorithm>

namespace vk::cli {

std::optional<std::string> CommandArguments::option(const std::string& name) const {
    const auto found = options.find(name);
    if (found == options.end()) return std::nullopt;
    return found->second;
}

CommandArguments parseCommandArguments(const std::vector<std::string>& arguments,
                                       std::initializer_list<std::string_view> flagNames) {
    CommandArguments parsed;
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const std::string& argument = arguments[i];
        if (!argument.starts_with("--") || argument.size() == 2) {
            parsed.positional.push_back(argument);
            continue;
        }
        const std::string name = argument.substr(2);
        if (name == "json" || std::find(flagNames.begin(), flagNames.end(), name) != flagNames.end()) {
            parsed.flags.insert(name);
            continue;
        }
        if (i + 1 >= arguments.size()) {
            parsed.error = argument + " needs a value";
            return parsed;
        }
        if (parsed.options.count(name)) {
            parsed.error = argument + " is given twice";
            return parsed;
        }
        parsed.options[name] = arguments[++i];
    }
    return parsed;
}

const AreaCommand* findAreaCommand(std::string_view verb) {
    for (const auto& command : areaCommands())
        if (verb == command.verb) return &command;
    return nullptr;
}

}  // namespace vk::cli
