#pragma once
// Sync with the territory hub as an area: its [sync] section and its background rounds (docs/hub.md).

#include "kiosk/services/area.h"
#include "kiosk/services/sync/sync_service.h"

namespace vk::services::sync {

class SyncServices : public AreaServices {
public:
    explicit SyncServices(const AreaContext& context);

    void startBackgroundWork(std::function<void()> wake) override { service.startBackgroundWork(std::move(wake)); }
    bool poll(std::int64_t nowMs) override { return service.poll(nowMs); }
    std::int64_t nextDueMs() const override { return service.nextDueMs(); }
    void stop() override { service.stop(); }

    SyncService service;
};

AreaDefinition syncArea();

}  // namespace vk::services::sync
