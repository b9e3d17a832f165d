#include "net/fetch_worker.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <optional>
#include <thread>

TEST_CASE("the fetch worker answers on its own thread and wakes the loop, even for a dead network", "[net][worker]") {
    vk::net::FetchWorker worker;
    std::atomic<int> wakes{0};
    worker.setWakeCallback([&] { ++wakes; });
    vk::net::HttpRequest request;
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    request.url = "http://127.0.0.1:1/rota.ics";
    request.timeout = std::chrono::milliseconds(2000);
    worker.request("rota", request);
    std::optional<vk::net::FetchResult> result;
    // The wake comes just after the answer is posted: wait for both, within bounds.
    for (int i = 0; i < 400 && (!result || wakes == 0); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        if (!result) result = worker.take();
    }
    REQUIRE(result);
    CHECK(result->tag == "rota");
    CHECK(result->response.outcome == vk::net::HttpOutcome::NetworkError);
    CHECK_FALSE(result->response.message.empty());
    CHECK(wakes == 1);
    CHECK_FALSE(worker.busy());
}
