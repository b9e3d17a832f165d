#pragma once
// A fresh folder under the system's temporary folder, removed with everything in it at the end of the test.

#include "storage/database.h"
#include "storage/migrations.h"
#include "storage/record_id.h"

#include <SQLiteCpp/Database.h>

#include <filesystem>
#include <string>
#include <system_error>

namespace vk::storage::testing {

struct TempDir {
    std::filesystem::path path;
    TempDir() {
        path = std::filesystem::temp_directory_path() / ("vk-storage-" + newRecordId(nowUnixMs()));
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

// A database file as an older kiosk left it: the migrations up to `version` only, as a database in the field
// would be before an update.
inline void makeDatabaseAtVersion(const std::filesystem::path& file, int version) {
    SQLite::Database raw(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrateTo(raw, version);
}

}  // namespace vk::storage::testing
