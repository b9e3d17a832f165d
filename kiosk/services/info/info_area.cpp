#include "kiosk/services/info/info_area.h"

namespace vk::services {

VillageInfoServices::VillageInfoServices(const AreaContext& context) : villageInfo(context.database) {}

AreaDefinition villageInfoArea() {
    return {"info", nullptr, nullptr, {},
            [](const AreaContext& context) -> std::unique_ptr<AreaServices> {
                return std::make_unique<VillageInfoServices>(context);
            }};
}

}  // namespace vk::services
