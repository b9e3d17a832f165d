#include "kiosk/app/liveness_monitor.h"
#include "kiosk/app/systemd_notifier.h"

#include <catch2/catch.hpp>

#include <cstdlib>

using vk::app::LivenessMonitor;

TEST_CASE("the watchdog is fed only while both the frame loop and the background work beat", "[app][watchdog]") {
    LivenessMonitor liveness(30'000);
    CHECK_FALSE(liveness.alive(0));  // nothing has beaten yet: not ready to be called alive
    liveness.beat(LivenessMonitor::Part::FrameLoop, 1'000);
    CHECK_FALSE(liveness.alive(1'000));
    CHECK(liveness.staleParts(1'000) == "background work");
    liveness.beat(LivenessMonitor::Part::BackgroundWork, 2'000);
    CHECK(liveness.alive(2'000));
    CHECK(liveness.alive(31'000));

    // The frame loop keeps beating, the background work is stuck in a call: no more feeding.
    liveness.beat(LivenessMonitor::Part::FrameLoop, 40'000);
    CHECK_FALSE(liveness.alive(40'000));
    CHECK(liveness.staleParts(40'000) == "background work");
    // Both stuck.
    CHECK(liveness.staleParts(90'000) == "frame loop and background work");
    liveness.beat(LivenessMonitor::Part::FrameLoop, 95'000);
    liveness.beat(LivenessMonitor::Part::BackgroundWork, 95'000);
    CHECK(liveness.alive(95'000));
}

TEST_CASE("the watchdog period comes from systemd's environment, and only with a notify socket", "[app][watchdog]") {
    unsetenv("NOTIFY_SOCKET");
    setenv("WATCHDOG_USEC", "60000000", 1);
    CHECK(vk::app::watchdogPeriodMsFromEnvironment() == 0);
    setenv("NOTIFY_SOCKET", "/run/systemd/notify", 1);
    CHECK(vk::app::watchdogPeriodMsFromEnvironment() == 60'000);
    setenv("WATCHDOG_USEC", "sixty", 1);
    CHECK(vk::app::watchdogPeriodMsFromEnvironment() == 0);
    unsetenv("WATCHDOG_USEC");
    unsetenv("NOTIFY_SOCKET");
    CHECK(vk::app::watchdogPeriodMsFromEnvironment() == 0);
}
