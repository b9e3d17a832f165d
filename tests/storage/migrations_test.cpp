#include "storage/database.h"
#include "storage/migrations.h"

#include "temp_dir.h"

#include <SQLiteCpp/Statement.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <string>

using vk::storage::allMigrations;
using vk::storage::Database;
using vk::storage::Migration;
using vk::storage::testing::TempDir;
namespace fs = std::filesystem;

namespace {

const fs::path kMigrationFolder = fs::path(VK_SOURCE_DIR) / "storage/migrations";

std::string readAll(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The schema as tests/storage/fixtures/schema_v*.sql writes it: every statement of sqlite_master, by type then
// name, each followed by ";" and a blank line.
std::string schemaOf(SQLite::Database& db) {
    SQLite::Statement rows(db, "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name");
    std::string schema;
    while (rows.executeStep()) schema += rows.getColumn(0).getString() + ";\n\n";
    return schema;
}

// The fixture without its opening comment.
std::string fixtureSchema(const std::string& name) {
    std::string text = readAll(fs::path(VK_SOURCE_DIR) / "tests/storage/fixtures" / name);
    std::size_t start = 0;
    while (text.compare(start, 2, "--") == 0 || text.compare(start, 1, "\n") == 0)
        start = text.find('\n', start) + 1;
    return text.substr(start);
}

}  // namespace

TEST_CASE("a database made today has exactly the latest released schema", "[storage][migration]") {
    const std::string fixture = "schema_v" + std::to_string(Database::latestSchemaVersion()) + ".sql";
    INFO("tests/storage/fixtures/" << fixture << " records the released schema; docs/storage.md says how to dump it");
    const std::string expected = fixtureSchema(fixture);
    REQUIRE_THAT(expected, Catch::StartsWith("CREATE "));
    Database db = Database::openInMemory();
    CHECK(schemaOf(db.sql()) == expected);
}

TEST_CASE("the migrations still make each released schema, so existing databases keep opening", "[storage][migration]") {
    int fixtures = 0;
    for (const auto& entry : fs::directory_iterator(fs::path(VK_SOURCE_DIR) / "tests/storage/fixtures")) {
        const std::string name = entry.path().filename().string();
        std::smatch match;
        if (!std::regex_match(name, match, std::regex(R"(schema_v(\d+)\.sql)"))) continue;
        INFO(name);
        SQLite::Database raw(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        vk::storage::migrateTo(raw, std::stoi(match[1].str()));
        CHECK(schemaOf(raw) == fixtureSchema(name));
        ++fixtures;
    }
    CHECK(fixtures >= 1);
}

TEST_CASE("migrations are numbered 1, 2, 3... in their file names, and every file is compiled in", "[storage][migration]") {
    const std::regex fileName(R"((\d{4})_[a-z0-9_]+\.sql)");
    std::set<std::string> compiledIn;
    int expected = 1;
    for (const Migration& migration : allMigrations()) {
        INFO(migration.file);
        CHECK(migration.version == expected);
        std::smatch match;
        const std::string file = migration.file;
        REQUIRE(std::regex_match(file, match, fileName));
        CHECK(std::stoi(match[1].str()) == migration.version);
        // What is compiled in is the file: its first line names the migration, the rest is the SQL.
        CHECK(readAll(kMigrationFolder / file) == std::string("-- migration: ") + migration.name + migration.sql);
        compiledIn.insert(file);
        ++expected;
    }
    for (const auto& entry : fs::directory_iterator(kMigrationFolder)) {
        INFO(entry.path().filename().string() << " is missing from VK_MIGRATION_FILES in storage/CMakeLists.txt");
        if (entry.path().extension() == ".sql") CHECK(compiledIn.count(entry.path().filename().string()) == 1);
    }
    CHECK(Database::latestSchemaVersion() == static_cast<int>(allMigrations().size()));
}

TEST_CASE("each migration applies on the schema the ones before it left", "[storage][migration]") {
    TempDir dir;
    const fs::path file = dir.path / "stepwise.db";
    {
        SQLite::Database raw(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        for (const Migration& migration : allMigrations()) {
            INFO(migration.file);
            REQUIRE_NOTHROW(vk::storage::migrateTo(raw, migration.version));
            CHECK(raw.execAndGet("PRAGMA user_version").getInt() == migration.version);
        }
    }
    Database db = Database::open(file);
    CHECK(db.schemaVersion() == Database::latestSchemaVersion());
}

TEST_CASE("a database left at any older version is brought to the same schema as a new one", "[storage][migration]") {
    const std::string expected = schemaOf(Database::openInMemory().sql());
    for (const Migration& migration : allMigrations()) {
        INFO("from version " << migration.version);
        TempDir dir;
        const fs::path file = dir.path / "kiosk.db";
        {
            SQLite::Database raw(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
            vk::storage::migrateTo(raw, migration.version);
        }
        Database db = Database::open(file);
        CHECK(db.schemaVersion() == Database::latestSchemaVersion());
        CHECK(schemaOf(db.sql()) == expected);
    }
}

TEST_CASE("a database at the latest version opens without migrating or copying", "[storage][migration]") {
    TempDir dir;
    const fs::path file = dir.path / "kiosk.db";
    Database::open(file);
    const std::string schema = schemaOf(Database::openInMemory().sql());
    Database again = Database::open(file);
    CHECK(again.schemaVersion() == Database::latestSchemaVersion());
    CHECK(schemaOf(again.sql()) == schema);
    for (const auto& entry : fs::directory_iterator(dir.path))
        CHECK_THAT(entry.path().filename().string(), !Catch::Contains("before-schema"));
}

TEST_CASE("migration 18 queues the rota and agenda a kiosk already had, from a week ago on, for the hub", "[storage][migration]") {
    SQLite::Database raw(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    vk::storage::migrateTo(raw, 17);
    raw.exec("INSERT INTO rota_hours(id, origin_kiosk, day, opens, closes, source, created_at, updated_at) VALUES "
             "('coming', 'k', date('now', '+3 days'), '09:00', '12:00', 'staff', 1, 1), "
             "('long-gone', 'k', '2020-01-06', '09:00', '12:00', 'staff', 1, 1)");
    raw.exec("INSERT INTO agenda_event(id, origin_kiosk, title, day, starts_at, created_at, updated_at) VALUES "
             "('quiz', 'k', 'Quiz', date('now', '+1 day'), '20:00', 1, 1)");
    vk::storage::migrateTo(raw, 18);
    SQLite::Statement queued(raw, "SELECT group_concat(record_id, ',') FROM (SELECT record_id FROM sync_change ORDER BY record_id)");
    REQUIRE(queued.executeStep());
    CHECK(queued.getColumn(0).getString() == "coming,quiz");
    // Every row already there is this kiosk's own village's.
    CHECK(raw.execAndGet("SELECT count(*) FROM rota_hours WHERE village IS NOT NULL").getInt() == 0);
}
