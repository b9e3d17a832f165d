// The booking tool's CSV on a database that cannot take it: a full disk, a refused row. The file is refused as a
// whole or row by row, never half-stored, and the command line says so with a non-zero exit.

#include "services/full_disk.h"
#include "kiosk/cli/admin_commands.h"
#include "services/health/health_fixture.h"

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace vk;
using namespace vk::services;
using namespace vk::services::health;
using namespace vk::services::health::testing;

namespace {

// Two hundred appointments over a week of June 2030, with long names: many pages' worth.
std::string bigExport() {
    std::string csv = "date;heure;nom;prénom;naissance;téléphone\n";
    for (int i = 0; i < 200; ++i) {
        const int day = 12 + i / 40;
        const int minutes = 8 * 60 + (i % 40) * 15;
        char row[256];
        std::snprintf(row, sizeof row, "%02d/06/2030;%02d:%02d;Patient%03d%s;Prénom;01/01/1950;0600000000\n", day,
                      minutes / 60, minutes % 60, i, std::string(80, 'x').c_str());
        csv += row;
    }
    return csv;
}

std::filesystem::path writeFile(const std::string& name, const std::string& text) {
    const auto file = std::filesystem::temp_directory_path() / name;
    std::ofstream out(file, std::ios::binary);
    out << text;
    return file;
}

}  // namespace

TEST_CASE("on a full disk a CSV import is refused as such, nothing is half-written, and it works once space is back",
          "[health][book][storage-failure][full-disk]") {
    HealthFixture f;
    f.add("08:30", "Durand", "Paul", "1970-01-01");
    const int before = f.count("SELECT count(*) FROM appointment");

    vk::testing::fillDisk(f.db);
    ImportReport report;
    REQUIRE_NOTHROW(report = f.book.importCsv(&f.assistant, bigExport()));
    CHECK_FALSE(report.stored());
    CHECK_THAT(report.failure, Catch::Contains("disk is full") && Catch::Contains("nothing was imported"));
    CHECK(report.added == 0);
    CHECK(f.count("SELECT count(*) FROM appointment") == before);
    CHECK(f.audit("health.import").empty());

    // The day goes on: the assistant's day view still reads.
    CHECK(f.book.day(kDay).size() == 1);

    vk::testing::freeDisk(f.db);
    const ImportReport later = f.book.importCsv(&f.assistant, bigExport());
    CHECK(later.stored());
    CHECK(later.added == 200);
    CHECK(f.count("SELECT count(*) FROM appointment") == before + 200);
    CHECK(f.audit("health.import").size() == 1);
}

TEST_CASE("a row the database refuses is listed with its line, the other rows are stored",
          "[health][book][storage-failure]") {
    HealthFixture f;
    f.db.sql().exec("CREATE TRIGGER test_refuse BEFORE INSERT ON appointment WHEN NEW.surname = 'Refusé' "
                    "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
    const ImportReport report = f.book.importCsv(&f.assistant,
                                                 "date;heure;nom;prénom;naissance;téléphone\n"
                                                 "12/06/2030;09:00;Moulin;Jeanne;14/03/1950;\n"
                                                 "12/06/2030;09:15;Refusé;Jean;14/03/1951;\n"
                                                 "12/06/2030;09:30;Bernard;Léo;14/03/1952;\n");
    CHECK(report.stored());
    CHECK(report.added == 2);
    REQUIRE(report.problems.size() == 1);
    CHECK(report.problems[0].line == 3);
    CHECK_THAT(report.problems[0].reason, Catch::Contains("refused"));
}

TEST_CASE("on a full disk the command-line imports fail with a message and a non-zero exit, then work",
          "[cli][storage-failure][full-disk]") {
    services::KioskConfig config;
    config.demoData = false;
    // The rota file's events are in the import window only if the kiosk's today is near them.
    const ManualClock clock{at(kDay, "08:00")};
    services::KioskRuntime runtime(config,
                                   services::RuntimeOptions{true, services::PinHasher::Strength::FastForTests, &clock});
    const std::string id = runtime.database.kioskId();
    const auto csv = writeFile("vk-full-disk-" + id + ".csv", bigExport());
    std::string ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//FR\r\n";
    for (int i = 0; i < 200; ++i)
        ics += "BEGIN:VEVENT\r\nUID:h" + std::to_string(i) + "\r\nDTSTART:20300612T090000Z\r\nDURATION:PT1H\r\n"
               "SUMMARY:Dr " + std::string(100, 'R') + std::to_string(i) + "\r\nEND:VEVENT\r\n";
    ics += "END:VCALENDAR\r\n";
    const auto rota = writeFile("vk-full-disk-" + id + ".ics", ics);

    vk::testing::fillDisk(runtime.database);
    std::ostringstream out;
    std::ostringstream err;
    CHECK(cli::runAppointmentsImport(runtime, csv, out, err) == 1);
    CHECK_THAT(err.str(), Catch::Contains("the appointments were not imported") && Catch::Contains("disk is full"));
    err.str("");
    CHECK(cli::runRotaCommand(runtime, cli::parseCommandLine({"rota", "import", rota.string()}), out, err) == 1);
    CHECK_THAT(err.str(), Catch::Contains("the rota was not changed") && Catch::Contains("disk is full"));

    vk::testing::freeDisk(runtime.database);
    CHECK(cli::runAppointmentsImport(runtime, csv, out, err) == 0);
    CHECK(cli::runRotaCommand(runtime, cli::parseCommandLine({"rota", "import", rota.string()}), out, err) == 0);
    std::filesystem::remove(csv);
    std::filesystem::remove(rota);
}
