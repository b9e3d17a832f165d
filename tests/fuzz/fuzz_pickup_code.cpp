// Any bytes as a pickup code typed on the public keypad or read from the SMS's barcode: the code compared is
// short, has no space, hyphen or line break left, reads the same when read again, and a code of the right shape
// holds only the alphabet's characters (the ones nobody confuses).
#include "kiosk/services/parcels/pickup_code.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace vk::services::parcels;
    const std::string_view typed(reinterpret_cast<const char*>(data), size);
    const std::string code = normalizePickupCode(typed);
    if (code.size() > 33 || code.size() > size) std::abort();
    for (const char c : code)
        if (c == ' ' || c == '-' || c == '\r' || c == '\n' || c == '\t' || (c >= 'a' && c <= 'z')) std::abort();
    if (normalizePickupCode(code) != code) std::abort();
    if (isPickupCodeShape(code)) {
        if (code.size() != kPickupCodeLength) std::abort();
        for (const char c : code)
            if (kPickupCodeAlphabet.find(c) == std::string_view::npos) std::abort();
    }
    return 0;
}
