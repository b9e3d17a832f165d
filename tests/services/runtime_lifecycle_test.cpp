// The runtime with every worker it can have (print queue, feed fetcher, PIN checks), started and stopped again
// and again: under the asan preset a thread that outlives what it calls stops the test.

#include "hardware/reader_events.h"
#include "kiosk/services/devices/device_settings.h"
#include "kiosk/services/health/health_area.h"
#include "kiosk/services/health/health_settings.h"
#include "kiosk/services/kiosk_runtime.h"
#include "storage/retention.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <set>
#include <thread>

using namespace vk::services;

TEST_CASE("the runtime starts and stops fifty times with its printer, feed and PIN workers busy", "[runtime][asan]") {
    const auto dir = std::filesystem::temp_directory_path() / "vk-runtime-lifecycle";
    std::filesystem::remove_all(dir);
    KioskConfig config;
    config.dataDir = dir / "data";
    config.areas.get<DeviceSettings>().printerUri = "virtual:" + (dir / "roll.bin").string();
    // A feed address where nothing listens: the fetch is refused at once, on the worker's thread.
    config.areas.get<health::HealthSettings>().rotaFeedUrl = "http://127.0.0.1:9/rota.ics";
    RuntimeOptions options;
    options.pinStrength = PinHasher::Strength::FastForTests;
    options.startDevices = true;
    options.seedDemoData = true;
    std::atomic<int> wakes{0};
    for (int round = 0; round < 50; ++round) {
        INFO("round " << round);
        KioskRuntime runtime(config, options);
        REQUIRE(runtime.printerDevice);
        runtime.startBackgroundWork([&wakes] { ++wakes; });
        runtime.staff.setPinCheckWake([&wakes] { ++wakes; });
        vk::hardware::Receipt ticket;
        ticket.kind = "queue_ticket";
        ticket.lines.push_back({"M-001", true, true, true});
        runtime.printer->submit(ticket);
        const auto accounts = runtime.staff.accounts();
        REQUIRE_FALSE(accounts.empty());
        runtime.staff.beginPinCheck(accounts.front().id, "000000");
        runtime.pollAreas(runtime.clock.nowMs());  // the feed request goes to its worker
        vk::hardware::SimulatedReader(runtime.readers).presentCard("04A1B2C3");
        // Destroyed here, with the print job, the fetch and the PIN check possibly still under way.
    }
    CHECK(wakes.load() > 0);
    std::filesystem::remove_all(dir);
}

TEST_CASE("the areas' retention periods are each claimed by one area and known to storage", "[areas][retention]") {
    std::set<std::string> claimed;
    for (const AreaDefinition& area : domainAreas())
        for (const RetentionSetting& setting : area.retention) {
            INFO(area.id << ": " << setting.key);
            CHECK(claimed.insert(setting.key).second);
            CHECK(setting.defaultDays > 0);
        }
    std::set<std::string> stored;
    for (const auto& category : vk::storage::retentionCategories()) stored.insert(category.key);
    CHECK(claimed == stored);
    // Area ids and configuration sections are unique too: two areas reading one [section] would fight over it.
    std::set<std::string> ids;
    std::set<std::string> sections;
    for (const AreaDefinition& area : domainAreas()) {
        CHECK(ids.insert(area.id).second);
        if (area.settingsSection) CHECK(sections.insert(area.settingsSection).second);
    }
}
