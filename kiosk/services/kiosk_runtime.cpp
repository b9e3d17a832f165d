#include "kiosk/services/kiosk_runtime.h"

#include "kiosk/services/demo_data.h"

namespace vk::services {
namespace {

health::RotaSettings rotaSettings(const KioskConfig& config) {
    health::RotaSettings settings;
    settings.timeZone = effectiveTimeZone(config);
    return settings;
}

health::CheckInPolicy checkInPolicy(const KioskConfig& config) {
    health::CheckInPolicy policy;
    policy.earlyMinutes = config.checkInEarlyMinutes;
    policy.lateMinutes = config.checkInLateMinutes;
    policy.ticketPrefix = config.ticketPrefix;
    policy.walkInPrefix = config.walkInTicketPrefix;
    return policy;
}

}  // namespace

KioskRuntime::KioskRuntime(KioskConfig configuration, RuntimeOptions options)
    : config(std::move(configuration)),
      clock(options.clock ? *options.clock : systemClock),
      database(options.inMemoryDatabase ? storage::Database::openInMemory()
                                        : storage::Database::open(config.databaseFile())),
      staff(database, clock, PinHasher(options.pinStrength),
            PinPolicy{config.pinAttemptsBeforeLockout, config.pinLockoutMinutes}),
      villageInfo(database),
      rota(database, clock, staff, rotaSettings(config)),
      appointments(database, clock, staff),
      checkIn(database, clock, staff, checkInPolicy(config)),
      waitingRoom(database, clock, staff, checkInPolicy(config)),
      retention(database, staff, clock, config.retentionDays) {
    if (config.demoData) seededDemoData = seedDemoDataIfEmpty(database, staff, clock);
}

}  // namespace vk::services
