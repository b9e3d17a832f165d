#pragma once
// One change stored whole, with its audit line: either every row of it is in the database or none is.

#include "storage/database.h"

#include <functional>

namespace vk::storage {

// Runs `work` in a transaction and commits it; an exception from `work` (a full disk, a refused row, an I/O
// error) rolls everything back and goes on to the caller. Outside a transaction it is BEGIN IMMEDIATE, which
// takes the write lock first, so that a database held by another program fails before any work is done; inside
// one (a service's change around a store's steps, the demo data's seeding) it is a savepoint, so they nest.
void inTransaction(Database& db, const std::function<void()>& work);

}  // namespace vk::storage
