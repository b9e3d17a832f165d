#pragma once
// What the kiosk tells systemd when it runs as village-kiosk.service (Type=notify): ready after the first frame,
// alive while the LivenessMonitor says so, stopping on the way out. Outside systemd (no NOTIFY_SOCKET) every call
// does nothing, and so does a build without libsystemd.

#include <cstdint>
#include <string>

namespace vk::app {

// WATCHDOG_USEC as ms, 0 when unset, malformed or without NOTIFY_SOCKET.
std::int64_t watchdogPeriodMsFromEnvironment();

class SystemdNotifier {
public:
    SystemdNotifier();

    // The watchdog's period asked by the unit (WatchdogSec=), in ms; 0 when there is no watchdog.
    std::int64_t watchdogMs() const { return watchdogMs_; }
    // How often to feed it: half the period, as sd_watchdog_enabled(3) advises; 0 without a watchdog.
    std::int64_t feedEveryMs() const { return watchdogMs_ / 2; }

    void ready(const std::string& status);
    void feedWatchdog();
    void status(const std::string& status);
    void stopping();

private:
    std::int64_t watchdogMs_ = 0;
};

}  // namespace vk::app
