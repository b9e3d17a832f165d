#pragma once
// What the postal counter prints, in the kiosk's language: a sale's receipt and the day's closing report. The
// printer layer turns them into bytes (hardware/receipt.h); amounts are written here, from integer cents.

#include "hardware/receipt.h"
#include "kiosk/services/postal/postal_counter.h"

#include <cstdint>
#include <string>

namespace vk::services::postal {

// "1,52 €" in French, "€1.52" in English; a counter-entry's "-1,52 €".
std::string formatCents(std::int64_t cents);

std::string paymentMethodName(PaymentMethod method);  // translated: « Espèces », « Carte », « Chèque »

hardware::Receipt saleReceipt(const Sale& sale, const std::string& villageName);
hardware::Receipt closingReceipt(const DayReport& report, const std::string& villageName);

}  // namespace vk::services::postal
