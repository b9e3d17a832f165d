#include "kiosk/app/background_work.h"

#include <algorithm>

namespace vk::app {

BackgroundWork::BackgroundWork(services::KioskRuntime& runtime, std::function<void()> wakeLoop) : runtime_(runtime) {
    runtime_.readers.setWakeCallback(wakeLoop);
    runtime_.devicesChanged.set(wakeLoop);
    if (!runtime_.config.rotaFeedUrl.empty()) {
        rotaFetcher_ = std::make_unique<net::FetchWorker>();
        rotaFetcher_->setWakeCallback(wakeLoop);
    }
}

BackgroundWork::~BackgroundWork() {
    runtime_.readers.setWakeCallback({});
    runtime_.devicesChanged.set({});
}

void BackgroundWork::poll(std::int64_t nowMs, KioskUi& ui, FramePacer& pacer) {
    while (auto read = runtime_.readers.take()) {
        ui.noteInput(nowMs);
        ui.onReaderEvent(*read);
        pacer.onInput();
    }
    runtime_.retention.runIfDue();
    if (rotaFetcher_) {
        const std::string& url = runtime_.config.rotaFeedUrl;
        if (nowMs >= nextRotaFetchMs_) {
            rotaFetcher_->request("rota", runtime_.rota.feedRequest(url));
            nextRotaFetchMs_ = nowMs + static_cast<std::int64_t>(runtime_.config.rotaRefreshMinutes) * 60'000;
        }
        while (auto fetched = rotaFetcher_->take()) {
            runtime_.rota.applyFeedResponse(url, fetched->response);
            ui.state().health.loadedMinute = -1;  // the rota on screen is read again
            pacer.requestFrame();
        }
    }
}

std::int64_t BackgroundWork::nextDueMs() const {
    std::int64_t next = runtime_.retention.nextRunMs();
    if (rotaFetcher_) next = std::min(next, nextRotaFetchMs_);
    return next;
}

}  // namespace vk::app
