#pragma once
// The time bank as an area: the ledger, the members it is kept for, and the receipts it prints.

#include "kiosk/services/area.h"
#include "kiosk/services/timebank/member_directory.h"
#include "kiosk/services/timebank/time_bank.h"
#include "kiosk/services/timebank/time_bank_settings.h"

#include <memory>
#include <string>

namespace vk::services::timebank {

class TimeBankServices : public AreaServices {
public:
    // `members` null: the board's members (makeBoardMemberDirectory).
    explicit TimeBankServices(const AreaContext& context, std::unique_ptr<MemberDirectory> members = nullptr);

    // Records the exchange and, when it is new, prints a receipt for each member. A transfer recorded before under
    // the same key (a double tap) prints nothing more.
    TransferResult recordAndPrint(const StaffSession* actor, const TransferRequest& request);
    TransferResult correctAndPrint(const StaffSession* actor, const std::string& transferId);
    // Prints a member's statement of `month` ("YYYY-MM"); false for an unknown member or month.
    bool printStatement(const std::string& memberId, const std::string& month);

    // The members the ledger is kept for. A test may put a simulated directory in their place.
    MemberDirectory& members() { return members_; }
    void useMembers(std::unique_ptr<MemberDirectory> members) { members_.inner = std::move(members); }

    const TimeBankSettings settings;

private:
    // Forwards to the directory in use, so that the ledger keeps one reference whatever is swapped in.
    struct MembersInUse final : MemberDirectory {
        std::unique_ptr<MemberDirectory> inner;
        std::optional<TimeBankMember> find(const std::string& id) override { return inner->find(id); }
        std::optional<TimeBankMember> byCard(const std::string& card) override { return inner->byCard(card); }
        NameAndPinLookup byNameAndPin(const std::string& name, const std::string& pin) override {
            return inner->byNameAndPin(name, pin);
        }
    };
    void printReceipts(const TransferResult& result);

    MembersInUse members_;
    hardware::ReceiptPrinter& printer_;
    std::string villageName_;

public:
    TimeBank bank;
};

// The members of the board, as the time bank sees them.
std::unique_ptr<MemberDirectory> makeBoardMemberDirectory(storage::Database& db, const Clock& clock,
                                                          StaffService& staff);

AreaDefinition timeBankArea();

}  // namespace vk::services::timebank
