#pragma once
// What the waiting room reads from its seats: the ticket called in, the next ones, a doctor's delay. Drawn under
// the calling screen's header on the kiosk (public mode) and alone on the waiting room's TV (a second window,
// kiosk/app/second_display.h). Ticket numbers only, never a name.

#include "kiosk/app/room_display.h"
#include "kiosk/services/health/new_call_detector.h"
#include "kiosk/services/health/waiting_room.h"

namespace vk::screens {

class CallingBoardDisplay final : public app::RoomDisplay {
public:
    Refresh refresh(app::KioskServices& services) override;
    void draw() override;

private:
    bool loaded_ = false;
    services::health::CallingBoard board_;
    int delayMinutes_ = 0;
    services::health::NewCallDetector newCalls_;
};

}  // namespace vk::screens
