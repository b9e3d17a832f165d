#include "ui_fixture.h"

#include <cstdlib>
#include <ctime>

namespace vk::test {

namespace {
// Saturday 21 November 2026, 10:30 UTC: a café morning.
constexpr std::int64_t kMorning = 1'795'257'000'000;

services::RuntimeOptions demoRuntime(const services::Clock& clock, bool demoVillage) {
    services::RuntimeOptions options;
    options.inMemoryDatabase = true;
    options.pinStrength = services::PinHasher::Strength::FastForTests;
    options.clock = &clock;
    options.seedDemoData = demoVillage;
    return options;
}

services::KioskConfig withLanguageReset(services::KioskConfig config) {
    i18n::setLanguage(config.language);
    // The village's days and times, whatever zone the test machine is in.
    setenv("TZ", "Europe/Paris", 1);
    tzset();
    return config;
}
}  // namespace

UiFixture::UiFixture(int width, int height, services::KioskConfig config, bool demoVillage, bool withAudio)
    : clock(kMorning),
      runtime(withLanguageReset(std::move(config)),
              demoRuntime(clock, demoVillage)),
      services(runtime),
      kiosk(&services, runtime.config, width, height, withAudio) {}

void UiFixture::tap(const std::string& widgetId) {
    INFO("tapping " << widgetId);
    REQUIRE(kiosk.tap(widgetId));
}

std::string UiFixture::accountId(const std::string& name) {
    for (const auto& account : runtime.staff.accounts())
        if (account.displayName == name) return account.id;
    FAIL("no staff account named " << name);
    return {};
}

void UiFixture::signIn(const std::string& accountName, const std::string& pin) {
    tap("home.staff_entry");
    tap("staff.sign_in.account." + accountId(accountName));
    for (const char digit : pin) tap(std::string("pad.") + digit);
    tap("pad.ok");
}

void UiFixture::openScreen(app::ScreenId id) {
    const app::Screen* screen = kiosk.ui().screens().find(id);
    REQUIRE(screen);
    const bool forStaff = !screen->allowed(std::nullopt);
    if (forStaff != kiosk.state().staff.has_value()) {
        kiosk.ui().returnHome("test");
        kiosk.frames(2);
        if (forStaff) signIn("Technicien Asso", "739182");
        REQUIRE(kiosk.state().staff.has_value() == forStaff);
    }
    kiosk.ui().openScreen(id);
    kiosk.frames(2);
}

void UiFixture::advanceSeconds(int seconds) {
    clock.advanceMs(static_cast<std::int64_t>(seconds) * 1000);
    kiosk.frames(2);
}

}  // namespace vk::test
