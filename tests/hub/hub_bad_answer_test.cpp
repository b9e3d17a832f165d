// A hub (or something in front of it: a proxy, a hub of another version) that answers a pull with a body the kiosk
// cannot read. The round ends with its message and moves nothing; the next readable answer goes through. The far
// end is a cpp-httplib server on 127.0.0.1 that says what the test tells it to, no PostgreSQL needed.

#include "hub_harness.h"

#include <catch2/catch.hpp>
#include <httplib.h>

#include <chrono>
#include <mutex>
#include <string>
#include <thread>

using namespace vk;

namespace {

class ScriptedHub {
public:
    ScriptedHub() {
        server_.Get("/v1/pull", [this](const httplib::Request&, httplib::Response& response) {
            const std::lock_guard lock(mutex_);
            ++pulls_;
            response.set_content(pullAnswer_, "application/json");
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~ScriptedHub() {
        server_.stop();
        thread_.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    void answerPullsWith(std::string body) {
        const std::lock_guard lock(mutex_);
        pullAnswer_ = std::move(body);
    }
    int pulls() {
        const std::lock_guard lock(mutex_);
        return pulls_;
    }

private:
    httplib::Server server_;
    std::thread thread_;
    std::mutex mutex_;
    std::string pullAnswer_;
    int pulls_ = 0;
    int port_ = 0;
};

}  // namespace

TEST_CASE("a pull answer whose \"more\" is not true or false ends the round with its message and moves nothing",
          "[hub][bad-input]") {
    test::TempFolder folder;
    ScriptedHub hub;
    test::TestKiosk kiosk(folder.path, hub.url(), "a-credential");

    // The input fuzz_hub_payload found (tests/fuzz/corpus/hub_payload/pull_more_not_boolean.json), cut to what
    // matters: it used to throw out of the round (json::value), which in the running kiosk reached the loop's
    // catch-all at every poll.
    const auto bad = GENERATE(as<std::string>{}, R"({"changes": [], "up_to": 5, "more": 5})",
                              R"({"changes": [], "up_to": 5, "more": "yes"})",
                              R"({"changes": [], "up_to": 5, "more": null})");
    hub.answerPullsWith(bad);
    services::sync::SyncRoundResult round;
    REQUIRE_NOTHROW(round = kiosk.sync());
    CHECK_FALSE(round.ok);
    CHECK(round.error == "the hub's answer to a pull could not be read: "
                         "the hub's answer has a \"more\" that is neither true nor false");
    CHECK(hub.pulls() == 1);
    CHECK(kiosk.service->status().pulledUpTo == 0);
    CHECK(kiosk.service->status().lastError == round.error);

    hub.answerPullsWith(R"({"changes": [], "up_to": 5, "more": false, "village": ""})");
    round = kiosk.sync();
    CHECK(round.ok);
    CHECK(round.error.empty());
    CHECK(kiosk.service->status().pulledUpTo == 5);
}

TEST_CASE("a pull answer without \"more\" is read as nothing more to pull", "[hub]") {
    test::TempFolder folder;
    ScriptedHub hub;
    test::TestKiosk kiosk(folder.path, hub.url(), "a-credential");
    hub.answerPullsWith(R"({"changes": [], "up_to": 3})");
    const auto round = kiosk.sync();
    CHECK(round.ok);
    CHECK(hub.pulls() == 1);  // not asked again: an absent "more" is false
    CHECK(kiosk.service->status().pulledUpTo == 3);
}
