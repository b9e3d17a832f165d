#include "storage/database.h"
#include "storage/record_id.h"
#include "storage/staff_store.h"
#include "storage/village_info_store.h"

#include "temp_dir.h"

#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include <sys/stat.h>

using vk::storage::Database;
using vk::storage::StorageError;
using vk::storage::testing::makeDatabaseAtVersion;
using vk::storage::testing::TempDir;
namespace fs = std::filesystem;

namespace {

std::string readAll(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The most open umask there is, so that only the kiosk's own modes can keep files private.
struct OpenUmask {
    mode_t previous = umask(0);
    ~OpenUmask() { umask(previous); }
};

fs::perms modeOf(const fs::path& path) { return fs::status(path).permissions() & fs::perms::all; }

constexpr fs::perms kOwnerReadWrite = fs::perms::owner_read | fs::perms::owner_write;

std::set<std::string> columnsOf(Database& db, const std::string& table) {
    SQLite::Statement info(db.sql(), "SELECT name FROM pragma_table_info(?)");
    info.bind(1, table);
    std::set<std::string> columns;
    while (info.executeStep()) columns.insert(info.getColumn(0).getString());
    return columns;
}

}  // namespace

TEST_CASE("a new database file gets the whole schema, WAL, foreign keys and a kiosk id", "[storage]") {
    TempDir dir;
    Database db = Database::open(dir.path / "data" / "kiosk.db");
    CHECK(db.schemaVersion() == Database::latestSchemaVersion());
    CHECK(db.sql().execAndGet("PRAGMA journal_mode").getString() == "wal");
    CHECK(db.sql().execAndGet("PRAGMA foreign_keys").getInt() == 1);
    CHECK(vk::storage::isRecordId(db.kioskId()));

    const std::string firstId = db.kioskId();
    Database reopened = Database::open(dir.path / "data" / "kiosk.db");
    CHECK(reopened.kioskId() == firstId);
}

TEST_CASE("shared records carry a global id, their origin, change times and a soft delete", "[storage][sync]") {
    Database db = Database::openInMemory();
    for (const char* table : {"staff_account", "village_info"}) {
        INFO(table);
        const auto columns = columnsOf(db, table);
        for (const char* column : {"id", "origin_kiosk", "created_at", "updated_at", "deleted_at"})
            CHECK(columns.count(column) == 1);
    }
    vk::storage::VillageInfoStore info(db);
    const auto entry = info.create("Mairie", "Mardi 9 h – 12 h", 0, 1000);
    info.softDelete(entry.id, 2000);
    CHECK(info.listLive().empty());
    SQLite::Statement row(db.sql(), "SELECT deleted_at, updated_at, origin_kiosk FROM village_info WHERE id = ?");
    row.bind(1, entry.id);
    REQUIRE(row.executeStep());
    CHECK(row.getColumn(0).getInt64() == 2000);
    CHECK(row.getColumn(1).getInt64() == 2000);
    CHECK(row.getColumn(2).getString() == db.kioskId());
}

TEST_CASE("record ids are UUID version 7 and sort by creation time", "[storage][sync]") {
    const std::string earlier = vk::storage::newRecordId(1'700'000'000'000);
    const std::string later = vk::storage::newRecordId(1'700'000'000'001);
    CHECK(vk::storage::isRecordId(earlier));
    CHECK(earlier[14] == '7');
    CHECK(earlier < later);
    CHECK(vk::storage::newRecordId(5) != vk::storage::newRecordId(5));
    CHECK_FALSE(vk::storage::isRecordId("not-an-id"));
}

TEST_CASE("a file that is not a database is refused and left exactly as it was", "[storage][bad-input]") {
    TempDir dir;
    const fs::path file = dir.path / "kiosk.db";
    {
        std::ofstream out(file, std::ios::binary);
        for (int i = 0; i < 8192; ++i) out.put(static_cast<char>((i * 37) % 251));
    }
    const std::string before = readAll(file);
    try {
        Database::open(file);
        FAIL("a garbage file was accepted as a database");
    } catch (const StorageError& error) {
        CHECK(error.kind() == StorageError::Kind::Damaged);
        CHECK_THAT(error.what(), Catch::Contains("damaged") && Catch::Contains("backup"));
    }
    CHECK(readAll(file) == before);
    CHECK_FALSE(fs::exists(dir.path / "kiosk.db-wal"));
}

TEST_CASE("a database written by a newer village-kiosk is refused untouched", "[storage][bad-input]") {
    TempDir dir;
    const fs::path file = dir.path / "kiosk.db";
    {
        Database db = Database::open(file);
        db.sql().exec("PRAGMA user_version = 999");
    }
    const std::string before = readAll(file);
    try {
        Database::open(file);
        FAIL("a newer schema was accepted");
    } catch (const StorageError& error) {
        CHECK(error.kind() == StorageError::Kind::TooNew);
        CHECK_THAT(error.what(), Catch::Contains("999") && Catch::Contains("newer"));
    }
    CHECK(readAll(file) == before);
}

TEST_CASE("a read-only database is refused with a message and nothing is written", "[storage][bad-input]") {
    TempDir dir;
    const fs::path file = dir.path / "kiosk.db";
    {
        Database db = Database::open(file);
        vk::storage::VillageInfoStore(db).create("Mairie", "Ouverte le mardi", 0, 1);
    }
    const std::string before = readAll(file);
    // SQLite opens a write-protected file read-only; mode=ro does the same whoever runs the test (even root).
    try {
        Database::open("file:" + file.string() + "?mode=ro");
        FAIL("a read-only database was accepted");
    } catch (const StorageError& error) {
        CHECK(error.kind() == StorageError::Kind::ReadOnly);
        CHECK_THAT(error.what(), Catch::Contains("read-only"));
    }
    CHECK(readAll(file) == before);
    Database again = Database::open(file);
    CHECK(vk::storage::VillageInfoStore(again).listLive().size() == 1);
}

TEST_CASE("a backup is a complete, checked copy made while the kiosk keeps writing", "[storage][backup]") {
    TempDir dir;
    Database db = Database::open(dir.path / "kiosk.db");
    vk::storage::VillageInfoStore info(db);
    for (int i = 0; i < 200; ++i) info.create("Entrée " + std::to_string(i), std::string(500, 'x'), i, i);

    const fs::path copy = dir.path / "backup.db";
    db.backupTo(copy);
    info.create("Après la sauvegarde", "", 0, 999);

    Database restored = Database::open(copy);
    CHECK(vk::storage::VillageInfoStore(restored).listLive().size() == 200);
    CHECK(restored.kioskId() == db.kioskId());
    CHECK_FALSE(fs::exists(dir.path / "backup.db.partial"));

    // A folder as destination gets a dated file inside it.
    fs::create_directories(dir.path / "usb");
    db.backupTo(dir.path / "usb");
    int files = 0;
    for (const auto& entry : fs::directory_iterator(dir.path / "usb")) {
        CHECK(entry.path().filename().string().starts_with("village-kiosk-"));
        ++files;
    }
    CHECK(files == 1);
}

TEST_CASE("a backup to a place that cannot be written fails clearly and leaves nothing behind", "[storage][backup][bad-input]") {
    TempDir dir;
    Database db = Database::open(dir.path / "kiosk.db");
    const fs::path impossible = dir.path / "no-such-folder" / "deeper" / "copy.db";
    try {
        db.backupTo(impossible);
        FAIL("the backup claimed success");
    } catch (const StorageError& error) {
        CHECK(error.kind() == StorageError::Kind::BackupFailed);
        CHECK_THAT(error.what(), Catch::Contains("copy.db"));
    }
    CHECK_FALSE(fs::exists(impossible));
    CHECK(db.schemaVersion() == Database::latestSchemaVersion());
}

TEST_CASE("a backup whose copy fails its check is refused and leaves nothing behind", "[storage][backup][bad-input]") {
    TempDir dir;
    const fs::path file = dir.path / "kiosk.db";
    {
        Database db = Database::open(file);
        vk::storage::VillageInfoStore info(db);
        for (int i = 0; i < 50; ++i) info.create("Entrée " + std::to_string(i), "", i, i);
    }
    REQUIRE_FALSE(fs::exists(file.string() + "-wal"));
    // Damage one index page only: the kiosk still opens, but a page-for-page copy cannot pass its check.
    std::int64_t offset = 0;
    int pageSize = 0;
    {
        SQLite::Database raw(file.string(), SQLite::OPEN_READONLY);
        pageSize = raw.execAndGet("PRAGMA page_size").getInt();
        offset = (raw.execAndGet("SELECT rootpage FROM sqlite_master WHERE name = 'village_info_updated'").getInt64() - 1) *
                 pageSize;
    }
    // The damage comes while the kiosk runs (the disk fails under it): at start-up the file was whole. The page
    // cache is let go so that the copy reads what is on the disk now.
    Database db = Database::open(file);
    sqlite3_db_release_memory(db.sql().getHandle());
    {
        std::fstream out(file, std::ios::in | std::ios::out | std::ios::binary);
        out.seekp(offset);
        for (int i = 0; i < pageSize; ++i) out.put(static_cast<char>(0xA5));
    }
    const fs::path usb = dir.path / "usb";
    fs::create_directories(usb);
    for (const fs::path& destination : {usb / "copy.db", usb}) {
        INFO(destination.string());
        try {
            db.backupTo(destination);
            FAIL("a copy of a damaged database passed as a backup");
        } catch (const StorageError& error) {
            CHECK(error.kind() == StorageError::Kind::BackupFailed);
            CHECK_THAT(error.what(), Catch::Contains("integrity check") && Catch::Contains("usb"));
        }
        CHECK(fs::is_empty(usb));
    }
}

TEST_CASE("a removed staff account is soft-deleted: hidden, but its row and name stay", "[storage][staff]") {
    Database db = Database::openInMemory();
    vk::storage::StaffStore staff(db);
    const auto account = staff.create("Claire", vk::storage::StaffRole::MedicalAssistant, "hash", 10);
    staff.softDelete(account.id, 20);
    CHECK(staff.listActive().empty());
    CHECK_FALSE(staff.findActive(account.id));
    CHECK(db.sql().execAndGet("SELECT display_name FROM staff_account WHERE deleted_at = 20").getString() == "Claire");
}

TEST_CASE("the database refuses a staff name that is too long or a role that does not exist", "[storage][bad-input]") {
    Database db = Database::openInMemory();
    vk::storage::StaffStore staff(db);
    CHECK_THROWS(staff.create(std::string(10'000, 'a'), vk::storage::StaffRole::Admin, "hash", 1));
    CHECK_THROWS(db.sql().exec(
        "INSERT INTO staff_account(id, origin_kiosk, display_name, role, pin_hash, created_at, updated_at) "
        "VALUES ('x', 'k', 'Eve', 'superuser', 'h', 1, 1)"));
    CHECK(staff.listActive().empty());
}

TEST_CASE("migrating a database from an older version keeps a copy of it first", "[storage][migration]") {
    TempDir dir;
    const fs::path file = dir.path / "kiosk.db";
    // As version 2 left it: no print queue yet.
    makeDatabaseAtVersion(file, 2);
    {
        SQLite::Database raw(file.string(), SQLite::OPEN_READWRITE);
        raw.exec("INSERT INTO village_info(id, origin_kiosk, title, body, sort_order, created_at, updated_at) "
                 "VALUES ('info-1', 'kiosk-1', 'Mairie', 'Ouverte le mardi', 0, 1, 1)");
    }
    Database migrated = Database::open(file);
    CHECK(migrated.schemaVersion() == Database::latestSchemaVersion());
    CHECK(migrated.sql().tableExists("print_job"));
    const fs::path copy = file.string() + ".before-schema-v" + std::to_string(Database::latestSchemaVersion());
    REQUIRE(fs::exists(copy));
    SQLite::Database raw(copy.string(), SQLite::OPEN_READONLY);
    CHECK(raw.execAndGet("PRAGMA user_version").getInt() == 2);
    CHECK_FALSE(raw.tableExists("print_job"));
    CHECK(raw.execAndGet("SELECT count(*) FROM village_info").getInt() == 1);
}

TEST_CASE("the data folder, the database and its side files are open to the kiosk's user only", "[storage][privacy]") {
    OpenUmask openUmask;
    TempDir dir;
    const fs::path folder = dir.path / "var" / "village-kiosk";
    const fs::path file = folder / "kiosk.db";
    Database db = Database::open(file);
    vk::storage::VillageInfoStore(db).create("Mairie", "Ouverte le mardi", 0, 1);
    CHECK(modeOf(folder) == fs::perms::owner_all);
    for (const std::string& path : {file.string(), file.string() + "-wal", file.string() + "-shm"}) {
        INFO(path);
        REQUIRE(fs::exists(path));
        CHECK(modeOf(path) == kOwnerReadWrite);
    }
}

TEST_CASE("a database file left readable by others is made private when the kiosk opens it", "[storage][privacy]") {
    OpenUmask openUmask;
    TempDir dir;
    const fs::path file = dir.path / "kiosk.db";
    Database::open(file);
    fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read);
    Database db = Database::open(file);
    CHECK(modeOf(file) == kOwnerReadWrite);
}

TEST_CASE("backups and pre-migration copies are open to the kiosk's user only", "[storage][privacy][backup]") {
    OpenUmask openUmask;
    TempDir dir;
    const fs::path file = dir.path / "kiosk.db";
    makeDatabaseAtVersion(file, 2);
    Database db = Database::open(file);
    const fs::path preMigrationCopy = file.string() + ".before-schema-v" + std::to_string(Database::latestSchemaVersion());
    REQUIRE(fs::exists(preMigrationCopy));
    CHECK(modeOf(preMigrationCopy) == kOwnerReadWrite);

    db.backupTo(dir.path / "backup.db");
    CHECK(modeOf(dir.path / "backup.db") == kOwnerReadWrite);
    fs::create_directories(dir.path / "usb");
    db.backupTo(dir.path / "usb");
    for (const auto& entry : fs::directory_iterator(dir.path / "usb")) {
        INFO(entry.path().string());
        CHECK(modeOf(entry.path()) == kOwnerReadWrite);
    }
}

namespace {

// Overwrites one page of a closed database file with a pattern, as a failing disk or a stray write would.
void overwritePage(const fs::path& file, std::int64_t page) {
    int pageSize = 0;
    {
        SQLite::Database raw(file.string(), SQLite::OPEN_READONLY);
        pageSize = raw.execAndGet("PRAGMA page_size").getInt();
    }
    std::fstream out(file, std::ios::in | std::ios::out | std::ios::binary);
    out.seekp((page - 1) * pageSize);
    for (int i = 0; i < pageSize; ++i) out.put(static_cast<char>(0x5A));
}

}  // namespace

TEST_CASE("one overwritten page is noticed at start-up and nothing more is written into the file",
          "[storage][bad-input][reliability]") {
    TempDir dir;
    const fs::path file = dir.path / "kiosk.db";
    std::int64_t page = 0;
    {
        Database db = Database::open(file);
        vk::storage::VillageInfoStore info(db);
        for (int i = 0; i < 400; ++i) info.create("Entrée " + std::to_string(i), std::string(200, 'x'), i, i);
        // A page in the middle of the village information's table: its rows, not the schema.
        page = db.sql().execAndGet("SELECT max(pageno) FROM dbstat WHERE name = 'village_info' AND pagetype = 'leaf'")
                   .getInt64() - 2;
    }
    REQUIRE(page > 2);
    overwritePage(file, page);
    const std::string before = readAll(file);
    try {
        Database::open(file);
        FAIL("a database with a damaged page was opened for writing");
    } catch (const StorageError& error) {
        CHECK(error.kind() == StorageError::Kind::Damaged);
        CHECK_THAT(error.what(), Catch::Contains("damaged") && Catch::Contains("backup") &&
                                     Catch::Contains("nothing more is written"));
    }
    CHECK(readAll(file) == before);
    CHECK_FALSE(fs::exists(file.string() + "-wal"));
}

TEST_CASE("our databases carry village-kiosk's application id", "[storage]") {
    TempDir dir;
    const fs::path file = dir.path / "kiosk.db";
    { Database db = Database::open(file); }
    SQLite::Database raw(file.string(), SQLite::OPEN_READONLY);
    CHECK(raw.execAndGet("PRAGMA application_id").getInt() == Database::kApplicationId);
    CHECK(Database::openInMemory().sql().execAndGet("PRAGMA application_id").getInt() == Database::kApplicationId);
}

TEST_CASE("a database of ours from before the application id gets it when opened", "[storage][migration]") {
    TempDir dir;
    const fs::path file = dir.path / "kiosk.db";
    makeDatabaseAtVersion(file, 2);
    {
        SQLite::Database raw(file.string(), SQLite::OPEN_READONLY);
        REQUIRE(raw.execAndGet("PRAGMA application_id").getInt() == 0);
    }
    Database db = Database::open(file);
    CHECK(db.schemaVersion() == Database::latestSchemaVersion());
    CHECK(db.sql().execAndGet("PRAGMA application_id").getInt() == Database::kApplicationId);
}

TEST_CASE("another application's SQLite file is refused with a message and left as it was",
          "[storage][bad-input][reliability]") {
    TempDir dir;
    for (const bool withId : {false, true}) {
        INFO((withId ? "with an application id of its own" : "without an application id"));
        const fs::path file = dir.path / (withId ? "other-with-id.db" : "other.db");
        {
            SQLite::Database other(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
            other.exec("CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT)");
            other.exec("INSERT INTO notes(text) VALUES ('recette de la tarte')");
            if (withId) other.exec("PRAGMA application_id = 1234");
            else other.exec("PRAGMA user_version = 3");
        }
        const std::string before = readAll(file);
        try {
            Database::open(file);
            FAIL("another application's file was taken for ours");
        } catch (const StorageError& error) {
            CHECK(error.kind() == StorageError::Kind::NotOurs);
            CHECK_THAT(error.what(), Catch::Contains("another application") && Catch::Contains("left as it is"));
        }
        CHECK(readAll(file) == before);
        CHECK_FALSE(fs::exists(file.string() + "-wal"));
    }
}
