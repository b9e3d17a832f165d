#include "kiosk/app/systemd_notifier.h"

#ifdef VK_HAVE_LIBSYSTEMD
#include <systemd/sd-daemon.h>
#endif

#include <cstdlib>

namespace vk::app {

// The period is read from WATCHDOG_USEC itself rather than with sd_watchdog_enabled(), which also requires
// WATCHDOG_PID to be this process: under cage the main process is cage, and the kiosk, its child, is the one
// that knows whether the loop is alive (NotifyAccess=all lets systemd take the child's WATCHDOG=1).
std::int64_t watchdogPeriodMsFromEnvironment() {
    const char* usec = std::getenv("WATCHDOG_USEC");
    if (!usec || !*usec || !std::getenv("NOTIFY_SOCKET")) return 0;
    char* end = nullptr;
    const unsigned long long value = std::strtoull(usec, &end, 10);
    if (*end != '\0' || value == 0) return 0;
    return static_cast<std::int64_t>(value / 1000);
}

#ifdef VK_HAVE_LIBSYSTEMD

SystemdNotifier::SystemdNotifier() : watchdogMs_(watchdogPeriodMsFromEnvironment()) {}

void SystemdNotifier::ready(const std::string& text) { sd_notifyf(0, "READY=1\nSTATUS=%s", text.c_str()); }
void SystemdNotifier::feedWatchdog() { sd_notify(0, "WATCHDOG=1"); }
void SystemdNotifier::status(const std::string& text) { sd_notifyf(0, "STATUS=%s", text.c_str()); }
void SystemdNotifier::stopping() { sd_notify(0, "STOPPING=1"); }

#else

// Without libsystemd nobody could feed it: no watchdog, whatever the environment says.
SystemdNotifier::SystemdNotifier() = default;
void SystemdNotifier::ready(const std::string&) {}
void SystemdNotifier::feedWatchdog() {}
void SystemdNotifier::status(const std::string&) {}
void SystemdNotifier::stopping() {}

#endif

}  // namespace vk::app
