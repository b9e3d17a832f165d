#include "kiosk/cli/area_commands.h"
#include "kiosk/services/board/board_area.h"
#include "kiosk/services/shifts/shifts_area.h"
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
        const auto& command = *cli::findAreaCommand("shifts");
        const auto parsed = cli::parseCommandArguments(arguments, command.flags);
        REQUIRE(parsed.error.empty());
        std::istringstream in;
        return command.run(runtime, parsed, in, out, err);
    }
    nlohmann::json json() { return nlohmann::json::parse(out.str()); }
    // A member of the board, as the kiosk identifies them.
    std::string member(const std::string& name) {
        services::board::MemberForm form;
        form.name = name;
        const auto added =
            runtime.area<services::board::BoardServices>().members.add(&services::systemActor(services::SystemActor::CommandLine), form);
        REQUIRE(added.ok());
        return added.member->id;
    }

    services::ManualClock clock{*services::health::localToUnixMs("2030-06-12", "10:00")};
    services::KioskConfig config;
    services::KioskRuntime runtime{config, services::RuntimeOptions{true, services::PinHasher::Strength::FastForTests,
                                                                    &clock}};
    std::ostringstream out;
    std::ostringstream err;
};

}  // namespace

TEST_CASE("shifts add, sign-up, swap and year from the command line: the hours go to who did the shift", "[cli][shifts]") {
    CommandFixture f;
    REQUIRE(f.run({"add", "--kind", "delivery", "--day", "2030-06-13", "--from", "09:00", "--to", "11:00",
                   "--places", "1", "--json"}) == 0);
    const std::string shiftId = f.json()["id"];
    const std::string anne = f.member("Anne Martin");
    const std::string bruno = f.member("Bruno Petit");
    REQUIRE(f.run({"sign-up", "--shift", shiftId, "--member", anne, "--json"}) == 0);
    const std::string signUpId = f.json()["id"];
    CHECK(f.run({"sign-up", "--shift", shiftId, "--member", bruno}) == 1);
    CHECK(f.err.str().find("full") != std::string::npos);
    REQUIRE(f.run({"swap", "--sign-up", signUpId, "--to", bruno, "--json"}) == 0);
    CHECK(f.json()["swapped_from"] == signUpId);
    REQUIRE(f.run({"list", "--json"}) == 0);
    REQUIRE(f.json().size() == 1);
    CHECK(f.json()[0]["places_left"] == 0);

    f.clock.setMs(*services::health::localToUnixMs("2030-06-14", "10:00"));
    REQUIRE(f.run({"year", "--year", "2030", "--json"}) == 0);
    CHECK(f.json()["minutes"] == 120);
    CHECK(f.json()["months"][0]["month"] == "2030-06");
}

TEST_CASE("shifts add refuses a day that does not exist with its reason", "[cli][shifts]") {
    CommandFixture f;
    CHECK(f.run({"add", "--kind", "opening", "--day", "2030-02-31", "--from", "09:00", "--to", "11:00"}) == 1);
    CHECK(f.err.str().find("real date") != std::string::npos);
    CHECK(f.run({"add", "--kind", "opening", "--day", "2030-06-20", "--from", "09:00", "--to", "11:00",
                 "--places", "two"}) == 1);
    CHECK(f.run({"frobnicate"}) == 2);
}

TEST_CASE("shifts commitment and remove act as the command line, audited, and refuse a stranger", "[cli][shifts][audit]") {
    CommandFixture f;
    const std::string anne = f.member("Anne Martin");
    CHECK(f.run({"commitment", "--member", anne, "--minutes", "180"}) == 0);
    CHECK(f.runtime.area<services::shifts::ShiftsServices>().shifts.commitmentOf(anne) == 180);
    CHECK(f.run({"commitment", "--member", anne, "--minutes", "lots"}) == 1);
    CHECK(f.run({"commitment", "--member", "nobody", "--minutes", "60"}) == 1);
    CHECK(f.err.str().find("no such member") != std::string::npos);
    REQUIRE(f.run({"add", "--kind", "opening", "--day", "2030-06-20", "--from", "09:00", "--to", "11:00", "--json"}) == 0);
    const std::string shiftId = f.json()["id"];
    CHECK(f.run({"remove", "--shift", shiftId}) == 0);
    CHECK(f.run({"remove", "--shift", shiftId}) == 1);
    REQUIRE(f.run({"list", "--week", "2030-06-20", "--json"}) == 0);
    CHECK(f.json().empty());
    bool auditedAsCommandLine = false;
    for (const auto& entry : f.runtime.staff.recentAudit(20))
        if (entry.action == "shifts.commitment") auditedAsCommandLine = entry.actorName == "command line";
    CHECK(auditedAsCommandLine);
}
