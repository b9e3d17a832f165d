#include "net/fetch_worker.h"

namespace vk::net {

FetchWorker::FetchWorker() : thread_([this] { run(); }) {}

FetchWorker::~FetchWorker() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        pending_.clear();
    }
    wakeWorker_.notify_all();
    thread_.join();
}

void FetchWorker::setWakeCallback(std::function<void()> wake) {
    std::lock_guard lock(mutex_);
    wake_ = std::move(wake);
}

void FetchWorker::request(std::string tag, HttpRequest request) {
    {
        std::lock_guard lock(mutex_);
        for (auto& [waitingTag, waiting] : pending_)
            if (waitingTag == tag) {
                waiting = std::move(request);
                return;
            }
        pending_.emplace_back(std::move(tag), std::move(request));
    }
    wakeWorker_.notify_one();
}

std::optional<FetchResult> FetchWorker::take() {
    std::lock_guard lock(mutex_);
    if (done_.empty()) return std::nullopt;
    FetchResult result = std::move(done_.front());
    done_.pop_front();
    return result;
}

bool FetchWorker::busy() const {
    std::lock_guard lock(mutex_);
    return inFlight_ || !pending_.empty();
}

int FetchWorker::answered() const {
    std::lock_guard lock(mutex_);
    return answered_;
}

void FetchWorker::run() {
    for (;;) {
        std::pair<std::string, HttpRequest> next;
        {
            std::unique_lock lock(mutex_);
            wakeWorker_.wait(lock, [this] { return stopping_ || !pending_.empty(); });
            if (stopping_) return;
            next = std::move(pending_.front());
            pending_.pop_front();
            inFlight_ = true;
        }
        HttpResponse response = client_.get(next.second);
        std::function<void()> wake;
        {
            std::lock_guard lock(mutex_);
            inFlight_ = false;
            done_.push_back({std::move(next.first), std::move(next.second), std::move(response)});
            wake = wake_;
        }
        if (wake) wake();
        std::lock_guard lock(mutex_);
        ++answered_;
    }
}

}  // namespace vk::net
