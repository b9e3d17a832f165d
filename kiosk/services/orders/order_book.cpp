#include "kiosk/services/orders/order_book.h"

#include "kiosk/services/board/member_registry.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/timebank/time_bank_receipts.h"
#include "kiosk/services/user_text.h"
#include "storage/record_id.h"
#include "storage/write_failure.h"

#include <algorithm>
#include <exception>
#include <map>
#include <set>

namespace vk::services::orders {
namespace {

bool mayManageOrders(const StaffSession* actor) {
    return actor != nullptr && (actor->role == StaffRole::CafeManager || actor->role == StaffRole::Admin);
}

// Raised inside a transaction to roll it back with a refusal rather than a database failure.
struct Refusal {
    OrderError error;
};

bool sameOrder(const Order& stored, const storage::NewOrder& asked) {
    if (stored.supplierId != asked.supplierId || stored.customerMemberId != asked.customerMemberId ||
        stored.customerName != asked.customerName || stored.deliveryDay != asked.deliveryDay ||
        stored.lines.size() != asked.lines.size())
        return false;
    std::map<std::string, int> quantities;
    for (const auto& line : stored.lines) quantities[line.itemId] = line.quantity;
    return std::all_of(asked.lines.begin(), asked.lines.end(), [&](const OrderLine& line) {
        const auto found = quantities.find(line.itemId);
        return found != quantities.end() && found->second == line.quantity;
    });
}

bool validWeekdays(const std::vector<std::string>& days) {
    if (days.empty() || days.size() > 7) return false;
    std::set<std::string> seen;
    for (const std::string& day : days)
        if (parcels::weekdayFromName(day) < 0 || !seen.insert(day).second) return false;
    return true;
}

// The days in the week's order (mon … sun), whatever order they were typed in.
std::vector<std::string> sortedWeekdays(std::vector<std::string> days) {
    std::sort(days.begin(), days.end(),
              [](const std::string& a, const std::string& b) { return parcels::weekdayFromName(a) < parcels::weekdayFromName(b); });
    return days;
}

std::string weekdayName(const std::string& day) {
    static constexpr const char* kNames[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    const int index = health::weekdayIndex(day);
    return index >= 0 && index < 7 ? kNames[index] : "";
}

template <typename Result>
Result storageFailure(const std::exception& e) {
    Result result;
    result.error = OrderError::StorageFailed;
    result.failure = storage::describeWriteFailure(e);
    return result;
}

// How many days a standing order looks ahead for the holidays it will skip, when it is set up.
constexpr int kSkipsAheadDays = 28;

}  // namespace

std::string errorKey(OrderError error) {
    switch (error) {
    case OrderError::None: return "orders.error.none";
    case OrderError::NotAllowed: return "orders.error.not_allowed";
    case OrderError::NameInvalid: return "orders.error.name_invalid";
    case OrderError::EmailInvalid: return "orders.error.email_invalid";
    case OrderError::DeliveryDaysInvalid: return "orders.error.delivery_days_invalid";
    case OrderError::CutoffInvalid: return "orders.error.cutoff_invalid";
    case OrderError::PriceInvalid: return "orders.error.price_invalid";
    case OrderError::SupplierUnknown: return "orders.error.supplier_unknown";
    case OrderError::SupplierHasOpenOrders: return "orders.error.supplier_has_open_orders";
    case OrderError::ItemUnknown: return "orders.error.item_unknown";
    case OrderError::ItemNotSold: return "orders.error.item_not_sold";
    case OrderError::NoItems: return "orders.error.no_items";
    case OrderError::QuantityInvalid: return "orders.error.quantity_invalid";
    case OrderError::CustomerUnknown: return "orders.error.customer_unknown";
    case OrderError::CustomerNameInvalid: return "orders.error.customer_name_invalid";
    case OrderError::DayInvalid: return "orders.error.day_invalid";
    case OrderError::DayPast: return "orders.error.day_past";
    case OrderError::NotDeliveryDay: return "orders.error.not_delivery_day";
    case OrderError::SupplierHoliday: return "orders.error.supplier_holiday";
    case OrderError::CafeClosed: return "orders.error.cafe_closed";
    case OrderError::AfterCutoff: return "orders.error.after_cutoff";
    case OrderError::WeekdaysInvalid: return "orders.error.weekdays_invalid";
    case OrderError::RangeInvalid: return "orders.error.range_invalid";
    case OrderError::KeyInvalid: return "orders.error.key_invalid";
    case OrderError::KeyReused: return "orders.error.key_reused";
    case OrderError::NotFound: return "orders.error.not_found";
    case OrderError::NotOpen: return "orders.error.not_open";
    case OrderError::AccountNeedsMember: return "orders.error.account_needs_member";
    case OrderError::AmountInvalid: return "orders.error.amount_invalid";
    case OrderError::StorageFailed: return "orders.error.storage_failed";
    }
    return "orders.error.none";
}

std::string describeError(OrderError error, const std::string& nextPossibleDay) {
    const std::string next = nextPossibleDay.empty() ? std::string("; no day is possible in the days ahead")
                                                     : "; the next possible day is " + nextPossibleDay;
    switch (error) {
    case OrderError::None: return "done";
    case OrderError::NotAllowed: return "only the café manager or an admin manages orders";
    case OrderError::NameInvalid:
        return "a name has 1 to " + std::to_string(OrderBook::kMaxNameLength) + " characters";
    case OrderError::EmailInvalid: return "the e-mail address is not one address (name@example.fr)";
    case OrderError::DeliveryDaysInvalid: return "the delivery days are one or more of mon,tue,wed,thu,fri,sat,sun";
    case OrderError::CutoffInvalid: return "the cut-off is a time HH:MM, 0 to 14 days before the delivery";
    case OrderError::PriceInvalid: return "a price is a whole number of cents from 0 to 1000000";
    case OrderError::SupplierUnknown: return "no supplier has this id";
    case OrderError::SupplierHasOpenOrders:
        return "this supplier still has orders to deliver; cancel or hand them over first";
    case OrderError::ItemUnknown: return "this supplier sells no item with this id";
    case OrderError::ItemNotSold: return "this item is no longer sold";
    case OrderError::NoItems: return "an order needs at least one item";
    case OrderError::QuantityInvalid:
        return "a quantity is a whole number from 1 to " + std::to_string(OrderBook::kMaxQuantity);
    case OrderError::CustomerUnknown: return "no member has this id";
    case OrderError::CustomerNameInvalid:
        return "a customer's name has 1 to " + std::to_string(OrderBook::kMaxNameLength) + " characters";
    case OrderError::DayInvalid: return "a day is written YYYY-MM-DD";
    case OrderError::DayPast: return "this day is past" + next;
    case OrderError::NotDeliveryDay: return "the supplier does not deliver on that day" + next;
    case OrderError::SupplierHoliday: return "the supplier is on holiday that day" + next;
    case OrderError::CafeClosed: return "the café is closed that day" + next;
    case OrderError::AfterCutoff: return "orders for that day are closed (past the cut-off)" + next;
    case OrderError::WeekdaysInvalid:
        return "a standing order's days are days the supplier delivers (mon,tue,wed,thu,fri,sat,sun)";
    case OrderError::RangeInvalid: return "the days are YYYY-MM-DD, the last one not before the first";
    case OrderError::KeyInvalid:
        return "the key has 1 to " + std::to_string(OrderBook::kMaxKeyLength) + " characters";
    case OrderError::KeyReused: return "this key already placed a different order";
    case OrderError::NotFound: return "no order has this id";
    case OrderError::NotOpen: return "this order was already collected or cancelled";
    case OrderError::AccountNeedsMember: return "only a member has an account with the café";
    case OrderError::AmountInvalid: return "the amount is a whole number of cents, not 0, at most 100000,00 €";
    case OrderError::StorageFailed: return "nothing was recorded";
    }
    return "refused";
}

std::string formatCents(std::int64_t cents) {
    return cents < 0 ? "-" + timebank::formatEuros(-cents) : timebank::formatEuros(cents);
}

OrderError errorOf(DayRefusal refusal) {
    switch (refusal) {
    case DayRefusal::None: return OrderError::None;
    case DayRefusal::DayInvalid: return OrderError::DayInvalid;
    case DayRefusal::DayPast: return OrderError::DayPast;
    case DayRefusal::NotDeliveryDay: return OrderError::NotDeliveryDay;
    case DayRefusal::SupplierHoliday: return OrderError::SupplierHoliday;
    case DayRefusal::CafeClosed: return OrderError::CafeClosed;
    case DayRefusal::AfterCutoff: return OrderError::AfterCutoff;
    }
    return OrderError::DayInvalid;
}

OrderBook::OrderBook(storage::Database& db, const Clock& clock, StaffService& staff, timebank::MemberDirectory& members,
                     const parcels::OpeningCalendar& cafe, OrdersSettings settings)
    : store_(db), clock_(clock), staff_(staff), members_(members), cafe_(cafe), settings_(std::move(settings)) {}

std::string OrderBook::today() const { return health::localDay(clock_.nowMs()); }

// --- Suppliers and catalogue ------------------------------------------------------------------------------------

OrderError OrderBook::readSupplierForm(const SupplierForm& form, storage::SupplierDetails& details) {
    details.name = cleanUserText(form.name, kMaxNameLength + 1);
    if (details.name.empty() || countCodepoints(details.name) > kMaxNameLength) return OrderError::NameInvalid;
    details.email = cleanUserText(form.email, kMaxEmailLength + 1);
    if (!details.email.empty() && (details.email.size() > kMaxEmailLength || !board::isEmailAddress(details.email)))
        return OrderError::EmailInvalid;
    if (!validWeekdays(form.deliveryDays)) return OrderError::DeliveryDaysInvalid;
    details.deliveryDays = sortedWeekdays(form.deliveryDays);
    if (!health::isValidTime(form.cutoffTime) || form.cutoffDaysBefore < 0 || form.cutoffDaysBefore > 14)
        return OrderError::CutoffInvalid;
    details.cutoffTime = form.cutoffTime;
    details.cutoffDaysBefore = form.cutoffDaysBefore;
    details.listPerCustomer = form.listPerCustomer;
    return OrderError::None;
}

SupplierChange OrderBook::addSupplier(const StaffSession* actor, const SupplierForm& form) {
    SupplierChange change;
    if (!mayManageOrders(actor)) {
        staff_.audit(actor, "orders.refused", {{"attempt_key", "audit.attempt.add_supplier"}});
        change.error = OrderError::NotAllowed;
        return change;
    }
    storage::SupplierDetails details;
    if ((change.error = readSupplierForm(form, details)) != OrderError::None) return change;
    try {
        store_.inTransaction([&] {
            change.supplier = store_.insertSupplier(details, clock_.nowMs());
            staff_.audit(actor, "orders.supplier.add", {{"supplier", change.supplier->name}});
        });
    } catch (const std::exception& e) {
        return storageFailure<SupplierChange>(e);
    }
    return change;
}

SupplierChange OrderBook::editSupplier(const StaffSession* actor, const std::string& supplierId,
                                       const SupplierForm& form) {
    SupplierChange change;
    if (!mayManageOrders(actor)) {
        staff_.audit(actor, "orders.refused", {{"attempt_key", "audit.attempt.edit_supplier"}});
        change.error = OrderError::NotAllowed;
        return change;
    }
    storage::SupplierDetails details;
    if ((change.error = readSupplierForm(form, details)) != OrderError::None) return change;
    try {
        store_.inTransaction([&] {
            if (!store_.updateSupplier(supplierId, details, clock_.nowMs())) throw Refusal{OrderError::SupplierUnknown};
            staff_.audit(actor, "orders.supplier.edit", {{"supplier", details.name}});
        });
        change.supplier = store_.supplier(supplierId);
    } catch (const Refusal& refusal) {
        change.error = refusal.error;
    } catch (const std::exception& e) {
        return storageFailure<SupplierChange>(e);
    }
    return change;
}

SupplierChange OrderBook::removeSupplier(const StaffSession* actor, const std::string& supplierId) {
    SupplierChange change;
    if (!mayManageOrders(actor)) {
        staff_.audit(actor, "orders.refused", {{"attempt_key", "audit.attempt.remove_supplier"}});
        change.error = OrderError::NotAllowed;
        return change;
    }
    try {
        store_.inTransaction([&] {
            change.supplier = store_.supplier(supplierId);
            if (!change.supplier) throw Refusal{OrderError::SupplierUnknown};
            const auto open = store_.openOrdersOf(supplierId, today());
            if (!open.empty()) {
                change.openOrders = static_cast<int>(open.size());
                change.firstOpenDay = open.front().deliveryDay;
                throw Refusal{OrderError::SupplierHasOpenOrders};
            }
            for (const auto& standing : store_.standingOrdersOf(supplierId))
                store_.endStandingOrder(standing.id, clock_.nowMs());
            store_.removeSupplier(supplierId, clock_.nowMs());
            staff_.audit(actor, "orders.supplier.remove", {{"supplier", change.supplier->name}});
        });
    } catch (const Refusal& refusal) {
        change.error = refusal.error;
        if (refusal.error != OrderError::SupplierHasOpenOrders) change.supplier.reset();
    } catch (const std::exception& e) {
        return storageFailure<SupplierChange>(e);
    }
    return change;
}

SupplierChange OrderBook::addHoliday(const StaffSession* actor, const std::string& supplierId,
                                     const std::string& firstDay, const std::string& lastDay) {
    SupplierChange change;
    if (!mayManageOrders(actor)) {
        staff_.audit(actor, "orders.refused", {{"attempt_key", "audit.attempt.add_holiday"}});
        change.error = OrderError::NotAllowed;
        return change;
    }
    if (!health::isValidDay(firstDay) || !health::isValidDay(lastDay) || lastDay < firstDay) {
        change.error = OrderError::RangeInvalid;
        return change;
    }
    try {
        store_.inTransaction([&] {
            change.supplier = store_.supplier(supplierId);
            if (!change.supplier) throw Refusal{OrderError::SupplierUnknown};
            store_.addHoliday(supplierId, firstDay, lastDay, clock_.nowMs());
            for (const auto& order : store_.openOrdersOf(supplierId, firstDay)) {
                if (order.deliveryDay > lastDay) break;
                if (order.standingOrderId) continue;  // made again, or skipped, by the next list
                if (change.openOrders++ == 0) change.firstOpenDay = order.deliveryDay;
            }
            staff_.audit(actor, "orders.holiday.add",
                         {{"supplier", change.supplier->name}, {"first_day", firstDay}, {"last_day", lastDay}});
        });
    } catch (const Refusal& refusal) {
        change = {};
        change.error = refusal.error;
    } catch (const std::exception& e) {
        return storageFailure<SupplierChange>(e);
    }
    return change;
}

ItemChange OrderBook::addItem(const StaffSession* actor, const std::string& supplierId, const std::string& name,
                              std::int64_t priceCents) {
    ItemChange change;
    if (!mayManageOrders(actor)) {
        staff_.audit(actor, "orders.refused", {{"attempt_key", "audit.attempt.add_item"}});
        change.error = OrderError::NotAllowed;
        return change;
    }
    const std::string cleanName = cleanUserText(name, kMaxNameLength + 1);
    if (cleanName.empty() || countCodepoints(cleanName) > kMaxNameLength) {
        change.error = OrderError::NameInvalid;
        return change;
    }
    if (priceCents < 0 || priceCents > kMaxPriceCents) {
        change.error = OrderError::PriceInvalid;
        return change;
    }
    try {
        store_.inTransaction([&] {
            const auto supplier = store_.supplier(supplierId);
            if (!supplier) throw Refusal{OrderError::SupplierUnknown};
            change.item = store_.insertItem(supplierId, cleanName, priceCents, clock_.nowMs());
            staff_.audit(actor, "orders.item.add",
                         {{"item", cleanName}, {"supplier", supplier->name}, {"price_cents", std::to_string(priceCents)}});
        });
    } catch (const Refusal& refusal) {
        change.error = refusal.error;
    } catch (const std::exception& e) {
        return storageFailure<ItemChange>(e);
    }
    return change;
}

ItemChange OrderBook::editItem(const StaffSession* actor, const CatalogueItem& item) {
    ItemChange change;
    if (!mayManageOrders(actor)) {
        staff_.audit(actor, "orders.refused", {{"attempt_key", "audit.attempt.edit_item"}});
        change.error = OrderError::NotAllowed;
        return change;
    }
    CatalogueItem edited = item;
    edited.name = cleanUserText(item.name, kMaxNameLength + 1);
    if (edited.name.empty() || countCodepoints(edited.name) > kMaxNameLength) {
        change.error = OrderError::NameInvalid;
        return change;
    }
    if (item.priceCents < 0 || item.priceCents > kMaxPriceCents) {
        change.error = OrderError::PriceInvalid;
        return change;
    }
    try {
        store_.inTransaction([&] {
            const auto before = store_.item(item.id);
            if (!before || !store_.supplier(before->supplierId)) throw Refusal{OrderError::ItemUnknown};
            edited.supplierId = before->supplierId;
            store_.updateItem(edited, clock_.nowMs());
            if (before->sold && !edited.sold)
                for (const auto& order : store_.openOrdersOf(before->supplierId, today()))
                    for (const auto& line : order.lines)
                        if (line.itemId == item.id) ++change.openOrders;
            change.item = edited;
            staff_.audit(actor, edited.sold ? "orders.item.edit" : "orders.item.withdraw",
                         {{"item", edited.name}, {"price_cents", std::to_string(edited.priceCents)}});
        });
    } catch (const Refusal& refusal) {
        change.error = refusal.error;
    } catch (const std::exception& e) {
        return storageFailure<ItemChange>(e);
    }
    return change;
}

std::vector<Supplier> OrderBook::suppliers() { return store_.suppliers(); }
std::optional<Supplier> OrderBook::supplier(const std::string& supplierId) { return store_.supplier(supplierId); }
std::vector<CatalogueItem> OrderBook::catalogue(const std::string& supplierId, bool soldOnly) {
    return store_.itemsOf(supplierId, soldOnly);
}
std::vector<storage::DayRange> OrderBook::holidays(const std::string& supplierId) {
    return store_.holidaysOf(supplierId);
}

std::optional<DeliveryCalendar> OrderBook::calendarOf(const std::string& supplierId) {
    auto found = store_.supplier(supplierId);
    if (!found) return std::nullopt;
    return DeliveryCalendar(std::move(*found), store_.holidaysOf(supplierId), cafe_);
}

// --- Orders -----------------------------------------------------------------------------------------------------

OrderError OrderBook::resolveCustomer(const Customer& customer, std::optional<std::string>& memberId,
                                      std::string& name) {
    if (!customer.memberId.empty()) {
        const auto member = members_.find(customer.memberId);
        if (!member) return OrderError::CustomerUnknown;
        memberId = member->id;
        name = cleanUserText(member->name, kMaxNameLength);
        if (name.empty()) name = "?";
        return OrderError::None;
    }
    name = cleanUserText(customer.name, kMaxNameLength + 1);
    if (name.empty() || countCodepoints(name) > kMaxNameLength) return OrderError::CustomerNameInvalid;
    memberId.reset();
    return OrderError::None;
}

DayAdvice OrderBook::adviseDay(const std::string& supplierId, const std::string& day) {
    const auto calendar = calendarOf(supplierId);
    if (!calendar) return {OrderError::SupplierUnknown, {}};
    const std::int64_t now = clock_.nowMs();
    const OrderError error = errorOf(calendar->check(day, now));
    if (error == OrderError::None) return {};
    return {error, calendar->nextPossibleDay(day, now, settings_.daysAhead)};
}

OrderResult OrderBook::place(const StaffSession* actor, const PlaceRequest& request) {
    OrderResult result;
    const auto refuse = [&](OrderError error) {
        result.error = error;
        return result;
    };
    if (!mayManageOrders(actor)) {
        staff_.audit(actor, "orders.refused", {{"attempt_key", "audit.attempt.place_order"}});
        return refuse(OrderError::NotAllowed);
    }
    if (request.items.empty()) return refuse(OrderError::NoItems);
    if (request.items.size() > static_cast<std::size_t>(kMaxLines)) return refuse(OrderError::QuantityInvalid);
    for (const auto& line : request.items)
        if (line.quantity < 1 || line.quantity > kMaxQuantity) {
            result.itemId = line.itemId;
            return refuse(OrderError::QuantityInvalid);
        }
    std::string key = request.dedupeKey.empty() ? storage::newRecordId(clock_.nowMs())
                                                : cleanUserText(request.dedupeKey, kMaxKeyLength + 1);
    if (key.empty() || countCodepoints(key) > kMaxKeyLength) return refuse(OrderError::KeyInvalid);

    const auto calendar = calendarOf(request.supplierId);
    if (!calendar) return refuse(OrderError::SupplierUnknown);
    storage::NewOrder order;
    order.dedupeKey = key;
    order.supplierId = request.supplierId;
    order.deliveryDay = request.day;
    order.source = request.source;
    if (const OrderError error = resolveCustomer(request.customer, order.customerMemberId, order.customerName);
        error != OrderError::None)
        return refuse(error);
    // The same item twice in one order is one line of both quantities.
    std::map<std::string, int> quantities;
    std::vector<std::string> itemOrder;
    for (const auto& line : request.items) {
        if (!quantities.count(line.itemId)) itemOrder.push_back(line.itemId);
        quantities[line.itemId] += line.quantity;
    }
    for (const std::string& itemId : itemOrder) {
        const auto item = store_.item(itemId);
        result.itemId = itemId;
        if (!item || item->supplierId != request.supplierId) return refuse(OrderError::ItemUnknown);
        if (!item->sold) return refuse(OrderError::ItemNotSold);
        if (quantities[itemId] > kMaxQuantity) return refuse(OrderError::QuantityInvalid);
        order.lines.push_back({item->id, item->name, quantities[itemId], item->priceCents});
    }
    result.itemId.clear();

    try {
        // A retried key finds its order even once the day's cut-off has passed: the double tap is not refused.
        if (const auto existing = store_.orderByKey(key)) {
            if (!sameOrder(*existing, order)) return refuse(OrderError::KeyReused);
            result.order = existing;
            result.alreadyPlaced = true;
            return result;
        }
        const std::int64_t now = clock_.nowMs();
        if (const OrderError dayError = errorOf(calendar->check(request.day, now)); dayError != OrderError::None) {
            result.nextPossibleDay = calendar->nextPossibleDay(request.day, now, settings_.daysAhead);
            return refuse(dayError);
        }
        store_.inTransaction([&] {
            result.order = store_.insertOrder(order, now);
            staff_.audit(actor, "orders.place",
                         {{"customer", order.customerName},
                          {"supplier", calendar->supplier().name},
                          {"delivery_day", request.day},
                          {"total_cents", std::to_string(result.order->totalCents)}});
        });
    } catch (const std::exception& e) {
        // Two taps racing with one key: the loser finds the winner's order.
        if (storage::classifyWriteFailure(e) == storage::WriteFailure::Refused) {
            try {
                if (const auto existing = store_.orderByKey(key); existing && sameOrder(*existing, order)) {
                    result = {};
                    result.order = existing;
                    result.alreadyPlaced = true;
                    return result;
                }
            } catch (const std::exception&) {
            }
        }
        return storageFailure<OrderResult>(e);
    }
    return result;
}

OrderResult OrderBook::cancel(const StaffSession* actor, const std::string& orderId) {
    OrderResult result;
    if (!mayManageOrders(actor)) {
        staff_.audit(actor, "orders.refused", {{"attempt_key", "audit.attempt.cancel_order"}});
        result.error = OrderError::NotAllowed;
        return result;
    }
    try {
        store_.inTransaction([&] {
            const auto found = store_.order(orderId);
            if (!found) throw Refusal{OrderError::NotFound};
            if (!store_.markCancelled(orderId, clock_.nowMs())) throw Refusal{OrderError::NotOpen};
            staff_.audit(actor, "orders.cancel", {{"customer", found->customerName}, {"delivery_day", found->deliveryDay}});
        });
        result.order = store_.order(orderId);
    } catch (const Refusal& refusal) {
        result.error = refusal.error;
        if (refusal.error == OrderError::NotOpen) result.order = store_.order(orderId);
    } catch (const std::exception& e) {
        return storageFailure<OrderResult>(e);
    }
    return result;
}

OrderResult OrderBook::collect(const StaffSession* actor, const std::string& orderId, OrderPayment payment) {
    OrderResult result;
    if (!mayManageOrders(actor)) {
        staff_.audit(actor, "orders.refused", {{"attempt_key", "audit.attempt.collect_order"}});
        result.error = OrderError::NotAllowed;
        return result;
    }
    try {
        store_.inTransaction([&] {
            const auto found = store_.order(orderId);
            if (!found) throw Refusal{OrderError::NotFound};
            if (found->state != OrderState::Open) throw Refusal{OrderError::NotOpen};
            if (payment == OrderPayment::Account && !found->customerMemberId)
                throw Refusal{OrderError::AccountNeedsMember};
            const std::int64_t now = clock_.nowMs();
            store_.markCollected(orderId, payment, now);
            if (payment == OrderPayment::Account && found->totalCents > 0) {
                storage::NewAccountEntry charge;
                // One charge per order, whatever retries: the order's id is in the key.
                charge.idempotencyKey = "order:" + orderId;
                charge.memberId = *found->customerMemberId;
                charge.kind = storage::AccountEntryKind::Charge;
                charge.amountCents = found->totalCents;
                charge.orderId = orderId;
                result.accountEntry = store_.insertAccountEntry(charge, now);
            }
            staff_.audit(actor, "orders.collect",
                         {{"customer", found->customerName},
                          {"total_cents", std::to_string(found->totalCents)},
                          {"payment_key", "orders.payment." + std::string(storage::orderPaymentKey(payment))}});
        });
        result.order = store_.order(orderId);
        if (result.order && result.order->customerMemberId)
            result.accountBalance = store_.accountBalance(*result.order->customerMemberId);
    } catch (const Refusal& refusal) {
        result.error = refusal.error;
        result.order = store_.order(orderId);
    } catch (const std::exception& e) {
        return storageFailure<OrderResult>(e);
    }
    return result;
}

std::optional<Order> OrderBook::order(const std::string& orderId) { return store_.order(orderId); }

std::vector<Order> OrderBook::ordersOfMember(const std::string& memberId) {
    return store_.ordersOfMember(memberId, today());
}

// --- Standing orders --------------------------------------------------------------------------------------------

StandingResult OrderBook::addStanding(const StaffSession* actor, const StandingRequest& request) {
    StandingResult result;
    const auto refuse = [&](OrderError error) {
        result.error = error;
        return result;
    };
    if (!mayManageOrders(actor)) {
        staff_.audit(actor, "orders.refused", {{"attempt_key", "audit.attempt.add_standing_order"}});
        return refuse(OrderError::NotAllowed);
    }
    if (request.quantity < 1 || request.quantity > kMaxQuantity) return refuse(OrderError::QuantityInvalid);
    const auto calendar = calendarOf(request.supplierId);
    if (!calendar) return refuse(OrderError::SupplierUnknown);
    const auto item = store_.item(request.itemId);
    if (!item || item->supplierId != request.supplierId) return refuse(OrderError::ItemUnknown);
    if (!item->sold) return refuse(OrderError::ItemNotSold);
    if (!validWeekdays(request.weekdays)) return refuse(OrderError::WeekdaysInvalid);
    const auto& delivers = calendar->supplier().deliveryDays;
    for (const std::string& day : request.weekdays)
        if (std::find(delivers.begin(), delivers.end(), day) == delivers.end()) return refuse(OrderError::WeekdaysInvalid);
    const std::string firstDay = request.firstDay.empty() ? today() : request.firstDay;
    if (!health::isValidDay(firstDay)) return refuse(OrderError::DayInvalid);
    StandingOrder standing;
    standing.supplierId = request.supplierId;
    standing.itemId = request.itemId;
    standing.quantity = request.quantity;
    standing.weekdays = sortedWeekdays(request.weekdays);
    standing.firstDay = firstDay;
    if (const OrderError error = resolveCustomer(request.customer, standing.customerMemberId, standing.customerName);
        error != OrderError::None)
        return refuse(error);
    try {
        store_.inTransaction([&] {
            result.standing = store_.insertStandingOrder(standing, clock_.nowMs());
            staff_.audit(actor, "orders.standing.add",
                         {{"customer", standing.customerName}, {"item", item->name}, {"count", std::to_string(standing.quantity)}});
        });
    } catch (const std::exception& e) {
        return storageFailure<StandingResult>(e);
    }
    const std::string start = std::max(firstDay, today());
    for (int i = 0; i < kSkipsAheadDays; ++i) {
        const std::string day = health::addDays(start, i);
        if (const auto skip = skipOf(*calendar, *result.standing, day); skip && !skip->paused)
            result.skipsAhead.push_back(*skip);
    }
    return result;
}

StandingResult OrderBook::pauseStanding(const StaffSession* actor, const std::string& standingOrderId,
                                        const std::string& firstDay, const std::string& lastDay) {
    StandingResult result;
    if (!mayManageOrders(actor)) {
        staff_.audit(actor, "orders.refused", {{"attempt_key", "audit.attempt.pause_standing_order"}});
        result.error = OrderError::NotAllowed;
        return result;
    }
    if (!health::isValidDay(firstDay) || !health::isValidDay(lastDay) || lastDay < firstDay) {
        result.error = OrderError::RangeInvalid;
        return result;
    }
    try {
        store_.inTransaction([&] {
            result.standing = store_.standingOrder(standingOrderId);
            if (!result.standing) throw Refusal{OrderError::NotFound};
            store_.addPause(standingOrderId, firstDay, lastDay, clock_.nowMs());
            staff_.audit(actor, "orders.standing.pause",
                         {{"customer", result.standing->customerName}, {"first_day", firstDay}, {"last_day", lastDay}});
        });
    } catch (const Refusal& refusal) {
        result = {};
        result.error = refusal.error;
    } catch (const std::exception& e) {
        return storageFailure<StandingResult>(e);
    }
    return result;
}

StandingResult OrderBook::endStanding(const StaffSession* actor, const std::string& standingOrderId) {
    StandingResult result;
    if (!mayManageOrders(actor)) {
        staff_.audit(actor, "orders.refused", {{"attempt_key", "audit.attempt.end_standing_order"}});
        result.error = OrderError::NotAllowed;
        return result;
    }
    try {
        store_.inTransaction([&] {
            result.standing = store_.standingOrder(standingOrderId);
            if (!result.standing) throw Refusal{OrderError::NotFound};
            store_.endStandingOrder(standingOrderId, clock_.nowMs());
            // Its orders already made, for days whose cut-off has not passed, go with it.
            if (const auto calendar = calendarOf(result.standing->supplierId))
                for (const auto& order : store_.openOrdersOf(result.standing->supplierId, today()))
                    if (order.standingOrderId == standingOrderId &&
                        clock_.nowMs() < calendar->cutoffMs(order.deliveryDay).value_or(0))
                        store_.markCancelled(order.id, clock_.nowMs());
            staff_.audit(actor, "orders.standing.end", {{"customer", result.standing->customerName}});
        });
    } catch (const Refusal& refusal) {
        result = {};
        result.error = refusal.error;
    } catch (const std::exception& e) {
        return storageFailure<StandingResult>(e);
    }
    return result;
}

std::vector<StandingOrder> OrderBook::standingOrders(const std::string& supplierId) {
    return store_.standingOrdersOf(supplierId);
}

std::optional<StandingSkip> OrderBook::skipOf(const DeliveryCalendar& calendar, const StandingOrder& standing,
                                              const std::string& day) {
    if (day < standing.firstDay) return std::nullopt;
    const std::string weekday = weekdayName(day);
    if (std::find(standing.weekdays.begin(), standing.weekdays.end(), weekday) == standing.weekdays.end())
        return std::nullopt;
    StandingSkip skip;
    skip.standingOrderId = standing.id;
    skip.day = day;
    skip.customerName = standing.customerName;
    skip.quantity = standing.quantity;
    const auto item = store_.item(standing.itemId);
    skip.itemName = item ? item->name : std::string();
    const auto pauses = store_.pausesOf(standing.id);
    if (std::any_of(pauses.begin(), pauses.end(), [&](const storage::DayRange& p) { return p.contains(day); })) {
        skip.paused = true;
        return skip;
    }
    if (!calendar.deliveryWeekday(day)) skip.reason = OrderError::NotDeliveryDay;
    else if (calendar.onHoliday(day)) skip.reason = OrderError::SupplierHoliday;
    else if (!calendar.cafeOpen(day)) skip.reason = OrderError::CafeClosed;
    else if (!item || !item->sold) skip.reason = OrderError::ItemNotSold;
    else return std::nullopt;
    return skip;
}

std::vector<StandingSkip> OrderBook::syncStanding(const DeliveryCalendar& calendar, const std::string& day) {
    std::vector<StandingSkip> skipped;
    const std::int64_t now = clock_.nowMs();
    const bool beforeCutoff = now < calendar.cutoffMs(day).value_or(0);
    const auto standingOrders = store_.standingOrdersOf(calendar.supplier().id);
    if (standingOrders.empty()) return skipped;
    store_.inTransaction([&] {
        for (const auto& standing : standingOrders) {
            const std::string key = "standing:" + standing.id + ":" + day;
            const auto skip = skipOf(calendar, standing, day);
            const auto existing = store_.orderByKey(key);
            if (skip) {
                skipped.push_back(*skip);
                // A pause or a holiday added after the order was made: until the cut-off it is taken back.
                if (existing && existing->state == OrderState::Open && beforeCutoff)
                    store_.markCancelled(existing->id, now);
                continue;
            }
            if (existing) continue;
            if (day < standing.firstDay) continue;
            const std::string weekday = weekdayName(day);
            if (std::find(standing.weekdays.begin(), standing.weekdays.end(), weekday) == standing.weekdays.end())
                continue;
            const auto item = store_.item(standing.itemId);
            if (!item) continue;
            storage::NewOrder order;
            order.dedupeKey = key;
            order.supplierId = standing.supplierId;
            order.customerMemberId = standing.customerMemberId;
            order.customerName = standing.customerName;
            order.deliveryDay = day;
            order.standingOrderId = standing.id;
            order.source = OrderSource::Standing;
            order.lines.push_back({item->id, item->name, standing.quantity, item->priceCents});
            const auto made = store_.insertOrder(order, now);
            staff_.audit(&systemActor(SystemActor::Kiosk), "orders.standing.make",
                         {{"customer", standing.customerName}, {"item", item->name}, {"delivery_day", day}});
        }
    });
    return skipped;
}

SupplierList OrderBook::supplierList(const std::string& supplierId, const std::string& day) {
    SupplierList list;
    list.day = day;
    const auto calendar = calendarOf(supplierId);
    if (!calendar || !health::isValidDay(day)) return list;
    list.supplier = calendar->supplier();
    list.cutoffMs = calendar->cutoffMs(day).value_or(0);
    list.cutoffPassed = clock_.nowMs() >= list.cutoffMs;
    // A past day's list is what was delivered: nothing is made or taken back any more.
    if (day >= today()) list.skipped = syncStanding(*calendar, day);
    list.orders = store_.ordersFor(supplierId, day);
    std::map<std::string, std::size_t> byItem;
    for (const auto& order : list.orders)
        for (const auto& line : order.lines) {
            auto [found, added] = byItem.emplace(line.itemId, list.items.size());
            if (added) list.items.push_back({line.itemId, line.itemName, 0, 0});
            ItemTotal& total = list.items[found->second];
            total.quantity += line.quantity;
            total.amountCents += line.unitPriceCents * line.quantity;
            list.totalQuantity += line.quantity;
            list.totalCents += line.unitPriceCents * line.quantity;
        }
    std::sort(list.items.begin(), list.items.end(), [](const ItemTotal& a, const ItemTotal& b) {
        return a.itemName != b.itemName ? a.itemName < b.itemName : a.itemId < b.itemId;
    });
    return list;
}

PickupList OrderBook::pickupList(const std::string& day) {
    PickupList list;
    list.day = day;
    if (day >= today())
        for (const auto& supplier : store_.suppliers())
            if (const auto calendar = calendarOf(supplier.id)) syncStanding(*calendar, day);
    for (auto& order : store_.ordersOn(day))
        (order.state == OrderState::Open ? list.toCollect : list.collected).push_back(std::move(order));
    return list;
}

std::vector<Order> OrderBook::uncollected() {
    const std::int64_t now = clock_.nowMs();
    const std::string day = today();
    const auto closing = health::localToUnixMs(day, settings_.closingTime);
    const bool closed = closing && now >= *closing;
    return store_.openOrdersBefore(closed ? health::addDays(day, 1) : day);
}

std::optional<MonthlyCounts> OrderBook::monthlyCounts(const std::string& month) {
    if (month.size() != 7 || month[4] != '-' || !health::isValidDay(month + "-01")) return std::nullopt;
    const std::int64_t now = clock_.nowMs();
    const std::string day = today();
    const auto closing = health::localToUnixMs(day, settings_.closingTime);
    const std::string openBefore = closing && now >= *closing ? health::addDays(day, 1) : day;
    MonthlyCounts counts;
    counts.month = month;
    counts.counts = store_.counts(month + "-01", month + "-31", openBefore);
    return counts;
}

std::vector<Order> OrderBook::ordersBetween(const std::string& firstDay, const std::string& lastDay) {
    return store_.ordersBetween(firstDay, lastDay);
}

// --- Accounts ---------------------------------------------------------------------------------------------------

AccountResult OrderBook::recordEntry(const StaffSession* actor, const storage::NewAccountEntry& entry,
                                     const char* action) {
    AccountResult result;
    try {
        store_.inTransaction([&] {
            if (const auto existing = store_.accountEntryByKey(entry.idempotencyKey)) {
                if (existing->memberId != entry.memberId || existing->amountCents != entry.amountCents ||
                    existing->kind != entry.kind)
                    throw Refusal{OrderError::KeyReused};
                result.entry = existing;
                result.alreadyRecorded = true;
                return;
            }
            result.entry = store_.insertAccountEntry(entry, clock_.nowMs());
            const auto member = members_.find(entry.memberId);
            staff_.audit(actor, action,
                         {{"member", member ? member->name : std::string()},
                          {"amount_cents", std::to_string(entry.amountCents)}});
        });
        result.balanceCents = store_.accountBalance(entry.memberId);
    } catch (const Refusal& refusal) {
        result.error = refusal.error;
    } catch (const std::exception& e) {
        return storageFailure<AccountResult>(e);
    }
    return result;
}

AccountResult OrderBook::settle(const StaffSession* actor, const std::string& memberId, std::int64_t amountCents,
                                OrderPayment payment, std::string idempotencyKey) {
    AccountResult result;
    if (!mayManageOrders(actor)) {
        staff_.audit(actor, "orders.refused", {{"attempt_key", "audit.attempt.settle_account"}});
        result.error = OrderError::NotAllowed;
        return result;
    }
    if (amountCents <= 0 || amountCents > kMaxAmountCents || payment == OrderPayment::Account) {
        result.error = OrderError::AmountInvalid;
        return result;
    }
    if (!members_.find(memberId)) {
        result.error = OrderError::CustomerUnknown;
        return result;
    }
    storage::NewAccountEntry entry;
    entry.idempotencyKey = idempotencyKey.empty() ? storage::newRecordId(clock_.nowMs()) : cleanUserText(idempotencyKey, kMaxKeyLength);
    if (entry.idempotencyKey.empty()) {
        result.error = OrderError::KeyInvalid;
        return result;
    }
    entry.memberId = memberId;
    entry.kind = storage::AccountEntryKind::Settlement;
    entry.amountCents = -amountCents;
    entry.payment = payment;
    return recordEntry(actor, entry, "orders.account.settle");
}

AccountResult OrderBook::correctAccount(const StaffSession* actor, const std::string& memberId,
                                        std::int64_t amountCents, const std::string& note, std::string idempotencyKey) {
    AccountResult result;
    if (!mayManageOrders(actor)) {
        staff_.audit(actor, "orders.refused", {{"attempt_key", "audit.attempt.correct_account"}});
        result.error = OrderError::NotAllowed;
        return result;
    }
    if (amountCents == 0 || amountCents > kMaxAmountCents || amountCents < -kMaxAmountCents) {
        result.error = OrderError::AmountInvalid;
        return result;
    }
    if (!members_.find(memberId)) {
        result.error = OrderError::CustomerUnknown;
        return result;
    }
    storage::NewAccountEntry entry;
    entry.idempotencyKey = idempotencyKey.empty() ? storage::newRecordId(clock_.nowMs()) : cleanUserText(idempotencyKey, kMaxKeyLength);
    if (entry.idempotencyKey.empty()) {
        result.error = OrderError::KeyInvalid;
        return result;
    }
    entry.memberId = memberId;
    entry.kind = storage::AccountEntryKind::Correction;
    entry.amountCents = amountCents;
    entry.note = cleanUserText(note, 200);
    return recordEntry(actor, entry, "orders.account.correct");
}

std::optional<AccountStatement> OrderBook::account(const std::string& memberId) {
    const auto member = members_.find(memberId);
    if (!member) return std::nullopt;
    AccountStatement statement;
    statement.memberId = memberId;
    statement.memberName = member->name;
    statement.entries = store_.accountEntries(memberId);
    for (const auto& entry : statement.entries) statement.balanceCents += entry.amountCents;
    return statement;
}

std::vector<std::pair<std::string, std::int64_t>> OrderBook::accountBalances() { return store_.accountBalances(); }

}  // namespace vk::services::orders
