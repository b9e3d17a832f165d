#pragma once
// An area of the kiosk (health, staff, devices, village information; parcels and the board tomorrow), its
// domain half: its section of the configuration, the retention periods of the data it keeps, its services and
// its background work. The screens' half registers in kiosk/app/areas.cpp. Both lists have one line per area;
// docs/architecture.md walks through adding one.

#include "kiosk/services/area_settings.h"
#include "kiosk/services/settings_reader.h"

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <vector>

namespace vk::hardware {
class ReceiptPrinter;
}
namespace vk::storage {
class Database;
}
namespace vk::services::impact {
class UsageSource;
}

namespace vk::services {

class Clock;
class StaffService;
struct KioskConfig;

// What every area is built on, made by the runtime before any area.
struct AreaContext {
    const KioskConfig& config;
    const Clock& clock;
    storage::Database& database;
    StaffService& staff;
    hardware::ReceiptPrinter& printer;
};

// The services of one area, owned by the runtime. Screens reach them with runtime.area<HealthServices>().
class AreaServices {
public:
    static constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::max();
    virtual ~AreaServices() = default;

    // Worker threads (feeds, devices) start here, in the kiosk only; `wake` may be called from any thread.
    virtual void startBackgroundWork(std::function<void()> wake) { (void)wake; }
    // On the loop's thread: takes what workers posted and starts what is due. Returns true when something
    // that a screen shows has changed. May throw; the loop reports it and calls again later.
    virtual bool poll(std::int64_t nowMs) {
        (void)nowMs;
        return false;
    }
    virtual std::int64_t nextDueMs() const { return kNever; }
    // Stops the worker threads. Called before any service, device or database is destroyed.
    virtual void stop() {}
};

// A retention period that an area's data falls under: the key of the [retention] table (the table and column
// behind it are in storage/retention.cpp, with the SQL) and its default.
struct RetentionSetting {
    const char* key;
    int defaultDays;
};

struct AreaDefinition {
    const char* id;                          // "health"
    const char* settingsSection = nullptr;   // its [section] of kiosk.toml, if it has one
    void (*readSettings)(SettingsReader& reader, AreaSettings& settings) = nullptr;
    std::vector<RetentionSetting> retention;
    std::unique_ptr<AreaServices> (*makeServices)(const AreaContext& context) = nullptr;
    // What the impact report counts of this area's records (kiosk/services/impact/usage_source.h), if anything.
    // From the database alone, so that `village-kiosk report impact` needs no running kiosk.
    std::unique_ptr<impact::UsageSource> (*makeUsageSource)(storage::Database& database) = nullptr;
};

// Every area the kiosk has, in the order their home tiles and staff tools appear (kiosk/services/areas.cpp).
const std::vector<AreaDefinition>& domainAreas();

}  // namespace vk::services
