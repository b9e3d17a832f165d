#include "kiosk/app/frame_pacer.h"
#include "kiosk/app/pointer_queue.h"
#include "kiosk/app/screen_rotation.h"
#include "kiosk/app/sdl_input.h"

#include <catch2/catch.hpp>
#include <imgui.h>

using namespace vk::app;

TEST_CASE("a tap becomes land, press, release, leave, one state per frame", "[input][touch]") {
    PointerQueue queue;
    queue.press(100, 200);
    queue.release(100, 200, true);
    PointerState s = queue.next();
    CHECK((s.x == 100 && s.y == 200 && !s.down));
    CHECK(queue.next().down);
    s = queue.next();
    CHECK((s.x == 100 && !s.down));
    s = queue.next();
    CHECK(s.x < -1e20f);
    CHECK_FALSE(queue.hasPending());
    CHECK(queue.next().x < -1e20f);
}

TEST_CASE("a mouse click keeps hovering where it is, moves while held merge", "[input]") {
    PointerQueue queue;
    queue.press(10, 10);
    queue.next();
    queue.next();
    queue.moveTo(20, 20);
    queue.moveTo(30, 30);
    queue.moveTo(40, 40);
    const PointerState held = queue.next();
    CHECK((held.down && held.x == 40));
    CHECK_FALSE(queue.hasPending());
    queue.release(40, 40, false);
    queue.next();
    CHECK(queue.next().x == 40);
}

TEST_CASE("after input the loop draws three frames, then sleeps until the clock's next minute", "[input][idle]") {
    FramePacer pacer;
    const std::int64_t now = 999'999'960'000 + 12'345;  // 12.345 s past a whole minute
    pacer.onFrameDrawn(now);
    pacer.onFrameDrawn(now);
    pacer.onFrameDrawn(now);
    CHECK_FALSE(pacer.shouldDraw(now));
    CHECK(pacer.waitTimeoutMs(now) == 60'000 - 12'345);
    pacer.onInput();
    for (int frame = 0; frame < FramePacer::kFramesAfterEvent; ++frame) {
        CHECK(pacer.shouldDraw(now));
        CHECK(pacer.waitTimeoutMs(now) == 0);
        pacer.onFrameDrawn(now);
    }
    CHECK_FALSE(pacer.shouldDraw(now));
    CHECK(pacer.shouldDraw(nextMinuteMs(now)));
}

TEST_CASE("a deadline (the idle timeout) wakes the loop before the minute", "[input][idle]") {
    FramePacer pacer;
    const std::int64_t now = 1'000'000'000'000;
    for (int i = 0; i < FramePacer::kFramesAfterEvent; ++i) pacer.onFrameDrawn(now);
    pacer.wakeNoLaterThan(now + 1500);
    CHECK(pacer.waitTimeoutMs(now) == 1500);
    pacer.wakeNoLaterThan(now + 50'000);
    CHECK(pacer.waitTimeoutMs(now) == 1500);
}

TEST_CASE("a press and release that arrive together still get a frame after the release", "[input][touch]") {
    FramePacer pacer;
    PointerQueue pointer;
    const std::int64_t now = 999'999'960'000;
    for (int i = 0; i < FramePacer::kFramesAfterEvent; ++i) pacer.onFrameDrawn(now);
    // One batch of events: move, press, release (a quick tap, or a mouse click sent by a tool).
    pointer.moveTo(10, 10);
    pointer.press(10, 10);
    pointer.release(10, 10, false);
    pacer.onInput();
    int framesAfterRelease = 0;
    bool released = false;
    while (pacer.shouldDraw(now, pointer)) {
        const PointerState state = pacer.takePointerStep(pointer);
        if (released) ++framesAfterRelease;
        if (!state.down && !pointer.hasPending()) released = true;
        pacer.onFrameDrawn(now);
    }
    CHECK(released);
    CHECK(framesAfterRelease >= 1);
}

TEST_CASE("a screen mounted turned: each corner of the glass is the layout's corner the picture puts there",
          "[input][rotation]") {
    const int glassW = 800;
    const int glassH = 1280;
    struct Case {
        int degrees;
        int layoutW, layoutH;
        LayoutPoint glassOfLayoutTopLeft;
    };
    // Turned clockwise a quarter, the layout's top left corner is drawn at the glass's top right; upside down, at
    // its bottom right; a quarter the other way, at its bottom left.
    for (const Case& c : {Case{0, 800, 1280, {0, 0}}, Case{90, 1280, 800, {800, 0}}, Case{180, 800, 1280, {800, 1280}},
                          Case{270, 1280, 800, {0, 1280}}}) {
        INFO(c.degrees << "°");
        const ScreenRotation rotation(c.degrees);
        CHECK(rotation.layoutSize(glassW, glassH).width == c.layoutW);
        CHECK(rotation.layoutSize(glassW, glassH).height == c.layoutH);
        const LayoutPoint topLeft = rotation.toGlass(0, 0, glassW, glassH);
        CHECK(topLeft.x == c.glassOfLayoutTopLeft.x);
        CHECK(topLeft.y == c.glassOfLayoutTopLeft.y);
        // A touch is turned back to where it was drawn, anywhere on the glass.
        for (const LayoutPoint p : {LayoutPoint{10, 20}, LayoutPoint{400, 700}, LayoutPoint{123.5f, 64.25f}}) {
            const LayoutPoint glass = rotation.toGlass(p.x, p.y, glassW, glassH);
            CHECK(glass.x >= 0);
            CHECK(glass.x <= glassW);
            CHECK(glass.y >= 0);
            CHECK(glass.y <= glassH);
            const LayoutPoint back = rotation.toLayout(glass.x, glass.y, glassW, glassH);
            CHECK(back.x == Approx(p.x));
            CHECK(back.y == Approx(p.y));
        }
    }
    // Anything but a quarter turn is read as the nearest lower one, never as an angle SDL would draw askew.
    CHECK(ScreenRotation(45).degrees() == 0);
    CHECK(ScreenRotation(-90).degrees() == 270);
    CHECK(ScreenRotation(450).degrees() == 90);
}

TEST_CASE("in a window spread over two outputs, a touch reaches the kiosk from its own part and a click on the TV's is nobody's",
          "[input][touch][spanning-window]") {
    ImGuiContext* context = ImGui::CreateContext();
    const int windowW = 3200;
    const int windowH = 1080;
    const vk::services::ScreenArea glass{0, 0, 1280, 800};  // the touch screen's part, the TV to its right
    const ScreenRotation unturned;
    PointerQueue queue;

    // A touch panel mapped to its output gives fingers in the window's range: (0.2, 0.5) of 3200×1080 is
    // (640, 540), which is the middle of the kiosk's 1280-wide part.
    SDL_Event down{};
    down.type = SDL_FINGERDOWN;
    down.tfinger.x = 0.2f;
    down.tfinger.y = 0.5f;
    CHECK(feedSdlEvent(down, queue, windowW, windowH, glass, unturned));
    SDL_Event up = down;
    up.type = SDL_FINGERUP;
    CHECK(feedSdlEvent(up, queue, windowW, windowH, glass, unturned));
    const PointerState landed = queue.next();
    CHECK(landed.x == Approx(640));
    CHECK(landed.y == Approx(540));
    while (queue.hasPending()) queue.next();

    // A mouse click on the TV's part presses nothing on the kiosk.
    SDL_Event click{};
    click.type = SDL_MOUSEBUTTONDOWN;
    click.button.button = SDL_BUTTON_LEFT;
    click.button.x = 2000;
    click.button.y = 300;
    CHECK_FALSE(feedSdlEvent(click, queue, windowW, windowH, glass, unturned));
    CHECK_FALSE(queue.hasPending());

    // The kiosk on the right-hand output, turned upside down: a point of its part is turned back within that part.
    const vk::services::ScreenArea right{1920, 0, 1280, 800};
    click.button.x = 1920 + 100;
    click.button.y = 50;
    CHECK(feedSdlEvent(click, queue, windowW, windowH, right, ScreenRotation(180)));
    const PointerState pressed = queue.next();
    CHECK(pressed.x == Approx(1280 - 100));
    CHECK(pressed.y == Approx(800 - 50));
    ImGui::DestroyContext(context);
}
