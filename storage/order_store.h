#pragma once
// Orders at the counter (migration 0009_orders.sql): suppliers with their catalogue, delivery days and holidays,
// orders and their lines, standing orders and their pauses, members' accounts with the café, and the lists
// already sent at a cut-off. What may be ordered when, and the words, live in kiosk/services/orders/; this file
// stores what it is given.

#include "storage/database.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace vk::storage {

struct Supplier {
    std::string id;
    std::string name;
    std::string email;                       // where the list goes at the cut-off; may be empty
    std::vector<std::string> deliveryDays;   // "mon" … "sun"
    std::string cutoffTime;                  // local "HH:MM"
    int cutoffDaysBefore = 1;                // 1: "before cutoffTime for tomorrow"
    bool listPerCustomer = false;            // the list names each customer (the grocery's producers)
    std::int64_t createdAt = 0;
    std::int64_t updatedAt = 0;
};

struct SupplierDetails {
    std::string name;
    std::string email;
    std::vector<std::string> deliveryDays;
    std::string cutoffTime;
    int cutoffDaysBefore = 1;
    bool listPerCustomer = false;
};

struct DayRange {
    std::string id;
    std::string firstDay;  // "YYYY-MM-DD", included
    std::string lastDay;   // included
    bool contains(const std::string& day) const { return firstDay <= day && day <= lastDay; }
};

struct CatalogueItem {
    std::string id;
    std::string supplierId;
    std::string name;
    std::int64_t priceCents = 0;
    bool sold = true;
};

struct StandingOrder {
    std::string id;
    std::string supplierId;
    std::string itemId;
    std::optional<std::string> customerMemberId;
    std::string customerName;
    int quantity = 0;
    std::vector<std::string> weekdays;  // "mon" … "sun"
    std::string firstDay;
    std::int64_t createdAt = 0;
};

enum class OrderState { Open, Collected, Cancelled };
enum class OrderPayment { Cash, Card, Cheque, Account };
enum class OrderSource { Kiosk, Counter, Standing };

std::string_view orderStateKey(OrderState state);        // "open", "collected", "cancelled"
std::string_view orderPaymentKey(OrderPayment payment);  // "cash", "card", "cheque", "account"
std::optional<OrderPayment> orderPaymentFromKey(std::string_view key);
std::string_view orderSourceKey(OrderSource source);     // "kiosk", "counter", "standing"

struct OrderLine {
    std::string itemId;
    std::string itemName;  // as it was when ordered
    int quantity = 0;
    std::int64_t unitPriceCents = 0;
};

struct Order {
    std::string id;
    std::string dedupeKey;
    std::string supplierId;
    std::optional<std::string> customerMemberId;
    std::string customerName;
    std::string deliveryDay;
    std::optional<std::string> standingOrderId;
    OrderSource source = OrderSource::Counter;
    OrderState state = OrderState::Open;
    std::optional<OrderPayment> payment;
    std::int64_t totalCents = 0;
    std::optional<std::int64_t> collectedAt;
    std::int64_t createdAt = 0;
    std::int64_t updatedAt = 0;
    std::vector<OrderLine> lines;
};

struct NewOrder {
    std::string dedupeKey;
    std::string supplierId;
    std::optional<std::string> customerMemberId;
    std::string customerName;
    std::string deliveryDay;
    std::optional<std::string> standingOrderId;
    OrderSource source = OrderSource::Counter;
    std::vector<OrderLine> lines;
};

enum class AccountEntryKind { Charge, Settlement, Correction };

struct AccountEntry {
    std::string id;
    std::string idempotencyKey;
    std::string memberId;
    AccountEntryKind kind = AccountEntryKind::Charge;
    std::int64_t amountCents = 0;  // + the member owes it, - paid or corrected
    std::optional<std::string> orderId;
    std::optional<OrderPayment> payment;  // for a settlement: cash, card or cheque
    std::string note;
    std::int64_t createdAt = 0;
};

struct NewAccountEntry {
    std::string idempotencyKey;
    std::string memberId;
    AccountEntryKind kind = AccountEntryKind::Charge;
    std::int64_t amountCents = 0;
    std::optional<std::string> orderId;
    std::optional<OrderPayment> payment;
    std::string note;
};

// Orders of delivery days in [firstDay, lastDay], cancelled ones left out.
struct OrderCounts {
    int orders = 0;
    std::int64_t items = 0;  // quantities added up
    int customers = 0;       // members by id, one-off names by name
    int collected = 0;
    int uncollected = 0;     // still open on a delivery day before `openBefore`
    std::int64_t totalCents = 0;
};

class OrderStore {
public:
    explicit OrderStore(Database& db) : db_(db) {}

    // One IMMEDIATE transaction: committed if `work` returns, rolled back if it throws. Not re-entrant.
    void inTransaction(const std::function<void()>& work);

    Supplier insertSupplier(const SupplierDetails& details, std::int64_t nowMs);
    bool updateSupplier(const std::string& id, const SupplierDetails& details, std::int64_t nowMs);
    bool removeSupplier(const std::string& id, std::int64_t nowMs);  // soft delete
    std::optional<Supplier> supplier(const std::string& id);          // live ones only
    std::vector<Supplier> suppliers();                                // live, by name

    DayRange addHoliday(const std::string& supplierId, const std::string& firstDay, const std::string& lastDay,
                        std::int64_t nowMs);
    bool removeHoliday(const std::string& holidayId, std::int64_t nowMs);
    std::vector<DayRange> holidaysOf(const std::string& supplierId);  // by first day

    CatalogueItem insertItem(const std::string& supplierId, const std::string& name, std::int64_t priceCents,
                             std::int64_t nowMs);
    bool updateItem(const CatalogueItem& item, std::int64_t nowMs);  // name, price and whether it is sold
    std::optional<CatalogueItem> item(const std::string& id);
    std::vector<CatalogueItem> itemsOf(const std::string& supplierId, bool soldOnly);  // by name

    StandingOrder insertStandingOrder(const StandingOrder& order, std::int64_t nowMs);
    bool endStandingOrder(const std::string& id, std::int64_t nowMs);  // soft delete
    std::optional<StandingOrder> standingOrder(const std::string& id);  // live ones only
    std::vector<StandingOrder> standingOrdersOf(const std::string& supplierId);  // live
    DayRange addPause(const std::string& standingOrderId, const std::string& firstDay, const std::string& lastDay,
                      std::int64_t nowMs);
    std::vector<DayRange> pausesOf(const std::string& standingOrderId);

    // The order and its lines. Call inside inTransaction. Throws SQLite::Exception for what the schema refuses
    // (a dedupe key used before).
    Order insertOrder(const NewOrder& order, std::int64_t nowMs);
    std::optional<Order> order(const std::string& id);
    std::optional<Order> orderByKey(const std::string& dedupeKey);
    // A supplier's orders for one delivery day, with their lines, by customer name; cancelled ones left out.
    std::vector<Order> ordersFor(const std::string& supplierId, const std::string& day);
    // Every supplier's orders for one day, with their lines, by customer name; cancelled ones left out.
    std::vector<Order> ordersOn(const std::string& day);
    // Open orders on delivery days before `beforeDay` (not collected at closing), oldest day first.
    std::vector<Order> openOrdersBefore(const std::string& beforeDay);
    // Open orders of a supplier for `fromDay` on.
    std::vector<Order> openOrdersOf(const std::string& supplierId, const std::string& fromDay);
    // A member's orders for `fromDay` on, by day.
    std::vector<Order> ordersOfMember(const std::string& memberId, const std::string& fromDay);
    // Orders of delivery days in [firstDay, lastDay], with their lines, by day then customer (for the export).
    std::vector<Order> ordersBetween(const std::string& firstDay, const std::string& lastDay);
    bool markCollected(const std::string& id, OrderPayment payment, std::int64_t nowMs);  // only an open order
    bool markCancelled(const std::string& id, std::int64_t nowMs);                       // only an open order

    OrderCounts counts(const std::string& firstDay, const std::string& lastDay, const std::string& openBefore);

    // Call inside inTransaction. Throws for what the schema refuses (a key used before, an amount of 0).
    AccountEntry insertAccountEntry(const NewAccountEntry& entry, std::int64_t nowMs);
    std::optional<AccountEntry> accountEntryByKey(const std::string& key);
    std::vector<AccountEntry> accountEntries(const std::string& memberId);  // oldest first
    std::int64_t accountBalance(const std::string& memberId);              // what the member owes, in cents
    // Every member with an entry and their balance, by member id.
    std::vector<std::pair<std::string, std::int64_t>> accountBalances();

    bool wasDispatched(const std::string& supplierId, const std::string& day);
    // False when it was already recorded (another round got there first).
    bool markDispatched(const std::string& supplierId, const std::string& day, int orderCount, std::int64_t nowMs);

private:
    std::vector<Order> queryOrders(const std::string& where, const std::vector<std::string>& values,
                                   const std::string& orderBy);

    Database& db_;
};

// "mon,tue" ↔ {"mon", "tue"}.
std::string joinWeekdays(const std::vector<std::string>& days);
std::vector<std::string> splitWeekdays(const std::string& text);

}  // namespace vk::storage
