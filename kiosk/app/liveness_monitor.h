#pragma once
// Whether the kiosk is alive, as systemd's watchdog should hear it: the frame loop and the background work each
// beat when they complete a round; the watchdog is fed only while both beat recently. A loop stuck in a frame, or
// background work stuck in a call that never returns, stops the feeding, and systemd restarts the kiosk.

#include <cstdint>
#include <string>

namespace vk::app {

class LivenessMonitor {
public:
    enum class Part { FrameLoop, BackgroundWork };

    // A part that has not beaten for `staleAfterMs` is taken for hung.
    explicit LivenessMonitor(std::int64_t staleAfterMs) : staleAfterMs_(staleAfterMs) {}

    void beat(Part part, std::int64_t nowMs);
    // Both parts beat within the last staleAfterMs (and each at least once).
    bool alive(std::int64_t nowMs) const;
    // The parts that have not beaten recently, for the log: "frame loop", "background work", or both.
    std::string staleParts(std::int64_t nowMs) const;

private:
    bool recent(std::int64_t beatMs, std::int64_t nowMs) const {
        return beatMs >= 0 && nowMs - beatMs <= staleAfterMs_;
    }
    std::int64_t staleAfterMs_;
    std::int64_t frameLoopMs_ = -1;
    std::int64_t backgroundWorkMs_ = -1;
};

}  // namespace vk::app
