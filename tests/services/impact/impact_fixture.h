#pragma once
// What the impact tests share: a kiosk's command-line verbs run as a technician runs them, to make records the way
// their users do, and a parcel received and handed over.

#include "kiosk/cli/area_commands.h"
#include "kiosk/services/kiosk_runtime.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

namespace vk::services::impact::testing {

struct CommandLine {
    explicit CommandLine(KioskRuntime& kiosk) : runtime(kiosk) {}

    // The exit code; `out` and `err` hold what it printed.
    int run(const std::string& verb, const std::vector<std::string>& arguments) {
        out.str("");
        err.str("");
        const cli::AreaCommand* command = cli::findAreaCommand(verb);
        REQUIRE(command);
        const auto parsed = cli::parseCommandArguments(arguments, command->flags);
        REQUIRE(parsed.error.empty());
        std::istringstream in;
        return command->run(runtime, parsed, in, out, err);
    }
    // Runs it and requires it to succeed.
    void succeed(const std::string& verb, const std::vector<std::string>& arguments) {
        const int code = run(verb, arguments);
        INFO(err.str());
        REQUIRE(code == 0);
    }
    nlohmann::json json() const { return nlohmann::json::parse(out.str()); }
    void receiveAndHandOver(const std::string& tracking) {
        succeed("parcels", {"receive", "--carrier", "mondial-relay", "--tracking", tracking, "--recipient",
                            "Jeanne Moulin", "--json"});
        const std::string code = json()["pickup_code"];
        succeed("parcels", {"pickup", "--code", code});
    }

    KioskRuntime& runtime;
    std::ostringstream out;
    std::ostringstream err;
};

}  // namespace vk::services::impact::testing
