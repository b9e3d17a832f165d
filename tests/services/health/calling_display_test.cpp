#include "services/health/health_fixture.h"
#include "kiosk/services/display_placement.h"
#include "kiosk/services/health/new_call_detector.h"
#include "kiosk/services/health/health_area.h"
#include "kiosk/services/kiosk_config.h"
#include "kiosk/services/speech/mono_pcm.h"

#include <catch2/catch.hpp>

#include <cstdlib>

using namespace vk::services;
using namespace vk::services::health;
using namespace vk::services::health::testing;

namespace {

constexpr int kTouchScreen = 0;  // the kiosk's own display, where SDL puts it first
const DisplayChoice kAuto{};

}  // namespace

TEST_CASE("with one display the calling screen gets no window of its own", "[health][calling-display]") {
    CHECK_FALSE(roomDisplayFor(kAuto, 1, kTouchScreen));
    CHECK_FALSE(roomDisplayFor({DisplayChoice::Mode::Display, 0}, 1, kTouchScreen));
    CHECK_FALSE(roomDisplayFor({DisplayChoice::Mode::Display, 1}, 1, kTouchScreen));
    RoomDisplayPlacement placement(kAuto);
    CHECK_FALSE(placement.update(1, kTouchScreen).changed());
    CHECK_FALSE(placement.shownOn());
}

TEST_CASE("auto puts the calling window on the display that is not the kiosk's, whichever that is", "[health][calling-display]") {
    CHECK(roomDisplayFor(kAuto, 2, 0) == 1);
    CHECK(roomDisplayFor(kAuto, 2, 1) == 0);
    CHECK(roomDisplayFor(kAuto, 3, 1) == 0);
    // The number of a display chosen by the technician, but never the touch screen itself.
    CHECK(roomDisplayFor({DisplayChoice::Mode::Display, 2}, 3, 0) == 2);
    CHECK_FALSE(roomDisplayFor({DisplayChoice::Mode::Display, 0}, 3, 0));
    CHECK_FALSE(roomDisplayFor({DisplayChoice::Mode::Off, 0}, 3, 0));
    // Drawn off screen (tests), the kiosk has no display: only a display named in the configuration gets one.
    CHECK_FALSE(roomDisplayFor(kAuto, 1, -1));
    CHECK(roomDisplayFor({DisplayChoice::Mode::Display, 0}, 1, -1) == 0);
}

TEST_CASE("where the window system places windows itself, auto opens no calling window and a chosen display is tried", "[health][calling-display]") {
    CHECK_FALSE(roomDisplayFor(kAuto, 2, 0, false));
    CHECK(roomDisplayFor({DisplayChoice::Mode::Display, 1}, 2, 0, false) == 1);
    CHECK_FALSE(roomDisplayFor({DisplayChoice::Mode::Display, 0}, 2, 0, false));
    RoomDisplayPlacement underCage(kAuto, false);
    CHECK_FALSE(underCage.update(2, 0).changed());
}

TEST_CASE("the calling window closes when the TV is unplugged and comes back when it is plugged again", "[health][calling-display]") {
    RoomDisplayPlacement placement(kAuto);
    auto step = placement.update(2, kTouchScreen);  // started with the TV on
    CHECK_FALSE(step.close);
    REQUIRE(step.openOn == 1);
    placement.opened(1);

    CHECK_FALSE(placement.update(2, kTouchScreen).changed());  // a window event, nothing plugged: nothing to do

    step = placement.update(1, kTouchScreen);  // unplugged
    CHECK(step.close);
    CHECK_FALSE(step.openOn);
    CHECK_FALSE(placement.shownOn());
    CHECK_FALSE(placement.update(1, kTouchScreen).changed());

    step = placement.update(2, kTouchScreen);  // plugged in again
    CHECK_FALSE(step.close);
    REQUIRE(step.openOn == 1);
    placement.opened(1);
    CHECK(placement.shownOn() == 1);
}

TEST_CASE("the calling window is never moved onto the kiosk's own display", "[health][calling-display]") {
    RoomDisplayPlacement placement(kAuto);
    REQUIRE(placement.update(2, 0).openOn == 1);
    placement.opened(1);
    // The TV unplugged and the touch screen renumbered 1 … then the TV back as 0: the window goes where the TV is.
    auto step = placement.update(2, 1);
    CHECK(step.close);
    REQUIRE(step.openOn == 0);
    placement.opened(0);
    // The TV gone, the touch screen alone as 0: the window closes rather than cover the kiosk.
    step = placement.update(1, 0);
    CHECK(step.close);
    CHECK_FALSE(step.openOn);
}

TEST_CASE("a calling window that could not open is tried again when a display comes or goes, not at every event", "[health][calling-display]") {
    RoomDisplayPlacement placement(kAuto);
    REQUIRE(placement.update(2, 0).openOn == 1);
    placement.failed(1, 2);
    CHECK_FALSE(placement.update(2, 0).changed());
    CHECK_FALSE(placement.update(1, 0).changed());
    CHECK(placement.update(2, 0).openOn == 1);
}

TEST_CASE("calling_display reads auto, off or a display number and refuses the rest at its line", "[health][calling-display][config]") {
    CHECK(parseDisplayChoice("auto")->mode == DisplayChoice::Mode::Auto);
    CHECK(parseDisplayChoice("off")->mode == DisplayChoice::Mode::Off);
    CHECK(parseDisplayChoice("1")->display == 1);
    for (const char* wrong : {"", "-1", "1x", "tv", "99999999999", "\x01", "1 "}) CHECK_FALSE(parseDisplayChoice(wrong));

    const ConfigLoad defaults = parseConfig("", "kiosk.toml");
    REQUIRE(defaults.problems.empty());
    CHECK(defaults.config.areas.get<HealthSettings>().callingDisplay.mode == DisplayChoice::Mode::Auto);
    CHECK_FALSE(defaults.config.sound.callChime);

    const ConfigLoad good = parseConfig("[health]\ncalling_display = \"2\"\n[sound]\ncall_chime = true\n", "kiosk.toml");
    REQUIRE(good.problems.empty());
    CHECK(good.config.areas.get<HealthSettings>().callingDisplay.display == 2);
    CHECK(good.config.sound.callChime);

    const ConfigLoad bad = parseConfig("[health]\n\ncalling_display = \"the TV\"\n", "kiosk.toml");
    REQUIRE(bad.problems.size() == 1);
    CHECK(bad.problems[0].key == "health.calling_display");
    CHECK(bad.problems[0].line == 3);
    CHECK(bad.problems[0].message.find("auto") != std::string::npos);
    CHECK(bad.config.areas.get<HealthSettings>().callingDisplay.mode == DisplayChoice::Mode::Auto);
}

TEST_CASE("a call is announced once, a reload of the same board is not, and a call before the window opened is not", "[health][calling-display]") {
    HealthFixture f;
    f.setTime("09:00");
    REQUIRE(f.room.addWalkIn(&f.assistant, {"Roux", "", ""}).ok());
    REQUIRE(f.room.addWalkIn(&f.assistant, {"Blanc", "", ""}).ok());
    REQUIRE(f.room.callNext(&f.assistant).ok());

    NewCallDetector detector;
    CHECK_FALSE(detector.newCall(f.room.callingBoard()));  // already called when the TV came on

    f.setTime("09:10");
    const AppointmentChange second = f.room.callNext(&f.assistant);
    REQUIRE(second.ok());
    const auto announced = detector.newCall(f.room.callingBoard());
    REQUIRE(announced);
    CHECK(announced->find(*second.appointment->ticket) == 0);
    CHECK_FALSE(detector.newCall(f.room.callingBoard()));  // redrawn: the same call

    // Sent back to the waiting room: the board shows the patient called before, which is no new call; called
    // again: the same ticket, a new call.
    REQUIRE(f.room.backToWaiting(&f.assistant, second.appointment->id).ok());
    CHECK_FALSE(detector.newCall(f.room.callingBoard()));
    CHECK_FALSE(detector.newCall(f.room.callingBoard()));
    f.setTime("09:12");
    REQUIRE(f.room.call(&f.assistant, second.appointment->id).ok());
    const auto again = detector.newCall(f.room.callingBoard());
    REQUIRE(again);
    CHECK(*again != *announced);
}

TEST_CASE("the call chime is short, as loud as configured, and not the help chime", "[health][calling-display][speech]") {
    const MonoPcm call = callChime(22050, 100);
    const MonoPcm help = helpChime(22050, 100);
    CHECK(call.seconds() > 0.3);
    CHECK(call.seconds() < 1.5);
    CHECK(call.samples != help.samples);
    CHECK(call.seconds() != Approx(help.seconds()));
    int peak = 0;
    for (const auto sample : call.samples) peak = std::max(peak, std::abs(static_cast<int>(sample)));
    CHECK(peak <= 32767 / 2 + 1);
    CHECK(peak > 8000);
    for (const auto sample : callChime(22050, 0).samples) REQUIRE(sample == 0);
}

TEST_CASE("a window spread over the touch screen and the TV is split between the kiosk and the calling screen",
          "[health][calling-display][spanning-window]") {
    // cage puts its outputs side by side and gives the kiosk's window the rectangle around them all.
    const std::vector<ScreenArea> displays{{0, 0, 1280, 800}, {1280, 0, 1920, 1080}};
    const auto split = splitSpanningWindow(kAuto, displays, 3200, 1080, 3200, 1080);
    REQUIRE(split);
    CHECK(split->kioskDisplay == 0);
    CHECK(split->kiosk == ScreenArea{0, 0, 1280, 800});
    REQUIRE(split->roomDisplay);
    CHECK(*split->roomDisplay == 1);
    REQUIRE(split->room);
    CHECK(*split->room == ScreenArea{1280, 0, 1920, 1080});

    // The technician names the TV display 0: the kiosk takes the other one.
    const auto swapped = splitSpanningWindow({DisplayChoice::Mode::Display, 0}, displays, 3200, 1080, 3200, 1080);
    REQUIRE(swapped);
    CHECK(swapped->kioskDisplay == 1);
    CHECK(swapped->kiosk == ScreenArea{1280, 0, 1920, 1080});
    CHECK(*swapped->room == ScreenArea{0, 0, 1280, 800});

    // Off: the kiosk keeps to its own screen and the TV's part stays black, never the kiosk stretched over both.
    const auto off = splitSpanningWindow({DisplayChoice::Mode::Off, 0}, displays, 3200, 1080, 3200, 1080);
    REQUIRE(off);
    CHECK(off->kiosk == ScreenArea{0, 0, 1280, 800});
    CHECK_FALSE(off->room);
    // A display number that is not plugged in: no calling screen either.
    CHECK_FALSE(splitSpanningWindow({DisplayChoice::Mode::Display, 4}, displays, 3200, 1080, 3200, 1080)->room);

    // Outputs placed anywhere (the TV to the left, lower down): parts are taken from the rectangle's corner, and a
    // window drawn at twice its size in pixels (a HiDPI scale) gets its parts in pixels.
    const std::vector<ScreenArea> placed{{1920, 100, 1280, 800}, {0, 0, 1920, 1080}};
    const auto scaled = splitSpanningWindow(kAuto, placed, 3200, 1080, 6400, 2160);
    REQUIRE(scaled);
    CHECK(scaled->kiosk == ScreenArea{3840, 200, 2560, 1600});
    CHECK(*scaled->room == ScreenArea{0, 0, 3840, 2160});
}

TEST_CASE("a window on one display is not split, and one display is never split", "[health][calling-display][spanning-window]") {
    const std::vector<ScreenArea> displays{{0, 0, 1280, 800}, {1280, 0, 1920, 1080}};
    // X11, or a compositor that keeps a full-screen window on its output: the window is one display's size.
    CHECK_FALSE(splitSpanningWindow(kAuto, displays, 1280, 800, 1280, 800));
    CHECK_FALSE(splitSpanningWindow(kAuto, {{0, 0, 1280, 800}}, 1280, 800, 1280, 800));
    // The TV unplugged: cage narrows the window to the touch screen again.
    CHECK_FALSE(splitSpanningWindow(kAuto, {{0, 0, 1280, 800}}, 3200, 1080, 3200, 1080));
    CHECK_FALSE(splitSpanningWindow(kAuto, {}, 3200, 1080, 3200, 1080));
    // A display SDL reports with no size is not laid out.
    CHECK_FALSE(splitSpanningWindow(kAuto, {{0, 0, 1280, 800}, {1280, 0, 0, 0}}, 1280, 800, 1280, 800));
}
