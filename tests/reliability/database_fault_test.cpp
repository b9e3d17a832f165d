// Faults of the database file itself, on the kiosk's runtime: a file the kiosk may not write, a disk that turns
// read-only under the running kiosk, the file swapped for another while the kiosk runs, and another file copied over
// it in place (the kiosk's own checkpoints never taken for one). Each gives its
// message; the kiosk's loop keeps running (its poll says what is wrong instead of writing on); nothing committed
// is lost.

#include "faulty_vfs.h"
#include "net/loopback_servers.h"

#include "kiosk/services/kiosk_runtime.h"
#include "kiosk/services/orders/orders_area.h"
#include "kiosk/services/parcels/parcels_area.h"
#include "kiosk/services/postal/postal_area.h"
#include "storage/database.h"
#include "storage/transaction.h"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>

#include <sys/stat.h>

using namespace vk;
using vk::testing::FaultyVfs;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kStart = 1'796'000'000'000;  // 2026-11-30 00:53:20 UTC, a Monday in Paris

struct Kiosk {
    explicit Kiosk(const std::string& name) : folder(name), clock(kStart) {
        config.dataDir = folder / "data";
        open();
    }
    void open() {
        runtime.reset();
        services::RuntimeOptions options;
        options.pinStrength = services::PinHasher::Strength::FastForTests;
        options.clock = &clock;
        runtime = std::make_unique<services::KioskRuntime>(config, options);
    }
    fs::path file() const { return config.databaseFile(); }
    services::parcels::IntakeResult receive(const std::string& tracking, const std::string& name) {
        services::parcels::IntakeInput input{tracking, "mondial-relay", name, "0612345678", "", "SOL"};
        return runtime->area<services::parcels::ParcelsServices>().desk.receive(&admin, input);
    }
    services::postal::SaleResult sellStamps(int count) {
        auto& counter = runtime->area<services::postal::PostalServices>().counter;
        services::postal::SaleRequest request;
        request.lines = {{counter.itemByCode("lettre_verte")->id, count}};
        return counter.sell(&admin, request);
    }
    int count(const char* sql) { return runtime->database.sql().execAndGet(sql).getInt(); }

    test::TempFolder folder;
    services::ManualClock clock;
    services::KioskConfig config;
    std::unique_ptr<services::KioskRuntime> runtime;
    const services::StaffSession& admin = services::systemActor(services::SystemActor::CommandLine);
};

int countIn(const fs::path& file, const char* sql) {
    SQLite::Database db(file.string(), SQLite::OPEN_READONLY);
    return db.execAndGet(sql).getInt();
}

// The loop's poll, with nobody tapping, on a file that is not the kiosk's any more: it says so instead of going on.
void checkPollSaysReplaced(Kiosk& kiosk) {
    try {
        kiosk.runtime->pollAreas(kiosk.clock.nowMs());
        FAIL("the poll went on with a file that is not the one the kiosk opened");
    } catch (const storage::StorageError& error) {
        CHECK(error.kind() == storage::StorageError::Kind::Replaced);
    }
}

struct DefaultVfs {
    DefaultVfs() { FaultyVfs::makeDefault(); }
    ~DefaultVfs() {
        FaultyVfs::writeProtect(false);
        FaultyVfs::failWrites(false);
        FaultyVfs::restoreDefault();
    }
};

}  // namespace

TEST_CASE("a database file the kiosk may not write is refused at start with its message and left as it was",
          "[reliability][faults]") {
    DefaultVfs vfs;
    Kiosk kiosk("read-only-file");
    REQUIRE(kiosk.receive("MR00000001", "Jeanne Moulin").ok());
    kiosk.runtime.reset();
    const std::string before = test::readFile(kiosk.file());

    FaultyVfs::writeProtect(true);
    try {
        kiosk.open();
        FAIL("the kiosk opened a database it may not write");
    } catch (const storage::StorageError& error) {
        CHECK(error.kind() == storage::StorageError::Kind::ReadOnly);
        CHECK_THAT(error.what(), Catch::Contains("read-only") && Catch::Contains("write access"));
    }
    CHECK(test::readFile(kiosk.file()) == before);

    // Write access given back: the same file opens with its parcel, and takes the next one.
    FaultyVfs::writeProtect(false);
    kiosk.open();
    CHECK(kiosk.count("SELECT count(*) FROM parcel") == 1);
    CHECK(kiosk.receive("MR00000002", "Paul Martin").ok());
}

TEST_CASE("a disk turned read-only under the running kiosk refuses each sale and parcel with its message, and loses "
          "nothing",
          "[reliability][faults]") {
    DefaultVfs vfs;
    Kiosk kiosk("read-only-disk");
    REQUIRE(kiosk.receive("MR00000001", "Jeanne Moulin").ok());
    REQUIRE(kiosk.sellStamps(2).ok());
    const int parcels = kiosk.count("SELECT count(*) FROM parcel");
    const int sales = kiosk.count("SELECT count(*) FROM postal_sale");
    const int outbox = kiosk.count("SELECT count(*) FROM outbox_message");
    const int audit = kiosk.count("SELECT count(*) FROM audit_log");

    // The kernel remounts a file system read-only after an error: every write answers EIO/EROFS, which SQLite
    // reports as an I/O error.
    FaultyVfs::failWrites(true);
    const auto refusedParcel = kiosk.receive("MR00000002", "Paul Martin");
    CHECK(refusedParcel.error == services::parcels::ParcelError::StorageFailed);
    CHECK_THAT(refusedParcel.failure, Catch::Contains("the disk failed to read or write"));
    const auto refusedSale = kiosk.sellStamps(1);
    CHECK(refusedSale.error == services::postal::PostalError::StorageFailed);
    CHECK_THAT(refusedSale.failure, Catch::Contains("the sale was not recorded"));
    // The loop's background work goes on (nothing there needs a write this minute).
    kiosk.clock.advanceMs(60'000);
    CHECK_NOTHROW(kiosk.runtime->pollAreas(kiosk.clock.nowMs()));

    FaultyVfs::failWrites(false);
    CHECK(kiosk.runtime->database.sql().execAndGet("PRAGMA integrity_check").getString() == "ok");
    CHECK(kiosk.count("SELECT count(*) FROM parcel") == parcels);
    CHECK(kiosk.count("SELECT count(*) FROM postal_sale") == sales);
    CHECK(kiosk.count("SELECT count(*) FROM outbox_message") == outbox);
    CHECK(kiosk.count("SELECT count(*) FROM audit_log") >= audit);
    // The disk is back: the same work goes through on the same connection.
    CHECK(kiosk.receive("MR00000002", "Paul Martin").ok());
    CHECK(kiosk.sellStamps(1).ok());
}

TEST_CASE("a database file swapped under the running kiosk takes no more writes, says so, and the file moved aside "
          "keeps everything",
          "[reliability][faults]") {
    Kiosk kiosk("swapped-file");
    REQUIRE(kiosk.receive("MR00000001", "Jeanne Moulin").ok());
    // The copy a technician will put in its place, made before the second parcel.
    const fs::path restored = kiosk.folder / "restored.db";
    kiosk.runtime->database.backupTo(restored);
    REQUIRE(kiosk.receive("MR00000002", "Paul Martin").ok());
    REQUIRE(kiosk.sellStamps(3).ok());

    // While the kiosk runs: the live file moved aside, the copy moved in (its -wal stays at the path).
    const fs::path aside = kiosk.folder / "data" / "village-kiosk.db.old";
    fs::rename(kiosk.file(), aside);
    fs::rename(restored, kiosk.file());

    const auto refused = kiosk.receive("MR00000003", "Louise Durand");
    CHECK(refused.error == services::parcels::ParcelError::StorageFailed);
    CHECK_THAT(refused.failure, Catch::Contains("was moved, replaced or deleted") &&
                                    Catch::Contains("restart the kiosk"));
    CHECK(kiosk.sellStamps(1).error == services::postal::PostalError::StorageFailed);
    // With nobody tapping, the loop's poll says it too (the out-of-order screen, tried again a minute later).
    checkPollSaysReplaced(kiosk);
    kiosk.runtime.reset();

    // The file moved aside has everything committed before the swap, on its own (its -wal was left at the path).
    {
        SQLite::Database old(aside.string(), SQLite::OPEN_READONLY);
        CHECK(old.execAndGet("PRAGMA integrity_check").getString() == "ok");
    }
    CHECK(countIn(aside, "SELECT count(*) FROM parcel WHERE tracking IN ('MR00000001', 'MR00000002')") == 2);
    CHECK(countIn(aside, "SELECT count(*) FROM postal_sale") == 1);
    CHECK(countIn(aside, "SELECT count(*) FROM parcel WHERE tracking = 'MR00000003'") == 0);

    // Restarted, the kiosk opens the copy now at the path, whole, with nothing of the old file's mixed in.
    kiosk.open();
    CHECK(kiosk.runtime->database.sql().execAndGet("PRAGMA integrity_check").getString() == "ok");
    CHECK(kiosk.count("SELECT count(*) FROM parcel") == 1);
    CHECK(kiosk.count("SELECT count(*) FROM postal_sale") == 0);
    CHECK(kiosk.receive("MR00000003", "Louise Durand").ok());
}

TEST_CASE("the kiosk's own commits and checkpoints, and another connection's, are never taken for a file "
          "overwritten in place",
          "[reliability][faults][overwritten]") {
    Kiosk kiosk("own-checkpoints");
    auto& database = kiosk.runtime->database;
    const auto sizeAtStart = fs::file_size(kiosk.file());
    // Another connection on the same file, as `village-kiosk backup` or `sync` run beside the kiosk would be.
    SQLite::Database beside(kiosk.file().string(), SQLite::OPEN_READWRITE, 5000);
    for (int round = 0; round < 400; ++round) {
        // About four pages a commit: the WAL passes SQLite's automatic checkpoint (1000 pages) more than once.
        REQUIRE_NOTHROW(storage::inTransaction(database, [&] {
            database.sql().exec("INSERT INTO kiosk_meta(key, value) VALUES ('pad-" + std::to_string(round) +
                                "', hex(randomblob(7000)))");
        }));
        if (round % 40 == 0) {
            char tracking[16];
            std::snprintf(tracking, sizeof tracking, "MR%08d", round);
            const auto received = kiosk.receive(tracking, "Jeanne Moulin");
            INFO(received.failure);
            REQUIRE(received.ok());
        }
        if (round % 50 == 10) database.sql().exec("PRAGMA wal_checkpoint(TRUNCATE)");
        if (round % 50 == 30) {
            beside.exec("INSERT INTO kiosk_meta(key, value) VALUES ('beside-" + std::to_string(round) +
                        "', hex(randomblob(7000)))");
            beside.exec("PRAGMA wal_checkpoint(RESTART)");
        }
        REQUIRE_NOTHROW(kiosk.runtime->pollAreas(kiosk.clock.nowMs()));
    }
    REQUIRE(kiosk.sellStamps(2).ok());
    // The checkpoints did write into the file (the pages went there from the WAL), and none was taken for a copy.
    CHECK(fs::file_size(kiosk.file()) > sizeAtStart + 400 * 4096);
    CHECK(kiosk.count("SELECT count(*) FROM parcel") == 10);
}

TEST_CASE("a database file overwritten in place under the running kiosk takes no more writes, says so, and the "
          "copied file stays as it was copied",
          "[reliability][faults][overwritten]") {
    Kiosk kiosk("overwritten-file");
    REQUIRE(kiosk.receive("MR00000001", "Jeanne Moulin").ok());
    fs::path source;
    std::string parcelInCopy;
    SECTION("another kiosk's database copied over it") {
        Kiosk other("overwritten-other");
        REQUIRE(other.receive("MR00000009", "Henri Blanc").ok());
        other.runtime.reset();  // closed: its WAL checkpointed into the file, one file to copy
        source = kiosk.folder / "other.db";
        fs::copy_file(other.file(), source);
        parcelInCopy = "MR00000009";
    }
    SECTION("its own backup from before copied over it") {
        source = kiosk.folder / "restored.db";
        kiosk.runtime->database.backupTo(source);
        parcelInCopy = "MR00000001";
    }
    REQUIRE(kiosk.receive("MR00000002", "Paul Martin").ok());
    REQUIRE(kiosk.sellStamps(3).ok());

    // `cp other.db village-kiosk.db`: the same inode, another content; the kiosk's -wal stays at the path.
    const auto inodeOf = [](const fs::path& file) {
        struct stat info {};
        ::stat(file.c_str(), &info);
        return info.st_ino;
    };
    const auto inodeBefore = inodeOf(kiosk.file());
    fs::copy_file(source, kiosk.file(), fs::copy_options::overwrite_existing);
    REQUIRE(inodeOf(kiosk.file()) == inodeBefore);
    const std::string copied = test::readFile(source);

    const auto refused = kiosk.receive("MR00000003", "Louise Durand");
    CHECK(refused.error == services::parcels::ParcelError::StorageFailed);
    CHECK_THAT(refused.failure, Catch::Contains("was overwritten in place") && Catch::Contains("restart the kiosk"));
    CHECK(kiosk.sellStamps(1).error == services::postal::PostalError::StorageFailed);
    // With nobody tapping, the loop's poll says it too (the out-of-order screen).
    checkPollSaysReplaced(kiosk);
    kiosk.runtime.reset();

    // Nothing of the kiosk went into the copied file, not even when its connection closed; its last commits are
    // kept beside it.
    CHECK(test::readFile(kiosk.file()) == copied);
    CHECK(fs::file_size(kiosk.file().string() + "-wal.before-overwrite") > 0);
    CHECK_FALSE(fs::exists(kiosk.file().string() + "-wal"));

    // Restarted, the kiosk opens the copy as it was copied, whole, and writes into it.
    kiosk.open();
    CHECK(kiosk.runtime->database.sql().execAndGet("PRAGMA integrity_check").getString() == "ok");
    CHECK(kiosk.count("SELECT count(*) FROM parcel") == 1);
    CHECK(kiosk.count(("SELECT count(*) FROM parcel WHERE tracking = '" + parcelInCopy + "'").c_str()) == 1);
    CHECK(kiosk.count("SELECT count(*) FROM postal_sale") == 0);
    CHECK(kiosk.receive("MR00000003", "Louise Durand").ok());
}
