#include "kiosk/cli/admin_commands.h"
#include "kiosk/cli/area_commands.h"
#include "kiosk/services/health/health_area.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

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
    std::istringstream in("482619\n");
    std::ostringstream out;
    std::ostringstream err;
    const auto line = cli::parseCommandLine({"staff", "add", "--name", "Technicien", "--role", "admin"});
    CHECK(cli::runStaffCommand(runtime, line, in, out, err) == 0);
    const auto accounts = runtime.staff.accounts();
    REQUIRE(accounts.size() == 1);
    CHECK(accounts[0].role == storage::StaffRole::Admin);
    CHECK(runtime.staff.recentAudit(1).front().actorName == "command line");
    CHECK(runtime.staff.signInWithPin(accounts[0].id, "482619").outcome == services::LoginOutcome::SignedIn);

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

TEST_CASE("an admin PIN shorter than the configured digits is refused on the command line", "[cli][staff][bad-input]") {
    auto runtime = makeRuntime();
    std::ostringstream out;
    std::ostringstream err;
    std::istringstream shortPin("4826\n");
    CHECK(cli::runStaffCommand(runtime, cli::parseCommandLine({"staff", "add", "--name", "A", "--role", "admin"}),
                               shortPin, out, err) == 1);
    CHECK_THAT(err.str(), Catch::Contains("at least 6 digits"));
    CHECK(runtime.staff.accounts().empty());
    std::istringstream cafePin("4826\n");
    CHECK(cli::runStaffCommand(runtime, cli::parseCommandLine({"staff", "add", "--name", "B", "--role", "cafe_manager"}),
                               cafePin, out, err) == 0);
    const std::string id = runtime.staff.accounts().front().id;
    std::istringstream unknown("482619\n");
    CHECK(cli::runStaffCommand(runtime, cli::parseCommandLine({"staff", "set-pin", "no-such-id"}), unknown, out, err) == 1);
    CHECK_THAT(err.str(), Catch::Contains("no such account"));
    std::istringstream newPin("5937\n");
    CHECK(cli::runStaffCommand(runtime, cli::parseCommandLine({"staff", "set-pin", id}), newPin, out, err) == 0);
    CHECK(runtime.staff.signInWithPin(id, "5937").outcome == services::LoginOutcome::SignedIn);
}

TEST_CASE("check-config prints each problem with its line and fails on errors", "[cli][config][bad-input]") {
    std::ostringstream out;
    const auto load = services::parseConfig("[kiosk]\nidle_timeout_seconds = true\ncolour = 1\n", "kiosk.toml");
    CHECK(cli::runCheckConfig(load, out) == 1);
    CHECK_THAT(out.str(), Catch::Contains("error: kiosk.toml, line 2, key kiosk.idle_timeout_seconds"));
    CHECK_THAT(out.str(), Catch::Contains("warning: kiosk.toml, line 3, key kiosk.colour"));
}

TEST_CASE("backup from the command line is audited, a bad destination fails with a message", "[cli][backup]") {
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

TEST_CASE("a failed backup is an error for the journal and a notice on the staff home screen", "[cli][backup]") {
    auto runtime = makeRuntime();
    std::ostringstream out;
    std::ostringstream err;
    REQUIRE(runtime.staffNotices.open().empty());
    CHECK(cli::runBackup(runtime, "/proc/no-backup-here.db", out, err) == 1);
    CHECK_THAT(err.str(), Catch::StartsWith("village-kiosk: error: the backup failed"));
    const auto notices = runtime.staffNotices.open();
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].area == "backup");
    CHECK_THAT(notices[0].message, Catch::Contains("/proc/no-backup-here.db"));
    CHECK(runtime.staff.recentAudit(1).front().action == "backup.failed");
}

TEST_CASE("a backup into a folder named with a final slash makes the folder", "[cli][backup]") {
    auto runtime = makeRuntime();
    const auto folder = std::filesystem::temp_directory_path() / ("vk-cli-new-backups-" + runtime.database.kioskId());
    std::filesystem::remove_all(folder);
    std::ostringstream out;
    std::ostringstream err;
    REQUIRE(cli::runBackup(runtime, folder.string() + "/", out, err) == 0);
    int copies = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        copies += entry.path().filename().string().starts_with("village-kiosk-");
    CHECK(copies == 1);
    std::filesystem::remove_all(folder);
}

TEST_CASE("the technician imports a rota file and reads the weeks as text", "[cli][rota]") {
    auto runtime = makeRuntime();
    std::ostringstream out;
    std::ostringstream err;
    const auto import = cli::parseCommandLine({"rota", "import", std::string(VK_SOURCE_DIR) + "/tests/services/fixtures/rota_weekly_paris.ics"});
    REQUIRE(import.error.empty());
    CHECK(cli::runRotaCommand(runtime, import, out, err) == 0);
    CHECK_THAT(out.str(), Catch::Contains("Rota imported:") && Catch::Contains("added"));

    std::ostringstream shown;
    const auto show = cli::parseCommandLine({"rota", "show", "--weeks", "2"});
    CHECK(cli::runRotaCommand(runtime, show, shown, err) == 0);
    int weeks = 0;
    for (std::size_t at = shown.str().find("Semaine du"); at != std::string::npos; at = shown.str().find("Semaine du", at + 1))
        ++weeks;
    CHECK(weeks == 2);
}

TEST_CASE("a rota file that is not a calendar changes nothing and says why", "[cli][rota][bad-input]") {
    auto runtime = makeRuntime();
    const auto file = std::filesystem::temp_directory_path() / ("vk-cli-rota-" + runtime.database.kioskId() + ".ics");
    {
        std::ofstream bad(file);
        bad << "<html>Not found</html>";
    }
    std::ostringstream out;
    std::ostringstream err;
    CHECK(cli::runRotaCommand(runtime, cli::parseCommandLine({"rota", "import", file.string()}), out, err) == 1);
    CHECK_THAT(err.str(), Catch::Contains("the rota was not changed"));
    std::filesystem::remove(file);
    CHECK(cli::runRotaCommand(runtime, cli::parseCommandLine({"rota", "import", "/nonexistent/rota.ics"}), out, err) == 1);
    CHECK_THAT(err.str(), Catch::Contains("cannot read"));
}

TEST_CASE("the technician imports the booking tool's CSV, bad rows are listed with their line", "[cli][health]") {
    auto runtime = makeRuntime();
    const auto file = std::filesystem::temp_directory_path() / ("vk-cli-rdv-" + runtime.database.kioskId() + ".csv");
    {
        std::ofstream csv(file, std::ios::binary);
        csv << "\xEF\xBB\xBF" "date;heure;nom;prénom;naissance;téléphone\n"
               "23/11/2026;09:00;Moulin;Jeanne;14/03/1950;0612345678\n"
               "31/02/2026;09:30;Faux;Jour;01/01/1960;\n";
    }
    std::ostringstream out;
    std::ostringstream err;
    const auto line = cli::parseCommandLine({"appointments", "import", file.string()});
    REQUIRE(line.error.empty());
    CHECK(cli::runAppointmentsImport(runtime, line.appointmentsFile, out, err) == 1);
    CHECK_THAT(out.str(), Catch::Contains("1 added") && Catch::Contains("line 3"));
    CHECK(runtime.area<services::health::HealthServices>().appointments.day("2026-11-23").size() == 1);
    std::filesystem::remove(file);
}

TEST_CASE("a backup into a folder keeps the newest seven dated backups there", "[cli][backup][retention]") {
    // The in-memory test runtime cannot be backed up as a file; a kiosk's own database can.
    const auto dir = std::filesystem::temp_directory_path() / "vk-cli-backup-folder";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir / "usb");
    services::KioskConfig config;
    config.dataDir = dir / "data";
    services::RuntimeOptions options;
    options.pinStrength = services::PinHasher::Strength::FastForTests;
    services::KioskRuntime runtime(config, options);
    for (int day = 1; day <= 8; ++day) {
        const std::string name = "village-kiosk-202601" + std::string(day < 10 ? "0" : "") + std::to_string(day) + "-120000.db";
        std::ofstream(dir / "usb" / name) << "an older backup";
    }
    std::ofstream(dir / "usb" / "monday.db") << "a copy of the technician's own";
    std::ostringstream out;
    std::ostringstream err;
    REQUIRE(cli::runBackup(runtime, dir / "usb", out, err) == 0);
    int dated = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir / "usb"))
        if (entry.path().filename().string().starts_with("village-kiosk-")) ++dated;
    CHECK(dated == 7);
    CHECK_FALSE(std::filesystem::exists(dir / "usb" / "village-kiosk-20260101-120000.db"));
    CHECK_FALSE(std::filesystem::exists(dir / "usb" / "village-kiosk-20260102-120000.db"));
    CHECK(std::filesystem::exists(dir / "usb" / "village-kiosk-20260108-120000.db"));
    CHECK(std::filesystem::exists(dir / "usb" / "monday.db"));
    CHECK_THAT(out.str(), Catch::Contains("Older backup removed"));
    std::filesystem::remove_all(dir);
}

TEST_CASE("an area command's arguments are read as options, flags and sub-commands", "[cli]") {
    const auto parsed = cli::parseCommandArguments(
        {"receive", "--carrier", "mondial-relay", "--tracking", "--weird", "--json", "--on-shelf"}, {"on-shelf"});
    REQUIRE(parsed.error.empty());
    CHECK(parsed.action() == "receive");
    CHECK(parsed.option("carrier") == "mondial-relay");
    // A value that looks like an option is still the value: a name may start with dashes.
    CHECK(parsed.option("tracking") == "--weird");
    CHECK(parsed.json());
    CHECK(parsed.flag("on-shelf"));
    CHECK_FALSE(parsed.option("recipient"));

    CHECK(cli::parseCommandArguments({"receive", "--carrier"}).error == "--carrier needs a value");
    CHECK(cli::parseCommandArguments({"--a", "1", "--a", "2"}).error == "--a is given twice");
}

TEST_CASE("a verb no area brings is still an unknown command", "[cli][bad-input]") {
    const auto line = cli::parseCommandLine({"--data-dir", "/tmp/x", "no-such-area", "list"});
    CHECK(line.command != cli::Command::Area);
    CHECK(line.error == "unknown command no-such-area");
}

namespace {

// A TCP port on 127.0.0.1 that takes connections (the kernel does, from the backlog) and never reads a byte nor
// answers one: a receipt printer hung with its network card still up.
struct SilentPrinterPort {
    SilentPrinterPort() {
        fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
        listen(fd, 4);
        socklen_t length = sizeof address;
        getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
        port = ntohs(address.sin_port);
    }
    ~SilentPrinterPort() { close(fd); }
    int fd = -1;
    int port = 0;
};

}  // namespace

TEST_CASE("print-test to a printer that takes the bytes and never answers fails with a message",
          "[cli][printer][reliability]") {
    SilentPrinterPort silent;
    REQUIRE(silent.port > 0);
    services::KioskConfig config;
    cli::CommandLine line = cli::parseCommandLine({"print-test", "--printer", "tcp:127.0.0.1:" + std::to_string(silent.port)});
    REQUIRE(line.error.empty());
    std::ostringstream out;
    std::ostringstream err;
    CHECK(cli::runPrintTest(config, line, out, err) == 1);
    CHECK_THAT(out.str(), Catch::Contains("Status after: no answer"));
    CHECK_THAT(err.str(), Catch::Contains("did not answer") && Catch::Contains("nothing says the receipt came out"));
}

TEST_CASE("print-test to a development printer that never answers is a success", "[cli][printer]") {
    const std::filesystem::path roll = std::filesystem::temp_directory_path() / "vk-print-test-roll.bin";
    std::filesystem::remove(roll);
    services::KioskConfig config;
    cli::CommandLine line = cli::parseCommandLine({"print-test", "--printer", "virtual:" + roll.string()});
    std::ostringstream out;
    std::ostringstream err;
    CHECK(cli::runPrintTest(config, line, out, err) == 0);
    CHECK(err.str().empty());
    CHECK(std::filesystem::file_size(roll) > 0);
    std::filesystem::remove(roll);
}

TEST_CASE("the technician imports a saved booking feed twice: the second run lists what moved and was cancelled",
          "[cli][health][booking-feed]") {
    auto runtime = makeRuntime();
    const std::string fixtures = std::string(VK_SOURCE_DIR) + "/tests/services/fixtures/";
    std::ostringstream first;
    std::ostringstream err;
    CHECK(cli::runAppointmentsImport(runtime, fixtures + "bookings_feed_before.ics", first, err) == 0);
    CHECK_THAT(first.str(), Catch::Contains("7 added"));
    std::ostringstream second;
    CHECK(cli::runAppointmentsImport(runtime, fixtures + "bookings_feed_after.ics", second, err) == 0);
    INFO(second.str());
    // Every booking of the fixtures is still to come for the real clock: the four no longer listed are cancelled.
    CHECK_THAT(second.str(), Catch::Contains("1 added") && Catch::Contains("2 moved") && Catch::Contains("4 cancelled"));
    CHECK_THAT(second.str(), Catch::Contains("  moved M. D. 2030-06-12 ") && Catch::Contains("  cancelled P. R. 2030-06-12 "));
    CHECK(second.str().find("Roux") == std::string::npos);  // initials and times only
    CHECK(err.str().empty());
}
