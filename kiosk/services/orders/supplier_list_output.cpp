#include "kiosk/services/orders/supplier_list_output.h"

#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/services/health/local_days.h"

namespace vk::services::orders {
namespace {

using hardware::ReceiptLine;
using i18n::tr;
using i18n::trf;
using i18n::trn;

std::string quantityText(int quantity) { return "x" + std::to_string(quantity); }

}  // namespace

std::string spokenDay(const std::string& day) {
    // Noon: a day's middle is that day in every time zone the kiosk may be set to.
    const auto noon = health::localToUnixMs(day, "12:00");
    return noon ? i18n::longDate(*noon) : day;
}

hardware::Receipt supplierListReceipt(const SupplierList& list, const std::string& villageName) {
    hardware::Receipt receipt;
    receipt.kind = "orders_supplier_list";
    receipt.lines = {
        ReceiptLine{villageName, false, true, true},
        ReceiptLine{tr("orders.list.title"), true, true, true},
        ReceiptLine{list.supplier.name, false, true, true},
        ReceiptLine{trf("orders.list.for_day", {{"day", spokenDay(list.day)}}), false, false, true},
    };
    receipt.add(hardware::Separator{});
    if (list.orders.empty()) receipt.add(ReceiptLine{tr("orders.list.nothing")});
    for (const auto& item : list.items)
        receipt.add(hardware::columns(item.itemName, quantityText(item.quantity), formatCents(item.amountCents)));
    receipt.add(hardware::Separator{});
    receipt.add(hardware::ColumnsRow{trn("orders.list.total_items", list.totalQuantity,
                                         {{"count", std::to_string(list.totalQuantity)}}),
                                     {}, formatCents(list.totalCents), true});
    receipt.add(ReceiptLine{trn("orders.list.order_count", list.orders.size(),
                                {{"count", std::to_string(list.orders.size())}})});
    if (list.supplier.listPerCustomer && !list.orders.empty()) {
        receipt.add(hardware::Separator{'='});
        receipt.add(ReceiptLine{tr("orders.list.per_customer"), false, true});
        for (const auto& order : list.orders) {
            receipt.add(hardware::ColumnsRow{order.customerName, {}, formatCents(order.totalCents), true});
            for (const auto& line : order.lines)
                receipt.add(hardware::columns("  " + line.itemName, quantityText(line.quantity), ""));
        }
    }
    if (!list.skipped.empty()) {
        receipt.add(hardware::Separator{});
        for (const auto& skip : list.skipped)
            if (!skip.paused)
                receipt.add(ReceiptLine{trf("orders.list.skipped", {{"name", skip.customerName},
                                                                    {"item", skip.itemName},
                                                                    {"why", tr(errorKey(skip.reason))}})});
    }
    return receipt;
}

ListEmail supplierListEmail(const SupplierList& list, const std::string& villageName) {
    ListEmail mail;
    mail.subject = trf("orders.list.mail_subject",
                       {{"village", villageName}, {"supplier", list.supplier.name}, {"day", spokenDay(list.day)}});
    std::string body = trf("orders.list.mail_intro",
                           {{"village", villageName}, {"supplier", list.supplier.name}, {"day", spokenDay(list.day)}}) +
                       "\n\n";
    if (list.orders.empty()) body += tr("orders.list.nothing") + std::string("\n");
    for (const auto& item : list.items)
        body += "- " + item.itemName + " : " + std::to_string(item.quantity) + " (" + formatCents(item.amountCents) + ")\n";
    body += "\n" + trn("orders.list.total_items", list.totalQuantity, {{"count", std::to_string(list.totalQuantity)}}) +
            " — " + formatCents(list.totalCents) + "\n";
    if (list.supplier.listPerCustomer && !list.orders.empty()) {
        body += std::string("\n") + tr("orders.list.per_customer") + "\n";
        for (const auto& order : list.orders) {
            body += "\n" + order.customerName + " (" + formatCents(order.totalCents) + ")\n";
            for (const auto& line : order.lines) body += "  - " + line.itemName + " : " + std::to_string(line.quantity) + "\n";
        }
    }
    mail.body = body;
    return mail;
}

}  // namespace vk::services::orders
