#include "kiosk/services/parcels/public_pickup.h"

#include <algorithm>

namespace vk::services::parcels {
namespace {

constexpr std::int64_t kMsPerMinute = 60'000;
constexpr std::int64_t kRequestKeptMs = 60 * kMsPerMinute;

}  // namespace

PublicPickup::PublicPickup(ParcelDesk& desk, const Clock& clock, StaffService& staff, const ParcelsSettings& settings)
    : desk_(desk),
      clock_(clock),
      staff_(staff),
      missesBeforePause_(std::max(1, settings.wrongCodesBeforePause)),
      missWindowMs_(std::max(1, settings.wrongCodeWindowMinutes) * kMsPerMinute),
      pauseMs_(std::max(1, settings.pauseMinutes) * kMsPerMinute) {}

void PublicPickup::noteMiss() {
    const std::int64_t now = clock_.nowMs();
    std::erase_if(recentMisses_, [&](std::int64_t at) { return at <= now - missWindowMs_; });
    recentMisses_.push_back(now);
    if (static_cast<int>(recentMisses_.size()) >= missesBeforePause_) {
        pausedUntil_ = now + pauseMs_;
        recentMisses_.clear();
        staff_.audit(nullptr, "parcels.code_paused", {{"count", std::to_string(missesBeforePause_)}});
    }
}

PickupOutcome PublicPickup::request(const std::string& typedOrScanned) {
    const std::string code = normalizePickupCode(typedOrScanned);
    const bool shaped = isPickupCodeShape(code);
    const bool found = shaped && !desk_.onShelfByCode(code).empty();
    if (found) {
        std::erase_if(requests_, [&](const PickupRequest& r) { return r.code == code; });
        requests_.push_back({code, clock_.nowMs()});
    }
    if (pausing()) return PickupOutcome::GoToCounter;
    if (!shaped) {
        // Too short or impossible characters: a slip of the finger, counted all the same (the shape is public).
        noteMiss();
        return code.size() < ParcelDesk::kPickupCodeLength ? PickupOutcome::InvalidInput : PickupOutcome::UnknownCode;
    }
    if (!found) {
        noteMiss();
        return PickupOutcome::UnknownCode;
    }
    return PickupOutcome::GoToCounter;
}

std::vector<PickupRequest> PublicPickup::recentRequests() const {
    std::vector<PickupRequest> recent;
    const std::int64_t now = clock_.nowMs();
    for (auto it = requests_.rbegin(); it != requests_.rend(); ++it)
        if (it->atMs > now - kRequestKeptMs) recent.push_back(*it);
    return recent;
}

void PublicPickup::forget(const std::string& code) {
    std::erase_if(requests_, [&](const PickupRequest& r) { return r.code == code; });
}

}  // namespace vk::services::parcels
