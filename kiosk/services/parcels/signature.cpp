#include "kiosk/services/parcels/signature.h"

#include <algorithm>
#include <cstdlib>

namespace vk::services::parcels {
namespace {

constexpr std::int16_t kStrokeEnd = -1;

void put16(std::vector<std::uint8_t>& out, std::int16_t value) {
    const auto bits = static_cast<std::uint16_t>(value);
    out.push_back(static_cast<std::uint8_t>(bits & 0xff));
    out.push_back(static_cast<std::uint8_t>(bits >> 8));
}

std::int16_t get16(const std::vector<std::uint8_t>& bytes, std::size_t at) {
    return static_cast<std::int16_t>(static_cast<std::uint16_t>(bytes[at] | (bytes[at + 1] << 8)));
}

void plot(hardware::ReceiptImage& image, int x, int y) {
    // A pen three dots wide: thermal paper loses single dots.
    for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) {
            const int px = x + dx;
            const int py = y + dy;
            if (px >= 0 && py >= 0 && px < image.width && py < image.height)
                image.dots[static_cast<std::size_t>(py * image.width + px)] = 1;
        }
}

void line(hardware::ReceiptImage& image, int x0, int y0, int x1, int y1) {
    const int dx = std::abs(x1 - x0);
    const int dy = -std::abs(y1 - y0);
    const int sx = x0 < x1 ? 1 : -1;
    const int sy = y0 < y1 ? 1 : -1;
    int error = dx + dy;
    for (;;) {
        plot(image, x0, y0);
        if (x0 == x1 && y0 == y1) return;
        const int twice = 2 * error;
        if (twice >= dy) {
            error += dy;
            x0 += sx;
        }
        if (twice <= dx) {
            error += dx;
            y0 += sy;
        }
    }
}

}  // namespace

std::vector<std::uint8_t> encodeSignature(const Signature& signature) {
    std::vector<std::uint8_t> bytes;
    for (const SignatureStroke& stroke : signature) {
        if (stroke.empty()) continue;
        if (!bytes.empty()) {
            put16(bytes, kStrokeEnd);
            put16(bytes, kStrokeEnd);
        }
        for (const SignaturePoint& point : stroke) {
            put16(bytes, std::max<std::int16_t>(point.x, 0));
            put16(bytes, std::max<std::int16_t>(point.y, 0));
        }
    }
    return bytes;
}

Signature decodeSignature(const std::vector<std::uint8_t>& bytes) {
    Signature signature;
    SignatureStroke stroke;
    for (std::size_t at = 0; at + 4 <= bytes.size(); at += 4) {
        const SignaturePoint point{get16(bytes, at), get16(bytes, at + 2)};
        if (point.x == kStrokeEnd && point.y == kStrokeEnd) {
            if (!stroke.empty()) signature.push_back(std::move(stroke));
            stroke.clear();
        } else {
            stroke.push_back(point);
        }
    }
    if (!stroke.empty()) signature.push_back(std::move(stroke));
    return signature;
}

hardware::ReceiptImage signatureImage(const Signature& signature, int width) {
    int minX = 1 << 15, minY = 1 << 15, maxX = 0, maxY = 0;
    for (const auto& stroke : signature)
        for (const auto& p : stroke) {
            minX = std::min<int>(minX, p.x);
            minY = std::min<int>(minY, p.y);
            maxX = std::max<int>(maxX, p.x);
            maxY = std::max<int>(maxY, p.y);
        }
    hardware::ReceiptImage image;
    if (signature.empty() || width < 8) return image;
    const int spanX = std::max(1, maxX - minX);
    const int spanY = std::max(1, maxY - minY);
    const double scale = static_cast<double>(width - 4) / spanX;
    image.width = width;
    image.height = std::clamp(static_cast<int>(spanY * scale) + 4, 8, width / 2);
    const double fit = std::min(scale, static_cast<double>(image.height - 4) / spanY);
    image.dots.assign(static_cast<std::size_t>(image.width * image.height), 0);
    auto toX = [&](int x) { return 2 + static_cast<int>((x - minX) * fit); };
    auto toY = [&](int y) { return 2 + static_cast<int>((y - minY) * fit); };
    for (const auto& stroke : signature) {
        for (std::size_t i = 0; i < stroke.size(); ++i) {
            const auto& a = stroke[i];
            const auto& b = stroke[i + 1 < stroke.size() ? i + 1 : i];
            line(image, toX(a.x), toY(a.y), toX(b.x), toY(b.y));
        }
    }
    return image;
}

}  // namespace vk::services::parcels
