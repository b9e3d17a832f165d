#pragma once
// One background thread that performs HTTP requests one at a time, so that a slow or dead network never
// freezes the screen. The UI thread asks (request), is woken when an answer is ready (the wake callback, which
// posts an SDL event), and takes the answer on its own thread (take), where it may touch the database.

#include "net/http_client.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace vk::net {

struct FetchResult {
    std::string tag;  // what the request was for, as the caller named it ("rota")
    HttpRequest request;
    HttpResponse response;
};

class FetchWorker {
public:
    FetchWorker();
    ~FetchWorker();  // waits for the request in flight, at most its timeout
    FetchWorker(const FetchWorker&) = delete;
    FetchWorker& operator=(const FetchWorker&) = delete;

    void setWakeCallback(std::function<void()> wake);
    // Queues a request; a request with the same tag still waiting is replaced, not doubled.
    void request(std::string tag, HttpRequest request);
    std::optional<FetchResult> take();
    bool busy() const;
    // Requests answered so far, counted once the wake callback for the answer has returned: a test waits for it
    // to know the worker is done with a request, wake included.
    int answered() const;

private:
    void run();

    HttpClient client_;
    mutable std::mutex mutex_;
    std::condition_variable wakeWorker_;
    std::deque<std::pair<std::string, HttpRequest>> pending_;
    std::deque<FetchResult> done_;
    std::function<void()> wake_;
    bool inFlight_ = false;
    int answered_ = 0;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace vk::net
