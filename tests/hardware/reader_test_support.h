#pragma once
// The next event a reader thread posts, waited for within a bound.

#include "eventually.h"
#include "hardware/reader_events.h"

#include <chrono>
#include <optional>

namespace vk::test {

inline std::optional<hardware::ReaderEvent> waitForEvent(hardware::ReaderEventQueue& queue,
                                                         std::chrono::milliseconds limit = std::chrono::milliseconds(3000)) {
    std::optional<hardware::ReaderEvent> event;
    eventually([&] { return (event = queue.take()).has_value(); }, limit);
    return event;
}

}  // namespace vk::test
