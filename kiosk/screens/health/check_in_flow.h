#pragma once
#include "kiosk/screens/screens.h"
#include "kiosk/services/health/check_in.h"

namespace vk::screens {

// Shows a check-in's outcome and, when a patient is checked in, prints their ticket. Shared by the check-in
// screen and a card presented on the reader.
void showCheckInResult(AppState& state, KioskServices& services, const services::health::CheckInResult& result);

}  // namespace vk::screens
