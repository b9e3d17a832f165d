#pragma once
// A signature drawn with a finger on the touchscreen: strokes of points, kept compactly in the database (int16
// little-endian x,y pairs, (-1,-1) between strokes) and drawn as a small picture on the printed proof.

#include "hardware/receipt.h"

#include <cstdint>
#include <vector>

namespace vk::services::parcels {

struct SignaturePoint {
    std::int16_t x = 0;
    std::int16_t y = 0;
    bool operator==(const SignaturePoint&) const = default;
};
using SignatureStroke = std::vector<SignaturePoint>;
using Signature = std::vector<SignatureStroke>;

std::vector<std::uint8_t> encodeSignature(const Signature& signature);
Signature decodeSignature(const std::vector<std::uint8_t>& bytes);

// The strokes scaled into a picture `width` dots wide (their height in proportion), for a receipt.
hardware::ReceiptImage signatureImage(const Signature& signature, int width);

}  // namespace vk::services::parcels
