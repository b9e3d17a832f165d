#include "kiosk/cli/admin_commands.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

using namespace vk;

namespace {
services::KioskRuntime makeRuntime() {
    services::KioskConfig config;
    config.demoData = false;
    return services::KioskRuntime(config, services::RuntimeOptions{true, services::PinHasher::Strength::FastForTests, nullptr});
}
}  // namespace

TEST_CASE("the technician adds an admin from the command line, PIN on standard input", "[cli][staff]") {
    auto runtime = makeRuntime();
    std::istringstream in("4826\n");
    std::ostringstream out;
    std::ostringstream err;
    const auto line = cli::parseCommandLine({"staff", "add", "--name", "Technicien", "--role", "admin"});
    CHECK(cli::runStaffCommand(runtime, line, in, out, err) == 0);
    const auto accounts = runtime.staff.accounts();
    REQUIRE(accounts.size() == 1);
    CHECK(accounts[0].role == storage::StaffRole::Admin);
    CHECK(runtime.staff.signInWithPin(accounts[0].id, "4826").outcome == services::LoginOutcome::SignedIn);

    std::istringstream none;
    std::ostringstream listed;
    cli::runStaffCommand(runtime, cli::parseCommandLine({"staff", "list"}), none, listed, err);
    CHECK_THAT(listed.str(), Catch::Contains("admin  Technicien"));
}

TEST_CASE("a weak PIN or an unknown role on the command line changes nothing", "[cli][staff][bad-input]") {
    auto runtime = makeRuntime();
    std::ostringstream out;
    std::ostringstream err;
    std::istringstream weak("1234\n");
    CHECK(cli::runStaffCommand(runtime, cli::parseCommandLine({"staff", "add", "--name", "A", "--role", "admin"}), weak,
                               out, err) == 1);
    CHECK_THAT(err.str(), Catch::Contains("too easy"));
    std::istringstream pin("4826\n");
    CHECK(cli::runStaffCommand(runtime, cli::parseCommandLine({"staff", "add", "--name", "A", "--role", "boss"}), pin,
                               out, err) == 2);
    CHECK(runtime.staff.accounts().empty());
}

TEST_CASE("check-config prints each problem with its line and fails on errors", "[cli][config][bad-input]") {
    std::ostringstream out;
    const auto load = services::parseConfig("[kiosk]\nidle_timeout_seconds = true\ncolour = 1\n", "kiosk.toml");
    CHECK(cli::runCheckConfig(load, out) == 1);
    CHECK_THAT(out.str(), Catch::Contains("error: kiosk.toml, line 2, key kiosk.idle_timeout_seconds"));
    CHECK_THAT(out.str(), Catch::Contains("warning: kiosk.toml, line 3, key kiosk.colour"));
}

TEST_CASE("backup from the command line is audited; a bad destination fails with a message", "[cli][backup]") {
    auto runtime = makeRuntime();
    const auto target = std::filesystem::temp_directory_path() / ("vk-cli-backup-" + runtime.database.kioskId() + ".db");
    std::ostringstream out;
    std::ostringstream err;
    REQUIRE(cli::runBackup(runtime, target, out, err) == 0);
    CHECK(std::filesystem::exists(target));
    std::filesystem::remove(target);
    CHECK(runtime.staff.recentAudit(5).front().action == "backup");
    CHECK(cli::runBackup(runtime, "/nonexistent/folder/x.db", out, err) == 1);
    CHECK_THAT(err.str(), Catch::Contains("cannot back up"));
}
