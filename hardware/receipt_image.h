#pragma once
// Pictures for receipts: a logo from pixels or from a PNG, turned into the 1-bit dots a thermal head prints.

#include "hardware/receipt.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>

namespace vk::hardware {

// RGBA pixels, row after row (stride = width * 4). A pixel is black when, laid on white paper, its luminance is
// below `threshold`; transparent pixels are paper.
ReceiptImage imageFromRgba(std::span<const std::uint8_t> rgba, int width, int height, int threshold = 128);

// Reads a PNG (or anything stb_image reads). Empty when the file cannot be read or is larger than
// kMaxImageSide in either direction; `error` then says why.
inline constexpr int kMaxImageSide = 4096;
std::optional<ReceiptImage> loadImagePng(const std::filesystem::path& file, std::string* error = nullptr);

// The image no wider than maxWidth dots and no taller than maxHeight: scaled down (keeping its proportions,
// a dot black when at least half of what it covers is) when wider, then cropped at the bottom when taller.
ReceiptImage fitImage(const ReceiptImage& image, int maxWidth, int maxHeight);

}  // namespace vk::hardware
