#pragma once
// A receipt as the workflows describe it: a list of elements (text, columns, a QR code, a logo…) with a little
// emphasis. The hardware layer turns it into printer bytes (hardware/escpos/receipt_encoder.h) or a picture
// (hardware/receipt_preview.h); the workflows never see either. Text is UTF-8 as typed: the encoder strips control
// characters and converts to the printer's code page, so nothing in a string can drive the printer.

#include <cstddef>
#include <filesystem>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace vk::hardware {

enum class Align { Left, Center, Right };

// A paragraph of text; it wraps at the printer's column count (half of it when large).
struct ReceiptLine {
    std::string text;
    bool large = false;  // double width and double height
    bool bold = false;
    bool centered = false;  // kept for the workflows written before `align`; true wins over `align`
    Align align = Align::Left;
};

// A rule across the paper: the glyph repeated over every column (printable ASCII; anything else prints '-').
struct Separator {
    char glyph = '-';
};

// "Café crème      x2     5,00 €": the right column (an amount) and the middle one (a quantity) keep their
// width and line up from row to row; the left text wraps in what remains. Build with columns(…) below.
struct ColumnsRow {
    std::string left;
    std::string middle;  // empty: a two-column row
    std::string right;
    bool bold = false;
};

enum class QrErrorCorrection { Low, Medium, Quartile, High };

// Centred. moduleDots 0 picks a size that fits the paper (6 dots a module when it can).
struct QrCode {
    std::string payload;
    int moduleDots = 0;
    QrErrorCorrection errorCorrection = QrErrorCorrection::Medium;
};

enum class BarcodeSymbology {
    Code128,  // printable ASCII
    Ean13,    // 12 digits (the check digit is added) or 13 with a correct check digit
};

// Centred, with its text underneath. Data a symbology cannot carry, or a code too wide for the paper, prints as text.
struct Barcode {
    BarcodeSymbology symbology = BarcodeSymbology::Code128;
    std::string data;
    int heightDots = 80;
    bool showText = true;
};

// A 1-bit picture (a logo): one byte a dot, row after row, 1 = black. Make one with imageFromRgba or
// loadImagePng (hardware/receipt_image.h). Wider than the paper, it is scaled down to fit when printed.
struct ReceiptImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> dots;
    Align align = Align::Center;
};

struct PaperFeed {
    int lines = 1;
};

// A cut in the middle of a job (two tickets in one). Every job already ends with a cut on a printer that has a
// cutter, and with enough feed to tear the paper off on one that has not.
struct PaperCut {
    bool partial = true;  // leaves a hinge of paper: the ticket does not fall on the floor
};

// Opens the cash drawer wired to the printer (ignored by printers without a drawer port).
struct DrawerPulse {
    int pin = 2;  // connector pin 2 or 5
};

using ReceiptElement = std::variant<ReceiptLine, Separator, ColumnsRow, QrCode, Barcode, ReceiptImage, PaperFeed,
                                    PaperCut, DrawerPulse>;

struct Receipt {
    std::string kind;  // "queue_ticket", "parcel_receipt"…, for the print queue and its log
    std::vector<ReceiptLine> lines;
    // A reprint after an uncertain end (the cable came out mid-job): the printer marks it « DUPLICATA ».
    bool duplicate = false;
    // Printed after `lines`.
    std::vector<ReceiptElement> elements = {};

    // receipt.add(Separator{}).add(columns("Café", "1,50 €")). A template, not add(ReceiptElement): moving a
    // variant temporary trips a false -Wmaybe-uninitialized in GCC 12 at -O2.
    template <typename Element>
    Receipt& add(Element&& element) {
        elements.emplace_back(std::forward<Element>(element));
        return *this;
    }
};

inline ColumnsRow columns(std::string left, std::string right) {
    return ColumnsRow{std::move(left), {}, std::move(right)};
}
inline ColumnsRow columns(std::string left, std::string middle, std::string right) {
    return ColumnsRow{std::move(left), std::move(middle), std::move(right)};
}

class ReceiptPrinter {
public:
    virtual ~ReceiptPrinter() = default;
    // Hands a receipt over; printing happens later, on the device's own thread. Never blocks the screen.
    virtual void submit(const Receipt& receipt) = 0;
    // Whether a receipt handed over now prints at once; residents otherwise read « dès que possible ».
    virtual bool printsNow() const { return true; }
};

// The kiosk without a printer (development, a demo): keeps the last receipts for the screen's preview and, given
// a folder, writes each one there as a PNG, the way a receipt printer would have printed it.
class PreviewPrinter final : public ReceiptPrinter {
public:
    explicit PreviewPrinter(std::filesystem::path folder = {}, std::string profile = "generic-80");
    void submit(const Receipt& receipt) override;
    std::vector<Receipt> lastReceipts() const;
    const std::filesystem::path& folder() const { return folder_; }

private:
    static constexpr std::size_t kKept = 20;
    std::filesystem::path folder_;
    std::string profile_;
    mutable std::mutex mutex_;
    std::deque<Receipt> receipts_;
    int written_ = 0;
};

}  // namespace vk::hardware
