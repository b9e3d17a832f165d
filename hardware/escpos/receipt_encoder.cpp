#include "hardware/escpos/receipt_encoder.h"

#include "hardware/escpos/receipt_layout.h"

#include <algorithm>
#include <initializer_list>

namespace vk::hardware::escpos {

namespace {

constexpr std::uint8_t ESC = 0x1B;
constexpr std::uint8_t GS = 0x1D;
constexpr std::uint8_t FS = 0x1C;
constexpr std::uint8_t LF = 0x0A;

std::uint8_t low(std::size_t value) { return static_cast<std::uint8_t>(value & 0xFF); }
std::uint8_t high(std::size_t value) { return static_cast<std::uint8_t>((value >> 8) & 0xFF); }

class Encoder {
public:
    explicit Encoder(const PrinterProfile& profile) : profile_(profile) {}

    std::vector<std::uint8_t> take(const std::vector<LayoutBlock>& blocks) {
        put({ESC, '@', FS, '.', ESC, 't', escPosTableNumber(profile_.codePage), ESC, 'R', 0});
        for (const LayoutBlock& block : blocks) std::visit([this](const auto& item) { add(item); }, block);
        return std::move(out_);
    }

private:
    void put(std::initializer_list<std::uint8_t> bytes) { out_.insert(out_.end(), bytes); }

    // ESC @ leaves the printer left-aligned, normal size, not bold; commands go out only on a change.
    void align(Align wanted) {
        if (wanted == align_) return;
        align_ = wanted;
        put({ESC, 'a', static_cast<std::uint8_t>(wanted == Align::Left ? 0 : wanted == Align::Center ? 1 : 2)});
    }
    void bold(bool wanted) {
        if (wanted == bold_) return;
        bold_ = wanted;
        put({ESC, 'E', static_cast<std::uint8_t>(wanted ? 1 : 0)});
    }
    void large(bool wanted) {
        if (wanted == large_) return;
        large_ = wanted;
        put({GS, '!', static_cast<std::uint8_t>(wanted ? 0x11 : 0x00)});  // width ×2 in the high nibble, height ×2 in the low
    }

    void add(const TextRow& row) {
        align(row.align);
        bold(row.bold);
        large(row.large);
        out_.insert(out_.end(), row.bytes.begin(), row.bytes.end());
        out_.push_back(LF);
    }

    void add(const RasterBlock& block) {
        // The image goes out as full-width rows with its own left margin, left-aligned, so that no printer
        // applies ESC a to it a second time. Bands of rasterBandRows: one GS v 0 never outgrows the buffer.
        align(Align::Left);
        const std::size_t bytesPerRow = static_cast<std::size_t>(std::max(8, profile_.dotsPerLine)) / 8;
        const std::size_t band = static_cast<std::size_t>(std::max(1, profile_.rasterBandRows));
        const ReceiptImage& image = block.image;
        const std::size_t stride = static_cast<std::size_t>(image.width);
        const std::size_t x0 = std::min(static_cast<std::size_t>(std::max(0, block.x)), bytesPerRow * 8);
        const std::size_t width = std::min(stride, bytesPerRow * 8 - x0);
        for (std::size_t top = 0; top < static_cast<std::size_t>(image.height); top += band) {
            const std::size_t rows = std::min(band, static_cast<std::size_t>(image.height) - top);
            put({GS, 'v', '0', 0, low(bytesPerRow), high(bytesPerRow), low(rows), high(rows)});
            const std::size_t start = out_.size();
            out_.resize(start + rows * bytesPerRow, 0);
            for (std::size_t y = 0; y < rows; ++y) {
                packRow(image.dots.data() + (top + y) * stride, width, x0, out_.data() + start + y * bytesPerRow);
            }
        }
    }

    // Dots (any non-zero byte is black) to bits, most significant first, starting at bit x0 of the row.
    static void packRow(const std::uint8_t* dots, std::size_t width, std::size_t x0, std::uint8_t* row) {
        std::size_t x = 0;
        for (; x < width && (x0 + x) % 8 != 0; ++x) {
            if (dots[x]) row[(x0 + x) / 8] |= static_cast<std::uint8_t>(0x80U >> ((x0 + x) % 8));
        }
        for (; x + 8 <= width; x += 8) {
            unsigned bits = 0;
            for (std::size_t k = 0; k < 8; ++k) bits = (bits << 1) | (dots[x + k] != 0 ? 1U : 0U);
            row[(x0 + x) / 8] = static_cast<std::uint8_t>(bits);
        }
        for (; x < width; ++x) {
            if (dots[x]) row[(x0 + x) / 8] |= static_cast<std::uint8_t>(0x80U >> ((x0 + x) % 8));
        }
    }

    void add(const NativeQrBlock& qr) {
        align(Align::Center);
        const std::uint8_t level = static_cast<std::uint8_t>(48 + static_cast<int>(qr.errorCorrection));
        put({GS, '(', 'k', 4, 0, '1', 'A', '2', 0});                                   // model 2
        put({GS, '(', 'k', 3, 0, '1', 'C', static_cast<std::uint8_t>(qr.moduleDots)});  // module size
        put({GS, '(', 'k', 3, 0, '1', 'E', level});                                     // error correction L M Q H
        const std::size_t length = qr.payload.size() + 3;
        put({GS, '(', 'k', low(length), high(length), '1', 'P', '0'});                 // store
        out_.insert(out_.end(), qr.payload.begin(), qr.payload.end());
        put({GS, '(', 'k', 3, 0, '1', 'Q', '0'});                                       // print
    }

    void add(const BarcodeBlock& barcode) {
        align(Align::Center);
        put({GS, 'H', static_cast<std::uint8_t>(barcode.text.empty() ? 0 : 2)});  // text below the bars, or none
        put({GS, 'f', 0});
        put({GS, 'h', static_cast<std::uint8_t>(barcode.heightDots)});
        put({GS, 'w', static_cast<std::uint8_t>(barcode.moduleDots)});
        if (barcode.symbology == BarcodeSymbology::Ean13) {
            // Twelve digits: the printer adds the check digit itself.
            put({GS, 'k', 67, low(barcode.data.size())});
            out_.insert(out_.end(), barcode.data.begin(), barcode.data.end());
            return;
        }
        std::vector<std::uint8_t> data;
        if (code128UsesSetC(barcode.data)) {
            data = {'{', 'C'};
            for (std::size_t i = 0; i + 1 < barcode.data.size(); i += 2) {
                data.push_back(static_cast<std::uint8_t>((barcode.data[i] - '0') * 10 + (barcode.data[i + 1] - '0')));
            }
        } else {
            data = {'{', 'B'};
            for (const char c : barcode.data) {
                if (c == '{') data.push_back('{');  // "{{" is a literal brace; "{" alone starts a code set switch
                data.push_back(static_cast<std::uint8_t>(c));
            }
        }
        put({GS, 'k', 73, low(data.size())});
        out_.insert(out_.end(), data.begin(), data.end());
    }

    void add(const FeedBlock& feed) { put({ESC, 'd', static_cast<std::uint8_t>(feed.lines)}); }

    void add(const CutBlock& cut) { put({GS, 'V', static_cast<std::uint8_t>(cut.partial ? 1 : 0)}); }

    // 25 × 2 ms on, 250 × 2 ms off: a 50 ms pulse opens the common 24 V drawer solenoids without heating them.
    void add(const DrawerBlock& drawer) {
        put({ESC, 'p', static_cast<std::uint8_t>(drawer.pin == 5 ? 1 : 0), 25, 250});
    }

    const PrinterProfile& profile_;
    std::vector<std::uint8_t> out_;
    Align align_ = Align::Left;
    bool bold_ = false;
    bool large_ = false;
};

}  // namespace

std::vector<std::uint8_t> encode(const Receipt& receipt, const PrinterProfile& profile) {
    return Encoder(profile).take(layoutReceipt(receipt, profile));
}

}  // namespace vk::hardware::escpos
