#pragma once
// Receipt → ESC/POS bytes for one printer profile. Pure: no I/O, no state, the same bytes for the same input.
//
// A job: ESC @ (reset), FS . (leave Kanji mode, which Chinese clones start in and which would print our accents
// as ideograms), ESC t n (the profile's code page), ESC R 0 (the USA character set: a printer left on the
// French set prints à for @), then the blocks of layoutReceipt, then the final feed and cut.

#include "hardware/escpos/printer_profiles.h"
#include "hardware/receipt.h"

#include <cstdint>
#include <vector>

namespace vk::hardware::escpos {

std::vector<std::uint8_t> encode(const Receipt& receipt, const PrinterProfile& profile);

}  // namespace vk::hardware::escpos
