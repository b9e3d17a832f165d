#include "kiosk/cli/command_line.h"
#include "kiosk/cli/doctor.h"
#include "kiosk/cli/journal_priorities.h"
#include "kiosk/services/devices/device_settings.h"
#include "kiosk/services/health/health_settings.h"
#include "storage/database.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace vk;

namespace {

// A data folder as the package leaves it after a night: the database and one fresh backup.
struct DataFolder {
    std::filesystem::path root;
    services::ConfigLoad load;

    explicit DataFolder(const std::string& name) {
        root = std::filesystem::temp_directory_path() / ("vk-doctor-" + name);
        std::filesystem::remove_all(root);
        load.source = "test";
        load.config.dataDir = root;
        load.config.timeZone = "Europe/Paris";
        auto database = storage::Database::open(load.config.databaseFile());
        std::filesystem::create_directories(cli::nightlyBackupFolder(load.config));
        database.backupTo(cli::nightlyBackupFolder(load.config));
    }
    ~DataFolder() { std::filesystem::remove_all(root); }

    const cli::DoctorFinding& finding(const cli::DoctorReport& report, const std::string& check) const {
        for (const auto& finding : report.findings)
            if (finding.check == check) return finding;
        FAIL("no finding for " << check);
        return report.findings.front();
    }
};

void overwrite(const std::filesystem::path& file, std::streamoff at, const std::string& bytes) {
    std::fstream stream(file, std::ios::in | std::ios::out | std::ios::binary);
    stream.seekp(at);
    stream.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace

TEST_CASE("the doctor finds nothing at fault on a healthy data folder", "[cli][doctor]") {
    DataFolder folder("healthy");
    const cli::DoctorReport report = cli::examineKiosk(folder.load);
    for (const auto& finding : report.findings) INFO(finding.check << ": " << finding.detail);
    CHECK(report.count(cli::Verdict::Fault) == 0);
    const auto& database = folder.finding(report, "database");
    CHECK(database.verdict == cli::Verdict::Ok);
    CHECK_THAT(database.detail, Catch::Contains("integrity ok") &&
                                    Catch::Contains("schema version " +
                                                    std::to_string(storage::Database::latestSchemaVersion())));
    CHECK(folder.finding(report, "backup").verdict == cli::Verdict::Ok);
    CHECK(folder.finding(report, "disk").verdict != cli::Verdict::Fault);

    std::ostringstream out;
    CHECK(cli::runDoctor(folder.load, true, out) == 0);
    const auto json = nlohmann::json::parse(out.str());
    CHECK(json["ok"] == true);
    CHECK(json["faults"] == 0);
    CHECK(json["checks"].size() == report.findings.size());
}

TEST_CASE("the doctor reports a damaged database as a fault and exits 1, and leaves the file as it was",
          "[cli][doctor][bad-input]") {
    DataFolder folder("damaged");
    const auto file = folder.load.config.databaseFile();
    SECTION("its header overwritten") { overwrite(file, 0, "this is not SQLite at all"); }
    SECTION("the tables' pages with noise in their headers") {
        // Every page after the first (the schema's) starts with a b-tree page header; 0x5a is no page type.
        const auto pages = static_cast<std::streamoff>(std::filesystem::file_size(file) / 4096);
        REQUIRE(pages > 2);
        for (std::streamoff page = 1; page < pages; ++page) overwrite(file, page * 4096, std::string(12, '\x5a'));
    }
    std::ifstream before(file, std::ios::binary);
    const std::string bytesBefore((std::istreambuf_iterator<char>(before)), std::istreambuf_iterator<char>());

    const cli::DoctorReport report = cli::examineKiosk(folder.load);
    const auto& database = folder.finding(report, "database");
    CHECK(database.verdict == cli::Verdict::Fault);
    CHECK_THAT(database.detail, Catch::Contains("restore the newest backup"));

    std::ostringstream text;
    CHECK(cli::runDoctor(folder.load, false, text) == 1);
    CHECK_THAT(text.str(), Catch::Contains("fault   database"));
    std::ostringstream json;
    CHECK(cli::runDoctor(folder.load, true, json) == 1);
    CHECK(nlohmann::json::parse(json.str())["ok"] == false);

    std::ifstream after(file, std::ios::binary);
    CHECK(std::string((std::istreambuf_iterator<char>(after)), std::istreambuf_iterator<char>()) == bytesBefore);
}

TEST_CASE("the doctor tells a stale or missing backup, a dead server and an absent printer or reader",
          "[cli][doctor]") {
    DataFolder folder("faults");
    const std::int64_t fourDaysLater = storage::nowUnixMs() + 4LL * 24 * 3600 * 1000;
    cli::DoctorOptions options;
    options.nowMs = fourDaysLater;
    options.networkTimeout = std::chrono::milliseconds(1500);
    // Port 1 on the loopback: refused at once, as a server that is down.
    folder.load.config.areas.get<services::health::HealthSettings>().rotaFeedUrl = "http://127.0.0.1:1/rota.ics";
    auto& devices = folder.load.config.areas.get<services::DeviceSettings>();
    devices.printerUri = "tcp:127.0.0.1:1";
    devices.readerDevice = (folder.root / "no-such-reader-event-kbd").string();

    const cli::DoctorReport report = cli::examineKiosk(folder.load, options);
    CHECK(folder.finding(report, "backup").verdict == cli::Verdict::Fault);
    CHECK_THAT(folder.finding(report, "backup").detail, Catch::Contains("4 days ago"));
    CHECK(folder.finding(report, "rota feed").verdict == cli::Verdict::Fault);
    CHECK_THAT(folder.finding(report, "rota feed").detail, Catch::Contains("127.0.0.1:1"));
    CHECK(folder.finding(report, "printer").verdict == cli::Verdict::Fault);
    CHECK(folder.finding(report, "reader").verdict == cli::Verdict::Fault);
    CHECK_THAT(folder.finding(report, "reader").detail, Catch::Contains("No such file"));

    std::filesystem::remove_all(cli::nightlyBackupFolder(folder.load.config));
    const cli::DoctorReport noBackup = cli::examineKiosk(folder.load, options);
    CHECK(folder.finding(noBackup, "backup").verdict == cli::Verdict::Warning);
}

TEST_CASE("the doctor reports a missing database as a warning without creating it", "[cli][doctor]") {
    services::ConfigLoad load;
    load.config.dataDir = std::filesystem::temp_directory_path() / "vk-doctor-nothing-yet";
    std::filesystem::remove_all(load.config.dataDir);
    const cli::DoctorReport report = cli::examineKiosk(load);
    bool seen = false;
    for (const auto& finding : report.findings)
        if (finding.check == "database") {
            seen = true;
            CHECK(finding.verdict == cli::Verdict::Warning);
        }
    CHECK(seen);
    CHECK_FALSE(std::filesystem::exists(load.config.databaseFile()));
}

TEST_CASE("doctor and status take --json on the command line", "[cli][doctor]") {
    const auto doctor = cli::parseCommandLine({"doctor", "--json"});
    CHECK(doctor.command == cli::Command::Doctor);
    CHECK(doctor.json);
    const auto status = cli::parseCommandLine({"status"});
    CHECK(status.command == cli::Command::Status);
    CHECK_FALSE(status.json);
    CHECK_FALSE(cli::parseCommandLine({"doctor", "now"}).error.empty());
}

TEST_CASE("a line to the journal gets the priority its words say", "[cli][journal]") {
    CHECK(cli::journalPriority("village-kiosk: error (frame): disk I/O error\n", true) == 3);
    CHECK(cli::journalPriority("village-kiosk: the backup failed: no space\n", true) == 3);
    CHECK(cli::journalPriority("village-kiosk: warning: language \"de\" is not available\n", true) == 4);
    CHECK(cli::journalPriority("village-kiosk: new database at /var/lib/village-kiosk/village-kiosk.db\n", true) == 5);
    CHECK(cli::journalPriority("Backup written to /var/lib/village-kiosk/backups/\n", false) == 6);
}

TEST_CASE("the package's default configuration is usable without a single warning, and has no demo village",
          "[config][package]") {
    const services::ConfigLoad load = services::loadConfigFile(std::string(VK_SOURCE_DIR) + "/packaging/kiosk.toml");
    for (const auto& problem : load.problems) INFO(services::describeProblem(problem, load.source));
    CHECK(load.problems.empty());
    CHECK_FALSE(load.config.demoData);
    CHECK(load.config.renderer == services::RendererChoice::Accelerated);
    CHECK(load.config.databaseFile() == "/var/lib/village-kiosk/village-kiosk.db");
}

TEST_CASE("the doctor says whether a kiosk that goes dark can put out its backlight", "[cli][doctor][backlight]") {
    DataFolder folder("backlight");
    cli::DoctorOptions options;
    options.backlightClassDir = folder.root / "sys-class-backlight";
    const auto backlightFinding = [&]() -> std::optional<cli::DoctorFinding> {
        for (const auto& finding : cli::examineKiosk(folder.load, options).findings)
            if (finding.check == "backlight") return finding;
        return std::nullopt;
    };
    // Always lit: nothing to switch, nothing said.
    CHECK_FALSE(backlightFinding());

    std::string problem;
    const auto hours = services::parseScreenHours("07:30-21:00", {}, problem);
    REQUIRE(hours);
    folder.load.config.screenHours = *hours;
    auto finding = backlightFinding();
    REQUIRE(finding);
    CHECK(finding->verdict == cli::Verdict::Ok);
    CHECK_THAT(finding->detail, Catch::Contains("black but lit"));

    std::filesystem::create_directories(options.backlightClassDir / "acpi_video0");
    std::ofstream(options.backlightClassDir / "acpi_video0" / "bl_power") << "0\n";
    finding = backlightFinding();
    REQUIRE(finding);
    CHECK(finding->verdict == cli::Verdict::Ok);
    CHECK(finding->detail == "acpi_video0 goes out while the screen is dark");
}
