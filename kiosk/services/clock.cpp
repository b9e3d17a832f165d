#include "kiosk/services/clock.h"

#include <chrono>

namespace vk::services {

std::int64_t SystemClock::nowMs() const {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace vk::services
