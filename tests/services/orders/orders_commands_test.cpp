#include "kiosk/cli/area_commands.h"
#include "kiosk/cli/orders_commands.h"
#include "kiosk/services/kiosk_runtime.h"
#include "kiosk/services/orders/orders_area.h"
#include "services/orders/orders_fixture.h"
#include "storage/record_id.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace vk;
using namespace vk::services::orders::testing;

namespace {

struct CommandFixture {
    CommandFixture() {
        config.demoData = false;
        runtime.area<services::orders::OrdersServices>().useMembers(std::make_unique<SimulatedMembers>());
    }
    int run(const std::vector<std::string>& arguments) {
        out.str("");
        err.str("");
        const auto& command = *cli::findAreaCommand("orders");
        const auto parsed = cli::parseCommandArguments(arguments, command.flags);
        REQUIRE(parsed.error.empty());
        std::istringstream in;
        return command.run(runtime, parsed, in, out, err);
    }
    nlohmann::json json() { return nlohmann::json::parse(out.str()); }

    // A baker on Tuesday to Saturday, before 18:00 for tomorrow, with a baguette at 1,10 €.
    void addBaker() {
        REQUIRE(run({"add-supplier", "--name", "Boulangerie Morel", "--delivers", "tue,wed,thu,fri,sat", "--cutoff",
                     "18:00", "--email", "morel@example.fr", "--json"}) == 0);
        baker = json()["id"];
        REQUIRE(run({"add-item", "--supplier", baker, "--name", "Baguette", "--price-cents", "110", "--json"}) == 0);
        baguette = json()["id"];
    }

    services::ManualClock clock{at(kToday, "10:00")};
    services::KioskConfig config;
    services::KioskRuntime runtime{config, services::RuntimeOptions{true, services::PinHasher::Strength::FastForTests,
                                                                    &clock}};
    std::ostringstream out;
    std::ostringstream err;
    std::string baker, baguette;
};

}  // namespace

TEST_CASE("orders add-supplier, add-item and suppliers as the command line, audited", "[cli][orders]") {
    CommandFixture f;
    f.addBaker();
    CHECK(storage::isRecordId(f.baker));
    CHECK(f.runtime.staff.recentAudit(1).front().action == "orders.item.add");
    CHECK(f.runtime.staff.recentAudit(1).front().actorName == "command line");
    REQUIRE(f.run({"suppliers", "--json"}) == 0);
    const auto suppliers = f.json()["suppliers"];
    REQUIRE(suppliers.size() == 1);
    CHECK(suppliers[0]["delivers"] == nlohmann::json({"tue", "wed", "thu", "fri", "sat"}));
    CHECK(suppliers[0]["cutoff"] == "18:00");
    CHECK(suppliers[0]["items"][0]["price_cents"] == 110);
    REQUIRE(f.run({"suppliers"}) == 0);
    CHECK_THAT(f.out.str(), Catch::Contains("Baguette  1,10 €"));
}

TEST_CASE("orders place, list, pickup and counts from the command line", "[cli][orders]") {
    CommandFixture f;
    f.addBaker();
    REQUIRE(f.run({"place", "--customer", kAnne, "--supplier", f.baker, "--item", f.baguette, "--quantity", "2",
                   "--for", "2030-06-13", "--json"}) == 0);
    const std::string order = f.json()["id"];
    CHECK(f.json()["customer"] == "Anne Martin");
    CHECK(f.json()["total_cents"] == 220);
    REQUIRE(f.run({"place", "--customer-name", "M. Blanc", "--supplier", f.baker, "--item", f.baguette, "--quantity",
                   "3", "--for", "2030-06-13"}) == 0);
    REQUIRE(f.run({"list", "--supplier", f.baker, "--for", "2030-06-13", "--json"}) == 0);
    CHECK(f.json()["items"][0]["quantity"] == 5);
    CHECK(f.json()["orders"].size() == 2);
    CHECK(f.json()["cutoff_passed"] == false);

    REQUIRE(f.run({"pickup", "--order", order, "--paid", "account", "--json"}) == 0);
    CHECK(f.json()["state"] == "collected");
    CHECK(f.json()["account_balance_cents"] == 220);
    CHECK(f.run({"pickup", "--order", order}) == 1);
    CHECK_THAT(f.err.str(), Catch::Contains("already collected"));
    REQUIRE(f.run({"account", "--member", kAnne, "--json"}) == 0);
    CHECK(f.json()["balance_cents"] == 220);
    REQUIRE(f.run({"settle", "--member", kAnne, "--amount-cents", "220", "--paid", "cash", "--json"}) == 0);
    CHECK(f.json()["balance_cents"] == 0);

    f.clock.setMs(at("2030-06-13", "19:30"));
    REQUIRE(f.run({"uncollected", "--json"}) == 0);
    REQUIRE(f.json()["uncollected"].size() == 1);
    CHECK(f.json()["uncollected"][0]["customer"] == "M. Blanc");
    REQUIRE(f.run({"counts", "--month", "2030-06", "--json"}) == 0);
    CHECK(f.json()["orders"] == 2);
    CHECK(f.json()["items"] == 5);
    CHECK(f.json()["customers"] == 2);
    CHECK(f.json()["uncollected"] == 1);
}

TEST_CASE("orders place refuses with the reason, the next possible day and exit 1", "[cli][orders][bad-input]") {
    CommandFixture f;
    f.addBaker();
    const auto place = [&](const std::string& quantity, const std::string& day) {
        return f.run({"place", "--customer", kAnne, "--supplier", f.baker, "--item", f.baguette, "--quantity", quantity,
                      "--for", day});
    };
    CHECK(place("2", "2030-06-16") == 1);
    CHECK_THAT(f.err.str(), Catch::Contains("does not deliver") && Catch::Contains("2030-06-18"));
    f.clock.setMs(at(kToday, "18:30"));
    CHECK(place("2", "2030-06-13") == 1);
    CHECK_THAT(f.err.str(), Catch::Contains("cut-off") && Catch::Contains("2030-06-14"));
    CHECK(place("0", "2030-06-14") == 1);
    CHECK(place("-3", "2030-06-14") == 1);
    CHECK(place("10000", "2030-06-14") == 1);
    CHECK_THAT(f.err.str(), Catch::Contains("from 1 to 999"));
    CHECK(place("99999999999999999999", "2030-06-14") == 2);
    CHECK(place("deux", "2030-06-14") == 2);
    CHECK(f.run({"place", "--supplier", f.baker, "--item", f.baguette, "--quantity", "1", "--for", "2030-06-14"}) == 2);
    CHECK(f.run({"add-supplier", "--name", "X", "--delivers", "lundi", "--cutoff", "18:00"}) == 1);
    CHECK(f.run({"fly"}) == 2);
    CHECK(f.runtime.database.sql().execAndGet("SELECT count(*) FROM orders_order").getInt() == 0);
}

TEST_CASE("orders place with the same --key twice places once", "[cli][orders]") {
    CommandFixture f;
    f.addBaker();
    const std::vector<std::string> args{"place", "--customer", kBruno, "--supplier", f.baker, "--item", f.baguette,
                                        "--quantity", "1", "--for", "2030-06-14", "--key", "phone-7", "--json"};
    REQUIRE(f.run(args) == 0);
    const std::string id = f.json()["id"];
    REQUIRE(f.run(args) == 0);
    CHECK(f.json()["id"] == id);
    CHECK(f.json()["already_placed"] == true);
    CHECK(f.runtime.database.sql().execAndGet("SELECT count(*) FROM orders_order").getInt() == 1);
}

TEST_CASE("orders remove-supplier is refused while orders are open, export writes every line as CSV",
          "[cli][orders]") {
    CommandFixture f;
    f.addBaker();
    REQUIRE(f.run({"place", "--customer-name", "=HYPERLINK(\"x\")", "--supplier", f.baker, "--item", f.baguette,
                   "--quantity", "4", "--for", "2030-06-14", "--json"}) == 0);
    const std::string order = f.json()["id"];
    CHECK(f.run({"remove-supplier", "--supplier", f.baker}) == 1);
    CHECK_THAT(f.err.str(), Catch::Contains("1 open, the first on 2030-06-14"));

    const auto file = std::filesystem::temp_directory_path() / ("orders-export-" + order + ".csv");
    REQUIRE(f.run({"export", "--csv", file.string(), "--json"}) == 0);
    CHECK(f.json()["lines"] == 1);
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    std::filesystem::remove(file);
    CHECK_THAT(text.str(), Catch::StartsWith("order_id,day,supplier,customer"));
    CHECK_THAT(text.str(), Catch::Contains(order + ",2030-06-14,\"Boulangerie Morel\",\"'=HYPERLINK(\"\"x\"\")\""));
    CHECK(f.run({"export", "--csv", "/nonexistent-folder/x.csv"}) == 1);

    REQUIRE(f.run({"cancel", "--order", order}) == 0);
    REQUIRE(f.run({"remove-supplier", "--supplier", f.baker, "--json"}) == 0);
    REQUIRE(f.run({"suppliers", "--json"}) == 0);
    CHECK(f.json()["suppliers"].empty());
}

TEST_CASE("orders standing says the days it will skip, the list shows it made", "[cli][orders][standing]") {
    CommandFixture f;
    f.addBaker();
    REQUIRE(f.run({"holiday", "--supplier", f.baker, "--from", "2030-06-20", "--to", "2030-06-22"}) == 0);
    REQUIRE(f.run({"standing", "--customer", kChantal, "--supplier", f.baker, "--item", f.baguette, "--quantity", "2",
                   "--days", "thu,sat", "--json"}) == 0);
    const auto skipped = f.json()["skipped_ahead"];
    REQUIRE(skipped.size() == 2);
    CHECK(skipped[0]["day"] == "2030-06-20");
    CHECK(skipped[0]["reason"] == "orders.error.supplier_holiday");
    REQUIRE(f.run({"list", "--supplier", f.baker, "--for", "2030-06-13", "--json"}) == 0);
    CHECK(f.json()["total_quantity"] == 2);
    CHECK(f.json()["orders"][0]["source"] == "standing");
    CHECK(f.run({"standing", "--customer", kChantal, "--supplier", f.baker, "--item", f.baguette, "--quantity", "2",
                 "--days", "mon"}) == 1);
}
