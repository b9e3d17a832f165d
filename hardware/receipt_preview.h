#pragma once
// The virtual printer: a receipt drawn as the printer would print it, dot for dot (white paper, black dots), from
// the same layout the ESC/POS encoder uses. For development without a printer and for the on-screen print
// preview, which uploads the pixels to a texture.

#include "hardware/escpos/printer_profiles.h"
#include "hardware/receipt.h"

#include <cstdint>
#include <filesystem>
#include <vector>

namespace vk::hardware {

struct PreviewImage {
    int width = 0;   // the profile's dotsPerLine
    int height = 0;
    std::vector<std::uint8_t> rgba;  // width × height × 4, row after row
};

// Text in DejaVu Sans Mono (fonts-dejavu-core), 12×24 dots a character like the printers' font A; without that
// font, each character is a black box. A cut shows as a grey dashed line.
PreviewImage renderPreview(const Receipt& receipt, const escpos::PrinterProfile& profile);

bool writePreviewPng(const Receipt& receipt, const escpos::PrinterProfile& profile, const std::filesystem::path& file);

}  // namespace vk::hardware
