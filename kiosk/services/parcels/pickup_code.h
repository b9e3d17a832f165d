#pragma once
// Pickup codes are printed on the label and in the SMS and typed (or scanned from the SMS's barcode) at the kiosk:
// six characters from an alphabet without the ones people confuse (0/O, 1/I/L, and 2/Z, 5/S, 8/B as on the health
// codes). Reading what was typed is apart from the desk so that the fuzzer tries it alone (tests/fuzz).

#include <cstddef>
#include <string>
#include <string_view>

namespace vk::services::parcels {

inline constexpr std::string_view kPickupCodeAlphabet = "346789ACDEFGHJKMNPQRTUVWXY";
inline constexpr std::size_t kPickupCodeLength = 6;
// What a code is compared as: upper case, spaces, hyphens and line breaks dropped, at most 33 bytes (anything
// longer is not a code, and the rest of a scanner's page is not read).
std::string normalizePickupCode(std::string_view typed);
bool isPickupCodeShape(std::string_view normalized);

}  // namespace vk::services::parcels
