// Faults from below: the disk answers I/O errors (through a VFS that fails on demand), then recovers. Each write
// in between gives its message and stores nothing; nothing stored before is lost; once the disk is back the same
// work goes through, and the file passes its integrity check.

#include "faulty_vfs.h"
#include "storage/temp_dir.h"

#include "kiosk/i18n/translations.h"
#include "kiosk/services/health/appointment_book.h"
#include "kiosk/services/health/rota_service.h"
#include "kiosk/services/retention_job.h"
#include "kiosk/services/staff_service.h"
#include "storage/database.h"
#include "storage/write_failure.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <ctime>

using namespace vk;
using namespace vk::services;
using vk::testing::FaultyVfs;

namespace {

constexpr std::int64_t kMondayMorning = 1'795'417'200'000;  // 23 November 2026, 08:00 in Paris

const std::string kCsv =
    "date;heure;nom;prénom;naissance;téléphone\n"
    "24/11/2026;09:00;Lefèvre;Jeanne;;\n"
    "24/11/2026;09:20;Martin;Paul;;\n";

const std::string kRota =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//FR\r\n"
    "BEGIN:VEVENT\r\nUID:v1\r\nDTSTART;VALUE=DATE:20261125\r\nSUMMARY:Dr Anne Roche\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n";

// Set up before the database opens through the VFS.
struct Setting {
    Setting() {
        setenv("TZ", "Europe/Paris", 1);
        tzset();
        i18n::setLanguage("fr");
        FaultyVfs::install();
        FaultyVfs::failWrites(false);
    }
};

struct FailingDisk {
    ~FailingDisk() { FaultyVfs::failWrites(false); }
    Setting setting;
    storage::testing::TempDir dir;
    storage::Database db = storage::Database::open("file:" + (dir.path / "kiosk.db").string() + "?vfs=faulty");
    ManualClock clock{kMondayMorning};
    StaffService staff{db, clock, PinHasher(PinHasher::Strength::FastForTests), PinPolicy{}};
    health::AppointmentBook book{db, clock, staff};
    health::RotaService rota{db, clock, staff, health::RotaSettings{}};
    const StaffSession& admin = systemActor(SystemActor::CommandLine);

    int count(const char* sql) { return db.sql().execAndGet(sql).getInt(); }
};

}  // namespace

TEST_CASE("an I/O error from the disk refuses each write with its message and loses nothing stored before",
          "[reliability][faults]") {
    FailingDisk disk;
    REQUIRE(disk.staff.createAccount(&disk.admin, "Camille", StaffRole::Admin, "482619").ok());
    REQUIRE(disk.book.importCsv(&disk.admin, kCsv).failure.empty());
    const int appointments = disk.count("SELECT count(*) FROM appointment");
    const int auditLines = disk.count("SELECT count(*) FROM audit_log");
    REQUIRE(appointments == 2);

    FaultyVfs::resetRefusals();
    FaultyVfs::failWrites(true);
    // The imports say so and roll back whole.
    const auto import = disk.book.importCsv(&disk.admin, "date;heure;nom;prénom;naissance;téléphone\n"
                                                         "25/11/2026;10:00;Durand;Lou;;\n");
    CHECK_THAT(import.failure, Catch::Contains("the disk failed to read or write") &&
                                   Catch::Contains("nothing was imported"));
    CHECK(import.added == 0);
    const auto rotaImport = disk.rota.importCalendar(kRota, "rota.ics", disk.admin);
    CHECK_FALSE(rotaImport.applied);
    CHECK_THAT(rotaImport.error, Catch::Contains("the disk failed to read or write"));
    // A change with no message of its own throws to the loop's catch-all (the out-of-order screen), with the words
    // the technician reads.
    try {
        disk.staff.createAccount(&disk.admin, "Dominique", StaffRole::CafeManager, "739215");
        FAIL("an account was created on a failing disk");
    } catch (const std::exception& e) {
        CHECK(storage::classifyWriteFailure(e) == storage::WriteFailure::DiskError);
    }
    CHECK(FaultyVfs::refusals() > 0);

    FaultyVfs::failWrites(false);
    CHECK(disk.db.sql().execAndGet("PRAGMA integrity_check").getString() == "ok");
    CHECK(disk.count("SELECT count(*) FROM appointment") == appointments);
    CHECK(disk.count("SELECT count(*) FROM audit_log") == auditLines);
    CHECK(disk.count("SELECT count(*) FROM staff_account") == 1);
    // The disk is back: the same work goes through on the same connection.
    CHECK(disk.book.importCsv(&disk.admin, "date;heure;nom;prénom;naissance;téléphone\n"
                                           "25/11/2026;10:00;Durand;Lou;;\n").added == 1);
    CHECK(disk.rota.importCalendar(kRota, "rota.ics", disk.admin).applied);
    CHECK(disk.staff.createAccount(&disk.admin, "Dominique", StaffRole::CafeManager, "739215").ok());
    CHECK(disk.db.sql().execAndGet("PRAGMA integrity_check").getString() == "ok");
}

TEST_CASE("a retention purge on a failing disk is retried with a message and deletes nothing", "[reliability][faults]") {
    FailingDisk disk;
    REQUIRE(disk.book.importCsv(&disk.admin, kCsv).failure.empty());
    // Far past every retention period.
    disk.clock.setMs(kMondayMorning + 3LL * 365 * 24 * 3600 * 1000);
    RetentionJob job(disk.db, disk.staff, disk.clock, {{"appointments_days", 30}});
    FaultyVfs::failWrites(true);
    job.runIfDue();
    CHECK_THAT(job.lastFailure(), Catch::Contains("the disk failed to read or write"));
    FaultyVfs::failWrites(false);
    CHECK(disk.count("SELECT count(*) FROM appointment") == 2);
    disk.clock.advanceMs(60LL * 60 * 1000);
    job.runIfDue();
    CHECK(job.lastFailure().empty());
    CHECK(disk.count("SELECT count(*) FROM appointment") == 0);
}
