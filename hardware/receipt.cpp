#include "hardware/receipt.h"

namespace vk::hardware {

void PreviewPrinter::submit(const Receipt& receipt) {
    std::lock_guard lock(mutex_);
    receipts_.push_back(receipt);
    if (receipts_.size() > kKept) receipts_.pop_front();
}

std::vector<Receipt> PreviewPrinter::lastReceipts() const {
    std::lock_guard lock(mutex_);
    return {receipts_.begin(), receipts_.end()};
}

}  // namespace vk::hardware
