#include "kiosk/services/demo_data.h"
#include "kiosk/services/devices/device_settings.h"
#include "kiosk/services/info/info_area.h"
#include "kiosk/services/kiosk_runtime.h"
#include "storage/village_info_store.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

using namespace vk::services;

TEST_CASE("a new kiosk starts with the French demo village, seeded only once", "[demo]") {
    vk::storage::Database db = vk::storage::Database::openInMemory();
    ManualClock clock(1'800'000'000'000);
    StaffService staff(db, clock, PinHasher(PinHasher::Strength::FastForTests), PinPolicy{});
    REQUIRE(seedDemoDataIfEmpty(db, staff, clock));
    CHECK(staff.accounts().size() == demoAccounts().size());
    const auto info = vk::storage::VillageInfoStore(db).listLive();
    REQUIRE(info.size() >= 5);
    CHECK(info.front().title == "Urgences");
    CHECK_FALSE(seedDemoDataIfEmpty(db, staff, clock));
    CHECK(staff.accounts().size() == demoAccounts().size());
    // The PINs the README gives work.
    for (const DemoAccount& demo : demoAccounts()) {
        bool signedIn = false;
        for (const auto& account : staff.accounts())
            if (account.displayName == demo.name)
                signedIn = staff.signInWithPin(account.id, demo.pin).outcome == LoginOutcome::SignedIn;
        CHECK(signedIn);
    }
}

TEST_CASE("a new database gets no demo staff unless the kiosk itself is asked for the demo", "[demo][security]") {
    // What every command (staff add, rota import, appointments import…) and an installed kiosk open: the
    // runtime's defaults, even when the configuration file says demo_data = true.
    KioskConfig config;
    config.demoData = true;
    RuntimeOptions options;
    options.inMemoryDatabase = true;
    options.pinStrength = PinHasher::Strength::FastForTests;
    KioskRuntime runtime(config, options);
    CHECK(runtime.staff.accounts().empty());
    CHECK(runtime.area<VillageInfoServices>().villageInfo.entries().empty());
    CHECK_FALSE(runtime.seededDemoData);
}

TEST_CASE("the demo village is seeded when the kiosk asks for it", "[demo]") {
    RuntimeOptions options;
    options.inMemoryDatabase = true;
    options.pinStrength = PinHasher::Strength::FastForTests;
    options.seedDemoData = true;
    KioskRuntime runtime(KioskConfig{}, options);
    CHECK(runtime.seededDemoData);
    CHECK(runtime.staff.accounts().size() == demoAccounts().size());
}

TEST_CASE("the retention job runs at start-up, then once a day, and notes what it erased", "[retention]") {
    ManualClock clock(1'800'000'000'000);
    KioskConfig config;
    config.retentionDays["audit_log_days"] = 30;
    KioskRuntime runtime(config, RuntimeOptions{true, PinHasher::Strength::FastForTests, &clock});
    runtime.staff.audit(nullptr, "test.old");
    clock.advanceMs(31LL * 24 * 60 * 60 * 1000);

    const auto reports = runtime.retention.runIfDue();
    REQUIRE_FALSE(reports.empty());
    CHECK(runtime.retention.runIfDue().empty());  // not due again today
    bool erased = false;
    for (const auto& entry : runtime.staff.recentAudit(100)) {
        CHECK(entry.action != "test.old");
        if (entry.action == "retention.purge") erased = true;
    }
    CHECK(erased);
}

TEST_CASE("with a printer configured, a receipt handed to the kiosk reaches the printer (virtual)", "[devices]") {
    const auto dir = std::filesystem::temp_directory_path() / "vk-runtime-printer";
    std::filesystem::remove_all(dir);
    KioskConfig config;
    config.demoData = false;
    config.dataDir = dir / "data";
    config.areas.get<DeviceSettings>().printerUri = "virtual:" + (dir / "roll.bin").string();
    RuntimeOptions options;
    options.pinStrength = PinHasher::Strength::FastForTests;
    options.startDevices = true;
    {
        KioskRuntime runtime(config, options);
        REQUIRE(runtime.printerDevice);
        CHECK(runtime.deviceProblems.empty());
        vk::hardware::Receipt ticket;
        ticket.kind = "queue_ticket";
        ticket.lines.push_back({"M-001", true, true, true});
        runtime.printer->submit(ticket);
        for (int i = 0; i < 300 && runtime.printerDevice->snapshot().pendingJobs > 0; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        CHECK(runtime.printerDevice->snapshot().pendingJobs == 0);
    }
    std::ifstream roll(dir / "roll.bin", std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(roll), std::istreambuf_iterator<char>()};
    CHECK(bytes.find("M-001") != std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("a printer address the kiosk cannot use is reported and receipts become previews", "[devices][bad-input]") {
    const auto dir = std::filesystem::temp_directory_path() / "vk-runtime-bad-printer";
    std::filesystem::remove_all(dir);
    KioskConfig config;
    config.demoData = false;
    config.dataDir = dir;
    config.areas.get<DeviceSettings>().printerUri = "lpt1";
    RuntimeOptions options;
    options.pinStrength = PinHasher::Strength::FastForTests;
    options.startDevices = true;
    KioskRuntime runtime(config, options);
    CHECK_FALSE(runtime.printerDevice);
    REQUIRE(runtime.previewPrinter);
    REQUIRE(runtime.deviceProblems.size() == 1);
    CHECK_THAT(runtime.deviceProblems[0], Catch::Contains("lpt1"));
    vk::hardware::Receipt ticket;
    ticket.lines.push_back({"M-002", true, true, true});
    runtime.printer->submit(ticket);
    CHECK(std::filesystem::exists(dir / "receipt-previews" / "receipt-00.png"));
    std::filesystem::remove_all(dir);
}
