#include "kiosk/app/kiosk_window.h"

#include "kiosk/app/frame_pacer.h"
#include "kiosk/app/kiosk_ui.h"
#include "kiosk/app/sdl_input.h"
#include "kiosk/app/background_work.h"
#include "kiosk/app/liveness_monitor.h"
#include "kiosk/app/screen_rotation.h"
#include "kiosk/app/second_display.h"
#include "kiosk/app/systemd_notifier.h"
#include "hardware/backlight.h"

#include <SDL.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>

namespace vk::app {
namespace {

std::int64_t steadyMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

// Monotonic time, comparable with the clock of the process that started this one (the benchmark).
std::int64_t monotonicUs() {
    using namespace std::chrono;
    return duration_cast<microseconds>(steady_clock::now().time_since_epoch()).count();
}

void explainNoDisplay(const char* sdlError) {
    std::cerr << "village-kiosk: error: no display to draw on (" << sdlError << ")\n";
    std::fprintf(stderr,
                 "  On the kiosk itself it draws straight on the screen (KMS/DRM) or under X11/Wayland.\n"
                 "  On a machine without a screen, run it under a virtual display:\n"
                 "    xvfb-run -s '-screen 0 1280x800x24' village-kiosk --windowed 1280x800\n"
                 "  or take a picture of a screen without any display:\n"
                 "    village-kiosk screenshot --screen home --out home.png\n");
}

}  // namespace

int runKioskWindow(const WindowOptions& options, services::KioskRuntime* runtime, const services::KioskConfig& config,
                   const std::vector<std::string>& notices, const std::string& outOfOrder) {
    // Touch is handled as touch (see PointerQueue); SDL must not turn fingers into a mouse or back.
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    // The first tap on a window that has no focus yet must count: on a kiosk there is no "click to focus".
    SDL_SetHint(SDL_HINT_MOUSE_FOCUS_CLICKTHROUGH, "1");
    if (options.renderer == services::RendererChoice::Software) SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    // Under Wayland the window takes the size the compositor gives it. Through libdecor (a title bar the kiosk has no
    // use for) SDL keeps a full-screen window one output wide, so under cage, which spreads it over every output,
    // the TV would stay black (docs/health.md).
    SDL_SetHint(SDL_HINT_VIDEO_WAYLAND_ALLOW_LIBDECOR, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        explainNoDisplay(SDL_GetError());
        return 3;
    }
    Uint32 windowFlags = SDL_WINDOW_SHOWN | SDL_WINDOW_ALLOW_HIGHDPI;
    if (options.fullscreen) windowFlags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    SDL_Window* window = SDL_CreateWindow("village-kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, options.width,
                                          options.height, windowFlags);
    if (!window) {
        explainNoDisplay(SDL_GetError());
        SDL_Quit();
        return 3;
    }
    const Uint32 rendererFlags =
        options.renderer == services::RendererChoice::Software ? SDL_RENDERER_SOFTWARE : SDL_RENDERER_ACCELERATED;
    SDL_Renderer* renderer = SDL_CreateRenderer(window, -1, rendererFlags);
    if (!renderer && options.renderer == services::RendererChoice::Accelerated) {
        std::cerr << "village-kiosk: warning: no accelerated renderer (" << SDL_GetError() << "); using the software one\n";
        renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
    }
    if (!renderer) {
        std::cerr << "village-kiosk: error: cannot draw in the window: " << SDL_GetError() << "\n";
        SDL_DestroyWindow(window);
        SDL_Quit();
        return 3;
    }
    if (options.fullscreen) SDL_ShowCursor(SDL_DISABLE);

    // Worker threads (readers, the network, the printer) wake the loop with this event.
    const Uint32 wakeEvent = SDL_RegisterEvents(1);
    const auto wakeLoop = [wakeEvent] {
        SDL_Event event{};
        event.type = wakeEvent;
        SDL_PushEvent(&event);  // thread-safe: the one SDL call worker threads make
    };
    std::optional<BackgroundWork> background;
    if (runtime) background.emplace(*runtime, wakeLoop);

    std::optional<KioskServices> services;
    if (runtime)
        services.emplace(*runtime);
    KioskUi ui(renderer, services ? &*services : nullptr, config);
    ui.state().notices = notices;
    ui.state().outOfOrder = outOfOrder;
    // The glass's size; the screens are laid out in it turned by [kiosk] rotation.
    const ScreenRotation rotation(config.rotationDegrees);
    std::optional<TurnedFrame> turnedFrame(std::in_place, rotation);  // its texture goes before the renderer
    int width = 0;
    int height = 0;
    SDL_GetRendererOutputSize(renderer, &width, &height);
    // The kiosk's part of the window: all of it, or the touch screen's where the compositor spreads the window over
    // every output (cage), the TV's part then showing the calling screen.
    services::ScreenArea glass{0, 0, width, height};
    std::optional<services::SpanningWindowSplit> split;
    bool laidOut = false;
    const auto layOut = [&] {
        const LayoutSize layout = rotation.layoutSize(glass.width, glass.height);
        return ui.resize(layout.width, layout.height);
    };
    if (const LayoutSize layout = rotation.layoutSize(width, height); layout.height > layout.width)
        std::cerr << "village-kiosk: warning: turned by [kiosk] rotation = " << rotation.degrees()
                  << ", the screen is taller than wide; the kiosk's screens are made for a landscape screen\n";
    bool turnProblemTold = false;
    const Uint32 mainWindowId = SDL_GetWindowID(window);
    // The calling screen on a second display (a TV in the waiting room), when an area brings one and the
    // configuration and the displays allow it; it follows the displays as they are plugged in and out.
    std::optional<SecondDisplay> secondDisplay;
    if (services) {
        secondDisplay.emplace(ui.screens().roomDisplay(), *services, config, ui.sound(), options.renderer,
                              [window, &split] { return split ? split->kioskDisplay : SDL_GetWindowDisplayIndex(window); });
    }
    const services::DisplayChoice roomChoice =
        services && ui.screens().roomDisplay().make && ui.screens().roomDisplay().choice
            ? ui.screens().roomDisplay().choice(config)
            : services::DisplayChoice{services::DisplayChoice::Mode::Off, 0};
    // Where the kiosk and the calling screen go, from the window's size and the displays: at start, and again when
    // either changes (a TV plugged in widens cage's window, unplugged narrows it).
    const auto followWindow = [&] {
        SDL_GetRendererOutputSize(renderer, &width, &height);
        std::vector<services::ScreenArea> displays;
        for (int display = 0; display < SDL_GetNumVideoDisplays(); ++display) {
            SDL_Rect bounds{};
            if (SDL_GetDisplayBounds(display, &bounds) == 0) displays.push_back({bounds.x, bounds.y, bounds.w, bounds.h});
        }
        int windowWidth = 0;
        int windowHeight = 0;
        SDL_GetWindowSize(window, &windowWidth, &windowHeight);
        const std::optional<services::SpanningWindowSplit> was = split;
        split = services::splitSpanningWindow(roomChoice, displays, windowWidth, windowHeight, width, height);
        glass = split ? split->kiosk : services::ScreenArea{0, 0, width, height};
        if (split && (!was || !(was->kiosk == split->kiosk))) {
            const char* name = SDL_GetDisplayName(split->kioskDisplay);
            std::cerr << "village-kiosk: the window covers " << displays.size() << " displays: the kiosk is on display "
                      << split->kioskDisplay << ", " << (name ? name : "unnamed") << " (" << glass.width << "×"
                      << glass.height << " at " << glass.x << "," << glass.y
                      << "); its touch screen must be mapped to that output (docs/install.md)\n";
        }
        if (auto problem = layOut()) {
            std::cerr << "village-kiosk: warning: " << *problem << "\n";
            if (!laidOut) ui.state().notices.push_back(*problem);
        }
        laidOut = true;
        if (secondDisplay) {
            secondDisplay->showInArea(split && split->room ? renderer : nullptr, split ? split->room : std::nullopt,
                                      split && split->roomDisplay ? *split->roomDisplay : 0);
            if (!secondDisplay->inArea()) secondDisplay->followDisplays();
        }
    };
    followWindow();

    services::SystemClock fallbackClock;
    const services::Clock& wallClock = runtime ? runtime->clock : fallbackClock;
    FramePacer pacer;
    PointerQueue pointer;
    const std::int64_t startedAt = steadyMs();
    bool firstFrameReported = false;
    int busyFramesDrawn = 0;  // benchmark (--busy-frames): frames drawn back to back after the first
    std::int64_t busyStartedUs = 0;
    // Under systemd with WatchdogSec=: the loop wakes a quarter period apart at least, and feeds the watchdog only
    // while both it and the background work beat within half the period (LivenessMonitor).
    SystemdNotifier systemd;
    LivenessMonitor liveness(systemd.watchdogMs() / 2);
    const std::int64_t beatEveryMs = systemd.watchdogMs() / 4;
    std::int64_t lastFedMs = 0;
    // Outside the screen's hours ([kiosk] screen_on_hours), once nobody has touched it for the idle timeout, the
    // kiosk draws one black frame and nothing else; the first touch only wakes it (it presses nothing).
    const std::int64_t idleMs = static_cast<std::int64_t>(config.idleTimeoutSeconds) * 1000;
    std::int64_t lastInputMs = wallClock.nowMs();
    bool dark = false;
    // The lamp behind the panel goes out with the picture, where the panel has one the kiosk may switch; it is lit
    // at start, in case the kiosk stopped while dark.
    hardware::Backlight backlight;
    const auto lightBacklight = [&backlight](bool lit) {
        if (auto problem = backlight.setLit(lit)) std::cerr << "village-kiosk: warning: " << *problem << "\n";
    };
    lightBacklight(true);
    bool running = true;
    ui.noteInput(wallClock.nowMs());
    while (running) {
        bool reloadRoom = false;  // something may have changed what the calling screen on the TV shows
        if (options.busyFrames > 0 && busyFramesDrawn <= options.busyFrames) pacer.requestFrame();
        std::int64_t now = wallClock.nowMs();
        const int timeout = pacer.waitTimeoutMs(now, pointer);
        SDL_Event event;
        if (SDL_WaitEventTimeout(&event, timeout)) {
            do {
                if (event.type == SDL_QUIT) running = false;
                // With a second window SDL sends no SDL_QUIT when the kiosk's own window is closed.
                if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_CLOSE &&
                    event.window.windowID == mainWindowId)
                    running = false;
                if (secondDisplay && secondDisplay->handleEvent(event)) continue;  // the TV's: not for the kiosk
                if ((event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_SIZE_CHANGED &&
                     event.window.windowID == mainWindowId) ||
                    event.type == SDL_DISPLAYEVENT) {
                    followWindow();
                    pacer.onInput();
                }
                if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_EXPOSED) pacer.requestFrame();
                if (event.type == wakeEvent) {
                    pacer.requestFrame();
                    reloadRoom = true;
                }
                if (dark && (event.type == SDL_FINGERDOWN || event.type == SDL_MOUSEBUTTONDOWN ||
                             event.type == SDL_KEYDOWN)) {
                    dark = false;
                    lightBacklight(true);
                    systemd.status("showing the kiosk");
                    lastInputMs = wallClock.nowMs();
                    ui.noteInput(lastInputMs);
                    pacer.onInput();
                    continue;
                }
                if (dark) continue;  // the finger's lift and moves after the wake, or anything else, while dark
                if (feedSdlEvent(event, pointer, width, height, glass, rotation)) {
                    lastInputMs = wallClock.nowMs();
                    ui.noteInput(lastInputMs);
                    pacer.onInput();
                }
            } while (SDL_PollEvent(&event));
        }
        now = wallClock.nowMs();
        if (background && background->poll(now, ui, pacer) && dark) {
            dark = false;  // a card or barcode read: someone is there, and the screen shows what it did
            lightBacklight(true);
            lastInputMs = now;
        }
        // Without a runtime (out of order) there is no background work that could hang.
        liveness.beat(LivenessMonitor::Part::BackgroundWork, steadyMs());
        if (!dark && services::screenShouldBeDark(config.screenHours, now, lastInputMs, idleMs) &&
            !pointer.hasPending()) {
            dark = true;
            systemd.status("dark outside the screen's hours, until touched");
            pacer.requestFrame();  // the black frame, below
            lightBacklight(false);
        }
        if (dark && pacer.shouldDraw(now, pointer)) {
            // Black, but for the calling screen in the TV's part of the window: the waiting room keeps its own hours.
            SDL_SetRenderDrawColor(renderer, 0, 0, 0, 255);
            SDL_RenderClear(renderer);
            if (secondDisplay) secondDisplay->copyIntoArea();
            SDL_RenderPresent(renderer);
            pacer.onFrameDrawn(now);
        }
        if (!dark && pacer.shouldDraw(now, pointer)) {
            ui.setPointer(pacer.takePointerStep(pointer));
            if (auto problem = turnedFrame->begin(renderer, glass, !split); problem && !turnProblemTold) {
                std::cerr << "village-kiosk: warning: " << *problem << "\n";
                turnProblemTold = true;
            }
            ui.renderFrame(now);
            turnedFrame->end(renderer);
            if (secondDisplay) secondDisplay->copyIntoArea();
            SDL_RenderPresent(renderer);
            pacer.onFrameDrawn(now);
            reloadRoom = true;
            if (!firstFrameReported)
                systemd.ready(ui.state().outOfOrder.empty() ? "showing the kiosk" : "out of order: " + ui.state().outOfOrder);
            if (options.reportFirstFrame && !firstFrameReported) {
                std::printf("first-frame-monotonic-us %lld\n", static_cast<long long>(monotonicUs()));
                // The accelerated renderer may have fallen back to the software one: say which one drew.
                SDL_RendererInfo info{};
                if (SDL_GetRendererInfo(renderer, &info) == 0) std::printf("renderer-name %s\n", info.name);
                std::fflush(stdout);
            }
            if (options.busyFrames > 0 && busyFramesDrawn <= options.busyFrames) {
                // Benchmark: timed from the end of the first frame to the end of the last, so the total covers
                // exactly busyFrames frames of the loop at full speed, present included.
                if (busyFramesDrawn == 0) busyStartedUs = monotonicUs();
                else if (busyFramesDrawn == options.busyFrames) {
                    std::printf("busy-frames %d total-us %lld\n", options.busyFrames,
                                static_cast<long long>(monotonicUs() - busyStartedUs));
                    std::fflush(stdout);
                }
                ++busyFramesDrawn;
            }
            firstFrameReported = true;
        }
        liveness.beat(LivenessMonitor::Part::FrameLoop, steadyMs());
        if (beatEveryMs > 0) {
            const std::int64_t steadyNow = steadyMs();
            if (steadyNow - lastFedMs >= beatEveryMs) {
                if (liveness.alive(steadyNow)) {
                    systemd.feedWatchdog();
                    lastFedMs = steadyNow;
                } else {
                    std::cerr << "village-kiosk: error: " << liveness.staleParts(steadyNow)
                              << " stopped; the watchdog is no longer fed\n";
                }
            }
            pacer.wakeNoLaterThan(now + beatEveryMs);
        }
        const auto tick = ui.tick(now);
        if (tick.changedScreen) pacer.onInput();
        pacer.wakeNoLaterThan(tick.nextMs);
        if (background) pacer.wakeNoLaterThan(background->nextDueMs());
        if (secondDisplay) {
            secondDisplay->update(now, reloadRoom);
            if (secondDisplay->takeAreaRedrawn()) pacer.requestFrame();  // its part shows once the window is presented
            pacer.wakeNoLaterThan(secondDisplay->nextDueMs(now));
        }
        if (options.quitAfterMs > 0 && steadyMs() - startedAt >= options.quitAfterMs) running = false;
        if (options.quitAfterMs > 0) pacer.wakeNoLaterThan(now + options.quitAfterMs - (steadyMs() - startedAt));
    }

    systemd.stopping();
    secondDisplay.reset();
    background.reset();
    turnedFrame.reset();
    SDL_DestroyRenderer(renderer);
    SDL_DestroyWindow(window);
    SDL_Quit();
    return 0;
}

}  // namespace vk::app
