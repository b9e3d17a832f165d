#pragma once
#include <cstdint>
#include <string>

namespace vk::i18n {

// "samedi 21 novembre 2026" / "Saturday 21 November 2026", in the kiosk's local time zone.
std::string longDate(std::int64_t unixMs);
// "14:05"
std::string clockTime(std::int64_t unixMs);
// "21/11 14:05", for lists staff read
std::string shortDateTime(std::int64_t unixMs);

}  // namespace vk::i18n
