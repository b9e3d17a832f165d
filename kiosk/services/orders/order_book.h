#pragma once
// Orders at the counter: the bread depot and the grocery's orders from local producers (docs/orders.md).
//
// Suppliers (the baker, the producers) each have a catalogue, the weekdays they deliver, a cut-off ("before 18:00
// for tomorrow") and holidays. A resident orders at the kiosk (identified by card, or name and PIN) or the manager
// types a phone order at the counter; a standing order makes one order on each of its weekdays unless paused.
// At the cut-off the supplier's list for the next delivery is printed and e-mailed (OrdersServices::poll). On the
// delivery day the manager hands orders over and records how each was paid, or puts it on the member's account,
// a ledger of entries that are never edited (a settlement is an entry).

#include "kiosk/services/clock.h"
#include "kiosk/services/orders/delivery_calendar.h"
#include "kiosk/services/orders/orders_settings.h"
#include "kiosk/services/parcels/opening_calendar.h"
#include "kiosk/services/staff_service.h"
#include "kiosk/services/timebank/member_directory.h"
#include "storage/order_store.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vk::services::orders {

using storage::AccountEntry;
using storage::CatalogueItem;
using storage::Order;
using storage::OrderLine;
using storage::OrderPayment;
using storage::OrderSource;
using storage::OrderState;
using storage::StandingOrder;
using storage::Supplier;

// Why something was refused; each has a translated message (errorKey: orders.error.*) and an English one for the
// command line (describeError).
enum class OrderError {
    None,
    NotAllowed,        // the café manager, an admin or the kiosk (for a resident it identified); a null actor nothing
    NameInvalid,       // a supplier's or item's name empty once cleaned, or too long
    EmailInvalid,
    DeliveryDaysInvalid,  // none, or not mon … sun
    CutoffInvalid,        // not HH:MM, or days before outside 0 … 14
    PriceInvalid,         // 0 to 10 000,00 €
    SupplierUnknown,
    SupplierHasOpenOrders,  // removing it would lose orders still to deliver: cancel or deliver them first
    ItemUnknown,            // no such item, or an item of another supplier
    ItemNotSold,            // no longer sold
    NoItems,
    QuantityInvalid,        // 1 to kMaxQuantity
    CustomerUnknown,        // no member has that id
    CustomerNameInvalid,    // a one-off order's typed name, empty once cleaned or too long
    DayInvalid,
    DayPast,
    NotDeliveryDay,
    SupplierHoliday,
    CafeClosed,
    AfterCutoff,
    WeekdaysInvalid,    // a standing order's days: none, not mon … sun, or a day the supplier does not deliver
    RangeInvalid,       // a holiday or pause whose last day is before its first, or malformed
    KeyInvalid,
    KeyReused,          // the key placed a different order
    NotFound,           // no order (or standing order) has that id
    NotOpen,            // the order was already collected or cancelled
    AccountNeedsMember, // a one-off customer has no account with the café
    AmountInvalid,
    StorageFailed,      // the database could not take it (a full disk…): nothing was written
};

std::string errorKey(OrderError error);  // "orders.error.after_cutoff"…

// A refusal for a day, with the next day an order could be for.
struct DayAdvice {
    OrderError error = OrderError::None;
    std::string nextPossibleDay;  // "" when none within the days ahead
};

struct SupplierForm {
    std::string name;
    std::string email;
    std::vector<std::string> deliveryDays;  // "mon" … "sun"
    std::string cutoffTime = "18:00";
    int cutoffDaysBefore = 1;
    bool listPerCustomer = false;
};

struct SupplierChange {
    OrderError error = OrderError::None;
    std::optional<Supplier> supplier;
    int openOrders = 0;         // for SupplierHasOpenOrders, and orders already placed on a new holiday
    std::string firstOpenDay;   // the first day of those
    std::string failure;
    bool ok() const { return error == OrderError::None; }
};

struct ItemChange {
    OrderError error = OrderError::None;
    std::optional<CatalogueItem> item;
    int openOrders = 0;  // when an item stops being sold: open orders that keep it
    std::string failure;
    bool ok() const { return error == OrderError::None; }
};

// Who an order is for: a member of the board, or a name typed for a one-off order.
struct Customer {
    std::string memberId;  // empty for a one-off
    std::string name;      // the typed name of a one-off; filled from the member otherwise
};

struct ItemQuantity {
    std::string itemId;
    int quantity = 0;
};

struct PlaceRequest {
    std::string supplierId;
    Customer customer;
    std::string day;
    std::vector<ItemQuantity> items;
    OrderSource source = OrderSource::Counter;
    // The same key twice places once (a double tap). Empty: a new one is made.
    std::string dedupeKey;
};

struct OrderResult {
    OrderError error = OrderError::None;
    std::optional<Order> order;
    bool alreadyPlaced = false;  // the key was used before, for this same order: nothing new was written
    std::string nextPossibleDay;  // for a refused day
    std::string itemId;           // for ItemUnknown / ItemNotSold / QuantityInvalid: the line refused
    std::optional<AccountEntry> accountEntry;  // a collection put on the account
    std::int64_t accountBalance = 0;           // then, what the member owes
    std::string failure;
    bool ok() const { return error == OrderError::None; }
};

struct StandingRequest {
    std::string supplierId;
    std::string itemId;
    Customer customer;
    int quantity = 0;
    std::vector<std::string> weekdays;  // "mon" … "sun"
    std::string firstDay;               // "" : today
};

// A day a standing order does not make its order, and why (SupplierHoliday, CafeClosed, ItemNotSold, or None
// for a pause of the customer's).
struct StandingSkip {
    std::string standingOrderId;
    std::string day;
    std::string customerName;
    std::string itemName;
    int quantity = 0;
    OrderError reason = OrderError::None;
    bool paused = false;
};

struct StandingResult {
    OrderError error = OrderError::None;
    std::optional<StandingOrder> standing;
    // The days of the next weeks it will not deliver on (holidays, the café closed): said when it is set up.
    std::vector<StandingSkip> skipsAhead;
    std::string failure;
    bool ok() const { return error == OrderError::None; }
};

struct ItemTotal {
    std::string itemId;
    std::string itemName;
    int quantity = 0;
    std::int64_t amountCents = 0;
};

// A supplier's list for one delivery day: what to bring (totals per item), for whom (per customer), and the
// standing orders that day skips.
struct SupplierList {
    Supplier supplier;
    std::string day;
    std::int64_t cutoffMs = 0;
    bool cutoffPassed = false;
    std::vector<ItemTotal> items;  // by name
    std::vector<Order> orders;     // by customer name
    std::vector<StandingSkip> skipped;
    int totalQuantity = 0;
    std::int64_t totalCents = 0;
};

// The day's orders of every supplier, to hand over.
struct PickupList {
    std::string day;
    std::vector<Order> toCollect;  // open, by customer name
    std::vector<Order> collected;
};

struct MonthlyCounts {
    std::string month;  // "YYYY-MM"
    storage::OrderCounts counts;
};

struct AccountStatement {
    std::string memberId;
    std::string memberName;
    std::vector<AccountEntry> entries;  // oldest first
    std::int64_t balanceCents = 0;      // what the member owes (negative: paid in advance)
};

struct AccountResult {
    OrderError error = OrderError::None;
    std::optional<AccountEntry> entry;
    bool alreadyRecorded = false;
    std::int64_t balanceCents = 0;
    std::string failure;
    bool ok() const { return error == OrderError::None; }
};

// An English sentence for the command line and the logs; says the next possible day for a refused day.
std::string describeError(OrderError error, const std::string& nextPossibleDay = {});

class OrderBook {
public:
    OrderBook(storage::Database& db, const Clock& clock, StaffService& staff, timebank::MemberDirectory& members,
              const parcels::OpeningCalendar& cafe, OrdersSettings settings);

    // Suppliers and catalogue (the café manager, an admin).
    SupplierChange addSupplier(const StaffSession* actor, const SupplierForm& form);
    SupplierChange editSupplier(const StaffSession* actor, const std::string& supplierId, const SupplierForm& form);
    // Refused while the supplier has open orders from today on (SupplierHasOpenOrders says how many and from
    // when); ends its standing orders.
    SupplierChange removeSupplier(const StaffSession* actor, const std::string& supplierId);
    // Orders already placed on those days stay (openOrders says how many, for the manager to call them).
    SupplierChange addHoliday(const StaffSession* actor, const std::string& supplierId, const std::string& firstDay,
                              const std::string& lastDay);
    ItemChange addItem(const StaffSession* actor, const std::string& supplierId, const std::string& name,
                       std::int64_t priceCents);
    // Name, price, and whether it is still sold. Orders placed keep the name and price they were placed with.
    ItemChange editItem(const StaffSession* actor, const CatalogueItem& item);

    std::vector<Supplier> suppliers();
    std::optional<Supplier> supplier(const std::string& supplierId);
    std::vector<CatalogueItem> catalogue(const std::string& supplierId, bool soldOnly = true);
    std::vector<storage::DayRange> holidays(const std::string& supplierId);
    std::optional<DeliveryCalendar> calendarOf(const std::string& supplierId);

    // Orders.
    OrderResult place(const StaffSession* actor, const PlaceRequest& request);
    // Whether an order for `day` could be placed now, and if not, why and the next possible day.
    DayAdvice adviseDay(const std::string& supplierId, const std::string& day);
    OrderResult cancel(const StaffSession* actor, const std::string& orderId);
    // Handed over: how it was paid, or on the member's account (a charge entry in the same transaction).
    OrderResult collect(const StaffSession* actor, const std::string& orderId, OrderPayment payment);
    std::optional<Order> order(const std::string& orderId);
    // A member's orders from today on.
    std::vector<Order> ordersOfMember(const std::string& memberId);

    // Standing orders.
    StandingResult addStanding(const StaffSession* actor, const StandingRequest& request);
    StandingResult pauseStanding(const StaffSession* actor, const std::string& standingOrderId,
                                 const std::string& firstDay, const std::string& lastDay);
    StandingResult endStanding(const StaffSession* actor, const std::string& standingOrderId);
    std::vector<StandingOrder> standingOrders(const std::string& supplierId);

    // The supplier's list for `day`. Makes the day's standing orders first (once: their keys), and until the
    // cut-off cancels a standing order's order that a pause or holiday added since now skips.
    SupplierList supplierList(const std::string& supplierId, const std::string& day);
    // The day's orders of every supplier (their standing orders made first).
    PickupList pickupList(const std::string& day);
    // Orders not collected: of days before today, and of today once the café has closed (closing_time).
    std::vector<Order> uncollected();
    // Orders, items, customers and uncollected orders of delivery days in the month "YYYY-MM"; nullopt for a
    // malformed month.
    std::optional<MonthlyCounts> monthlyCounts(const std::string& month);
    // Orders of delivery days in [firstDay, lastDay], for the export.
    std::vector<Order> ordersBetween(const std::string& firstDay, const std::string& lastDay);

    // Accounts with the café (members only).
    AccountResult settle(const StaffSession* actor, const std::string& memberId, std::int64_t amountCents,
                         OrderPayment payment, std::string idempotencyKey = {});
    // A correction of a mistake (signed: + the member owes more, - less), with a note saying why.
    AccountResult correctAccount(const StaffSession* actor, const std::string& memberId, std::int64_t amountCents,
                                 const std::string& note, std::string idempotencyKey = {});
    std::optional<AccountStatement> account(const std::string& memberId);
    std::vector<std::pair<std::string, std::int64_t>> accountBalances();

    std::string today() const;
    timebank::MemberDirectory& members() { return members_; }
    const OrdersSettings& settings() const { return settings_; }
    storage::OrderStore& store() { return store_; }

    static constexpr int kMaxQuantity = 999;  // 10 000 baguettes is a typing slip, not an order
    static constexpr std::size_t kMaxNameLength = 80;
    static constexpr std::size_t kMaxEmailLength = 120;
    static constexpr std::size_t kMaxKeyLength = 100;
    static constexpr std::int64_t kMaxPriceCents = 1'000'000;
    static constexpr std::int64_t kMaxAmountCents = 10'000'000;
    static constexpr int kMaxLines = 50;

private:
    OrderError readSupplierForm(const SupplierForm& form, storage::SupplierDetails& details);
    // Resolves the customer: a member's current name, or the typed name cleaned.
    OrderError resolveCustomer(const Customer& customer, std::optional<std::string>& memberId, std::string& name);
    // Makes the supplier's standing orders for `day` and returns those it skips.
    std::vector<StandingSkip> syncStanding(const DeliveryCalendar& calendar, const std::string& day);
    std::optional<StandingSkip> skipOf(const DeliveryCalendar& calendar, const StandingOrder& standing,
                                       const std::string& day);
    AccountResult recordEntry(const StaffSession* actor, const storage::NewAccountEntry& entry, const char* action);

    storage::OrderStore store_;
    const Clock& clock_;
    StaffService& staff_;
    timebank::MemberDirectory& members_;
    const parcels::OpeningCalendar& cafe_;
    OrdersSettings settings_;
};

// "12,50 €"
std::string formatCents(std::int64_t cents);
// A refused day's error from the calendar's reason.
OrderError errorOf(DayRefusal refusal);

}  // namespace vk::services::orders
