#include "storage/database_check.h"

#include "storage/database.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace vk::storage {

DatabaseCheck checkDatabaseFile(const std::filesystem::path& file) {
    DatabaseCheck check;
    check.latestSchemaVersion = Database::latestSchemaVersion();
    std::error_code error;
    check.exists = std::filesystem::is_regular_file(file, error);
    if (!check.exists) {
        check.problem = "no database at " + file.string() + " (the kiosk creates it on its first start)";
        return check;
    }
    try {
        SQLite::Database db(file.string(), SQLite::OPEN_READONLY, 5000);
        check.schemaVersion = db.execAndGet("PRAGMA user_version").getInt();
        check.opened = true;
        // The full check, not quick_check: it also compares every index with its table. Seconds on a kiosk's
        // database, and the doctor is run by hand.
        SQLite::Statement integrity(db, "PRAGMA integrity_check(20)");
        std::string findings;
        while (integrity.executeStep()) {
            const std::string line = integrity.getColumn(0).getString();
            if (line == "ok") continue;
            findings += (findings.empty() ? "" : "; ") + line;
        }
        check.intact = findings.empty();
        if (!check.intact) check.problem = "the integrity check found damage: " + findings;
    } catch (const SQLite::Exception& e) {
        check.problem = std::string("SQLite cannot read it: ") + e.what();
        return check;
    }
    if (check.intact && check.schemaVersion > check.latestSchemaVersion)
        check.problem = "schema version " + std::to_string(check.schemaVersion) + " is newer than this village-kiosk (" +
                        std::to_string(check.latestSchemaVersion) + "): install the version that wrote it";
    return check;
}

}  // namespace vk::storage
