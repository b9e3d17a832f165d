#pragma once
#include "storage/village_info_store.h"

#include <vector>

namespace vk::services {

// What residents read under "Infos pratiques". Loaded when the screen opens, not every frame.
class VillageInfoService {
public:
    explicit VillageInfoService(storage::Database& db) : store_(db) {}
    std::vector<storage::VillageInfoEntry> entries() { return store_.listLive(); }

private:
    storage::VillageInfoStore store_;
};

}  // namespace vk::services
