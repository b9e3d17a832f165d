#include "storage/database.h"
#include "storage/migrations.h"

#include <SQLiteCpp/Statement.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

using vk::storage::Database;
namespace fs = std::filesystem;

namespace {

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
std::string fixtureSchema(const char* name) {
    std::string text = readAll(fs::path(VK_SOURCE_DIR) / "tests/storage/fixtures" / name);
    std::size_t start = 0;
    while (text.compare(start, 2, "--") == 0 || text.compare(start, 1, "\n") == 0)
        start = text.find('\n', start) + 1;
    return text.substr(start);
}

}  // namespace

TEST_CASE("a database made today has exactly the schema of a version 3 database", "[storage][migration]") {
    const std::string expected = fixtureSchema("schema_v3.sql");
    REQUIRE_THAT(expected, Catch::StartsWith("CREATE "));
    Database db = Database::openInMemory();
    CHECK(db.schemaVersion() == 3);
    CHECK(schemaOf(db.sql()) == expected);
}
