#pragma once
// What staff are told when a write to the database fails. SQLite reports a full disk, a database held by another
// program or a read-only file as exceptions; the services catch them around a whole import or purge, roll it back
// and hand back one of these sentences instead of letting the exception stop the kiosk.

#include <exception>
#include <string>

namespace vk::storage {

enum class WriteFailure {
    DiskFull,   // SQLITE_FULL: the disk (or the database's page limit) is full
    Busy,       // another connection held the database past the busy timeout
    ReadOnly,   // read-only file, folder or disk
    DiskError,  // an input/output error from the disk itself
    Refused,    // the schema refused one value (CHECK, NOT NULL, UNIQUE, too big): that row is wrong, not the disk
    Other,
};

WriteFailure classifyWriteFailure(const std::exception& error);

// One English clause for a staff notice or the command line, e.g. "the kiosk's disk is full (free some space, then
// try again)". Says what went wrong and what to do; the caller says what was kept.
std::string describeWriteFailure(const std::exception& error);

}  // namespace vk::storage
