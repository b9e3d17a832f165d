#pragma once
// Byte helpers shared by the ESC/POS tests: golden jobs written as a list of parts, a hex dump that makes a
// failed comparison readable, and a reader for the GS v 0 raster bands of a job.

#include "hardware/escpos/printer_profiles.h"

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace vk::hardware::escpos::test {

using Bytes = std::vector<std::uint8_t>;

// A part of a golden job: bytes written as numbers or characters, or text (which may hold code-page bytes).
struct Part {
    Part(std::initializer_list<int> values) {
        for (const int value : values) bytes.push_back(static_cast<std::uint8_t>(value));
    }
    Part(std::string_view text) : bytes(text.begin(), text.end()) {}
    Part(const char* text) : Part(std::string_view(text)) {}
    Part(const std::string& text) : Part(std::string_view(text)) {}
    Bytes bytes;
};

inline Bytes job(std::initializer_list<Part> parts) {
    Bytes out;
    for (const Part& part : parts) out.insert(out.end(), part.bytes.begin(), part.bytes.end());
    return out;
}

inline std::string hex(const Bytes& bytes) {
    static const char* const digits = "0123456789abcdef";
    std::string out;
    for (const std::uint8_t byte : bytes) {
        if (byte >= 0x20 && byte < 0x7F) {
            out += static_cast<char>(byte);
        } else {
            out += '<';
            out += digits[byte >> 4];
            out += digits[byte & 0x0F];
            out += '>';
        }
    }
    return out;
}

inline Part header(CodePage page) {
    return {0x1B, '@', 0x1C, '.', 0x1B, 't', page == CodePage::Cp858 ? 19 : 16, 0x1B, 'R', 0};
}

struct RasterBand {
    int bytesPerRow = 0;
    int rows = 0;
    std::size_t dataOffset = 0;
};

// Every GS v 0 in a job, walking the commands this encoder emits so that image data is never read as commands.
inline std::vector<RasterBand> rasterBands(const Bytes& bytes) {
    std::vector<RasterBand> bands;
    for (std::size_t i = 0; i + 8 <= bytes.size();) {
        if (bytes[i] == 0x1D && bytes[i + 1] == 'v' && bytes[i + 2] == '0') {
            RasterBand band;
            band.bytesPerRow = bytes[i + 4] | (bytes[i + 5] << 8);
            band.rows = bytes[i + 6] | (bytes[i + 7] << 8);
            band.dataOffset = i + 8;
            bands.push_back(band);
            i = band.dataOffset + static_cast<std::size_t>(band.bytesPerRow) * static_cast<std::size_t>(band.rows);
        } else {
            ++i;
        }
    }
    return bands;
}

// The raster of a job as rows of dots (1 = black), bands stacked.
inline std::vector<std::vector<std::uint8_t>> rasterRows(const Bytes& bytes) {
    std::vector<std::vector<std::uint8_t>> rows;
    for (const RasterBand& band : rasterBands(bytes)) {
        for (int y = 0; y < band.rows; ++y) {
            std::vector<std::uint8_t> row(static_cast<std::size_t>(band.bytesPerRow) * 8);
            for (std::size_t x = 0; x < row.size(); ++x) {
                const std::uint8_t byte = bytes[band.dataOffset + static_cast<std::size_t>(y * band.bytesPerRow) + x / 8];
                row[x] = (byte >> (7 - x % 8)) & 1U;
            }
            rows.push_back(std::move(row));
        }
    }
    return rows;
}

}  // namespace vk::hardware::escpos::test
