// Any bytes as a scanned tracking number: checkTrackingNumber never crashes, and a number it accepts is short,
// upper case and free of spaces and control bytes.
#include "kiosk/services/parcels/tracking_number.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace vk::services::parcels;
    const TrackingCheck check = checkTrackingNumber(std::string_view(reinterpret_cast<const char*>(data), size));
    if (check.problem == TrackingProblem::None) {
        if (check.normalized.empty() || check.normalized.size() > kMaxTrackingLength) std::abort();
        for (const char c : check.normalized)
            if (static_cast<unsigned char>(c) <= ' ' || (c >= 'a' && c <= 'z')) std::abort();
    }
    return 0;
}
