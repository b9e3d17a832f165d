#pragma once
// A screen of the kiosk: registered by its area under an id, it keeps its own form, list and message, and is
// made anew when the kiosk returns home, so nothing typed survives a visitor. Draw code never changes the
// model while it draws: a tap records the change (ScreenContext::later, open, returnHome) and the change is
// applied after the frame; the next frame draws the result.

#include "hardware/reader_events.h"
#include "kiosk/services/staff_service.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

struct ImVec2;

namespace vk::app {

struct AppState;
struct KioskServices;
class KioskSound;
class ScreenContext;

// A screen's id ("health-rota": the area, then the screen, in lower case with dashes, as the screenshot command
// takes it), declared once as a constant in its area's header (kiosk/screens/<area>/<area>_screens.h), so that a
// misspelt id does not compile. Every id must be registered: a test opens every registered screen, and the
// registry refuses a home tile or staff tool that leads nowhere.
struct ScreenId {
    std::string_view name;
    constexpr bool operator==(const ScreenId&) const = default;
};

inline constexpr ScreenId kHomeScreen{"home"};

class Screen {
public:
    virtual ~Screen() = default;
    // Loads what the screen shows, once, when it is opened (not every frame).
    virtual void open(ScreenContext& context) { (void)context; }
    virtual void draw(ScreenContext& context) = 0;
    // A card or barcode read while this screen is up. Returns true when the screen used it.
    virtual bool onRead(ScreenContext& context, const hardware::ReaderEvent& event) {
        (void)context;
        (void)event;
        return false;
    }
    // Who may open it; anyone else is sent home. Public screens accept everyone.
    virtual bool allowed(const std::optional<services::StaffSession>& staff) const {
        (void)staff;
        return true;
    }
    // When the screen must be drawn again although nothing happened (a countdown it shows); kNoRedraw if never.
    static constexpr std::int64_t kNoRedraw = INT64_MAX;
    virtual std::int64_t nextRedrawMs(std::int64_t nowMs) const {
        (void)nowMs;
        return kNoRedraw;
    }
    // A screen for a room rather than a person (the waiting room's calling screen): opening it ends the staff
    // session, and the idle timeout leaves it up.
    virtual bool isPublicDisplay() const { return false; }
    // What « Écouter » reads: the screen's main content as sentences, in the language shown. Empty (the default)
    // for staff screens, which are never read aloud; a screen residents see in public never reads a person's name.
    virtual std::string spokenText(ScreenContext& context) {
        (void)context;
        return {};
    }
};

// What carries the screens' requests out: the kiosk's interface (KioskUi).
class Navigator {
public:
    // A change is given a fresh context when it runs: the one a screen drew with is gone by then.
    using Change = std::function<void(ScreenContext&)>;
    virtual void defer(Change change) = 0;
    virtual void openNow(ScreenId screen) = 0;
    virtual void returnHomeNow(const char* reason) = 0;
    virtual Screen* find(ScreenId screen) = 0;
    virtual KioskSound& sound() = 0;
    // « Écouter » (« Arrêter » while reading) at the cursor, reading the current screen's spokenText.
    virtual void listenButton(const ImVec2& size) = 0;

protected:
    Navigator() = default;
    Navigator(const Navigator&) = default;
    Navigator& operator=(const Navigator&) = default;
    virtual ~Navigator() = default;
};

// What a screen is given to draw: the shared state, the services, and the way to ask for changes.
class ScreenContext {
public:
    ScreenContext(AppState& sharedState, KioskServices& kioskServices, Navigator& navigator)
        : state(sharedState), services(kioskServices), navigator_(navigator) {}

    AppState& state;
    KioskServices& services;

    // Runs `change` after this frame, in the order asked, with everything else recorded this frame. A return
    // home drops what was asked after it (the screens it was asked by are made anew).
    void later(Navigator::Change change) { navigator_.defer(std::move(change)); }
    void later(std::function<void()> change) {
        navigator_.defer([change = std::move(change)](ScreenContext&) { change(); });
    }
    // Goes to a screen after this frame; it loads what it shows then.
    void open(ScreenId screen) {
        navigator_.defer([screen](ScreenContext& context) { context.navigator_.openNow(screen); });
    }
    // Back to the home screen as a new visitor finds it (staff signed out with `reason` in the audit log).
    void returnHome(const char* reason) {
        navigator_.defer([reason](ScreenContext& context) { context.navigator_.returnHomeNow(reason); });
    }
    // The kiosk's voice and chimes (kiosk/app/kiosk_sound.h).
    KioskSound& sound() { return navigator_.sound(); }
    // The read-aloud button, for a screen that places it itself (the home screen); screens with a header bar get
    // it at the bar's right end without asking.
    void listenButton(const ImVec2& size) { navigator_.listenButton(size); }
    // Another registered screen, to hand it something (a check-in result for the check-in screen).
    template <class S>
    S* screen(ScreenId id) const {
        return dynamic_cast<S*>(navigator_.find(id));
    }

private:
    Navigator& navigator_;
};

}  // namespace vk::app
