#include "kiosk/services/timebank/time_bank.h"

#include "kiosk/services/health/local_days.h"
#include "kiosk/services/user_text.h"
#include "storage/record_id.h"
#include "storage/write_failure.h"

#include <algorithm>
#include <cstdio>
#include <exception>

namespace vk::services::timebank {
namespace {

bool mayRecordExchanges(const StaffSession* actor) {
    return actor != nullptr && (actor->role == StaffRole::CafeManager || actor->role == StaffRole::Admin);
}

bool sameExchange(const TimeBankTransfer& stored, const storage::NewTimeBankTransfer& asked) {
    return stored.payerMemberId == asked.payerMemberId && stored.providerMemberId == asked.providerMemberId &&
           stored.minutes == asked.minutes && stored.what == asked.what && stored.category == asked.category &&
           stored.payment == asked.payment && stored.cesuRateCents == asked.cesuRateCents &&
           stored.correctsTransferId == asked.correctsTransferId;
}

// Raised inside the transaction to roll it back with a refusal rather than a database failure.
struct Refusal {
    TimeBankError error;
    std::optional<int> limit;
};

}  // namespace

std::string formatMinutes(std::int64_t minutes) {
    const bool negative = minutes < 0;
    const std::int64_t magnitude = negative ? -minutes : minutes;
    const std::int64_t hours = magnitude / 60;
    const std::int64_t rest = magnitude % 60;
    char text[48];
    if (hours == 0)
        std::snprintf(text, sizeof text, "%s%lld min", negative ? "-" : "", static_cast<long long>(rest));
    else if (rest == 0)
        std::snprintf(text, sizeof text, "%s%lld h", negative ? "-" : "", static_cast<long long>(hours));
    else
        std::snprintf(text, sizeof text, "%s%lld h %02lld", negative ? "-" : "", static_cast<long long>(hours),
                      static_cast<long long>(rest));
    return text;
}

std::optional<MonthRange> localMonthRange(const std::string& month) {
    if (month.size() != 7 || month[4] != '-') return std::nullopt;
    const std::string first = month + "-01";
    if (!health::isValidDay(first)) return std::nullopt;
    const int year = std::stoi(month.substr(0, 4));
    const int number = std::stoi(month.substr(5, 2));
    char next[32];
    std::snprintf(next, sizeof next, "%04d-%02d-01", number == 12 ? year + 1 : year, number == 12 ? 1 : number + 1);
    const auto from = health::localToUnixMs(first, "00:00");
    const auto to = health::localToUnixMs(next, "00:00");
    if (!from || !to) return std::nullopt;
    return MonthRange{*from, *to};
}

std::string localMonth(std::int64_t unixMs) { return health::localDay(unixMs).substr(0, 7); }

std::string describeError(const TransferResult& result) {
    switch (result.error) {
    case TimeBankError::None: return "recorded";
    case TimeBankError::NotAllowed: return "only the café manager or an admin records time bank exchanges";
    case TimeBankError::UnknownPayer: return "no member has the id given for the member who received the service";
    case TimeBankError::UnknownProvider: return "no member has the id given for the member who gave the service";
    case TimeBankError::SameMember: return "a member cannot exchange time with themselves";
    case TimeBankError::MinutesInvalid:
        return "the time must be a whole number of minutes from 1 to " + std::to_string(TimeBank::kMaxMinutes);
    case TimeBankError::WhatEmpty: return "say what was done (the text is empty)";
    case TimeBankError::WhatTooLong:
        return "what was done takes at most " + std::to_string(TimeBank::kMaxWhatLength) + " characters";
    case TimeBankError::CategoryUnknown: return "unknown category (see docs/timebank.md for the list)";
    case TimeBankError::RateInvalid: return "a CESU rate is in cents per hour, from 0 to 100000, and only for CESU";
    case TimeBankError::KeyInvalid:
        return "the idempotency key must have 1 to " + std::to_string(TimeBank::kMaxKeyLength) + " characters";
    case TimeBankError::KeyReused: return "this idempotency key already recorded a different exchange";
    case TimeBankError::BelowMinimum:
        return "the member who received the service would go below the lowest balance allowed (" +
               formatMinutes(result.limitMinutes.value_or(0)) + ")";
    case TimeBankError::AboveMaximum:
        return "the member who gave the service would go above the highest balance allowed (" +
               formatMinutes(result.limitMinutes.value_or(0)) + ")";
    case TimeBankError::NotFound: return "no time bank transfer has this id";
    case TimeBankError::AlreadyCorrected: return "this transfer was already corrected";
    case TimeBankError::CorrectionOfCorrection:
        return "this transfer is a correction; record the exchange again instead of correcting it";
    case TimeBankError::StorageFailed: return "nothing was recorded: " + result.failure;
    }
    return "refused";
}

TimeBank::TimeBank(storage::Database& db, const Clock& clock, StaffService& staff, MemberDirectory& members,
                   TimeBankSettings settings)
    : store_(db), clock_(clock), staff_(staff), members_(members), settings_(settings) {}

TransferResult TimeBank::transfer(const StaffSession* actor, const TransferRequest& request) {
    TransferResult refused;
    const auto refuse = [&](TimeBankError error) {
        refused.error = error;
        return refused;
    };
    if (!mayRecordExchanges(actor)) {
        staff_.audit(actor, "timebank.refused", {{"attempt_key", "audit.attempt.record_exchange"}});
        return refuse(TimeBankError::NotAllowed);
    }
    if (request.minutes < 1 || request.minutes > kMaxMinutes) return refuse(TimeBankError::MinutesInvalid);
    // Counted before cleaning cuts anything: a text too long is refused whole, never stored cut.
    const std::string what = cleanUserText(request.what, kMaxWhatLength + 1);
    if (what.empty()) return refuse(TimeBankError::WhatEmpty);
    if (countCodepoints(what) > kMaxWhatLength) return refuse(TimeBankError::WhatTooLong);
    const auto& categories = settings_.categories;
    if (std::find(categories.begin(), categories.end(), request.category) == categories.end())
        return refuse(TimeBankError::CategoryUnknown);
    if (request.cesuRateCents &&
        (request.payment != TimeBankPayment::Cesu || *request.cesuRateCents < 0 || *request.cesuRateCents > kMaxRateCents))
        return refuse(TimeBankError::RateInvalid);
    std::string key = request.idempotencyKey.empty() ? storage::newRecordId(clock_.nowMs())
                                                     : cleanUserText(request.idempotencyKey, kMaxKeyLength + 1);
    if (key.empty() || countCodepoints(key) > kMaxKeyLength) return refuse(TimeBankError::KeyInvalid);
    if (request.payerMemberId == request.providerMemberId) return refuse(TimeBankError::SameMember);
    if (!members_.find(request.payerMemberId)) return refuse(TimeBankError::UnknownPayer);
    if (!members_.find(request.providerMemberId)) return refuse(TimeBankError::UnknownProvider);

    storage::NewTimeBankTransfer transfer;
    transfer.idempotencyKey = std::move(key);
    transfer.payerMemberId = request.payerMemberId;
    transfer.providerMemberId = request.providerMemberId;
    transfer.minutes = request.minutes;
    transfer.what = what;
    transfer.category = request.category;
    transfer.payment = request.payment;
    transfer.cesuRateCents = request.cesuRateCents;
    return record(actor, transfer, true, "timebank.transfer");
}

TransferResult TimeBank::correct(const StaffSession* actor, const std::string& transferId, std::string idempotencyKey) {
    TransferResult refused;
    if (!mayRecordExchanges(actor)) {
        staff_.audit(actor, "timebank.refused", {{"attempt_key", "audit.attempt.correct_exchange"}});
        refused.error = TimeBankError::NotAllowed;
        return refused;
    }
    std::optional<TimeBankTransfer> original;
    try {
        original = store_.find(transferId);
    } catch (const std::exception& e) {
        refused.error = TimeBankError::StorageFailed;
        refused.failure = storage::describeWriteFailure(e);
        return refused;
    }
    if (!original) {
        refused.error = TimeBankError::NotFound;
        return refused;
    }
    if (original->correctsTransferId) {
        refused.error = TimeBankError::CorrectionOfCorrection;
        return refused;
    }
    // The key of a correction says what it corrects: asked twice, the same correction records once.
    if (idempotencyKey.empty()) idempotencyKey = "correction:" + original->id;
    storage::NewTimeBankTransfer back;
    back.idempotencyKey = cleanUserText(idempotencyKey, kMaxKeyLength);
    back.payerMemberId = original->providerMemberId;
    back.providerMemberId = original->payerMemberId;
    back.minutes = original->minutes;
    back.what = original->what;
    back.category = original->category;
    back.payment = original->payment;
    back.cesuRateCents = original->cesuRateCents;
    back.correctsTransferId = original->id;
    return record(actor, back, false, "timebank.correct");
}

TransferResult TimeBank::record(const StaffSession* actor, const storage::NewTimeBankTransfer& transfer,
                                bool applyLimits, const char* auditAction) {
    TransferResult result;
    try {
        store_.inTransaction([&] {
            if (const auto existing = store_.findByKey(transfer.idempotencyKey)) {
                if (!sameExchange(*existing, transfer)) throw Refusal{TimeBankError::KeyReused, std::nullopt};
                result.transfer = existing;
                result.alreadyRecorded = true;
                return;
            }
            if (transfer.correctsTransferId && store_.correctionOf(*transfer.correctsTransferId))
                throw Refusal{TimeBankError::AlreadyCorrected, std::nullopt};
            const std::int64_t payerAfter = store_.balance(transfer.payerMemberId) - transfer.minutes;
            const std::int64_t providerAfter = store_.balance(transfer.providerMemberId) + transfer.minutes;
            if (applyLimits && settings_.minBalanceMinutes && payerAfter < *settings_.minBalanceMinutes)
                throw Refusal{TimeBankError::BelowMinimum, settings_.minBalanceMinutes};
            if (applyLimits && settings_.maxBalanceMinutes && providerAfter > *settings_.maxBalanceMinutes)
                throw Refusal{TimeBankError::AboveMaximum, settings_.maxBalanceMinutes};
            result.transfer = store_.insert(transfer, clock_.nowMs());
            // In the same transaction: an exchange is never stored without its audit line. Who and how long only:
            // what was done stays in the ledger.
            const auto payer = members_.find(transfer.payerMemberId);
            const auto provider = members_.find(transfer.providerMemberId);
            staff_.audit(actor, auditAction,
                         {{"payer", payer ? payer->name : std::string()},
                          {"provider", provider ? provider->name : std::string()},
                          {"count", std::to_string(transfer.minutes < 0 ? -transfer.minutes : transfer.minutes)}});
        });
        result.payerBalance = store_.balance(result.transfer->payerMemberId);
        result.providerBalance = store_.balance(result.transfer->providerMemberId);
    } catch (const Refusal& refusal) {
        result = {};
        result.error = refusal.error;
        result.limitMinutes = refusal.limit;
    } catch (const std::exception& e) {
        result = {};
        // Two counters confirming with one key at the same moment: the loser finds the winner's row.
        if (storage::classifyWriteFailure(e) == storage::WriteFailure::Refused) {
            try {
                if (const auto existing = store_.findByKey(transfer.idempotencyKey); existing && sameExchange(*existing, transfer)) {
                    result.transfer = existing;
                    result.alreadyRecorded = true;
                    result.payerBalance = store_.balance(existing->payerMemberId);
                    result.providerBalance = store_.balance(existing->providerMemberId);
                    return result;
                }
            } catch (const std::exception&) {
            }
        }
        result.error = TimeBankError::StorageFailed;
        result.failure = storage::describeWriteFailure(e);
    }
    return result;
}

std::int64_t TimeBank::balance(const std::string& memberId) { return store_.balance(memberId); }

std::vector<std::pair<std::string, std::int64_t>> TimeBank::balancesOfAll() { return store_.balances(); }

std::optional<TimeBankTransfer> TimeBank::find(const std::string& transferId) { return store_.find(transferId); }

std::optional<MonthlyStatement> TimeBank::monthlyStatement(const std::string& memberId, const std::string& month) {
    const auto range = localMonthRange(month);
    if (!range) return std::nullopt;
    auto member = members_.find(memberId);
    if (!member) return std::nullopt;
    MonthlyStatement statement;
    statement.member = std::move(*member);
    statement.month = month;
    statement.openingMinutes = store_.derivedBalance(memberId, range->fromMs);
    statement.closingMinutes = statement.openingMinutes;
    for (const auto& line : store_.statement(memberId, range->fromMs, range->toMs)) {
        StatementEntry entry;
        entry.at = line.movement.createdAt;
        entry.minutes = line.movement.minutes;
        entry.what = line.transfer.what;
        entry.category = line.transfer.category;
        entry.otherMemberId = line.transfer.payerMemberId == memberId ? line.transfer.providerMemberId
                                                                      : line.transfer.payerMemberId;
        if (const auto other = members_.find(entry.otherMemberId)) entry.otherMemberName = other->name;
        entry.correction = line.transfer.correctsTransferId.has_value();
        entry.transferId = line.transfer.id;
        statement.closingMinutes += entry.minutes;
        if (entry.minutes > 0) statement.creditedMinutes += entry.minutes;
        else statement.debitedMinutes -= entry.minutes;
        statement.entries.push_back(std::move(entry));
    }
    return statement;
}

std::vector<CategoryTotal> TimeBank::categoryTotals(std::int64_t fromMs, std::int64_t toMs) {
    return store_.categoryTotals(fromMs, toMs);
}

LedgerCheck TimeBank::check() { return store_.check(); }

}  // namespace vk::services::timebank
