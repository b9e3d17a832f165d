#include "hardware/receipt.h"

#include "hardware/escpos/printer_profiles.h"
#include "hardware/receipt_preview.h"

#include <cstdio>

namespace vk::hardware {

PreviewPrinter::PreviewPrinter(std::filesystem::path folder, std::string profile)
    : folder_(std::move(folder)), profile_(std::move(profile)) {}

void PreviewPrinter::submit(const Receipt& receipt) {
    std::lock_guard lock(mutex_);
    receipts_.push_back(receipt);
    if (receipts_.size() > kKept) receipts_.pop_front();
    if (folder_.empty()) return;
    const escpos::PrinterProfile* profile = escpos::findPrinterProfile(profile_);
    if (!profile) profile = &escpos::printerProfiles().front();
    std::error_code ec;
    std::filesystem::create_directories(folder_, ec);
    // A ring of files, so that a kiosk left in preview mode for months does not fill its disk.
    char name[32];
    std::snprintf(name, sizeof name, "receipt-%02d.png", written_++ % static_cast<int>(kKept));
    writePreviewPng(receipt, *profile, folder_ / name);
}

std::vector<Receipt> PreviewPrinter::lastReceipts() const {
    std::lock_guard lock(mutex_);
    return {receipts_.begin(), receipts_.end()};
}

}  // namespace vk::hardware
