#pragma once
// The numbered schema migrations. Each workflow adds its tables as a new migration at the end of the list;
// a migration, once released, is never edited.

#include <span>

namespace vk::storage {

struct Migration {
    int version;
    const char* name;
    const char* sql;
};

std::span<const Migration> allMigrations();

}  // namespace vk::storage
