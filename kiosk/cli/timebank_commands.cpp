#include "kiosk/cli/timebank_commands.h"

#include "kiosk/services/kiosk_runtime.h"
#include "kiosk/services/timebank/timebank_area.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <ostream>

namespace vk::cli {
namespace {

using nlohmann::json;
namespace timebank = services::timebank;

const services::StaffSession& commandLine() { return services::systemActor(services::SystemActor::CommandLine); }

std::optional<std::int64_t> wholeNumber(const std::string& text) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

int wrongArguments(std::ostream& err, const std::string& why) {
    err << "village-kiosk timebank: " << why << "\n\n" << timeBankCommand().usage;
    return 2;
}

json transferJson(const timebank::TimeBankTransfer& transfer) {
    json object{{"id", transfer.id},
                {"from", transfer.payerMemberId},
                {"to", transfer.providerMemberId},
                {"minutes", transfer.minutes},
                {"what", transfer.what},
                {"category", transfer.category},
                {"payment", transfer.payment == timebank::TimeBankPayment::Cesu ? "cesu" : "time"},
                {"key", transfer.idempotencyKey},
                {"created_at", transfer.createdAt}};
    object["cesu_rate_cents"] = transfer.cesuRateCents ? json(*transfer.cesuRateCents) : json(nullptr);
    object["corrects"] = transfer.correctsTransferId ? json(*transfer.correctsTransferId) : json(nullptr);
    return object;
}

int reportTransfer(const timebank::TransferResult& result, bool asJson, std::ostream& out, std::ostream& err) {
    if (!result.ok()) {
        err << "village-kiosk timebank: " << timebank::describeError(result) << "\n";
        return 1;
    }
    const auto& transfer = *result.transfer;
    if (asJson) {
        json object = transferJson(transfer);
        object["already_recorded"] = result.alreadyRecorded;
        object["from_balance_minutes"] = result.payerBalance;
        object["to_balance_minutes"] = result.providerBalance;
        out << object.dump() << "\n";
        return 0;
    }
    out << transfer.id << "\n";
    err << (result.alreadyRecorded ? "already recorded under this key: " : "recorded: ") << transfer.minutes
        << " min from " << transfer.payerMemberId << " (now " << timebank::formatMinutes(result.payerBalance) << ") to "
        << transfer.providerMemberId << " (now " << timebank::formatMinutes(result.providerBalance) << ")\n";
    return 0;
}

int runTransfer(timebank::TimeBankServices& area, const CommandArguments& arguments, std::ostream& out,
                std::ostream& err) {
    const auto from = arguments.option("from");
    const auto to = arguments.option("to");
    const auto minutesText = arguments.option("minutes");
    const auto what = arguments.option("what");
    if (!from || !to || !minutesText || !what) return wrongArguments(err, "transfer needs --from, --to, --minutes and --what");
    const auto minutes = wholeNumber(*minutesText);
    if (!minutes) return wrongArguments(err, "--minutes takes a whole number of minutes");
    timebank::TransferRequest request;
    request.payerMemberId = *from;
    request.providerMemberId = *to;
    // Out of int's range is out of the ledger's too: the service refuses it with its own message.
    request.minutes = *minutes < 0 ? -1 : *minutes > timebank::TimeBank::kMaxMinutes ? timebank::TimeBank::kMaxMinutes + 1
                                                                                       : static_cast<int>(*minutes);
    request.what = *what;
    request.category = arguments.option("category").value_or("other");
    request.idempotencyKey = arguments.option("key").value_or("");
    if (const auto rate = arguments.option("cesu-rate-cents")) {
        const auto cents = wholeNumber(*rate);
        if (!cents) return wrongArguments(err, "--cesu-rate-cents takes a whole number of cents");
        request.payment = timebank::TimeBankPayment::Cesu;
        request.cesuRateCents = *cents;
    }
    return reportTransfer(area.bank.transfer(&commandLine(), request), arguments.json(), out, err);
}

int runBalance(timebank::TimeBankServices& area, const CommandArguments& arguments, std::ostream& out,
               std::ostream& err) {
    if (arguments.positional.size() > 2) return wrongArguments(err, "balance takes at most one member id");
    if (arguments.positional.size() == 2) {
        const std::string& memberId = arguments.positional[1];
        const auto member = area.members().find(memberId);
        if (!member) {
            err << "village-kiosk timebank: no member has the id " << memberId << "\n";
            return 1;
        }
        const std::int64_t balance = area.bank.balance(memberId);
        if (arguments.json())
            out << json{{"member_id", memberId}, {"name", member->name}, {"balance_minutes", balance}}.dump() << "\n";
        else
            out << timebank::formatMinutes(balance) << "  " << member->name << "\n";
        return 0;
    }
    json list = json::array();
    for (const auto& [memberId, balance] : area.bank.balancesOfAll()) {
        const auto member = area.members().find(memberId);
        if (arguments.json())
            list.push_back({{"member_id", memberId}, {"name", member ? member->name : ""}, {"balance_minutes", balance}});
        else
            out << memberId << "  " << timebank::formatMinutes(balance) << "  " << (member ? member->name : "") << "\n";
    }
    if (arguments.json()) out << json{{"balances", list}}.dump() << "\n";
    return 0;
}

int runCorrect(timebank::TimeBankServices& area, const CommandArguments& arguments, std::ostream& out,
               std::ostream& err) {
    if (arguments.positional.size() != 2) return wrongArguments(err, "correct takes the id of the transfer to undo");
    return reportTransfer(area.bank.correct(&commandLine(), arguments.positional[1], arguments.option("key").value_or("")),
                          arguments.json(), out, err);
}

int runStatement(timebank::TimeBankServices& area, const CommandArguments& arguments, std::ostream& out,
                 std::ostream& err) {
    const auto member = arguments.option("member");
    const auto month = arguments.option("month");
    if (!member || !month) return wrongArguments(err, "statement needs --member ID and --month YYYY-MM");
    const auto statement = area.bank.monthlyStatement(*member, *month);
    if (!statement) {
        err << "village-kiosk timebank: no statement: unknown member, or a month that is not YYYY-MM\n";
        return 1;
    }
    if (arguments.flag("print")) area.printStatement(*member, *month);
    if (arguments.json()) {
        json entries = json::array();
        for (const auto& entry : statement->entries)
            entries.push_back({{"at", entry.at},
                               {"minutes", entry.minutes},
                               {"what", entry.what},
                               {"category", entry.category},
                               {"other_member_id", entry.otherMemberId},
                               {"correction", entry.correction},
                               {"transfer_id", entry.transferId}});
        out << json{{"member_id", *member},
                    {"month", *month},
                    {"opening_minutes", statement->openingMinutes},
                    {"credited_minutes", statement->creditedMinutes},
                    {"debited_minutes", statement->debitedMinutes},
                    {"closing_minutes", statement->closingMinutes},
                    {"entries", entries}}
                   .dump()
            << "\n";
        return 0;
    }
    out << statement->member.name << ", " << *month << "\n";
    out << "opening balance  " << timebank::formatMinutes(statement->openingMinutes) << "\n";
    for (const auto& entry : statement->entries)
        out << entry.transferId << "  " << (entry.minutes > 0 ? "+" : "") << timebank::formatMinutes(entry.minutes)
            << "  " << entry.what << (entry.correction ? " (correction)" : "") << "\n";
    out << "closing balance  " << timebank::formatMinutes(statement->closingMinutes) << "\n";
    return 0;
}

int runTotals(timebank::TimeBankServices& area, const CommandArguments& arguments, std::ostream& out,
              std::ostream& err) {
    const auto month = arguments.option("month");
    if (!month) return wrongArguments(err, "totals needs --month YYYY-MM");
    const auto range = timebank::localMonthRange(*month);
    if (!range) return wrongArguments(err, "--month takes a month as YYYY-MM");
    json list = json::array();
    for (const auto& total : area.bank.categoryTotals(range->fromMs, range->toMs)) {
        if (arguments.json())
            list.push_back({{"category", total.category}, {"minutes", total.minutes}, {"exchanges", total.exchanges}});
        else
            out << total.category << "  " << timebank::formatMinutes(total.minutes) << "  " << total.exchanges
                << " exchange(s)\n";
    }
    if (arguments.json()) out << json{{"month", *month}, {"categories", list}}.dump() << "\n";
    return 0;
}

int runCheck(timebank::TimeBankServices& area, const CommandArguments& arguments, std::ostream& out) {
    const auto check = area.bank.check();
    if (arguments.json()) {
        json mismatches = json::array();
        for (const auto& m : check.mismatches)
            mismatches.push_back(
                {{"member_id", m.memberId}, {"cached_minutes", m.cachedMinutes}, {"derived_minutes", m.derivedMinutes}});
        out << json{{"sound", check.sound()},
                    {"transfers", check.transfers},
                    {"members", check.members},
                    {"ledger_sum_minutes", check.ledgerSum},
                    {"unbalanced_transfers", check.unbalancedTransfers},
                    {"mismatches", mismatches}}
                   .dump()
            << "\n";
    } else {
        out << check.transfers << " transfer(s), " << check.members << " member(s)\n";
        for (const auto& m : check.mismatches)
            out << "member " << m.memberId << ": cached balance " << m.cachedMinutes << " min, movements say "
                << m.derivedMinutes << " min\n";
        if (check.ledgerSum != 0) out << "the movements sum to " << check.ledgerSum << " min instead of 0\n";
        if (check.unbalancedTransfers) out << check.unbalancedTransfers << " transfer(s) without their two movements\n";
        out << (check.sound() ? "the ledger is sound\n" : "the ledger is NOT sound\n");
    }
    return check.sound() ? 0 : 1;
}

}  // namespace

int runTimeBankCommand(services::KioskRuntime& runtime, const CommandArguments& arguments, std::istream& in,
                       std::ostream& out, std::ostream& err) {
    (void)in;
    auto& area = runtime.area<timebank::TimeBankServices>();
    const std::string action = arguments.action();
    if (action == "transfer") return runTransfer(area, arguments, out, err);
    if (action == "balance") return runBalance(area, arguments, out, err);
    if (action == "correct") return runCorrect(area, arguments, out, err);
    if (action == "statement") return runStatement(area, arguments, out, err);
    if (action == "totals") return runTotals(area, arguments, out, err);
    if (action == "check") return runCheck(area, arguments, out);
    return wrongArguments(err, action.empty() ? "say what to do" : "unknown command « " + action + " »");
}

const AreaCommand& timeBankCommand() {
    static const AreaCommand command{
        "timebank",
        "  village-kiosk timebank transfer --from ID --to ID --minutes N --what TEXT [--category C] [--key K]\n"
        "                [--cesu-rate-cents N] [--json]   --from received the service and pays, --to gave it\n"
        "  village-kiosk timebank balance [ID] [--json]\n"
        "  village-kiosk timebank correct TRANSFER_ID [--json]   moves the minutes back, by a counter-transfer\n"
        "  village-kiosk timebank statement --member ID --month YYYY-MM [--print] [--json]\n"
        "  village-kiosk timebank totals --month YYYY-MM [--json]   minutes per category\n"
        "  village-kiosk timebank check [--json]   cached balances against the movements\n",
        {"print"},
        &runTimeBankCommand};
    return command;
}

}  // namespace vk::cli
