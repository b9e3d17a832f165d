#include "kiosk/services/postal/postal_receipts.h"

#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"

#include <cstdio>

namespace vk::services::postal {

using i18n::tr;
using i18n::trf;

std::string formatCents(std::int64_t cents) {
    const bool negative = cents < 0;
    const std::uint64_t magnitude = negative ? static_cast<std::uint64_t>(-(cents + 1)) + 1 : static_cast<std::uint64_t>(cents);
    char hundredths[4];
    std::snprintf(hundredths, sizeof hundredths, "%02u", static_cast<unsigned>(magnitude % 100));
    return trf("postal.amount", {{"sign", negative ? "-" : ""},
                                 {"euros", std::to_string(magnitude / 100)},
                                 {"cents", hundredths}});
}

std::string paymentMethodName(PaymentMethod method) {
    switch (method) {
    case PaymentMethod::Cash: return tr("postal.method.cash");
    case PaymentMethod::Card: return tr("postal.method.card");
    case PaymentMethod::Cheque: return tr("postal.method.cheque");
    }
    return "";
}

hardware::Receipt saleReceipt(const Sale& sale, const std::string& villageName) {
    hardware::Receipt receipt;
    receipt.kind = "postal_receipt";
    receipt.lines = {
        {villageName, false, true, true},
        {tr(sale.correctsSaleId ? "postal.receipt.correction_title" : "postal.receipt.title"), false, true, true},
        {i18n::longDate(sale.soldAt) + "  " + i18n::clockTime(sale.soldAt), false, false, true},
    };
    receipt.add(hardware::Separator{});
    for (const SaleLine& line : sale.lines)
        receipt.add(hardware::columns(line.itemName, "x" + std::to_string(line.quantity), formatCents(line.lineCents())));
    for (const RegisteredLetter& letter : sale.letters) {
        const std::string town = letter.recipientTown.empty() ? std::string() : "  " + letter.recipientTown;
        receipt.add(hardware::ReceiptLine{trf("postal.receipt.letter", {{"number", letter.number}}) + town});
    }
    receipt.add(hardware::Separator{});
    hardware::ColumnsRow total = hardware::columns(tr("postal.total"), formatCents(sale.totalCents));
    total.bold = true;
    receipt.add(total);
    receipt.add(hardware::columns(tr("postal.receipt.paid_by"), paymentMethodName(sale.method)));
    if (sale.correctsSaleId)
        receipt.add(hardware::ReceiptLine{trf("postal.receipt.corrects", {{"sale", sale.correctsSaleId->substr(0, 8)}})});
    receipt.add(hardware::ReceiptLine{trf("postal.receipt.number", {{"sale", sale.id.substr(0, 8)}})});
    receipt.add(hardware::ReceiptLine{tr("postal.receipt.thanks"), false, false, true});
    return receipt;
}

hardware::Receipt closingReceipt(const DayReport& report, const std::string& villageName) {
    hardware::Receipt receipt;
    receipt.kind = "postal_closing";
    receipt.lines = {
        {villageName, false, true, true},
        {tr("postal.closing.title"), false, true, true},
        {report.day, false, false, true},
    };
    receipt.add(hardware::Separator{});
    for (const ItemTotal& item : report.items)
        receipt.add(hardware::columns(item.name, "x" + std::to_string(item.quantity), formatCents(item.totalCents)));
    receipt.add(hardware::Separator{});
    for (const MethodTotal& method : report.methods)
        receipt.add(hardware::columns(paymentMethodName(method.method), std::to_string(method.sales),
                                      formatCents(method.totalCents)));
    receipt.add(hardware::Separator{});
    receipt.add(hardware::columns(tr("postal.closing.sales"), std::to_string(report.saleCount)));
    receipt.add(hardware::columns(tr("postal.closing.corrections"), std::to_string(report.correctionCount)));
    receipt.add(hardware::columns(tr("postal.closing.registered"), std::to_string(report.registeredLetters)));
    hardware::ColumnsRow total = hardware::columns(tr("postal.total"), formatCents(report.totalCents));
    total.bold = true;
    receipt.add(total);
    if (report.codCents) receipt.add(hardware::columns(tr("postal.closing.cod"), formatCents(*report.codCents)));
    if (report.closing)
        receipt.add(hardware::ReceiptLine{trf("postal.closing.closed_by",
                                              {{"time", i18n::shortDateTime(report.closing->closedAt)},
                                               {"name", report.closing->closedBy}})});
    else
        receipt.add(hardware::ReceiptLine{tr("postal.closing.not_closed"), false, true, true});
    return receipt;
}

}  // namespace vk::services::postal
