#include "eventually.h"
#include "net/fetch_worker.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <optional>

using vk::test::eventually;

TEST_CASE("the fetch worker answers on its own thread and wakes the loop, even for a dead network", "[net][worker]") {
    vk::net::FetchWorker worker;
    std::atomic<int> wakes{0};
    worker.setWakeCallback([&] { ++wakes; });
    vk::net::HttpRequest request;
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    request.url = "http://127.0.0.1:1/rota.ics";
    request.timeout = std::chrono::milliseconds(2000);
    worker.request("rota", request);
    // answered() moves once the worker is through with the request, its wake included: one wake, not two.
    REQUIRE(eventually([&] { return worker.answered() == 1; }));
    CHECK(wakes == 1);
    CHECK_FALSE(worker.busy());
    const std::optional<vk::net::FetchResult> result = worker.take();
    REQUIRE(result);
    CHECK(result->tag == "rota");
    CHECK(result->response.outcome == vk::net::HttpOutcome::NetworkError);
    CHECK_FALSE(result->response.message.empty());
    CHECK_FALSE(worker.take());
}
