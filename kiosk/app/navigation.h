#pragma once
#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"

namespace vk::app {

// Goes to a screen, loading what it shows once (not every frame).
void openScreen(AppState& state, KioskServices& services, ScreenId screen);

// Back to the home screen as a new visitor would find it: staff signed out (with `reason` in the audit log),
// everything typed forgotten, the configured language back.
void returnHome(AppState& state, KioskServices& services, const char* reason);

// True when the kiosk already looks as a new visitor should find it, so the idle timeout has nothing to do.
bool isAtRest(const AppState& state);

// Where the kiosk is now, and how long it lets a person stay away before it resets: the staff timeout
// in staff mode, the public one elsewhere.
std::int64_t idleTimeoutMs(const AppState& state, const services::KioskConfig& config);

}  // namespace vk::app
