#pragma once
// What the loop does besides drawing: reader events, the daily purge, the rota feed (and, with the hardware
// layer, the printer's state). Worker threads post their results and wake the loop; poll() takes them on the
// loop's thread, where the services and the database may be used.

#include "kiosk/app/frame_pacer.h"
#include "kiosk/app/kiosk_ui.h"
#include "kiosk/services/kiosk_runtime.h"
#include "net/fetch_worker.h"

#include <cstdint>
#include <functional>
#include <memory>

namespace vk::app {

class BackgroundWork {
public:
    // `wakeLoop` may be called from any thread.
    BackgroundWork(services::KioskRuntime& runtime, std::function<void()> wakeLoop);
    ~BackgroundWork();
    BackgroundWork(const BackgroundWork&) = delete;
    BackgroundWork& operator=(const BackgroundWork&) = delete;

    // Takes what the workers posted, starts what is due; asks the pacer for frames when the screen changes.
    void poll(std::int64_t nowMs, KioskUi& ui, FramePacer& pacer);
    // The next time poll() has something to start.
    std::int64_t nextDueMs() const;

private:
    services::KioskRuntime& runtime_;
    std::unique_ptr<net::FetchWorker> rotaFetcher_;
    std::int64_t nextRotaFetchMs_ = 0;
};

}  // namespace vk::app
