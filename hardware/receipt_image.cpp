#include "hardware/receipt_image.h"

#include <stb_image.h>

#include <algorithm>
#include <memory>

namespace vk::hardware {

ReceiptImage imageFromRgba(std::span<const std::uint8_t> rgba, int width, int height, int threshold) {
    ReceiptImage image;
    if (width <= 0 || height <= 0) return image;
    const std::size_t count = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
    if (rgba.size() < count * 4) return image;
    image.width = width;
    image.height = height;
    image.dots.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
        const std::uint8_t* pixel = rgba.data() + i * 4;
        // Rec. 601 luma in 1/1000ths, then laid over white paper by its alpha.
        const int luma = (299 * pixel[0] + 587 * pixel[1] + 114 * pixel[2]) / 1000;
        const int alpha = pixel[3];
        const int onPaper = (luma * alpha + 255 * (255 - alpha)) / 255;
        image.dots[i] = onPaper < threshold ? 1 : 0;
    }
    return image;
}

std::optional<ReceiptImage> loadImagePng(const std::filesystem::path& file, std::string* error) {
    int width = 0;
    int height = 0;
    int channels = 0;
    if (stbi_info(file.c_str(), &width, &height, &channels) == 0) {
        if (error) *error = "cannot read " + file.string() + ": " + stbi_failure_reason();
        return std::nullopt;
    }
    if (width > kMaxImageSide || height > kMaxImageSide) {
        if (error) *error = file.string() + " is too large (" + std::to_string(width) + "x" + std::to_string(height) + ")";
        return std::nullopt;
    }
    const std::unique_ptr<stbi_uc, void (*)(void*)> pixels(stbi_load(file.c_str(), &width, &height, &channels, 4),
                                                           stbi_image_free);
    if (!pixels) {
        if (error) *error = "cannot decode " + file.string() + ": " + stbi_failure_reason();
        return std::nullopt;
    }
    const std::size_t bytes = static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4;
    return imageFromRgba({pixels.get(), bytes}, width, height);
}

ReceiptImage fitImage(const ReceiptImage& image, int maxWidth, int maxHeight) {
    if (image.width <= 0 || image.height <= 0 || maxWidth <= 0 || maxHeight <= 0 ||
        image.dots.size() < static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height)) {
        return ReceiptImage{0, 0, {}, image.align};
    }
    if (image.width <= maxWidth && image.height <= maxHeight) return image;

    ReceiptImage fitted{0, 0, {}, image.align};
    if (image.width <= maxWidth) {
        fitted.width = image.width;
        fitted.height = maxHeight;
        fitted.dots.assign(image.dots.begin(),
                           image.dots.begin() + static_cast<std::ptrdiff_t>(image.width) * maxHeight);
        return fitted;
    }
    // Box filter: each new dot covers a rectangle of source dots, in source dots scaled by maxWidth so that the
    // bounds stay whole numbers.
    const long sourceWidth = image.width;
    const long sourceHeight = image.height;
    const long newWidth = maxWidth;
    const long newHeight = std::max(1L, sourceHeight * newWidth / sourceWidth);
    fitted.width = static_cast<int>(newWidth);
    fitted.height = static_cast<int>(std::min<long>(newHeight, maxHeight));
    fitted.dots.assign(static_cast<std::size_t>(fitted.width) * static_cast<std::size_t>(fitted.height), 0);
    for (long y = 0; y < fitted.height; ++y) {
        const long y0 = y * sourceHeight / newHeight;
        const long y1 = std::max(y0 + 1, (y + 1) * sourceHeight / newHeight);
        for (long x = 0; x < newWidth; ++x) {
            const long x0 = x * sourceWidth / newWidth;
            const long x1 = std::max(x0 + 1, (x + 1) * sourceWidth / newWidth);
            long black = 0;
            for (long sy = y0; sy < y1; ++sy) {
                const std::uint8_t* row = image.dots.data() + sy * sourceWidth;
                for (long sx = x0; sx < x1; ++sx) black += row[sx];
            }
            const long area = (y1 - y0) * (x1 - x0);
            fitted.dots[static_cast<std::size_t>(y * newWidth + x)] = black * 2 >= area ? 1 : 0;
        }
    }
    return fitted;
}

}  // namespace vk::hardware
