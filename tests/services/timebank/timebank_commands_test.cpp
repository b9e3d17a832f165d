#include "kiosk/cli/area_commands.h"
#include "kiosk/cli/timebank_commands.h"
#include "kiosk/services/board/board_area.h"
#include "kiosk/services/kiosk_runtime.h"
#include "kiosk/services/timebank/timebank_area.h"
#include "services/timebank/time_bank_fixture.h"
#include "storage/record_id.h"

#include <nlohmann/json.hpp>

#include <sstream>

using namespace vk;
using namespace vk::services::timebank::testing;

namespace {

struct CommandFixture {
    CommandFixture() {
        config.demoData = false;
        runtime.area<services::timebank::TimeBankServices>().useMembers(std::make_unique<SimulatedMembers>());
    }
    int run(const std::vector<std::string>& arguments) {
        out.str("");
        err.str("");
        const auto& command = *cli::findAreaCommand("timebank");
        const auto parsed = cli::parseCommandArguments(arguments, command.flags);
        REQUIRE(parsed.error.empty());
        std::istringstream in;
        return command.run(runtime, parsed, in, out, err);
    }
    nlohmann::json json() { return nlohmann::json::parse(out.str()); }

    services::KioskConfig config;
    services::KioskRuntime runtime{config, services::RuntimeOptions{true, services::PinHasher::Strength::FastForTests}};
    std::ostringstream out;
    std::ostringstream err;
};

}  // namespace

TEST_CASE("timebank transfer records an exchange as the command line and prints its id as JSON", "[cli][timebank]") {
    CommandFixture f;
    REQUIRE(f.run({"transfer", "--from", kAnne, "--to", kBruno, "--minutes", "90", "--what", "Taille de la haie",
                   "--category", "garden", "--json"}) == 0);
    const auto transfer = f.json();
    CHECK(transfer["minutes"] == 90);
    CHECK(transfer["from_balance_minutes"] == -90);
    CHECK(transfer["to_balance_minutes"] == 90);
    CHECK(vk::storage::isRecordId(transfer["id"].get<std::string>()));
    CHECK(f.runtime.staff.recentAudit(1).front().action == "timebank.transfer");
    CHECK(f.runtime.staff.recentAudit(1).front().actorName == "command line");

    REQUIRE(f.run({"balance", kBruno, "--json"}) == 0);
    CHECK(f.json()["balance_minutes"] == 90);
    REQUIRE(f.run({"balance", "--json"}) == 0);
    CHECK(f.json()["balances"].size() == 2);
    REQUIRE(f.run({"check"}) == 0);
    CHECK_THAT(f.out.str(), Catch::Contains("the ledger is sound"));
}

TEST_CASE("timebank transfer with the same --key twice records once", "[cli][timebank]") {
    CommandFixture f;
    const std::vector<std::string> args{"transfer", "--from", kAnne, "--to", kBruno, "--minutes", "30",
                                        "--what", "Courses", "--category", "transport", "--key", "script-42", "--json"};
    REQUIRE(f.run(args) == 0);
    const std::string id = f.json()["id"];
    REQUIRE(f.run(args) == 0);
    CHECK(f.json()["id"] == id);
    CHECK(f.json()["already_recorded"] == true);
    REQUIRE(f.run({"balance", kBruno, "--json"}) == 0);
    CHECK(f.json()["balance_minutes"] == 30);
}

TEST_CASE("timebank correct, statement and totals from the command line", "[cli][timebank]") {
    CommandFixture f;
    REQUIRE(f.run({"transfer", "--from", kAnne, "--to", kBruno, "--minutes", "600", "--what", "Erreur de saisie",
                   "--json"}) == 0);
    const std::string id = f.json()["id"];
    REQUIRE(f.run({"correct", id, "--json"}) == 0);
    CHECK(f.json()["corrects"] == id);
    REQUIRE(f.run({"balance", kAnne, "--json"}) == 0);
    CHECK(f.json()["balance_minutes"] == 0);
    const std::string month = services::timebank::localMonth(f.runtime.clock.nowMs());
    REQUIRE(f.run({"statement", "--member", kAnne, "--month", month, "--json"}) == 0);
    CHECK(f.json()["entries"].size() == 2);
    CHECK(f.json()["closing_minutes"] == 0);
    REQUIRE(f.run({"totals", "--month", month, "--json"}) == 0);
    CHECK(f.json()["categories"][0]["minutes"] == 0);
}

TEST_CASE("timebank refuses bad input with a reason and an exit code, and records nothing",
          "[cli][timebank][bad-input]") {
    CommandFixture f;
    CHECK(f.run({"transfer", "--from", kAnne, "--to", kBruno, "--minutes", "abc", "--what", "x"}) == 2);
    CHECK(f.run({"transfer", "--from", kAnne, "--to", kBruno, "--minutes", "99999999999999999999", "--what", "x"}) == 2);
    CHECK(f.run({"transfer", "--from", kAnne, "--to", kBruno, "--minutes", "-5", "--what", "x"}) == 1);
    CHECK_THAT(f.err.str(), Catch::Contains("whole number of minutes from 1"));
    CHECK(f.run({"transfer", "--from", kAnne, "--to", kAnne, "--minutes", "5", "--what", "x"}) == 1);
    CHECK_THAT(f.err.str(), Catch::Contains("themselves"));
    CHECK(f.run({"transfer", "--from", "nobody", "--to", kBruno, "--minutes", "5", "--what", "x"}) == 1);
    CHECK_THAT(f.err.str(), Catch::Contains("no member"));
    CHECK(f.run({"transfer", "--from", kAnne, "--to", kBruno, "--minutes", "5", "--what", std::string(10'000, 'x')}) == 1);
    CHECK_THAT(f.err.str(), Catch::Contains("at most 300"));
    CHECK(f.run({"transfer", "--from", kAnne, "--minutes", "5"}) == 2);
    CHECK(f.run({"balance", "nobody"}) == 1);
    CHECK(f.run({"statement", "--member", kAnne, "--month", "June"}) == 1);
    CHECK(f.run({"fly"}) == 2);
    REQUIRE(f.run({"balance", "--json"}) == 0);
    CHECK(f.json()["balances"].empty());
}

TEST_CASE("timebank check fails when a cached balance disagrees with the movements", "[cli][timebank]") {
    CommandFixture f;
    REQUIRE(f.run({"transfer", "--from", kAnne, "--to", kBruno, "--minutes", "60", "--what", "Repas"}) == 0);
    f.runtime.database.sql().exec("UPDATE time_bank_balance SET balance_minutes = 0");
    CHECK(f.run({"check", "--json"}) == 1);
    CHECK(f.json()["sound"] == false);
    CHECK(f.json()["mismatches"].size() == 2);
}

TEST_CASE("the time bank moves minutes between the board's members, found by id, card or name and PIN",
          "[cli][timebank][board]") {
    services::KioskConfig config;
    config.demoData = false;
    services::KioskRuntime runtime{config, services::RuntimeOptions{true, services::PinHasher::Strength::FastForTests}};
    auto& members = runtime.area<services::board::BoardServices>().members;
    const auto& actor = services::systemActor(services::SystemActor::CommandLine);
    services::board::MemberForm form;
    form.name = "Lucienne Fabre";
    form.pin = "2580";
    const auto lucienne = members.add(&actor, form);
    REQUIRE(lucienne.ok());
    REQUIRE(members.assignCard(&actor, lucienne.member->id, std::string("04AABBCC")).ok());
    form.name = "Marcel Roux";
    form.pin = "3691";
    const auto marcel = members.add(&actor, form);
    REQUIRE(marcel.ok());

    auto& timeBank = runtime.area<services::timebank::TimeBankServices>();
    CHECK(timeBank.members().byCard("04AABBCC")->id == lucienne.member->id);
    CHECK(timeBank.members().byNameAndPin("marcel roux", "3691").member->name == "Marcel Roux");
    CHECK_FALSE(timeBank.members().byNameAndPin("Marcel Roux", "0000").member);
    // Five wrong codes lock the name for a while, and say until when.
    for (int i = 0; i < 4; ++i) timeBank.members().byNameAndPin("Marcel Roux", "0000");
    const auto locked = timeBank.members().byNameAndPin("Marcel Roux", "3691");
    CHECK_FALSE(locked.member);
    CHECK(locked.lockedUntil > runtime.clock.nowMs());

    const auto& command = *cli::findAreaCommand("timebank");
    std::istringstream in;
    std::ostringstream out;
    std::ostringstream err;
    const auto parsed = cli::parseCommandArguments({"transfer", "--from", lucienne.member->id, "--to", marcel.member->id,
                                                    "--minutes", "75", "--what", "Réparation du portail", "--category",
                                                    "garden", "--json"},
                                                   command.flags);
    REQUIRE(command.run(runtime, parsed, in, out, err) == 0);
    CHECK(timeBank.bank.balance(marcel.member->id) == 75);
    CHECK(timeBank.bank.balance(lucienne.member->id) == -75);
    // The categories are the board's, and « other ».
    CHECK(timeBank.bank.categories().back() == "other");
    CHECK(timeBank.bank.categories().front() == "home_help");
}
