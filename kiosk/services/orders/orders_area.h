#pragma once
// Orders at the counter as an area: suppliers and their catalogues, orders and standing orders, the lists sent at
// each cut-off, pickup and the members' accounts with the café (docs/orders.md).

#include "kiosk/services/area.h"
#include "kiosk/services/orders/order_book.h"
#include "kiosk/services/orders/orders_settings.h"
#include "kiosk/services/parcels/opening_calendar.h"
#include "kiosk/services/timebank/member_directory.h"

#include <memory>
#include <string>

namespace vk::hardware {
class ReceiptPrinter;
}

namespace vk::services::orders {

// What a round of cut-offs did.
struct DispatchRound {
    int lists = 0;    // lists whose cut-off passed, recorded as sent
    int printed = 0;
    int emailed = 0;
};

class OrdersServices : public AreaServices {
public:
    // `members` null: the board's members (the time bank's directory of them).
    explicit OrdersServices(const AreaContext& context, std::unique_ptr<timebank::MemberDirectory> members = nullptr);

    // Once a minute: the lists whose cut-off has passed are printed and queued for e-mail, each once.
    bool poll(std::int64_t nowMs) override;
    std::int64_t nextDueMs() const override { return nextRoundMs_; }

    // The lists of every supplier whose cut-off for a coming delivery day has passed and that were not sent yet.
    DispatchRound dispatchDueLists();
    // Prints a supplier's list for a day now (the manager's « Imprimer »).
    bool printList(const std::string& supplierId, const std::string& day);

    timebank::MemberDirectory& members() { return members_; }
    void useMembers(std::unique_ptr<timebank::MemberDirectory> members) { members_.inner = std::move(members); }

    const OrdersSettings settings;

private:
    struct MembersInUse final : timebank::MemberDirectory {
        std::unique_ptr<timebank::MemberDirectory> inner;
        std::optional<timebank::TimeBankMember> find(const std::string& id) override { return inner->find(id); }
        std::optional<timebank::TimeBankMember> byCard(const std::string& card) override { return inner->byCard(card); }
        timebank::NameAndPinLookup byNameAndPin(const std::string& name, const std::string& pin) override {
            return inner->byNameAndPin(name, pin);
        }
    };

    storage::Database& db_;
    const Clock& clock_;
    hardware::ReceiptPrinter& printer_;
    std::string villageName_;
    parcels::OpeningCalendar cafe_;
    MembersInUse members_;
    std::int64_t nextRoundMs_ = 0;

public:
    OrderBook book;
};

AreaDefinition ordersArea();

}  // namespace vk::services::orders
