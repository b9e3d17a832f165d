#include "storage/migrations.h"

#include <SQLiteCpp/Transaction.h>

#include <stdexcept>
#include <string>

namespace vk::storage {

void migrateTo(SQLite::Database& db, int targetVersion) {
    if (targetVersion > allMigrations().back().version)
        throw std::invalid_argument("there is no schema migration " + std::to_string(targetVersion));
    const int current = db.execAndGet("PRAGMA user_version").getInt();
    if (current >= targetVersion) return;
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    for (const Migration& migration : allMigrations()) {
        if (migration.version <= current || migration.version > targetVersion) continue;
        db.exec(migration.sql);
    }
    db.exec("PRAGMA user_version = " + std::to_string(targetVersion));
    transaction.commit();
}

}  // namespace vk::storage
