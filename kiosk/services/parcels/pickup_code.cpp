#include "kiosk/services/parcels/pickup_code.h"

#include <algorithm>
#include <cctype>

namespace vk::services::parcels {

std::string normalizePickupCode(std::string_view typed) {
    std::string code;
    for (const char c : typed) {
        if (c == ' ' || c == '-' || c == '\r' || c == '\n' || c == '\t') continue;
        code += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (code.size() > 32) break;
    }
    return code;
}

bool isPickupCodeShape(std::string_view normalized) {
    return normalized.size() == kPickupCodeLength &&
           std::all_of(normalized.begin(), normalized.end(),
                       [](char c) { return kPickupCodeAlphabet.find(c) != std::string_view::npos; });
}

}  // namespace vk::services::parcels
