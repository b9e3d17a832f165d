#pragma once
// What leaves the café at a supplier's cut-off: its list for the next delivery, printed on the receipt printer
// and written as an e-mail for the outbox. In the kiosk's current language (French on a French kiosk).

#include "hardware/receipt.h"
#include "kiosk/services/orders/order_book.h"

#include <cstdint>
#include <string>

namespace vk::services::orders {

// "samedi 21 novembre 2026" for "2026-11-21".
std::string spokenDay(const std::string& day);

// The totals per item and, for a supplier whose list names its customers, each customer's order.
hardware::Receipt supplierListReceipt(const SupplierList& list, const std::string& villageName);

struct ListEmail {
    std::string subject;
    std::string body;
};
ListEmail supplierListEmail(const SupplierList& list, const std::string& villageName);

}  // namespace vk::services::orders
