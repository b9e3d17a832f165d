#pragma once
// The database as the technician's `village-kiosk doctor` sees it: opened read-only, never created, never
// migrated, so that checking a damaged or newer file changes nothing.

#include <filesystem>
#include <string>

namespace vk::storage {

struct DatabaseCheck {
    bool exists = false;
    bool opened = false;      // SQLite could read its header
    bool intact = false;      // PRAGMA integrity_check answered "ok"
    int schemaVersion = -1;   // PRAGMA user_version; -1 when unreadable
    int latestSchemaVersion = 0;
    std::string problem;      // a sentence when any of the above is wrong, empty otherwise
};

DatabaseCheck checkDatabaseFile(const std::filesystem::path& file);

}  // namespace vk::storage
