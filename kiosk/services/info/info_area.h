#pragma once
// The village's practical information (« Infos pratiques ») as an area.

#include "kiosk/services/area.h"
#include "kiosk/services/village_info_service.h"

namespace vk::services {

class VillageInfoServices : public AreaServices {
public:
    explicit VillageInfoServices(const AreaContext& context);
    VillageInfoService villageInfo;
};

AreaDefinition villageInfoArea();

}  // namespace vk::services
