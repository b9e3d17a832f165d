#include "kiosk/services/timebank/timebank_area.h"

#include "kiosk/services/impact/counted_uses.h"
#include "hardware/receipt.h"
#include "kiosk/services/kiosk_config.h"
#include "kiosk/services/timebank/time_bank_receipts.h"

#include <algorithm>

namespace vk::services::timebank {
namespace {

constexpr int kLimitRange = 100'000;  // minutes, about 1 700 hours either way

void readTimeBankSettings(SettingsReader& reader, AreaSettings& areas) {
    TimeBankSettings& settings = areas.get<TimeBankSettings>();
    // Out of range on purpose: still there after the read, the key was absent or refused.
    constexpr int kUnset = kLimitRange + 1;
    int minimum = kUnset;
    reader.integer("min_balance_minutes", minimum, -kLimitRange, 0, "minutes");
    if (minimum != kUnset) settings.minBalanceMinutes = minimum;
    int maximum = kUnset;
    reader.integer("max_balance_minutes", maximum, 0, kLimitRange, "minutes");
    if (maximum != kUnset) settings.maxBalanceMinutes = maximum;
}

// The [timebank] section, with the board's categories.
TimeBankSettings settingsFor(const KioskConfig& config) {
    TimeBankSettings settings = config.areas.get<TimeBankSettings>();
    const auto& boardCategories = config.areas.get<board::BoardSettings>().categories;
    settings.categories = boardCategories;
    if (std::find(boardCategories.begin(), boardCategories.end(), "other") == boardCategories.end())
        settings.categories.push_back("other");
    return settings;
}

std::unique_ptr<AreaServices> makeTimeBankServices(const AreaContext& context) {
    return std::make_unique<TimeBankServices>(context);
}

// What the impact report counts of this area (docs/impact.md).
std::unique_ptr<impact::UsageSource> makeTimebankUsageSource(storage::Database& db) {
    return impact::usesCountedBy(db, &storage::countTimeBankExchanges, {{"", "exchange", "time_bank_exchanges"}});
}

}  // namespace

TimeBankServices::TimeBankServices(const AreaContext& context, std::unique_ptr<MemberDirectory> members)
    : settings(settingsFor(context.config)),
      printer_(context.printer),
      villageName_(context.config.villageName),
      bank(context.database, context.clock, context.staff, members_, settings) {
    members_.inner = members ? std::move(members) : makeBoardMemberDirectory(context.database, context.clock, context.staff);
}

TransferResult TimeBankServices::recordAndPrint(const StaffSession* actor, const TransferRequest& request) {
    TransferResult result = bank.transfer(actor, request);
    printReceipts(result);
    return result;
}

TransferResult TimeBankServices::correctAndPrint(const StaffSession* actor, const std::string& transferId) {
    TransferResult result = bank.correct(actor, transferId);
    printReceipts(result);
    return result;
}

void TimeBankServices::printReceipts(const TransferResult& result) {
    if (!result.ok() || result.alreadyRecorded || !result.transfer) return;
    const TimeBankTransfer& transfer = *result.transfer;
    const auto payer = members_.find(transfer.payerMemberId);
    const auto provider = members_.find(transfer.providerMemberId);
    if (!payer || !provider) return;
    printer_.submit(exchangeReceipt(transfer, *provider, *payer, result.providerBalance, villageName_));
    printer_.submit(exchangeReceipt(transfer, *payer, *provider, result.payerBalance, villageName_));
}

bool TimeBankServices::printStatement(const std::string& memberId, const std::string& month) {
    const auto statement = bank.monthlyStatement(memberId, month);
    if (!statement) return false;
    printer_.submit(statementReceipt(*statement, villageName_));
    return true;
}

AreaDefinition timeBankArea() {
    return {"timebank", "timebank", &readTimeBankSettings, {}, &makeTimeBankServices, &makeTimebankUsageSource};
}

}  // namespace vk::services::timebank
