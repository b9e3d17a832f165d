#pragma once
// A receipt as the workflows describe it: lines of text with a little emphasis. The hardware layer turns it
// into printer bytes (ESC/POS) or a preview; the workflows never see either. Until the printers land, the
// PreviewPrinter keeps what would have been printed, for the screen's preview and for tests.

#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

namespace vk::hardware {

struct ReceiptLine {
    std::string text;
    bool large = false;
    bool bold = false;
    bool centered = false;
};

struct Receipt {
    std::string kind;  // "queue_ticket", "parcel_receipt"…, for the print queue and its log
    std::vector<ReceiptLine> lines;
};

class ReceiptPrinter {
public:
    virtual ~ReceiptPrinter() = default;
    // Hands a receipt over; printing happens later, on the device's own thread. Never blocks the screen.
    virtual void submit(const Receipt& receipt) = 0;
};

// Keeps the last receipts instead of printing them.
class PreviewPrinter final : public ReceiptPrinter {
public:
    void submit(const Receipt& receipt) override;
    std::vector<Receipt> lastReceipts() const;

private:
    static constexpr std::size_t kKept = 20;
    mutable std::mutex mutex_;
    std::deque<Receipt> receipts_;
};

}  // namespace vk::hardware
