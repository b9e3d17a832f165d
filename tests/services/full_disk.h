#pragma once
// A full disk, simulated on a test database: SQLite's page limit is set just above what the file holds and a
// filler table takes the pages left, so the next write that needs a new page fails with SQLITE_FULL, as it would
// on a disk with no space left. Raising the limit again is the technician freeing space.

#include "storage/database.h"

#include <SQLiteCpp/Exception.h>

#include <string>

namespace vk::testing {

inline void fillDisk(storage::Database& db) {
    db.sql().exec("CREATE TABLE IF NOT EXISTS test_filler(bytes BLOB)");
    const int pages = db.sql().execAndGet("PRAGMA page_count").getInt();
    db.sql().exec("PRAGMA max_page_count = " + std::to_string(pages + 8));
    // Large blobs take the free pages, small ones the corners of the last.
    for (const int size : {2000, 100, 10}) {
        try {
            for (int i = 0; i < 100'000; ++i)
                db.sql().exec("INSERT INTO test_filler VALUES (randomblob(" + std::to_string(size) + "))");
        } catch (const SQLite::Exception&) {
        }
    }
}

inline void freeDisk(storage::Database& db) { db.sql().exec("PRAGMA max_page_count = 1073741823"); }

}  // namespace vk::testing
