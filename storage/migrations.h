#pragma once
// The numbered schema migrations, one file each in storage/migrations/, compiled in (storage/CMakeLists.txt lists
// them). Each workflow adds its tables as a new migration at the end of the list; a migration, once released, is
// never edited.

#include <SQLiteCpp/Database.h>

#include <span>

namespace vk::storage {

struct Migration {
    int version;
    const char* name;
    const char* sql;
    const char* file;  // its file in storage/migrations/, e.g. "0001_kiosk_core.sql"
};

std::span<const Migration> allMigrations();

// Applies, in one transaction, the migrations after the database's PRAGMA user_version up to and including
// `targetVersion`, and records it as the new user_version. Throws SQLite::Exception; on error nothing changes.
void migrateTo(SQLite::Database& db, int targetVersion);

}  // namespace vk::storage
