#include "kiosk/cli/area_commands.h"
#include "kiosk/cli/parcels_commands.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/kiosk_runtime.h"
#include "kiosk/services/parcels/parcels_area.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace vk;
using nlohmann::json;

namespace {

constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;

struct CliFixture {
    services::ManualClock clock{*services::health::localToUnixMs("2030-06-12", "09:00")};
    services::KioskRuntime runtime{[] {
                                       services::KioskConfig config;
                                       config.demoData = false;
                                       return config;
                                   }(),
                                   services::RuntimeOptions{true, services::PinHasher::Strength::FastForTests, &clock}};
    std::ostringstream out;
    std::ostringstream err;

    int run(const std::vector<std::string>& arguments) {
        out.str("");
        err.str("");
        std::istringstream in;
        const cli::AreaCommand* command = cli::findAreaCommand("parcels");
        REQUIRE(command);
        return command->run(runtime, cli::parseCommandArguments(arguments, command->flags), in, out, err);
    }
    json answer() { return json::parse(out.str()); }
};

}  // namespace

TEST_CASE("parcels receive --json prints the pickup code, the shelf place and the deadline, audited as the command "
          "line",
          "[parcels][cli]") {
    CliFixture f;
    REQUIRE(f.run({"receive", "--carrier", "mondial-relay", "--tracking", "MR00012345", "--recipient", "Jeanne Moulin",
                   "--phone", "0612345678", "--json"}) == 0);
    const json received = f.answer();
    CHECK(received["ok"] == true);
    CHECK(received["pickup_code"].get<std::string>().size() == 6);
    CHECK(received["shelf_place"] == "A1");
    CHECK(received["deadline"] == "2030-06-17");
    CHECK(received["messages_queued"] == 1);
    const auto audit = f.runtime.staff.recentAudit(1);
    CHECK(audit.front().action == "parcels.receive");
    CHECK(audit.front().actorName == "command line");

    REQUIRE(f.run({"list", "--on-shelf", "--json"}) == 0);
    CHECK(f.answer()["parcels"].size() == 1);

    REQUIRE(f.run({"pickup", "--code", received["pickup_code"].get<std::string>(), "--json"}) == 0);
    CHECK(f.answer()["parcels"][0]["tracking"] == "MR00012345");
    CHECK(f.run({"pickup", "--code", received["pickup_code"].get<std::string>()}) == 1);
    CHECK_THAT(f.err.str(), Catch::Contains("no parcel waits"));
}

TEST_CASE("parcels carriers lists the seeded carriers with their hold periods", "[parcels][cli]") {
    CliFixture f;
    REQUIRE(f.run({"carriers"}) == 0);
    CHECK_THAT(f.out.str(), Catch::Contains("mondial-relay  Mondial Relay  5 days"));
    CHECK_THAT(f.out.str(), Catch::Contains("colissimo  Colissimo  10 days"));
    REQUIRE(f.run({"carriers", "--json"}) == 0);
    CHECK(f.answer()["carriers"].size() == 6);
}

TEST_CASE("parcels list --due-for-return and return --carrier hand the late parcels to the driver", "[parcels][cli]") {
    CliFixture f;
    REQUIRE(f.run({"receive", "--carrier", "mondial-relay", "--tracking", "MR00000001", "--recipient", "A"}) == 0);
    REQUIRE(f.run({"receive", "--carrier", "dpd", "--tracking", "MR00000002", "--recipient", "B"}) == 0);
    f.clock.advanceMs(6 * kDayMs);
    REQUIRE(f.run({"list", "--due-for-return", "--json"}) == 0);
    CHECK(f.answer()["parcels"].size() == 1);
    REQUIRE(f.run({"return", "--carrier", "mondial-relay", "--json"}) == 0);
    CHECK(f.answer()["parcels"][0]["tracking"] == "MR00000001");
    CHECK(f.answer()["carrier"] == "mondial-relay");
    REQUIRE(f.run({"list", "--returned", "--json"}) == 0);
    CHECK(f.answer()["parcels"].size() == 1);
    CHECK(f.run({"return", "--carrier", "mondial-relay"}) == 1);
}

TEST_CASE("parcels receive refuses a 500-character number and a missing option clearly", "[parcels][cli][bad-input]") {
    CliFixture f;
    CHECK(f.run({"receive", "--carrier", "dpd", "--tracking", std::string(500, '9'), "--recipient", "A", "--json"}) == 1);
    CHECK(f.answer()["error"] == "tracking_too_long");
    CHECK_THAT(f.err.str(), Catch::Contains("longer than 40"));
    CHECK(f.run({"receive", "--carrier", "dpd", "--recipient", "A"}) == 2);
    CHECK(f.run({"list", "--on-shelf", "--returned"}) == 2);
    CHECK(f.run({"list", "--json"}) == 0);
    CHECK(f.answer()["parcels"].empty());
}

TEST_CASE("parcels export --csv writes every parcel to the file", "[parcels][cli]") {
    CliFixture f;
    REQUIRE(f.run({"receive", "--carrier", "dpd", "--tracking", "MR00000001", "--recipient", "Jeanne Moulin"}) == 0);
    const auto file = std::filesystem::temp_directory_path() / "vk-parcels-export-test.csv";
    REQUIRE(f.run({"export", "--csv", file.string()}) == 0);
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    CHECK_THAT(text.str(), Catch::Contains("MR00000001"));
    CHECK_THAT(text.str(), Catch::Contains("Jeanne Moulin"));
    std::filesystem::remove(file);
}

TEST_CASE("parcels set-carrier corrects a carrier's hold period for the next parcels", "[parcels][cli][carriers]") {
    CliFixture f;
    REQUIRE(f.run({"set-carrier", "--carrier", "mondial-relay", "--hold-days", "8", "--json"}) == 0);
    CHECK(f.answer()["hold_days"] == 8);
    REQUIRE(f.run({"receive", "--carrier", "mondial-relay", "--tracking", "MR00000001", "--recipient", "A", "--json"}) == 0);
    CHECK(f.answer()["deadline"] == "2030-06-20");
    CHECK(f.run({"set-carrier", "--carrier", "mondial-relay", "--hold-days", "500"}) == 2);
    CHECK(f.run({"set-carrier", "--carrier", "ups", "--hold-days", "5"}) == 1);
}
