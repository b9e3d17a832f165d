#include "hardware/receipt_preview.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

using namespace vk::hardware;
using vk::hardware::escpos::findPrinterProfile;
using vk::hardware::escpos::PrinterProfile;

namespace {

const PrinterProfile& paper58() {
    const PrinterProfile* profile = findPrinterProfile("generic-58");
    REQUIRE(profile != nullptr);
    return *profile;
}

bool isBlack(const PreviewImage& image, int x, int y) {
    const std::size_t i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width) + static_cast<std::size_t>(x)) * 4;
    return image.rgba[i] == 0 && image.rgba[i + 1] == 0 && image.rgba[i + 2] == 0 && image.rgba[i + 3] == 255;
}

int blackIn(const PreviewImage& image, int x0, int y0, int x1, int y1) {
    int count = 0;
    for (int y = y0; y < y1 && y < image.height; ++y) {
        for (int x = x0; x < x1 && x < image.width; ++x) count += isBlack(image, x, y) ? 1 : 0;
    }
    return count;
}

}  // namespace

TEST_CASE("the preview is as wide as the paper and black where the text prints", "[preview]") {
    const Receipt receipt{"test", {{"HELLO", false, false, false}, {"droite", false, false, false, Align::Right}}};
    const PreviewImage image = renderPreview(receipt, paper58());
    REQUIRE(image.width == 384);
    REQUIRE(image.height >= 60);
    REQUIRE(image.rgba.size() == static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 4);
    // "HELLO": five cells of 12 dots on the first 30-dot line, nothing to their right.
    CHECK(blackIn(image, 0, 0, 60, 30) > 100);
    CHECK(blackIn(image, 62, 0, 384, 30) == 0);
    // "droite": flush right on the second line.
    CHECK(blackIn(image, 384 - 72, 30, 384, 60) > 100);
    CHECK(blackIn(image, 0, 30, 384 - 74, 60) == 0);
    // Everything else is white paper, opaque.
    CHECK(image.rgba[3] == 255);
    CHECK(image.rgba[static_cast<std::size_t>(383 * 4)] == 255);
}

TEST_CASE("a duplicate shows the DUPLICATA banner across the top rows", "[preview]") {
    Receipt receipt{"test", {{"HELLO", false, false, false}}};
    const PreviewImage original = renderPreview(receipt, paper58());
    receipt.duplicate = true;
    const PreviewImage duplicate = renderPreview(receipt, paper58());
    CHECK(duplicate.height > original.height);
    // DUPLICATA in double size: nine 24-dot cells centred, (384 - 216) / 2 = 84 to 300, on rows 0–47.
    CHECK(blackIn(duplicate, 84, 0, 300, 48) > 1500);
    CHECK(blackIn(duplicate, 0, 0, 80, 54) == 0);
    CHECK(blackIn(original, 84, 0, 300, 54) == 0);
    // Then the rule of '=' across the paper, then the receipt itself.
    CHECK(blackIn(duplicate, 0, 54, 192, 84) > 100);
    CHECK(blackIn(duplicate, 192, 54, 384, 84) > 100);
    CHECK(blackIn(duplicate, 0, 84, 60, 114) > 100);
}

TEST_CASE("the preview draws QR codes and barcodes, and writes a PNG", "[preview]") {
    Receipt receipt;
    receipt.add(QrCode{"https://vk.fr", 4}).add(Barcode{BarcodeSymbology::Ean13, "400638133393"});
    const PreviewImage image = renderPreview(receipt, paper58());
    // A QR code is roughly half dark: the middle of the symbol is far from white.
    const int qrSide = (21 + 8) * 4;
    const int left = (384 - qrSide) / 2;
    const int dark = blackIn(image, left + 16, 16, left + qrSide - 16, qrSide - 16);
    CHECK(dark > (qrSide - 32) * (qrSide - 32) / 4);
    CHECK(blackIn(image, 0, 0, left - 1, qrSide) == 0);
    // The barcode's bars run down its full height, under the QR code.
    CHECK(blackIn(image, 0, qrSide + 5, 384, qrSide + 75) > 95 * 3 * 20);

    const auto file = std::filesystem::temp_directory_path() / "vk_receipt_preview_test.png";
    REQUIRE(writePreviewPng(receipt, paper58(), file));
    std::ifstream in(file, std::ios::binary);
    const std::string png((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::filesystem::remove(file);
    REQUIRE(png.size() > 24);
    CHECK(png.substr(1, 3) == "PNG");
    const auto byteAt = [&png](std::size_t i) { return static_cast<unsigned char>(png[i]); };
    CHECK(((byteAt(16) << 24) | (byteAt(17) << 16) | (byteAt(18) << 8) | byteAt(19)) == 384);
    CHECK(((byteAt(20) << 24) | (byteAt(21) << 16) | (byteAt(22) << 8) | byteAt(23)) == image.height);
}
