#pragma once
#include <cstdint>
#include <string>

namespace vk::storage {

// A globally unique id for a record that kiosks may one day share through a hub: a UUID version 7
// (RFC 9562), whose leading 48 bits are the creation time in ms, so ids sort by age and index well.
std::string newRecordId(std::int64_t unixMs);

bool isRecordId(const std::string& text);

}  // namespace vk::storage
