#include "storage/transaction.h"

#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

namespace vk::storage {

void inTransaction(Database& db, const std::function<void()>& work) {
    if (sqlite3_get_autocommit(db.sql().getHandle()) != 0) {
        // A file swapped under the kiosk takes no more writes into the one it had open (see Database).
        db.checkStillItsFile();
        SQLite::Transaction transaction(db.sql(), SQLite::TransactionBehavior::IMMEDIATE);
        work();
        transaction.commit();
        db.rememberFileAfterCommit();
        return;
    }
    db.sql().exec("SAVEPOINT vk_change");
    try {
        work();
    } catch (...) {
        // Undone and taken off the stack (ROLLBACK TO alone keeps the savepoint open). With SQLITE_FULL or an I/O
        // error SQLite may have rolled the whole transaction back already, and these fail: nothing is left to undo.
        try {
            db.sql().exec("ROLLBACK TO vk_change");
            db.sql().exec("RELEASE vk_change");
        } catch (const SQLite::Exception&) {
        }
        throw;
    }
    db.sql().exec("RELEASE vk_change");
}

}  // namespace vk::storage
