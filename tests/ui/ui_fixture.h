#pragma once
// A kiosk with the demo village in memory, drawn off-screen at 1280×800, on a clock the test moves.

#include "kiosk/app/headless_kiosk.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/services/kiosk_runtime.h"

#include <catch2/catch.hpp>

#include <string>

namespace vk::test {

struct UiFixture {
    // `withAudio` false: a kiosk with no audio device.
    explicit UiFixture(int width = 1280, int height = 800, services::KioskConfig config = {}, bool demoVillage = true,
                       bool withAudio = true);

    // Taps the widget, failing the test if it is not on screen.
    void tap(const std::string& widgetId);
    void signIn(const std::string& accountName, const std::string& pin);
    std::string accountId(const std::string& name);
    void advanceSeconds(int seconds);
    // Opens a registered screen as its users meet it: a public screen as a visitor, a staff screen signed in as
    // the demo admin.
    void openScreen(app::ScreenId id);

    services::ManualClock clock;
    services::KioskRuntime runtime;
    app::KioskServices services;
    app::HeadlessKiosk kiosk;
};

// Every item drawn in the last frame inside the display, and no words cut, spilling out of their box, drawn over
// other words or missing from the font. `where` names the screen or step in a failure.
void expectEverythingFits(const UiFixture& f, int width, int height, const std::string& where);

}  // namespace vk::test
