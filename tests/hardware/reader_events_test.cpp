#include "hardware/reader_events.h"

#include <catch2/catch.hpp>

using vk::hardware::ReaderEventQueue;
using vk::hardware::SimulatedReader;

TEST_CASE("a simulated card reaches the UI queue and wakes the loop", "[hardware][reader]") {
    ReaderEventQueue queue;
    int wakes = 0;
    queue.setWakeCallback([&] { ++wakes; });
    SimulatedReader reader(queue);
    reader.presentCard("04A1B2C3");
    REQUIRE(wakes == 1);
    const auto event = queue.take();
    REQUIRE(event);
    CHECK(event->kind == vk::hardware::ReadKind::CardUid);
    CHECK(event->value == "04A1B2C3");
    CHECK_FALSE(queue.take());
}

TEST_CASE("a flooding reader keeps only the newest events", "[hardware][reader]") {
    ReaderEventQueue queue;
    SimulatedReader reader(queue);
    for (int i = 0; i < 1000; ++i) reader.scanBarcode(std::to_string(i));
    int count = 0;
    std::string last;
    while (auto event = queue.take()) {
        ++count;
        last = event->value;
    }
    CHECK(count == 64);
    CHECK(last == "999");
}
