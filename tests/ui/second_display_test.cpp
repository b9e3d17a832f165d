// The calling screen in a window of its own: a real SDL window with its own renderer and ImGui context, beside
// the kiosk drawn off screen. SDL's dummy driver reports one display; `health.calling_display = "0"` puts the
// calling window on it, the kiosk itself having no display (it is drawn into memory). Unplug and replug are what
// SDL reports as a display count (SecondDisplay::applyDisplays). Under cage with two outputs the real binary
// opens it on the second one: tests/smoke/second_display_under_cage.sh.

#include "kiosk/app/second_display.h"
#include "kiosk/screens/health/health_screens.h"
#include "kiosk/services/health/health_area.h"
#include "ui_fixture.h"

#include <SDL.h>

#include <cstdlib>
#include <filesystem>

using namespace vk;
using vk::test::UiFixture;

namespace {

services::KioskConfig tvConfig(bool callChime) {
    services::KioskConfig config;
    config.sound.callChime = callChime;
    config.areas.get<services::health::HealthSettings>().callingDisplay = {services::DisplayChoice::Mode::Display, 0};
    return config;
}

// SDL's video for this test only: the kiosk drawn off screen needs none, the calling window does.
struct SdlVideo {
    SdlVideo() { ok = SDL_InitSubSystem(SDL_INIT_VIDEO) == 0; }
    ~SdlVideo() {
        if (ok) SDL_QuitSubSystem(SDL_INIT_VIDEO);
    }
    SdlVideo(const SdlVideo&) = delete;
    SdlVideo& operator=(const SdlVideo&) = delete;
    bool ok = false;
};

services::health::HealthServices& health(UiFixture& f) { return f.services.area<services::health::HealthServices>(); }

// How many pixels of the ticket's box on the TV are in the health colour the number is drawn in.
int healthColouredPixels(const app::SecondDisplay& tv, const std::string& ticket) {
    for (const ui::DrawnItem& item : tv.lastFrameItems()) {
        if (item.text != ticket) continue;
        int count = 0;
        for (int y = static_cast<int>(item.min.y); y < static_cast<int>(item.max.y); y += 2)
            for (int x = static_cast<int>(item.min.x); x < static_cast<int>(item.max.x); x += 2)
                if (tv.pixel(x, y) == 0x006357) ++count;
        return count;
    }
    return 0;
}

app::SecondDisplay makeTv(UiFixture& f) {
    return app::SecondDisplay(f.kiosk.ui().screens().roomDisplay(), f.services, f.runtime.config, f.kiosk.ui().sound(),
                              services::RendererChoice::Software, [] { return -1; });
}

std::string calledTicket(UiFixture& f) { return health(f).waitingRoom.callingBoard().calledTicket.value_or(""); }

}  // namespace

TEST_CASE("the calling screen runs in a window of its own and shows each new call", "[ui][health][second-display]") {
    SdlVideo video;
    REQUIRE(video.ok);
    UiFixture f(1280, 800, tvConfig(true));
    const auto walkIn = [&](const char* surname) {
        REQUIRE(health(f).waitingRoom.addWalkIn(&services::systemActor(services::SystemActor::CommandLine), {surname, "", ""}).ok());
    };
    walkIn("Roux");
    walkIn("Blanc");

    app::SecondDisplay tv = makeTv(f);
    tv.keepPixels(true);
    tv.followDisplays();
    REQUIRE(tv.isOpen());
    CHECK(tv.display() == 0);
    REQUIRE(tv.window());
    CHECK(SDL_GetWindowID(tv.window()) != 0);
    tv.update(f.clock.nowMs(), true);
    CHECK(tv.framesDrawn() == 1);
    CHECK(tv.shows("Numéro appelé"));
    CHECK_FALSE(tv.shows("Salle d’attente"));  // no header, no « Retour »: the TV has nothing to tap
    CHECK_FALSE(tv.shows("Retour"));

    // The assistant calls on the kiosk's own screen; the TV shows it after that frame, and chimes once.
    f.signIn("Claire Moreau", "2580");
    f.tap("staff.home.waiting_room");
    f.tap("waiting.call_next");
    const std::string first = calledTicket(f);
    REQUIRE_FALSE(first.empty());
    tv.update(f.clock.nowMs(), true);
    CHECK(tv.framesDrawn() == 2);
    CHECK(tv.shows(first));
    CHECK_FALSE(tv.shows("Roux"));
    CHECK(healthColouredPixels(tv, first) > 50);
    CHECK(f.kiosk.ui().sound().callChimesPlayed() == 1);
    CHECK(f.kiosk.audio().playCount() == 1);

    // Redraws of the same call (the window exposed again, the main window's next frames) sound nothing more.
    SDL_Event exposed{};
    exposed.type = SDL_WINDOWEVENT;
    exposed.window.event = SDL_WINDOWEVENT_EXPOSED;
    exposed.window.windowID = tv.windowId();
    CHECK(tv.handleEvent(exposed));
    tv.update(f.clock.nowMs(), true);
    CHECK(tv.framesDrawn() == 3);
    tv.update(f.clock.nowMs(), true);
    CHECK(tv.framesDrawn() == 3);  // nothing changed: nothing drawn
    CHECK(f.kiosk.ui().sound().callChimesPlayed() == 1);

    // The next call, a few minutes later: one more chime.
    f.clock.advanceMs(4 * 60'000);
    f.tap("waiting.call_next");
    const std::string second = calledTicket(f);
    REQUIRE(second != first);
    tv.update(f.clock.nowMs(), true);
    CHECK(tv.shows(second));
    CHECK(f.kiosk.ui().sound().callChimesPlayed() == 2);

    // The assistant signs out, a visitor picks English and large text, the kiosk goes home when idle: the TV
    // stays up, in the kiosk's French.
    f.tap("common.back");
    f.tap("staff.home.sign_out");
    CHECK_FALSE(f.kiosk.state().staff);
    f.tap("home.other_language");
    f.tap("home.large_text");
    CHECK(i18n::currentLanguage() == "en");
    CHECK(tv.handleEvent(exposed));
    tv.update(f.clock.nowMs(), true);
    CHECK(tv.isOpen());
    CHECK(tv.shows("Numéro appelé"));
    CHECK(tv.shows(second));
    CHECK(i18n::currentLanguage() == "en");  // the visitor's language is left as it was
    CHECK(f.kiosk.shows("Health"));          // and the kiosk's own screen still speaks it
    f.advanceSeconds(f.runtime.config.idleTimeoutSeconds + 60);
    CHECK(f.kiosk.state().screen == app::kHomeScreen);
    CHECK_FALSE(f.kiosk.state().largeText);
    tv.update(f.clock.nowMs(), true);
    CHECK(tv.isOpen());
    CHECK(tv.shows(second));
    CHECK(f.kiosk.ui().sound().callChimesPlayed() == 2);
}

TEST_CASE("the calling window closes when its display is unplugged and comes back when it is plugged again", "[ui][health][second-display]") {
    SdlVideo video;
    REQUIRE(video.ok);
    UiFixture f(1280, 800, tvConfig(true));
    REQUIRE(health(f).waitingRoom.addWalkIn(&services::systemActor(services::SystemActor::CommandLine), {"Roux", "", ""}).ok());
    REQUIRE(health(f).waitingRoom.callNext(&services::systemActor(services::SystemActor::CommandLine)).ok());
    const std::string called = calledTicket(f);

    app::SecondDisplay tv = makeTv(f);
    tv.followDisplays();
    REQUIRE(tv.isOpen());
    tv.update(f.clock.nowMs(), true);
    CHECK(tv.shows(called));
    CHECK(f.kiosk.ui().sound().callChimesPlayed() == 0);  // called before the TV came on: not new

    tv.applyDisplays(0);  // unplugged
    CHECK_FALSE(tv.isOpen());
    CHECK_FALSE(tv.display());
    tv.update(f.clock.nowMs(), true);  // nothing to draw on, nothing breaks
    // Events of a window that is gone, or of another window, are not its.
    SDL_Event stray{};
    stray.type = SDL_MOUSEBUTTONDOWN;
    stray.button.windowID = 12345;
    CHECK_FALSE(tv.handleEvent(stray));

    tv.applyDisplays(1);  // plugged in again
    REQUIRE(tv.isOpen());
    CHECK(tv.display() == 0);
    tv.update(f.clock.nowMs(), true);
    CHECK(tv.shows(called));
    CHECK(f.kiosk.ui().sound().callChimesPlayed() == 0);  // the same call, shown again: no chime
    CHECK(f.kiosk.state().screen == app::kHomeScreen);    // the kiosk's own screen went on as it was
}

TEST_CASE("without call_chime a new call on the TV sounds nothing, and calling_display off opens no window", "[ui][health][second-display]") {
    SdlVideo video;
    REQUIRE(video.ok);
    UiFixture f(1280, 800, tvConfig(false));
    app::SecondDisplay tv = makeTv(f);
    tv.followDisplays();
    REQUIRE(tv.isOpen());
    tv.update(f.clock.nowMs(), true);
    REQUIRE(health(f).waitingRoom.addWalkIn(&services::systemActor(services::SystemActor::CommandLine), {"Roux", "", ""}).ok());
    REQUIRE(health(f).waitingRoom.callNext(&services::systemActor(services::SystemActor::CommandLine)).ok());
    tv.update(f.clock.nowMs(), true);
    CHECK(tv.shows(calledTicket(f)));
    CHECK(f.kiosk.ui().sound().callChimesPlayed() == 0);
    CHECK(f.kiosk.audio().playCount() == 0);

    services::KioskConfig off = tvConfig(true);
    off.areas.get<services::health::HealthSettings>().callingDisplay = {services::DisplayChoice::Mode::Off, 0};
    UiFixture g(1280, 800, off);
    app::SecondDisplay none(g.kiosk.ui().screens().roomDisplay(), g.services, g.runtime.config, g.kiosk.ui().sound(),
                            services::RendererChoice::Software, [] { return -1; });
    none.followDisplays();
    CHECK_FALSE(none.isOpen());
}

TEST_CASE("the calling screen in public mode on the kiosk's one display chimes once for a new call", "[ui][health][second-display]") {
    UiFixture f(1280, 800, tvConfig(true));
    REQUIRE(health(f).waitingRoom.addWalkIn(&services::systemActor(services::SystemActor::CommandLine), {"Roux", "", ""}).ok());
    f.kiosk.ui().openScreen(screens::kCallingScreen);
    f.kiosk.frames(2);
    CHECK(f.kiosk.ui().sound().callChimesPlayed() == 0);
    // A call made elsewhere (the command line, another desk) reaches it at the minute's reload.
    REQUIRE(health(f).waitingRoom.callNext(&services::systemActor(services::SystemActor::CommandLine)).ok());
    f.advanceSeconds(60);
    CHECK(f.kiosk.shows(calledTicket(f)));
    CHECK(f.kiosk.ui().sound().callChimesPlayed() == 1);
    f.advanceSeconds(60);
    f.kiosk.frames(3);
    CHECK(f.kiosk.ui().sound().callChimesPlayed() == 1);
}

TEST_CASE("the calling screen in its own window, for the docs", "[ui][health][second-display][screenshots]") {
    SdlVideo video;
    REQUIRE(video.ok);
    UiFixture f(1280, 800, tvConfig(false));
    const auto actor = &services::systemActor(services::SystemActor::CommandLine);
    for (const char* surname : {"Roux", "Blanc", "Petit", "Garnier"}) {
        REQUIRE(health(f).waitingRoom.addWalkIn(actor, {surname, "", ""}).ok());
        f.clock.advanceMs(3 * 60'000);
    }
    REQUIRE(health(f).waitingRoom.callNext(actor).ok());
    REQUIRE(health(f).rota.announce(*actor, 15, "") == services::health::RotaEditError::None);
    app::SecondDisplay tv = makeTv(f);
    tv.keepPixels(true);
    tv.followDisplays();
    REQUIRE(tv.isOpen());
    tv.update(f.clock.nowMs(), true);
    CHECK(tv.shows(calledTicket(f)));
    CHECK(healthColouredPixels(tv, calledTicket(f)) > 50);
    CHECK(tv.shows("15 min de retard"));
    if (const char* dir = std::getenv("VK_SCREENSHOT_DIR")) {
        std::filesystem::create_directories(dir);
        CHECK(tv.savePng((std::filesystem::path(dir) / "calling-second-display.png").string()));
    }
}

// What cage does with the kiosk's one window when a TV is plugged in beside the touch screen: it spreads it over
// both outputs. The kiosk draws its screens in the touch screen's part and the calling screen in the TV's.
TEST_CASE("in a window spread over the touch screen and the TV the calling screen has the TV's part and the kiosk its own",
          "[ui][health][second-display][spanning-window]") {
    services::KioskConfig config = tvConfig(true);
    config.areas.get<services::health::HealthSettings>().callingDisplay = {};  // auto
    UiFixture f(2560, 800, config);
    const auto actor = &services::systemActor(services::SystemActor::CommandLine);
    for (const char* surname : {"Roux", "Blanc"}) REQUIRE(health(f).waitingRoom.addWalkIn(actor, {surname, "", ""}).ok());

    const std::vector<services::ScreenArea> outputs{{0, 0, 1280, 800}, {1280, 0, 1280, 800}};
    const auto split = services::splitSpanningWindow(config.areas.get<services::health::HealthSettings>().callingDisplay,
                                                     outputs, 2560, 800, 2560, 800);
    REQUIRE(split);
    REQUIRE(split->room);
    app::SecondDisplay tv = makeTv(f);
    tv.keepPixels(true);
    tv.showInArea(f.kiosk.renderer(), split->room, *split->roomDisplay);
    REQUIRE(tv.isOpen());
    CHECK(tv.inArea());
    CHECK(tv.display() == 1);
    CHECK(tv.window() == nullptr);  // no second window for cage to stretch over the touch screen
    f.kiosk.spreadOver(split->kiosk, [&tv](SDL_Renderer*) { tv.copyIntoArea(); });
    tv.update(f.clock.nowMs(), true);
    CHECK(tv.takeAreaRedrawn());
    CHECK_FALSE(tv.takeAreaRedrawn());  // once
    f.kiosk.frame();

    // Everything the kiosk drew is in its own half; the TV's half shows the calling screen's pixels.
    for (const ui::DrawnItem& item : f.kiosk.drawn()) CHECK(item.max.x <= 1280.5f);
    CHECK(tv.shows("Numéro appelé"));
    const auto tvPixelMatches = [&](int x, int y) { return f.kiosk.pixel(1280 + x, y) == tv.pixel(x, y); };
    int matching = 0;
    for (int y = 10; y < 800; y += 40)
        for (int x = 10; x < 1280; x += 40) matching += tvPixelMatches(x, y) ? 1 : 0;
    CHECK(matching == 20 * 32);

    // The assistant calls from the touch screen's half: the new ticket comes up in the TV's half, chimed once.
    f.signIn("Claire Moreau", "2580");
    f.tap("staff.home.waiting_room");
    f.tap("waiting.call_next");
    const std::string called = calledTicket(f);
    REQUIRE_FALSE(called.empty());
    tv.update(f.clock.nowMs(), true);
    CHECK(tv.takeAreaRedrawn());
    f.kiosk.frame();
    CHECK(tv.shows(called));
    CHECK(f.kiosk.ui().sound().callChimesPlayed() == 1);
    int ticketPixels = 0;
    for (const ui::DrawnItem& item : tv.lastFrameItems()) {
        if (item.text != called) continue;
        for (int y = static_cast<int>(item.min.y); y < static_cast<int>(item.max.y); y += 2)
            for (int x = static_cast<int>(item.min.x); x < static_cast<int>(item.max.x); x += 2)
                if (f.kiosk.pixel(1280 + x, y) == 0x006357) ++ticketPixels;
    }
    CHECK(ticketPixels > 50);
    CHECK_FALSE(tv.shows("Roux"));  // the TV never shows a name
    if (const char* dir = std::getenv("VK_SCREENSHOT_DIR")) {
        std::filesystem::create_directories(dir);
        CHECK(f.kiosk.savePng(std::filesystem::path(dir) / "calling-screen-beside-kiosk.png"));
    }

    // The TV unplugged: cage narrows the window, the kiosk takes all of it back and the calling screen is gone.
    tv.showInArea(nullptr, std::nullopt, 0);
    CHECK_FALSE(tv.isOpen());
    CHECK_FALSE(tv.inArea());
    tv.update(f.clock.nowMs(), true);
    CHECK_FALSE(tv.takeAreaRedrawn());
    // Plugged in again: back in its part, showing the same call without another chime.
    tv.showInArea(f.kiosk.renderer(), split->room, *split->roomDisplay);
    REQUIRE(tv.isOpen());
    tv.update(f.clock.nowMs(), true);
    CHECK(tv.shows(called));
    CHECK(f.kiosk.ui().sound().callChimesPlayed() == 1);
}
