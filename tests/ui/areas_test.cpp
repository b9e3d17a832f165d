// The house as the areas build it: every registered screen reachable, every row button safe to tap, the home
// grid for as many tiles as the areas bring, and a failure that never ends the kiosk.

#include "kiosk/app/kiosk_ui.h"
#include "kiosk/screens/health/health_screens.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/services/health/health_area.h"
#include "kiosk/services/health/local_days.h"
#include "ui_fixture.h"

#include <set>
#include <stdexcept>

using namespace vk;
using vk::test::UiFixture;

namespace {

services::health::HealthServices& health(UiFixture& f) { return f.runtime.area<services::health::HealthServices>(); }

// Two patients in the waiting room, one of them called in: every list of the health centre has rows.
void fillTheWaitingRoom(UiFixture& f) {
    auto& checkIn = health(f).checkIn;
    REQUIRE(checkIn.byBirthDate("1950-03-14", "MO").outcome == services::health::CheckInOutcome::CheckedIn);
    const auto& staff = services::systemActor(services::SystemActor::CommandLine);
    services::health::WalkIn walkIn;
    walkIn.surname = "Passant";
    REQUIRE(health(f).waitingRoom.addWalkIn(&staff, walkIn).ok());
    REQUIRE(health(f).waitingRoom.callNext(&staff).ok());
    REQUIRE(health(f).waitingRoom.addWalkIn(&staff, walkIn).ok());
}

// Jeanne Moulin's birth date and the first letters of her name, up to the last key, which the test taps.
void typeUpToTheLastKey(UiFixture& f) {
    f.tap("home.tile.health");
    f.tap("health.check_in");
    f.tap("check_in.by_birth_date");
    for (const char digit : std::string("14031950")) f.tap(std::string("pad.") + digit);
    f.tap("pad.ok");
    f.tap("letters.M");
    f.tap("letters.O");
}

class ThrowingScreen final : public app::Screen {
public:
    void draw(app::ScreenContext& context) override {
        if (throwWhileDrawing) throw std::runtime_error("database disk image is malformed (test)");
        if (ui::button("test.throw_after_tap", "Essayer", ui::em(8.0f, 2.0f)))
            context.later([] { throw std::runtime_error("database or disk is full (test)"); });
    }
    static inline bool throwWhileDrawing = false;
};

constexpr app::ScreenId kThrowingScreen{"test-throwing"};

}  // namespace

// The waiting room and the rota editor once called services that reloaded the very list being drawn. Every
// button of every screen is tapped here, rows included; under the asan preset a use after free stops the test.
TEST_CASE("every button of every screen can be tapped, list rows included, without a fault", "[ui][areas][asan]") {
    UiFixture f;
    fillTheWaitingRoom(f);
    std::size_t tapped = 0;
    for (const app::ScreenId& id : f.kiosk.ui().screens().ids()) {
        f.openScreen(id);
        std::vector<std::string> buttons;
        for (const auto& item : f.kiosk.drawn())
            if (item.tappable && !item.id.empty()) buttons.push_back(item.id);
        for (const std::string& button : buttons) {
            INFO(id.name << ": " << button);
            f.openScreen(id);
            if (!f.kiosk.find(button)) continue;  // an earlier tap removed its row
            f.kiosk.tap(button);
            f.kiosk.frames(2);
            ++tapped;
            CHECK(f.kiosk.state().fault.empty());
        }
    }
    CHECK(tapped > 60);
}

TEST_CASE("no screen id is left without a screen, and the home tiles and staff tools lead to one", "[ui][areas]") {
    UiFixture f;
    const app::ScreenRegistry& screens = f.kiosk.ui().screens();
    CHECK_NOTHROW(screens.checkLinks());
    std::set<std::string> ids;
    for (const app::ScreenId& id : screens.ids()) ids.insert(std::string(id.name));
    for (const char* expected : {"home", "health-rota", "health-check-in", "health-waiting-room", "health-calling",
                                 "health-rota-editor", "staff-sign-in", "staff-home", "staff-accounts", "staff-audit",
                                 "devices-panel", "info-village"})
        CHECK(ids.count(expected) == 1);
    // A link to a screen nobody registered is refused when the registry is checked, which the kiosk does at start.
    app::ScreenRegistry broken;
    broken.addHomeTile({"home.tile.nowhere", "?", "home.tile.info", "home.tile.info.subtitle", 0, app::ScreenId{"nowhere"}});
    CHECK_THROWS_WITH(broken.checkLinks(), Catch::Contains("nowhere"));
    // And opening one is a fault shown on screen, not a crash.
    f.kiosk.ui().openScreen(screens::kStaffHomeScreen);  // not allowed without staff: back home
    CHECK(f.kiosk.state().screen == app::kHomeScreen);
}

TEST_CASE("the home screen lays out the areas' tiles and more, up to eight, each a large target at 1024×600",
          "[ui][areas][layout]") {
    const int areaTiles = static_cast<int>(UiFixture(1024, 600).kiosk.ui().screens().homeTiles().size());
    REQUIRE(areaTiles >= 4);
    for (int extra = 0; areaTiles + extra <= 8; ++extra) {
        UiFixture f(1024, 600);
        app::ScreenRegistry& screens = f.kiosk.ui().screens();
        static const char* kIds[] = {"home.tile.test1", "home.tile.test2", "home.tile.test3", "home.tile.test4"};
        for (int i = 0; i < extra; ++i)
            screens.addHomeTile({kIds[i], ui::symbols::kInfo, "home.tile.info", "home.tile.info.subtitle",
                                 ui::colors::kInfo, screens::kHealthScreen});
        f.kiosk.frames(2);
        INFO(areaTiles + extra << " tiles");
        int drawn = 0;
        for (const auto& item : f.kiosk.drawn()) {
            if (item.id.rfind("home.tile.", 0) != 0) continue;
            ++drawn;
            CHECK(item.max.x - item.min.x > 200);  // about 4 cm on a 10" screen
            CHECK(item.max.y - item.min.y > 120);
            CHECK(item.max.x <= 1024);
            CHECK(item.max.y <= 600);
            CHECK_FALSE(item.overflows);
        }
        CHECK(drawn == areaTiles + extra);
    }
}

TEST_CASE("an exception while drawing or after a tap shows the out-of-order screen, and the kiosk carries on", "[ui][bad-input]") {
    UiFixture f;
    f.kiosk.ui().screens().add<ThrowingScreen>(kThrowingScreen);
    ThrowingScreen::throwWhileDrawing = false;
    f.kiosk.ui().openScreen(kThrowingScreen);
    f.kiosk.frames(2);
    f.tap("test.throw_after_tap");
    CHECK(f.kiosk.shows("Borne momentanément indisponible"));
    CHECK(f.kiosk.shows("disk is full"));
    CHECK(f.runtime.staff.recentAudit(1).front().action == "kiosk.fault");
    // Réessayer: the cause has gone, home again.
    f.tap("out_of_order.retry");
    CHECK(f.kiosk.state().fault.empty());
    CHECK(f.kiosk.state().screen == app::kHomeScreen);
    CHECK(f.kiosk.find("home.tile.health"));

    // A screen that fails while drawing: the frame is closed cleanly, and the kiosk tries again by itself.
    ThrowingScreen::throwWhileDrawing = true;
    f.kiosk.ui().openScreen(kThrowingScreen);
    f.kiosk.frames(2);
    CHECK(f.kiosk.shows("malformed"));
    ThrowingScreen::throwWhileDrawing = false;
    f.advanceSeconds(static_cast<int>(app::KioskUi::kFaultRetryMs / 1000) + 1);
    CHECK(f.kiosk.state().fault.empty());
    CHECK(f.kiosk.find("home.tile.health"));
}

// A database that refuses every write (as a failing disk does): PRAGMA query_only stands in for it, since a full
// disk does not stop an update that fits in the pages already there.
TEST_CASE("a database refusing writes during a check-in shows the out-of-order screen, and check-in works once it is back", "[ui][bad-input][health]") {
    UiFixture f;
    typeUpToTheLastKey(f);
    f.runtime.database.sql().exec("PRAGMA query_only = 1");
    f.tap("letters.ok");
    CHECK(f.kiosk.shows("Borne momentanément indisponible"));
    CHECK(f.kiosk.shows("readonly"));
    f.runtime.database.sql().exec("PRAGMA query_only = 0");
    f.tap("out_of_order.retry");
    typeUpToTheLastKey(f);
    f.tap("letters.ok");
    CHECK(f.kiosk.shows("M-001"));
}
