#include "kiosk/cli/area_commands.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/kiosk_runtime.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

using namespace vk;

namespace {

struct CommandFixture {
    CommandFixture() { config.demoData = false; }
    int run(const std::vector<std::string>& arguments) {
        out.str("");
        err.str("");
        const auto& command = *cli::findAreaCommand("meals");
        const auto parsed = cli::parseCommandArguments(arguments, command.flags);
        REQUIRE(parsed.error.empty());
        std::istringstream in;
        return command.run(runtime, parsed, in, out, err);
    }
    nlohmann::json json() { return nlohmann::json::parse(out.str()); }
    std::string add(const std::string& name, const std::string& mode, const std::string& funder) {
        std::vector<std::string> arguments{"add", "--name", name, "--mode", mode, "--days", "daily", "--funder", funder,
                                           "--consent-on", "2030-06-01", "--consent-by", "Paul Café", "--from",
                                           "2030-06-01", "--json"};
        if (mode == "home") arguments.insert(arguments.end(), {"--address", "1 place de l’Église"});
        REQUIRE(run(arguments) == 0);
        return json()["id"];
    }

    services::ManualClock clock{*services::health::localToUnixMs("2030-06-12", "10:00")};
    services::KioskConfig config;
    services::KioskRuntime runtime{config, services::RuntimeOptions{true, services::PinHasher::Strength::FastForTests,
                                                                    &clock}};
    std::ostringstream out;
    std::ostringstream err;
};

}  // namespace

TEST_CASE("meals add, serve and count from the command line: the month's meals per funder, audited as the command line",
          "[cli][meals]") {
    CommandFixture f;
    f.add("Marcel Dupuis", "cafe", "CCAS");
    const std::string jeanne = f.add("Jeanne Leroy", "home", "Département");
    f.add("Lucien Blanc", "home", "CCAS");
    CHECK(f.runtime.staff.recentAudit(1).front().action == "meals.add_recipient");
    CHECK(f.runtime.staff.recentAudit(1).front().actorName == "command line");

    REQUIRE(f.run({"list", "--json"}) == 0);
    CHECK(f.json().size() == 3);
    REQUIRE(f.run({"serve", "--day", "2030-06-11", "--absent", jeanne, "--json"}) == 0);
    CHECK(f.json()["served"] == 2);
    CHECK(f.json()["absent"] == 1);
    REQUIRE(f.run({"serve", "--day", "2030-06-12"}) == 0);
    CHECK(f.run({"serve", "--day", "2030-06-12"}) == 1);
    CHECK(f.err.str().find("confirmed served already") != std::string::npos);

    REQUIRE(f.run({"count", "--month", "2030-06", "--json"}) == 0);
    const auto count = f.json();
    CHECK(count["total"] == 5);
    REQUIRE(count["funders"].size() == 2);
    CHECK(count["funders"][0]["funder"] == "CCAS");
    CHECK(count["funders"][0]["cafe"] == 2);
    CHECK(count["funders"][0]["home"] == 2);
    CHECK(count["funders"][1]["funder"] == "Département");
    CHECK(count["funders"][1]["home"] == 1);
    CHECK(f.run({"count", "--month", "2030-13"}) == 1);
    CHECK(f.run({"count"}) == 2);
}

TEST_CASE("meals add refuses a missing consent, a 10 kB name and a bad date with their reason, and registers nobody",
          "[cli][meals][bad-input]") {
    CommandFixture f;
    CHECK(f.run({"add", "--name", "Marcel Dupuis", "--mode", "cafe", "--days", "daily"}) == 1);
    CHECK(f.err.str().find("consent") != std::string::npos);
    CHECK(f.run({"add", "--name", std::string(10'000, 'a'), "--mode", "cafe", "--days", "daily", "--consent-on",
                 "2030-06-01", "--consent-by", "Paul Café"}) == 1);
    CHECK(f.err.str().find("80 characters") != std::string::npos);
    CHECK(f.run({"add", "--name", "Marcel Dupuis", "--mode", "cafe", "--days", "daily", "--consent-on", "2030-02-30",
                 "--consent-by", "Paul Café"}) == 1);
    CHECK(f.err.str().find("real date") != std::string::npos);
    CHECK(f.run({"add", "--name", "Marcel Dupuis", "--mode", "cafe", "--days", "someday"}) == 1);
    REQUIRE(f.run({"list", "--json"}) == 0);
    CHECK(f.json().empty());
}

TEST_CASE("meals drive, day and print from the command line: each driver gets their round", "[cli][meals]") {
    CommandFixture f;
    f.add("Jeanne Leroy", "home", "CCAS");
    CHECK(f.run({"drive", "--member", "no-such-member"}) == 1);
    REQUIRE(f.run({"day", "--json"}) == 0);
    CHECK(f.json()["home"].size() == 1);
    CHECK(f.json()["rounds"].empty());
    REQUIRE(f.run({"print", "--for", "kitchen", "--json"}) == 0);
    CHECK(f.json()["done"] == "1 printed");
    CHECK(f.run({"print", "--for", "everyone"}) == 2);
}
