#pragma once
// Practical information about the village shown to residents (town hall hours, buses, emergency numbers).
// A shared record: a hub may one day spread it to the kiosks of the same territory.

#include "storage/database.h"

#include <cstdint>
#include <string>
#include <vector>

namespace vk::storage {

struct VillageInfoEntry {
    std::string id;
    std::string title;
    std::string body;
    int sortOrder = 0;
    std::int64_t updatedAt = 0;
};

class VillageInfoStore {
public:
    explicit VillageInfoStore(Database& db) : db_(db) {}

    std::vector<VillageInfoEntry> listLive();
    VillageInfoEntry create(const std::string& title, const std::string& body, int sortOrder, std::int64_t nowMs);
    void update(const VillageInfoEntry& entry, std::int64_t nowMs);
    void softDelete(const std::string& id, std::int64_t nowMs);

private:
    Database& db_;
};

}  // namespace vk::storage
