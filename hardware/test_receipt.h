#pragma once
#include "hardware/receipt.h"

#include <string>

namespace vk::hardware {

// The receipt a technician prints to check a printer: accents and €, columns, a separator, a QR code and a
// barcode, then the cut. Used by `village-kiosk print-test` and the staff device panel.
Receipt makeTestReceipt(const std::string& villageName, const std::string& when);

}  // namespace vk::hardware
