#pragma once
// The kiosk's interface, independent of where it is shown: a window on the counter or an off-screen surface
// in tests and screenshots. It owns the ImGui context, the fonts and the AppState, and draws one frame at a
// time into an SDL_Renderer.

#include "hardware/reader_events.h"
#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/app/pointer_queue.h"
#include "kiosk/services/idle_timer.h"

#include <cstdint>
#include <string>

struct SDL_Renderer;
struct ImGuiContext;

namespace vk::app {

class KioskUi {
public:
    // `services` is null when the kiosk is out of order: then only the out-of-order screen is drawn.
    KioskUi(SDL_Renderer* renderer, KioskServices* services, const services::KioskConfig& config);
    ~KioskUi();
    KioskUi(const KioskUi&) = delete;
    KioskUi& operator=(const KioskUi&) = delete;

    // Sets the drawing size; fonts are rebuilt for the new height. Returns a font problem, if any.
    std::optional<std::string> resize(int width, int height);

    // Input: the pointer state for the coming frame, typed characters, keys.
    void setPointer(const PointerState& pointer);
    void noteInput(std::int64_t nowMs);

    struct Tick {
        bool changedScreen = false;  // the idle timeout sent the kiosk home: draw it
        std::int64_t nextMs = 0;     // when tick() has something to do again
    };
    // The idle timeout.
    Tick tick(std::int64_t nowMs);

    void onReaderEvent(const hardware::ReaderEvent& event);

    // Draws one frame into the renderer (the caller presents it or reads its pixels).
    void renderFrame(std::int64_t nowMs);

    AppState& state() { return state_; }
    ImGuiContext* context() { return context_; }

private:
    void drawScreen(std::int64_t nowMs);

    SDL_Renderer* renderer_;
    ImGuiContext* context_;
    KioskServices* services_;
    const services::KioskConfig& config_;
    AppState state_;
    services::IdleTimer idle_;
    int width_ = 0;
    int height_ = 0;
    std::int64_t lastFrameMs_ = 0;
};

}  // namespace vk::app
