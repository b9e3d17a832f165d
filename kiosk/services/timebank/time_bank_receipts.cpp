#include "kiosk/services/timebank/time_bank_receipts.h"

#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"

#include <cstdio>

namespace vk::services::timebank {
namespace {

using hardware::ReceiptLine;
using i18n::tr;
using i18n::trf;

std::string signedMinutes(std::int64_t minutes) { return (minutes > 0 ? "+" : "") + formatMinutes(minutes); }

}  // namespace

std::string categoryName(const std::string& key) {
    if (key == "other") return tr("timebank.category.other");
    const std::string translationKey = "board.category." + key;
    const std::string words = tr(translationKey);
    return words == translationKey ? key : words;
}

std::string formatEuros(std::int64_t cents) {
    char text[32];
    std::snprintf(text, sizeof text, "%lld,%02lld €", static_cast<long long>(cents / 100),
                  static_cast<long long>(cents % 100));
    return text;
}

hardware::Receipt exchangeReceipt(const TimeBankTransfer& transfer, const TimeBankMember& self,
                                  const TimeBankMember& other, std::int64_t balanceAfter,
                                  const std::string& villageName) {
    const bool credited = transfer.providerMemberId == self.id;
    const std::int64_t minutes = credited ? transfer.minutes : -transfer.minutes;
    hardware::Receipt receipt;
    receipt.kind = "time_bank_receipt";
    receipt.lines = {
        ReceiptLine{villageName, false, true, true},
        ReceiptLine{tr("timebank.title"), true, true, true},
        ReceiptLine{transfer.correctsTransferId ? tr("timebank.receipt.correction") : tr("timebank.receipt.exchange"),
                    false, true, true},
        ReceiptLine{i18n::longDate(transfer.createdAt) + " " + i18n::clockTime(transfer.createdAt), false, false, true},
    };
    receipt.add(hardware::Separator{});
    receipt.add(ReceiptLine{trf("timebank.receipt.member", {{"name", self.name}})});
    receipt.add(ReceiptLine{trf(credited ? "timebank.receipt.for_service_given" : "timebank.receipt.for_service_received",
                                {{"name", other.name}})});
    receipt.add(ReceiptLine{transfer.what, false, true});
    receipt.add(hardware::columns(tr("timebank.receipt.category"), categoryName(transfer.category)));
    if (transfer.payment == TimeBankPayment::Cesu) {
        receipt.add(hardware::columns(tr("timebank.receipt.cesu_hours"), formatMinutes(transfer.minutes)));
        if (transfer.cesuRateCents)
            receipt.add(hardware::columns(tr("timebank.receipt.cesu_rate"), formatEuros(*transfer.cesuRateCents)));
    }
    receipt.add(hardware::Separator{});
    receipt.add(hardware::ColumnsRow{tr(credited ? "timebank.receipt.credited" : "timebank.receipt.debited"), {},
                                     signedMinutes(minutes), true});
    receipt.add(hardware::ColumnsRow{tr("timebank.receipt.balance"), {}, signedMinutes(balanceAfter), true});
    receipt.add(hardware::Separator{});
    receipt.add(ReceiptLine{trf("timebank.receipt.reference", {{"id", transfer.id}})});
    if (transfer.correctsTransferId)
        receipt.add(ReceiptLine{trf("timebank.receipt.corrects", {{"id", *transfer.correctsTransferId}})});
    receipt.add(ReceiptLine{tr("timebank.receipt.thanks"), false, false, true});
    return receipt;
}

hardware::Receipt statementReceipt(const MonthlyStatement& statement, const std::string& villageName) {
    hardware::Receipt receipt;
    receipt.kind = "time_bank_statement";
    receipt.lines = {
        ReceiptLine{villageName, false, true, true},
        ReceiptLine{tr("timebank.title"), true, true, true},
        ReceiptLine{trf("timebank.statement.title", {{"month", statement.month.substr(5, 2) + "/" + statement.month.substr(0, 4)}}),
                    false, true, true},
        ReceiptLine{trf("timebank.receipt.member", {{"name", statement.member.name}}), false, false, true},
    };
    receipt.add(hardware::Separator{});
    receipt.add(hardware::columns(tr("timebank.statement.opening"), signedMinutes(statement.openingMinutes)));
    for (const StatementEntry& entry : statement.entries) {
        std::string left = i18n::shortDateTime(entry.at).substr(0, 5) + " " +
                           (entry.otherMemberName.empty() ? tr("timebank.statement.unknown_member") : entry.otherMemberName);
        if (entry.correction) left += " (" + std::string(tr("timebank.statement.correction")) + ")";
        receipt.add(hardware::columns(left + " – " + entry.what, signedMinutes(entry.minutes)));
    }
    if (statement.entries.empty()) receipt.add(ReceiptLine{tr("timebank.statement.none")});
    receipt.add(hardware::Separator{});
    receipt.add(hardware::columns(tr("timebank.statement.credited"), signedMinutes(statement.creditedMinutes)));
    receipt.add(hardware::columns(tr("timebank.statement.debited"), signedMinutes(-statement.debitedMinutes)));
    receipt.add(hardware::ColumnsRow{tr("timebank.statement.closing"), {}, signedMinutes(statement.closingMinutes), true});
    return receipt;
}

}  // namespace vk::services::timebank
