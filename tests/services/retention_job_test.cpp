// The daily purge of expired personal data when the database will not let it run: it never stops the kiosk, staff
// hear of it, and it is tried again within minutes rather than a day later.

#include "kiosk/cli/admin_commands.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/services/retention_job.h"
#include "storage/staff_notice_store.h"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <sstream>

using namespace vk;
using namespace vk::services;

namespace {

constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kDay = 24 * 60 * kMinute;

struct RetentionFixture {
    explicit RetentionFixture(storage::Database database) : db(std::move(database)) {
        i18n::setLanguage("fr");
        staff.audit(nullptr, "test.old");
        clock.advanceMs(31 * kDay);
    }
    storage::Database db;
    ManualClock clock{1'800'000'000'000};
    StaffService staff{db, clock, PinHasher(PinHasher::Strength::FastForTests), PinPolicy{}};
    RetentionJob job{db, staff, clock, {{"audit_log_days", 30}}};

    bool oldEntryKept() {
        for (const auto& entry : staff.recentAudit(1000))
            if (entry.action == "test.old") return true;
        return false;
    }
    std::vector<storage::StaffNotice> notices() { return storage::StaffNoticeStore(db).open(); }
    // Runs the job at every moment it asks to be run again, `times` times, and returns the waits it asked for.
    std::vector<std::int64_t> waitsOver(int times) {
        std::vector<std::int64_t> waits;
        for (int i = 0; i < times; ++i) {
            clock.setMs(std::max(clock.nowMs(), job.nextRunMs()));
            CHECK_NOTHROW(job.runIfDue());
            waits.push_back((job.nextRunMs() - clock.nowMs()) / kMinute);
        }
        return waits;
    }
};

void refusePurges(storage::Database& db) {
    db.sql().exec("CREATE TRIGGER test_refuse BEFORE DELETE ON audit_log "
                  "BEGIN SELECT RAISE(ABORT, 'simulated failure'); END");
}

}  // namespace

TEST_CASE("a failed purge is noted for staff and tried again in five minutes, then less often, until it works",
          "[retention][storage-failure]") {
    RetentionFixture f(storage::Database::openInMemory());
    refusePurges(f.db);

    std::vector<storage::PurgeReport> reports;
    REQUIRE_NOTHROW(reports = f.job.runIfDue());
    CHECK(reports.empty());
    CHECK(f.oldEntryKept());
    CHECK(f.job.nextRunMs() == f.clock.nowMs() + 5 * kMinute);
    CHECK_THAT(f.job.lastFailure(), Catch::Contains("simulated failure"));
    const auto notices = f.notices();
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].area == "retention");
    CHECK_THAT(notices[0].message, Catch::Contains("a échoué") && Catch::Contains("simulated failure"));

    // Not before its time…
    f.clock.advanceMs(5 * kMinute - 1);
    CHECK(f.job.runIfDue().empty());
    CHECK(f.job.nextRunMs() == f.clock.nowMs() + 1);
    // …then backing off, never past an hour.
    CHECK(f.waitsOver(6) == std::vector<std::int64_t>{10, 20, 40, 60, 60, 60});
    CHECK(f.notices().size() == 1);  // one notice for the whole run of failures, not one every few minutes
    CHECK(f.oldEntryKept());

    f.db.sql().exec("DROP TRIGGER test_refuse");
    f.clock.setMs(f.job.nextRunMs());
    REQUIRE_FALSE(f.job.runIfDue().empty());
    CHECK_FALSE(f.oldEntryKept());
    CHECK(f.job.lastFailure().empty());
    CHECK(f.job.nextRunMs() == f.clock.nowMs() + kDay);

    // A later failure starts again from five minutes.
    refusePurges(f.db);
    f.staff.audit(nullptr, "test.old");
    f.clock.advanceMs(31 * kDay);
    CHECK(f.waitsOver(2) == std::vector<std::int64_t>{5, 10});
}

TEST_CASE("a purge while another program holds the database does not stop the kiosk and succeeds once it is free",
          "[retention][storage-failure]") {
    const auto dir = std::filesystem::temp_directory_path() / "vk-retention-busy";
    std::filesystem::remove_all(dir);
    const auto file = dir / "kiosk.db";
    {
        RetentionFixture f(storage::Database::open(file));
        // Fail at once instead of after the kiosk's five-second wait.
        f.db.sql().setBusyTimeout(0);
        SQLite::Database other(file.string(), SQLite::OPEN_READWRITE);
        other.exec("BEGIN IMMEDIATE");

        REQUIRE_NOTHROW(f.job.runIfDue());
        CHECK_THAT(f.job.lastFailure(), Catch::Contains("busy"));
        CHECK(f.job.nextRunMs() == f.clock.nowMs() + 5 * kMinute);

        other.exec("ROLLBACK");
        f.clock.advanceMs(5 * kMinute);
        CHECK_FALSE(f.job.runIfDue().empty());
        CHECK_FALSE(f.oldEntryKept());
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("village-kiosk purge says why nothing was purged and exits non-zero", "[cli][retention][storage-failure]") {
    KioskConfig config;
    config.demoData = false;
    KioskRuntime runtime(config, RuntimeOptions{true, PinHasher::Strength::FastForTests, nullptr});
    runtime.database.sql().exec("INSERT INTO audit_log(at, actor_name, action) VALUES (0, 'kiosk', 'test.old')");
    refusePurges(runtime.database);
    std::ostringstream out;
    std::ostringstream err;
    CHECK(cli::runPurge(runtime, out, err) == 1);
    CHECK_THAT(err.str(), Catch::Contains("nothing was purged") && Catch::Contains("simulated failure"));
}
