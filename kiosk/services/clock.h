#pragma once
#include <cstdint>

namespace vk::services {

// The time the services see. Tests move a ManualClock instead of sleeping.
class Clock {
public:
    virtual ~Clock() = default;
    virtual std::int64_t nowMs() const = 0;  // ms since the Unix epoch, UTC
};

class SystemClock final : public Clock {
public:
    std::int64_t nowMs() const override;
};

class ManualClock final : public Clock {
public:
    explicit ManualClock(std::int64_t startMs) : nowMs_(startMs) {}
    std::int64_t nowMs() const override { return nowMs_; }
    void advanceMs(std::int64_t ms) { nowMs_ += ms; }
    void setMs(std::int64_t ms) { nowMs_ = ms; }

private:
    std::int64_t nowMs_;
};

}  // namespace vk::services
