#pragma once
// A receipt laid out for one printer: text wrapped and padded to its columns and already in its code page,
// pictures fitted to its width, QR codes and barcodes resolved to modules. The encoder turns these blocks into
// ESC/POS bytes and the preview draws them, so the two cannot disagree.

#include "hardware/escpos/printer_profiles.h"
#include "hardware/receipt.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace vk::hardware::escpos {

// One printed line: at most `columns` bytes (half when large), in the profile's code page, no control byte.
struct TextRow {
    std::string bytes;
    Align align = Align::Left;
    bool large = false;
    bool bold = false;
};

// Dots placed at x; x + image.width never exceeds the profile's dotsPerLine.
struct RasterBlock {
    int x = 0;
    ReceiptImage image;
};

struct QrMatrix {
    int size = 0;                     // modules a side
    std::vector<std::uint8_t> dark;   // size × size, 1 = dark
};

// Sent as GS ( k; the matrix is libqrencode's, for the preview (the printer may pick another mask).
struct NativeQrBlock {
    std::string payload;  // sanitised UTF-8
    int moduleDots = 6;
    QrErrorCorrection errorCorrection = QrErrorCorrection::Medium;
    QrMatrix matrix;
};

struct BarcodeBlock {
    BarcodeSymbology symbology = BarcodeSymbology::Code128;
    std::string data;  // CODE128: printable ASCII; EAN-13: the 12 digits before the check digit
    std::string text;  // what prints underneath (EAN-13: all 13 digits), empty when hidden
    int moduleDots = 2;
    int heightDots = 80;
    std::vector<std::uint8_t> modules;  // 1 = bar, one entry a module, for the preview
};

struct FeedBlock {
    int lines = 1;
};

struct CutBlock {
    bool partial = true;
};

struct DrawerBlock {
    int pin = 2;
};

using LayoutBlock = std::variant<TextRow, RasterBlock, NativeQrBlock, BarcodeBlock, FeedBlock, CutBlock, DrawerBlock>;

// Ends with the cut (or the feed to the tear bar) that every job ends with.
std::vector<LayoutBlock> layoutReceipt(const Receipt& receipt, const PrinterProfile& profile);

// Lines of at most `width` bytes: broken at spaces when it can, inside a word when a word is longer than a line.
std::vector<std::string> wrapText(std::string_view bytes, int width);

// Empty when the payload does not fit in a QR code.
std::optional<QrMatrix> encodeQrMatrix(std::string_view payload, QrErrorCorrection errorCorrection);
// CODE128 modules (start, data, check, stop): code set C for an even run of digits, B otherwise. Empty when the
// text is not printable ASCII.
std::vector<std::uint8_t> code128Modules(std::string_view text);
// EAN-13 modules for 13 digits (guards included).
std::vector<std::uint8_t> ean13Modules(std::string_view digits);
// The check digit for 12 digits.
char ean13CheckDigit(std::string_view twelveDigits);
// True when CODE128 uses code set C for this text (GS k then gets "{C" and digit pairs).
bool code128UsesSetC(std::string_view text);

// Rows a picture or a symbol may use at most (about 15 cm at 203 dpi): a runaway image does not empty the roll.
inline constexpr int kMaxImageRows = 1200;

}  // namespace vk::hardware::escpos
