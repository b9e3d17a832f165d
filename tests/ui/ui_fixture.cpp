#include "ui_fixture.h"

#include "kiosk/ui/theme.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
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

void expectEverythingFits(const UiFixture& f, int width, int height, const std::string& where) {
    INFO(where << " at " << width << "x" << height);
    for (const auto& item : f.kiosk.drawn()) {
        INFO("item " << (item.id.empty() ? "(text)" : item.id) << ": " << item.text);
        CHECK(item.min.x >= 0);
        CHECK(item.min.y >= 0);
        CHECK(item.max.x <= static_cast<float>(width) + 0.5f);
        CHECK(item.max.y <= static_cast<float>(height) + 0.5f);
        CHECK_FALSE(item.overflows);
        // Nothing drawn over other words (a button over a line of text, two labels in one place).
        for (const auto& other : f.kiosk.drawn()) {
            if (&other == &item || other.text.empty() || item.text.empty()) continue;
            const float overlapX = std::min(item.max.x, other.max.x) - std::max(item.min.x, other.min.x);
            const float overlapY = std::min(item.max.y, other.max.y) - std::max(item.min.y, other.min.y);
            INFO("overlaps " << (other.id.empty() ? "(text)" : other.id) << ": " << other.text);
            CHECK_FALSE((overlapX > 2.0f && overlapY > 2.0f));
        }
        // Every character drawn is in the font: a missing one shows as « ? ».
        const char* c = item.text.c_str();
        const char* end = c + item.text.size();
        while (c < end) {
            unsigned int codepoint = 0;
            c += ImTextCharFromUtf8(&codepoint, c, end);
            if (codepoint < 0x20) continue;
            INFO("U+" << std::hex << codepoint);
            CHECK(ui::fonts().body->FindGlyphNoFallback(static_cast<ImWchar>(codepoint)) != nullptr);
        }
    }
}

}  // namespace vk::test
