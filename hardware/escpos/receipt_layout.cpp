#include "hardware/escpos/receipt_layout.h"

#include "hardware/receipt_image.h"

#include <qrencode.h>

#include <algorithm>
#include <array>
#include <memory>

namespace vk::hardware::escpos {

namespace {

// A right column narrower than this still takes this much, so that amounts line up from row to row.
constexpr int kAmountColumns = 8;
constexpr int kQuantityColumns = 4;
// QR codes want four modules of white around them, barcodes ten.
constexpr int kQrQuietModules = 4;
constexpr int kBarcodeQuietModules = 10;
// Six dots (0.75 mm at 203 dpi) a module reads well from a phone held at arm's length.
constexpr int kDefaultQrModuleDots = 6;

// Code 128 symbols 0–106 as bar/space widths, bar first (ISO/IEC 15417); 106, the stop, has a seventh bar.
constexpr std::array<std::string_view, 107> kCode128Patterns = {
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213", "221312",
    "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132", "221231", "213212",
    "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211", "212123", "212321", "232121",
    "111323", "131123", "131321", "112313", "132113", "132311", "211313", "231113", "231311", "112133", "112331",
    "132131", "113123", "113321", "133121", "313121", "211331", "231131", "213113", "213311", "213131", "311123",
    "311321", "331121", "312113", "312311", "332111", "314111", "221411", "431111", "111224", "111422", "121124",
    "121421", "141122", "141221", "112214", "112412", "122114", "122411", "142112", "142211", "241211", "221114",
    "413111", "241112", "134111", "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112",
    "421211", "212141", "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311",
    "113141", "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
};
constexpr int kCode128StartB = 104;
constexpr int kCode128StartC = 105;
constexpr int kCode128Stop = 106;

// EAN-13: the left-hand odd-parity (L) patterns; G is R reversed, R is L inverted. The first digit is not drawn:
// it chooses which of the next six use G.
constexpr std::array<std::string_view, 10> kEanL = {"0001101", "0011001", "0010011", "0111101", "0100011",
                                                    "0110001", "0101111", "0111011", "0110111", "0001011"};
constexpr std::array<std::string_view, 10> kEan13Parity = {"LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG",
                                                           "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL", "LGGLGL"};

bool isDigits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string padRight(std::string text, std::size_t width) {
    if (text.size() < width) text.append(width - text.size(), ' ');
    return text;
}

std::string padLeft(const std::string& text, std::size_t width) {
    if (text.size() >= width) return text;
    return std::string(width - text.size(), ' ') + text;
}

class Layout {
public:
    explicit Layout(const PrinterProfile& profile) : profile_(profile) {}

    std::vector<LayoutBlock> take(const Receipt& receipt) {
        if (receipt.duplicate) {
            text(TextRow{"DUPLICATA", Align::Center, true, true});
            text(TextRow{std::string(static_cast<std::size_t>(columns()), '='), Align::Left, false, false});
        }
        for (const ReceiptLine& line : receipt.lines) add(line);
        for (const ReceiptElement& element : receipt.elements) {
            std::visit([this](const auto& item) { add(item); }, element);
        }
        if (printedSinceCut_) cut(true);
        return std::move(blocks_);
    }

private:
    int columns() const { return std::max(1, profile_.columns); }
    int dots() const { return std::max(8, profile_.dotsPerLine); }

    void text(TextRow row) {
        blocks_.emplace_back(std::move(row));
        printedSinceCut_ = true;
    }

    void paragraph(std::string_view bytes, Align align, bool large, bool bold) {
        const int width = large ? std::max(1, columns() / 2) : columns();
        for (std::string& line : wrapText(bytes, width)) text(TextRow{std::move(line), align, large, bold});
    }

    void add(const ReceiptLine& line) {
        paragraph(encodeText(line.text, profile_.codePage), line.centered ? Align::Center : line.align, line.large,
                  line.bold);
    }

    void add(const Separator& separator) {
        const char glyph = separator.glyph >= 0x20 && separator.glyph <= 0x7E ? separator.glyph : '-';
        text(TextRow{std::string(static_cast<std::size_t>(columns()), glyph), Align::Left, false, false});
    }

    void add(const ColumnsRow& row) {
        const std::string left = encodeText(row.left, profile_.codePage);
        const std::string middle = encodeText(row.middle, profile_.codePage);
        const std::string right = encodeText(row.right, profile_.codePage);
        const int width = columns();
        const int rightField = right.empty() ? 0 : std::max(static_cast<int>(right.size()), kAmountColumns);
        const int middleField = middle.empty() ? 0 : std::max(static_cast<int>(middle.size()), kQuantityColumns);
        const int fixed = rightField + (middleField > 0 && rightField > 0 ? 1 : 0) + middleField;
        if (fixed == 0) {
            paragraph(left, Align::Left, false, row.bold);
            return;
        }
        const int leftWidth = width - fixed - 1;
        if (leftWidth < width / 3) {
            // Amounts as long as the line: the text on its own lines, then the figures flush right under it.
            if (!left.empty()) paragraph(left, Align::Left, false, row.bold);
            std::string figures = middle;
            if (!middle.empty() && !right.empty()) figures += ' ';
            figures += right;
            for (const std::string& line : wrapText(figures, width)) {
                text(TextRow{padLeft(line, static_cast<std::size_t>(width)), Align::Left, false, row.bold});
            }
            return;
        }
        std::vector<std::string> lines = wrapText(left, leftWidth);
        std::string first = padRight(std::move(lines.front()), static_cast<std::size_t>(leftWidth)) + ' ';
        if (middleField > 0) first += padLeft(middle, static_cast<std::size_t>(middleField));
        if (middleField > 0 && rightField > 0) first += ' ';
        if (rightField > 0) first += padLeft(right, static_cast<std::size_t>(rightField));
        text(TextRow{std::move(first), Align::Left, false, row.bold});
        for (std::size_t i = 1; i < lines.size(); ++i) text(TextRow{std::move(lines[i]), Align::Left, false, row.bold});
    }

    void add(const QrCode& qr) {
        std::string payload = sanitizeUtf8(qr.payload);
        if (payload.empty()) return;
        const std::optional<QrMatrix> matrix = encodeQrMatrix(payload, qr.errorCorrection);
        const int requested = qr.moduleDots > 0 ? std::clamp(qr.moduleDots, 1, 16) : kDefaultQrModuleDots;
        int moduleDots = 0;
        if (matrix) {
            const int side = matrix->size + 2 * kQrQuietModules;
            moduleDots = std::min({requested, dots() / side, kMaxImageRows / side});
        }
        if (moduleDots < 1) {
            // Too much for a QR code (or for this paper): the resident still gets the words.
            paragraph(encodeText(payload, profile_.codePage), Align::Center, false, false);
            return;
        }
        if (profile_.nativeQr) {
            blocks_.emplace_back(NativeQrBlock{std::move(payload), moduleDots, qr.errorCorrection, *matrix});
            printedSinceCut_ = true;
            return;
        }
        const int side = (matrix->size + 2 * kQrQuietModules) * moduleDots;
        ReceiptImage image{side, side, std::vector<std::uint8_t>(static_cast<std::size_t>(side) * side, 0),
                           Align::Center};
        const int offset = kQrQuietModules * moduleDots;
        for (int my = 0; my < matrix->size; ++my) {
            for (int mx = 0; mx < matrix->size; ++mx) {
                if (!matrix->dark[static_cast<std::size_t>(my * matrix->size + mx)]) continue;
                for (int dy = 0; dy < moduleDots; ++dy) {
                    std::uint8_t* row = image.dots.data() + static_cast<std::size_t>(offset + my * moduleDots + dy) * side;
                    std::fill_n(row + offset + mx * moduleDots, moduleDots, std::uint8_t{1});
                }
            }
        }
        raster(std::move(image));
    }

    void add(const Barcode& barcode) {
        const std::u32string clean = sanitizeText(barcode.data);
        std::string ascii;
        bool printable = true;
        for (const char32_t c : clean) {
            if (c < 0x20 || c > 0x7E) printable = false;
            else ascii.push_back(static_cast<char>(c));
        }
        if (clean.empty()) return;

        BarcodeBlock block;
        block.symbology = barcode.symbology;
        block.heightDots = std::clamp(barcode.heightDots, 16, 255);
        if (printable && barcode.symbology == BarcodeSymbology::Ean13 && isDigits(ascii) &&
            (ascii.size() == 12 || ascii.size() == 13)) {
            const char check = ean13CheckDigit(ascii.substr(0, 12));
            if (ascii.size() == 12 || ascii[12] == check) {
                block.data = ascii.substr(0, 12);
                block.modules = ean13Modules(block.data + check);
                if (barcode.showText) block.text = block.data + check;
            }
        } else if (printable && barcode.symbology == BarcodeSymbology::Code128) {
            // GS k takes at most 255 bytes: "{B" and the text with '{' doubled, or "{C" and a byte a digit pair.
            const std::size_t sent = code128UsesSetC(ascii)
                                         ? 2 + ascii.size() / 2
                                         : 2 + ascii.size() + static_cast<std::size_t>(std::count(ascii.begin(), ascii.end(), '{'));
            if (sent <= 255) {
                block.data = ascii;
                block.modules = code128Modules(ascii);
                if (barcode.showText) block.text = ascii;
            }
        }
        const int span = static_cast<int>(block.modules.size()) + 2 * kBarcodeQuietModules;
        block.moduleDots = span * 3 <= dots() ? 3 : 2;
        if (block.modules.empty() || span * block.moduleDots > dots()) {
            // Not a code this symbology can carry, or too wide for the paper: print what it says.
            paragraph(encodeCodePoints(clean, profile_.codePage), Align::Center, false, false);
            return;
        }
        blocks_.emplace_back(std::move(block));
        printedSinceCut_ = true;
    }

    void add(const ReceiptImage& image) {
        ReceiptImage fitted = fitImage(image, dots(), kMaxImageRows);
        if (fitted.width == 0) return;
        raster(std::move(fitted));
    }

    void add(const PaperFeed& feed) {
        const int lines = std::clamp(feed.lines, 0, 20);
        if (lines == 0) return;
        blocks_.emplace_back(FeedBlock{lines});
        printedSinceCut_ = true;
    }

    void add(const PaperCut& paperCut) {
        cut(paperCut.partial);
    }

    void add(const DrawerPulse& pulse) {
        if (profile_.hasDrawer) blocks_.emplace_back(DrawerBlock{pulse.pin == 5 ? 5 : 2});
    }

    void raster(ReceiptImage image) {
        int x = 0;
        if (image.align == Align::Center) x = (dots() - image.width) / 2;
        if (image.align == Align::Right) x = dots() - image.width;
        blocks_.emplace_back(RasterBlock{x, std::move(image)});
        printedSinceCut_ = true;
    }

    void cut(bool partial) {
        blocks_.emplace_back(FeedBlock{std::clamp(profile_.feedLinesBeforeCut, 0, 20)});
        if (profile_.hasCutter) blocks_.emplace_back(CutBlock{partial});
        printedSinceCut_ = false;
    }

    const PrinterProfile& profile_;
    std::vector<LayoutBlock> blocks_;
    bool printedSinceCut_ = false;
};

}  // namespace

std::vector<LayoutBlock> layoutReceipt(const Receipt& receipt, const PrinterProfile& profile) {
    return Layout(profile).take(receipt);
}

std::vector<std::string> wrapText(std::string_view bytes, int width) {
    const std::size_t limit = static_cast<std::size_t>(std::max(1, width));
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (bytes.size() - start > limit) {
        const std::size_t space = bytes.substr(start, limit + 1).rfind(' ');
        std::size_t end = start + limit;
        std::size_t next = end;
        if (space != std::string_view::npos && space > 0) {
            end = start + space;
            next = end + 1;
        }
        std::string_view line = bytes.substr(start, end - start);
        while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
        lines.emplace_back(line);
        start = next;
        while (start < bytes.size() && bytes[start] == ' ') ++start;
    }
    std::string_view rest = bytes.substr(start);
    while (!rest.empty() && rest.back() == ' ') rest.remove_suffix(1);
    if (!rest.empty() || lines.empty()) lines.emplace_back(rest);
    return lines;
}

std::optional<QrMatrix> encodeQrMatrix(std::string_view payload, QrErrorCorrection errorCorrection) {
    if (payload.empty()) return std::nullopt;
    QRecLevel level = QR_ECLEVEL_M;
    switch (errorCorrection) {
        case QrErrorCorrection::Low: level = QR_ECLEVEL_L; break;
        case QrErrorCorrection::Medium: level = QR_ECLEVEL_M; break;
        case QrErrorCorrection::Quartile: level = QR_ECLEVEL_Q; break;
        case QrErrorCorrection::High: level = QR_ECLEVEL_H; break;
    }
    const std::string text(payload);  // libqrencode wants it NUL-terminated
    const std::unique_ptr<QRcode, void (*)(QRcode*)> code(QRcode_encodeString(text.c_str(), 0, level, QR_MODE_8, 1),
                                                          QRcode_free);
    if (!code || code->width <= 0) return std::nullopt;
    QrMatrix matrix;
    matrix.size = code->width;
    const std::size_t count = static_cast<std::size_t>(code->width) * static_cast<std::size_t>(code->width);
    matrix.dark.resize(count);
    // Bit 0 of each of libqrencode's bytes is the module's colour; the others say what the module is for.
    for (std::size_t i = 0; i < count; ++i) matrix.dark[i] = code->data[i] & 1U;
    return matrix;
}

bool code128UsesSetC(std::string_view text) {
    return text.size() >= 2 && text.size() % 2 == 0 && isDigits(text);
}

std::vector<std::uint8_t> code128Modules(std::string_view text) {
    if (text.empty()) return {};
    std::vector<int> values;
    if (code128UsesSetC(text)) {
        values.push_back(kCode128StartC);
        for (std::size_t i = 0; i < text.size(); i += 2) values.push_back((text[i] - '0') * 10 + (text[i + 1] - '0'));
    } else {
        values.push_back(kCode128StartB);
        for (const char c : text) {
            if (c < 0x20 || c > 0x7E) return {};
            values.push_back(c - 0x20);
        }
    }
    long checksum = values.front();
    for (std::size_t i = 1; i < values.size(); ++i) checksum += static_cast<long>(values[i]) * static_cast<long>(i);
    values.push_back(static_cast<int>(checksum % 103));
    values.push_back(kCode128Stop);

    std::vector<std::uint8_t> modules;
    for (const int value : values) {
        bool bar = true;
        for (const char width : kCode128Patterns[static_cast<std::size_t>(value)]) {
            modules.insert(modules.end(), static_cast<std::size_t>(width - '0'), bar ? 1 : 0);
            bar = !bar;
        }
    }
    return modules;
}

char ean13CheckDigit(std::string_view twelveDigits) {
    int sum = 0;
    for (std::size_t i = 0; i < twelveDigits.size() && i < 12; ++i) {
        sum += (twelveDigits[i] - '0') * (i % 2 == 0 ? 1 : 3);
    }
    return static_cast<char>('0' + (10 - sum % 10) % 10);
}

std::vector<std::uint8_t> ean13Modules(std::string_view digits) {
    if (digits.size() != 13 || !isDigits(digits)) return {};
    std::vector<std::uint8_t> modules;
    const auto append = [&modules](std::string_view bits, bool invert, bool reverse) {
        std::string pattern(bits);
        if (reverse) std::reverse(pattern.begin(), pattern.end());
        for (const char bit : pattern) modules.push_back(((bit == '1') != invert) ? 1 : 0);
    };
    append("101", false, false);
    const std::string_view parity = kEan13Parity[static_cast<std::size_t>(digits[0] - '0')];
    for (std::size_t i = 1; i <= 6; ++i) {
        const std::string_view left = kEanL[static_cast<std::size_t>(digits[i] - '0')];
        const bool even = parity[i - 1] == 'G';
        append(left, even, even);  // G = R reversed = L inverted and reversed
    }
    append("01010", false, false);
    for (std::size_t i = 7; i <= 12; ++i) append(kEanL[static_cast<std::size_t>(digits[i] - '0')], true, false);
    append("101", false, false);
    return modules;
}

}  // namespace vk::hardware::escpos
