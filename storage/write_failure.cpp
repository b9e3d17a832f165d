#include "storage/write_failure.h"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

namespace vk::storage {

WriteFailure classifyWriteFailure(const std::exception& error) {
    const auto* sqlite = dynamic_cast<const SQLite::Exception*>(&error);
    if (sqlite == nullptr) return WriteFailure::Other;
    // The primary code: extended codes (SQLITE_IOERR_WRITE…) may or may not be switched on for a connection.
    switch (sqlite->getErrorCode() & 0xFF) {
    case SQLITE_FULL: return WriteFailure::DiskFull;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return WriteFailure::Busy;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN: return WriteFailure::ReadOnly;
    case SQLITE_IOERR: return WriteFailure::DiskError;
    case SQLITE_CONSTRAINT:
    case SQLITE_TOOBIG:
    case SQLITE_MISMATCH: return WriteFailure::Refused;
    default: return WriteFailure::Other;
    }
}

std::string describeWriteFailure(const std::exception& error) {
    switch (classifyWriteFailure(error)) {
    case WriteFailure::DiskFull: return "the kiosk's disk is full (free some space, then try again)";
    case WriteFailure::Busy: return "the database was busy with another program (try again in a moment)";
    case WriteFailure::ReadOnly: return "the database cannot be written (read-only file, folder or disk)";
    case WriteFailure::DiskError: return std::string("the disk failed to read or write (") + error.what() + ")";
    case WriteFailure::Refused: return std::string("the database refused a value (") + error.what() + ")";
    case WriteFailure::Other: break;
    }
    return std::string("the database could not be used (") + error.what() + ")";
}

}  // namespace vk::storage
