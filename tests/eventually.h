#pragma once
// Waiting in tests for what another thread does: polls, and gives up after a bound so a hung device thread fails
// the test instead of hanging the suite.

#include <chrono>
#include <string>
#include <string_view>
#include <thread>

namespace vk::test {

template <typename Predicate>
bool eventually(Predicate predicate, std::chrono::milliseconds limit = std::chrono::milliseconds(5000)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (predicate()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return predicate();
}

inline bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

}  // namespace vk::test
