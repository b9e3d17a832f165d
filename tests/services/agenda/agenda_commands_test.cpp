#include "kiosk/cli/agenda_commands.h"
#include "kiosk/cli/area_commands.h"
#include "kiosk/services/agenda/agenda_area.h"
#include "kiosk/services/kiosk_runtime.h"
#include "services/agenda/agenda_fixture.h"

#include <nlohmann/json.hpp>

#include <sstream>

using namespace vk;
using namespace vk::services::agenda::testing;

namespace {

struct CommandFixture {
    CommandFixture() { config.demoData = false; }
    int run(const std::vector<std::string>& arguments) {
        out.str("");
        err.str("");
        const auto& command = *cli::findAreaCommand("agenda");
        const auto parsed = cli::parseCommandArguments(arguments, command.flags);
        REQUIRE(parsed.error.empty());
        std::istringstream in;
        return command.run(runtime, parsed, in, out, err);
    }
    nlohmann::json json() { return nlohmann::json::parse(out.str()); }

    services::ManualClock clock{at(kToday, "10:00")};
    services::KioskConfig config;
    services::KioskRuntime runtime{config, services::RuntimeOptions{true, services::PinHasher::Strength::FastForTests,
                                                                    &clock}};
    std::ostringstream out;
    std::ostringstream err;
};

}  // namespace

TEST_CASE("agenda add, sign-up, cancel and list from the command line: the waiting list moves up", "[cli][agenda]") {
    CommandFixture f;
    REQUIRE(f.run({"add", "--title", "Atelier cuisine", "--day", kFriday, "--time", "10:00", "--end", "12:00",
                   "--place", "Cuisine du café", "--capacity", "1", "--price-cents", "500", "--json"}) == 0);
    const std::string event = f.json()["id"];
    CHECK(f.runtime.staff.recentAudit(1).front().action == "agenda.add_event");
    CHECK(f.runtime.staff.recentAudit(1).front().actorName == "command line");

    REQUIRE(f.run({"sign-up", "--event", event, "--name", "Gérard Blanc", "--json"}) == 0);
    const std::string gerard = f.json()["ticket"];
    REQUIRE(f.run({"sign-up", "--event", event, "--name", "Lise Martin", "--phone", "06 11 22 33 44"}) == 0);
    CHECK(f.out.str().find("on the waiting list (1)") != std::string::npos);

    REQUIRE(f.run({"list", "--json"}) == 0);
    const auto listed = f.json()["events"];
    REQUIRE(listed.size() == 1);
    CHECK(listed[0]["registered"] == 1);
    CHECK(listed[0]["waiting"] == 1);
    CHECK(listed[0]["places_left"] == 0);

    REQUIRE(f.run({"cancel", "--ticket", gerard}) == 0);
    CHECK(f.out.str().find("Lise Martin moves up from the waiting list (told)") != std::string::npos);
    REQUIRE(f.run({"sign-ups", "--event", event, "--json"}) == 0);
    const auto signUps = f.json()["sign_ups"];
    REQUIRE(signUps.size() == 2);
    CHECK(signUps[0]["name"] == "Lise Martin");
    CHECK(signUps[0]["state"] == "registered");
    CHECK(signUps[1]["state"] == "cancelled");

    REQUIRE(f.run({"counts", "--from", "2030-06-01", "--to", "2030-06-30", "--json"}) == 0);
    CHECK(f.json()["signed_up"] == 1);
}

TEST_CASE("agenda commands refuse bad arguments and bad input with a message, and change nothing",
          "[cli][agenda][bad-input]") {
    CommandFixture f;
    CHECK(f.run({"add", "--title", "Quiz"}) == 2);
    CHECK(f.err.str().find("add needs --title TITLE --day YYYY-MM-DD --time HH:MM") != std::string::npos);
    CHECK(f.run({"add", "--title", std::string(10 * 1024, 'Q'), "--day", kFriday, "--time", "19:00"}) == 1);
    CHECK(f.err.str().find("the title is empty or longer than 120 characters") != std::string::npos);
    CHECK(f.run({"add", "--title", "Quiz", "--day", kFriday, "--time", "19:00", "--capacity", "beaucoup"}) == 2);
    CHECK(f.run({"cancel", "--ticket", "NOPE42"}) == 1);
    CHECK(f.err.str().find("no sign-up has that id or ticket") != std::string::npos);
    CHECK(f.run({"import", "/no/such/file.ics"}) == 1);
    CHECK(f.run({"frobnicate"}) == 2);
    REQUIRE(f.run({"list", "--json"}) == 0);
    CHECK(f.json()["events"].empty());
}

TEST_CASE("agenda import reads the network's tour dates from a file and lists what it left out", "[cli][agenda][ical]") {
    CommandFixture f;
    const std::string file = std::string(VK_SOURCE_DIR) + "/tests/services/fixtures/agenda_tour_dates.ics";
    REQUIRE(f.run({"import", file}) == 0);
    CHECK(f.out.str().find("Agenda imported: 3 added, 0 changed, 0 unchanged, 0 cancelled, 3 events left out.") !=
          std::string::npos);
    REQUIRE(f.run({"import", file, "--json"}) == 0);
    CHECK(f.json()["unchanged"] == 3);
}
