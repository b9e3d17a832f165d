#pragma once
// What the loop does besides drawing: reader events, the daily purge and each area's background work (the rota
// feed…). Worker threads post their results and wake the loop; poll() takes them on the loop's thread, where the
// services and the database may be used. A failure there never ends the kiosk: it is shown and logged, and
// the work is tried again a little later.

#include "kiosk/app/frame_pacer.h"
#include "kiosk/app/kiosk_ui.h"
#include "kiosk/services/kiosk_runtime.h"

#include <cstdint>
#include <functional>

namespace vk::app {

class BackgroundWork {
public:
    // `wakeLoop` may be called from any thread.
    BackgroundWork(services::KioskRuntime& runtime, std::function<void()> wakeLoop);
    ~BackgroundWork();
    BackgroundWork(const BackgroundWork&) = delete;
    BackgroundWork& operator=(const BackgroundWork&) = delete;

    // Takes what the workers posted, starts what is due; asks the pacer for frames when the screen changes.
    // Returns true when a card or barcode was read: someone is at the kiosk.
    bool poll(std::int64_t nowMs, KioskUi& ui, FramePacer& pacer);
    // The next time poll() has something to start.
    std::int64_t nextDueMs() const;

    static constexpr std::int64_t kRetryAfterFailureMs = 60'000;

private:
    services::KioskRuntime& runtime_;
    std::int64_t pausedUntilMs_ = 0;  // after a failure, the areas' work waits this long
};

}  // namespace vk::app
