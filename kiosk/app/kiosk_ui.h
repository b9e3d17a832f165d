#pragma once
// The kiosk's interface, independent of where it is shown: a window on the counter or an off-screen surface
// in tests and screenshots. It owns the ImGui context, the fonts, the AppState and the screens the areas
// registered, and draws one frame at a time into an SDL_Renderer. What a frame's taps asked for is applied
// after the frame; an exception from a tap or a screen never ends the process: the out-of-order screen says
// so, with a way to try again.

#include "hardware/reader_events.h"
#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/app/kiosk_sound.h"
#include "kiosk/app/pointer_queue.h"
#include "kiosk/app/screen_registry.h"
#include "kiosk/services/idle_timer.h"

#include <cstdint>
#include <exception>
#include <string>
#include <vector>

struct SDL_Renderer;
struct ImGuiContext;

namespace vk::app {

class KioskUi : private Navigator {
public:
    // `services` is null when the kiosk is out of order: then only the out-of-order screen is drawn. Sound goes
    // to `audio`, or to the default audio device when it is null.
    KioskUi(SDL_Renderer* renderer, KioskServices* services, const services::KioskConfig& config,
            std::unique_ptr<ui::AudioOutput> audio = nullptr);
    ~KioskUi();
    KioskUi(const KioskUi&) = delete;
    KioskUi& operator=(const KioskUi&) = delete;

    // Sets the drawing size; fonts are rebuilt for the new height. Returns a font problem, if any.
    std::optional<std::string> resize(int width, int height);

    // Input: the pointer state for the coming frame, typed characters, keys.
    void setPointer(const PointerState& pointer);
    void noteInput(std::int64_t nowMs);

    struct Tick {
        bool changedScreen = false;  // the idle timeout sent the kiosk home, or a fault was retried: draw it
        std::int64_t nextMs = 0;     // when tick() has something to do again
    };
    // The idle timeout, and the retry after a fault.
    Tick tick(std::int64_t nowMs);

    void onReaderEvent(const hardware::ReaderEvent& event);

    // Draws one frame into the renderer (the caller presents it or reads its pixels), then applies what its
    // taps asked for.
    void renderFrame(std::int64_t nowMs);
    // False: the frames are built and their taps applied as ever, but not painted (a headless soak; see
    // HeadlessKiosk::paintOneFrameIn).
    void setPainting(bool painting) { painting_ = painting; }

    // Something failed outside a frame (background work): shown and logged as a failed tap is.
    void reportFault(const std::exception& error, const char* where);

    // Goes to a screen now, as a tap does after its frame (tests, screenshots).
    void openScreen(ScreenId screen);
    void returnHome(const char* reason);
    // True when the kiosk looks as a new visitor should find it, so the idle timeout has nothing to do.
    bool isAtRest() const;

    AppState& state() { return state_; }
    ScreenRegistry& screens() { return registry_; }
    ImGuiContext* context() { return context_; }
    KioskSound& sound() override { return sound_; }
    // What the current screen reads aloud (empty for staff screens), as « Écouter » would read it now.
    std::string spokenText();

    // Large text: every size this many times the usual on the residents' screens (AppState::largeText).
    static constexpr float kLargeTextFactor = 1.4f;
    // The width of « Écouter » at the end of a header bar, in ems.
    static constexpr float kListenButtonEm = 7.0f;

    static constexpr std::int64_t kFaultRetryMs = 60'000;
    // The reason a return home gives when nobody touched the kiosk: the next visitor's, in the kiosk's language.
    static constexpr const char* kIdleReason = "idle";
    // How long before the idle return the kiosk asks « Voulez-vous plus de temps ? », counting down.
    static constexpr std::int64_t kMoreTimeWarningMs = 20'000;
    // Nothing a resident reads goes sooner than this (docs/accessibility.md).
    static constexpr std::int64_t kLeastTimeToReadMs = 10'000;

private:
    void defer(Change change) override { pending_.push_back(std::move(change)); }
    void openNow(ScreenId screen) override;
    void returnHomeNow(const char* reason) override;
    Screen* find(ScreenId screen) override { return registry_.find(screen); }
    void listenButton(const ImVec2& size) override;
    // The fonts for the drawing height, at the large-text size or the usual one.
    std::optional<std::string> loadFontsForHeight(bool large);
    // A screen for residents is up (large text applies to those only; staff screens keep their size).
    bool showsResidentScreen();

    void drawScreen(std::int64_t nowMs);
    // The last seconds before the idle return: the screen is greyed out under a question with a countdown.
    // Returns how many seconds are left, or 0 when the question is not up.
    int moreTimeSecondsLeft(std::int64_t nowMs) const;
    void drawMoreTimeQuestion(ScreenContext& context, int secondsLeft);
    std::int64_t moreTimeWarningMs() const;
    void applyPending();

    SDL_Renderer* renderer_;
    ImGuiContext* context_;
    KioskServices* services_;
    const services::KioskConfig& config_;
    AppState state_;
    ScreenRegistry registry_;
    std::vector<Change> pending_;
    bool wentHome_ = false;  // set by a return home: the changes after it were asked by screens now gone
    services::IdleTimer idle_;
    // When « Voulez-vous plus de temps ? » went up, 0 when it is not. It stays until answered or until its
    // countdown ends: the finger that answers it counts as activity, and must not make it vanish under the finger
    // so that the lift lands on the screen beneath.
    std::int64_t moreTimeAskedAtMs_ = 0;
    KioskSound sound_;
    // The press that began this tap cut a reading: « Écouter » under it must not start it again.
    bool pressStoppedReading_ = false;
    bool painting_ = true;
    bool fontsLarge_ = false;  // the fonts loaded are the large-text ones (a resident screen in large text)
    int width_ = 0;
    int height_ = 0;
    std::int64_t lastFrameMs_ = 0;
};

}  // namespace vk::app
