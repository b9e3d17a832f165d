#include "kiosk/services/kiosk_runtime.h"

#include "kiosk/services/demo_data.h"

namespace vk::services {

KioskRuntime::KioskRuntime(KioskConfig configuration, RuntimeOptions options)
    : config(std::move(configuration)),
      clock(options.clock ? *options.clock : systemClock),
      database(options.inMemoryDatabase ? storage::Database::openInMemory()
                                        : storage::Database::open(config.databaseFile())),
      staff(database, clock, PinHasher(options.pinStrength),
            PinPolicy{config.pinAttemptsBeforeLockout, config.pinLockoutMinutes}),
      villageInfo(database),
      retention(database, staff, clock, config.retentionDays) {
    if (config.demoData) seededDemoData = seedDemoDataIfEmpty(database, staff, clock);
}

}  // namespace vk::services
