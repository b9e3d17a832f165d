#pragma once
// What a card reader's read must look like before it is taken for a card (staff badges, members' and patients'
// cards all go through cardDigest, staff_service.h).

#include <algorithm>
#include <cctype>
#include <string>

namespace vk::services {

// A card UID as readers give it: hexadecimal digits, maybe split by ':', ' ' or '-' ("04:A1:B2"), and no longer
// than a UID with separators can be (10 bytes). Anything else (control characters, a line of text) is a garbled
// read, not a card.
inline bool isCardUid(const std::string& text) {
    constexpr std::size_t kLongestUid = 64;
    const auto isHex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
    return text.size() <= kLongestUid && std::any_of(text.begin(), text.end(), isHex) &&
           std::all_of(text.begin(), text.end(), [&](char c) { return isHex(c) || c == ':' || c == ' ' || c == '-'; });
}

}  // namespace vk::services
