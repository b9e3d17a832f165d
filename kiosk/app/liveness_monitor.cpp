#include "kiosk/app/liveness_monitor.h"

namespace vk::app {

void LivenessMonitor::beat(Part part, std::int64_t nowMs) {
    (part == Part::FrameLoop ? frameLoopMs_ : backgroundWorkMs_) = nowMs;
}

bool LivenessMonitor::alive(std::int64_t nowMs) const {
    return recent(frameLoopMs_, nowMs) && recent(backgroundWorkMs_, nowMs);
}

std::string LivenessMonitor::staleParts(std::int64_t nowMs) const {
    std::string parts;
    if (!recent(frameLoopMs_, nowMs)) parts = "frame loop";
    if (!recent(backgroundWorkMs_, nowMs)) parts += std::string(parts.empty() ? "" : " and ") + "background work";
    return parts;
}

}  // namespace vk::app
