#include "storage/order_store.h"

#include "storage/record_id.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <unordered_map>

namespace vk::storage {
namespace {

void bindOptional(SQLite::Statement& statement, int index, const std::optional<std::string>& value) {
    if (value) statement.bind(index, *value);
    else statement.bind(index);
}

std::optional<std::string> optionalText(const SQLite::Column& column) {
    if (column.isNull()) return std::nullopt;
    return column.getString();
}

constexpr const char* kSupplierColumns =
    "id, name, email, delivery_days, cutoff_time, cutoff_days_before, list_per_customer, created_at, updated_at";

Supplier readSupplier(SQLite::Statement& row) {
    Supplier s;
    s.id = row.getColumn(0).getString();
    s.name = row.getColumn(1).getString();
    s.email = row.getColumn(2).getString();
    s.deliveryDays = splitWeekdays(row.getColumn(3).getString());
    s.cutoffTime = row.getColumn(4).getString();
    s.cutoffDaysBefore = row.getColumn(5).getInt();
    s.listPerCustomer = row.getColumn(6).getInt() != 0;
    s.createdAt = row.getColumn(7).getInt64();
    s.updatedAt = row.getColumn(8).getInt64();
    return s;
}

CatalogueItem readItem(SQLite::Statement& row) {
    CatalogueItem item;
    item.id = row.getColumn(0).getString();
    item.supplierId = row.getColumn(1).getString();
    item.name = row.getColumn(2).getString();
    item.priceCents = row.getColumn(3).getInt64();
    item.sold = row.getColumn(4).getInt() != 0;
    return item;
}

constexpr const char* kStandingColumns =
    "id, supplier_id, item_id, customer_member_id, customer_name, quantity, weekdays, first_day, created_at";

StandingOrder readStanding(SQLite::Statement& row) {
    StandingOrder s;
    s.id = row.getColumn(0).getString();
    s.supplierId = row.getColumn(1).getString();
    s.itemId = row.getColumn(2).getString();
    s.customerMemberId = optionalText(row.getColumn(3));
    s.customerName = row.getColumn(4).getString();
    s.quantity = row.getColumn(5).getInt();
    s.weekdays = splitWeekdays(row.getColumn(6).getString());
    s.firstDay = row.getColumn(7).getString();
    s.createdAt = row.getColumn(8).getInt64();
    return s;
}

constexpr const char* kOrderColumns =
    "o.id, o.dedupe_key, o.supplier_id, o.customer_member_id, o.customer_name, o.delivery_day, o.standing_order_id, "
    "o.placed_by, o.state, o.payment, o.total_cents, o.collected_at, o.created_at, o.updated_at";

OrderState stateFromKey(const std::string& key) {
    if (key == "collected") return OrderState::Collected;
    if (key == "cancelled") return OrderState::Cancelled;
    return OrderState::Open;
}

OrderSource sourceFromKey(const std::string& key) {
    if (key == "kiosk") return OrderSource::Kiosk;
    if (key == "standing") return OrderSource::Standing;
    return OrderSource::Counter;
}

Order readOrder(SQLite::Statement& row) {
    Order o;
    o.id = row.getColumn(0).getString();
    o.dedupeKey = row.getColumn(1).getString();
    o.supplierId = row.getColumn(2).getString();
    o.customerMemberId = optionalText(row.getColumn(3));
    o.customerName = row.getColumn(4).getString();
    o.deliveryDay = row.getColumn(5).getString();
    o.standingOrderId = optionalText(row.getColumn(6));
    o.source = sourceFromKey(row.getColumn(7).getString());
    o.state = stateFromKey(row.getColumn(8).getString());
    if (!row.getColumn(9).isNull()) o.payment = orderPaymentFromKey(row.getColumn(9).getString());
    o.totalCents = row.getColumn(10).getInt64();
    if (!row.getColumn(11).isNull()) o.collectedAt = row.getColumn(11).getInt64();
    o.createdAt = row.getColumn(12).getInt64();
    o.updatedAt = row.getColumn(13).getInt64();
    return o;
}

std::string_view entryKindKey(AccountEntryKind kind) {
    switch (kind) {
    case AccountEntryKind::Charge: return "charge";
    case AccountEntryKind::Settlement: return "settlement";
    case AccountEntryKind::Correction: return "correction";
    }
    return "charge";
}

AccountEntry readEntry(SQLite::Statement& row) {
    AccountEntry e;
    e.id = row.getColumn(0).getString();
    e.idempotencyKey = row.getColumn(1).getString();
    e.memberId = row.getColumn(2).getString();
    const std::string kind = row.getColumn(3).getString();
    e.kind = kind == "settlement" ? AccountEntryKind::Settlement
             : kind == "correction" ? AccountEntryKind::Correction
                                    : AccountEntryKind::Charge;
    e.amountCents = row.getColumn(4).getInt64();
    e.orderId = optionalText(row.getColumn(5));
    if (!row.getColumn(6).isNull()) e.payment = orderPaymentFromKey(row.getColumn(6).getString());
    e.note = row.getColumn(7).getString();
    e.createdAt = row.getColumn(8).getInt64();
    return e;
}

constexpr const char* kEntryColumns =
    "id, idempotency_key, member_id, kind, amount_cents, order_id, payment, note, created_at";

std::vector<DayRange> dayRanges(Database& db, const char* table, const char* owner, const std::string& ownerId) {
    SQLite::Statement query(db.sql(), std::string("SELECT id, first_day, last_day FROM ") + table + " WHERE " + owner +
                                          " = ? AND deleted_at IS NULL ORDER BY first_day");
    query.bind(1, ownerId);
    std::vector<DayRange> ranges;
    while (query.executeStep())
        ranges.push_back({query.getColumn(0).getString(), query.getColumn(1).getString(), query.getColumn(2).getString()});
    return ranges;
}

DayRange insertDayRange(Database& db, const char* table, const char* owner, const std::string& ownerId,
                        const std::string& firstDay, const std::string& lastDay, std::int64_t nowMs) {
    DayRange range{newRecordId(nowMs), firstDay, lastDay};
    SQLite::Statement insert(db.sql(), std::string("INSERT INTO ") + table + "(id, origin_kiosk, " + owner +
                                           ", first_day, last_day, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, range.id);
    insert.bind(2, db.kioskId());
    insert.bind(3, ownerId);
    insert.bind(4, firstDay);
    insert.bind(5, lastDay);
    insert.bind(6, nowMs);
    insert.bind(7, nowMs);
    insert.exec();
    return range;
}

}  // namespace

std::string_view orderStateKey(OrderState state) {
    switch (state) {
    case OrderState::Open: return "open";
    case OrderState::Collected: return "collected";
    case OrderState::Cancelled: return "cancelled";
    }
    return "open";
}

std::string_view orderPaymentKey(OrderPayment payment) {
    switch (payment) {
    case OrderPayment::Cash: return "cash";
    case OrderPayment::Card: return "card";
    case OrderPayment::Cheque: return "cheque";
    case OrderPayment::Account: return "account";
    }
    return "cash";
}

std::optional<OrderPayment> orderPaymentFromKey(std::string_view key) {
    for (OrderPayment payment : {OrderPayment::Cash, OrderPayment::Card, OrderPayment::Cheque, OrderPayment::Account})
        if (orderPaymentKey(payment) == key) return payment;
    return std::nullopt;
}

std::string_view orderSourceKey(OrderSource source) {
    switch (source) {
    case OrderSource::Kiosk: return "kiosk";
    case OrderSource::Counter: return "counter";
    case OrderSource::Standing: return "standing";
    }
    return "counter";
}

std::string joinWeekdays(const std::vector<std::string>& days) {
    std::string text;
    for (const std::string& day : days) {
        if (!text.empty()) text += ',';
        text += day;
    }
    return text;
}

std::vector<std::string> splitWeekdays(const std::string& text) {
    std::vector<std::string> days;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = text.find(',', start);
        const std::string day = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!day.empty()) days.push_back(day);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return days;
}

void OrderStore::inTransaction(const std::function<void()>& work) {
    SQLite::Transaction transaction(db_.sql(), SQLite::TransactionBehavior::IMMEDIATE);
    work();
    transaction.commit();
}

Supplier OrderStore::insertSupplier(const SupplierDetails& details, std::int64_t nowMs) {
    Supplier s;
    s.id = newRecordId(nowMs);
    SQLite::Statement insert(db_.sql(),
                             "INSERT INTO orders_supplier(id, origin_kiosk, name, email, delivery_days, cutoff_time, "
                             "cutoff_days_before, list_per_customer, created_at, updated_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, s.id);
    insert.bind(2, db_.kioskId());
    insert.bind(3, details.name);
    insert.bind(4, details.email);
    insert.bind(5, joinWeekdays(details.deliveryDays));
    insert.bind(6, details.cutoffTime);
    insert.bind(7, details.cutoffDaysBefore);
    insert.bind(8, details.listPerCustomer ? 1 : 0);
    insert.bind(9, nowMs);
    insert.bind(10, nowMs);
    insert.exec();
    return *supplier(s.id);
}

bool OrderStore::updateSupplier(const std::string& id, const SupplierDetails& details, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(),
                             "UPDATE orders_supplier SET name = ?, email = ?, delivery_days = ?, cutoff_time = ?, "
                             "cutoff_days_before = ?, list_per_customer = ?, updated_at = ? "
                             "WHERE id = ? AND deleted_at IS NULL");
    update.bind(1, details.name);
    update.bind(2, details.email);
    update.bind(3, joinWeekdays(details.deliveryDays));
    update.bind(4, details.cutoffTime);
    update.bind(5, details.cutoffDaysBefore);
    update.bind(6, details.listPerCustomer ? 1 : 0);
    update.bind(7, nowMs);
    update.bind(8, id);
    return update.exec() == 1;
}

bool OrderStore::removeSupplier(const std::string& id, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(),
                             "UPDATE orders_supplier SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL");
    update.bind(1, nowMs);
    update.bind(2, nowMs);
    update.bind(3, id);
    return update.exec() == 1;
}

std::optional<Supplier> OrderStore::supplier(const std::string& id) {
    SQLite::Statement query(db_.sql(), std::string("SELECT ") + kSupplierColumns +
                                           " FROM orders_supplier WHERE id = ? AND deleted_at IS NULL");
    query.bind(1, id);
    if (!query.executeStep()) return std::nullopt;
    return readSupplier(query);
}

std::vector<Supplier> OrderStore::suppliers() {
    SQLite::Statement query(db_.sql(), std::string("SELECT ") + kSupplierColumns +
                                           " FROM orders_supplier WHERE deleted_at IS NULL ORDER BY name, id");
    std::vector<Supplier> list;
    while (query.executeStep()) list.push_back(readSupplier(query));
    return list;
}

DayRange OrderStore::addHoliday(const std::string& supplierId, const std::string& firstDay, const std::string& lastDay,
                                std::int64_t nowMs) {
    return insertDayRange(db_, "orders_supplier_holiday", "supplier_id", supplierId, firstDay, lastDay, nowMs);
}

bool OrderStore::removeHoliday(const std::string& holidayId, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(), "UPDATE orders_supplier_holiday SET deleted_at = ?, updated_at = ? "
                                        "WHERE id = ? AND deleted_at IS NULL");
    update.bind(1, nowMs);
    update.bind(2, nowMs);
    update.bind(3, holidayId);
    return update.exec() == 1;
}

std::vector<DayRange> OrderStore::holidaysOf(const std::string& supplierId) {
    return dayRanges(db_, "orders_supplier_holiday", "supplier_id", supplierId);
}

CatalogueItem OrderStore::insertItem(const std::string& supplierId, const std::string& name, std::int64_t priceCents,
                                     std::int64_t nowMs) {
    CatalogueItem item{newRecordId(nowMs), supplierId, name, priceCents, true};
    SQLite::Statement insert(db_.sql(), "INSERT INTO orders_item(id, origin_kiosk, supplier_id, name, price_cents, sold, "
                                        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)");
    insert.bind(1, item.id);
    insert.bind(2, db_.kioskId());
    insert.bind(3, supplierId);
    insert.bind(4, name);
    insert.bind(5, priceCents);
    insert.bind(6, nowMs);
    insert.bind(7, nowMs);
    insert.exec();
    return item;
}

bool OrderStore::updateItem(const CatalogueItem& item, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(), "UPDATE orders_item SET name = ?, price_cents = ?, sold = ?, updated_at = ? "
                                        "WHERE id = ? AND deleted_at IS NULL");
    update.bind(1, item.name);
    update.bind(2, item.priceCents);
    update.bind(3, item.sold ? 1 : 0);
    update.bind(4, nowMs);
    update.bind(5, item.id);
    return update.exec() == 1;
}

std::optional<CatalogueItem> OrderStore::item(const std::string& id) {
    SQLite::Statement query(db_.sql(), "SELECT id, supplier_id, name, price_cents, sold FROM orders_item "
                                       "WHERE id = ? AND deleted_at IS NULL");
    query.bind(1, id);
    if (!query.executeStep()) return std::nullopt;
    return readItem(query);
}

std::vector<CatalogueItem> OrderStore::itemsOf(const std::string& supplierId, bool soldOnly) {
    SQLite::Statement query(db_.sql(), std::string("SELECT id, supplier_id, name, price_cents, sold FROM orders_item "
                                                   "WHERE supplier_id = ? AND deleted_at IS NULL") +
                                           (soldOnly ? " AND sold = 1" : "") + " ORDER BY name, id");
    query.bind(1, supplierId);
    std::vector<CatalogueItem> items;
    while (query.executeStep()) items.push_back(readItem(query));
    return items;
}

StandingOrder OrderStore::insertStandingOrder(const StandingOrder& order, std::int64_t nowMs) {
    StandingOrder stored = order;
    stored.id = newRecordId(nowMs);
    stored.createdAt = nowMs;
    SQLite::Statement insert(db_.sql(),
                             "INSERT INTO orders_standing_order(id, origin_kiosk, supplier_id, item_id, "
                             "customer_member_id, customer_name, quantity, weekdays, first_day, created_at, updated_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, stored.id);
    insert.bind(2, db_.kioskId());
    insert.bind(3, stored.supplierId);
    insert.bind(4, stored.itemId);
    bindOptional(insert, 5, stored.customerMemberId);
    insert.bind(6, stored.customerName);
    insert.bind(7, stored.quantity);
    insert.bind(8, joinWeekdays(stored.weekdays));
    insert.bind(9, stored.firstDay);
    insert.bind(10, nowMs);
    insert.bind(11, nowMs);
    insert.exec();
    return stored;
}

bool OrderStore::endStandingOrder(const std::string& id, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(), "UPDATE orders_standing_order SET deleted_at = ?, updated_at = ? "
                                        "WHERE id = ? AND deleted_at IS NULL");
    update.bind(1, nowMs);
    update.bind(2, nowMs);
    update.bind(3, id);
    return update.exec() == 1;
}

std::optional<StandingOrder> OrderStore::standingOrder(const std::string& id) {
    SQLite::Statement query(db_.sql(), std::string("SELECT ") + kStandingColumns +
                                           " FROM orders_standing_order WHERE id = ? AND deleted_at IS NULL");
    query.bind(1, id);
    if (!query.executeStep()) return std::nullopt;
    return readStanding(query);
}

std::vector<StandingOrder> OrderStore::standingOrdersOf(const std::string& supplierId) {
    SQLite::Statement query(db_.sql(), std::string("SELECT ") + kStandingColumns +
                                           " FROM orders_standing_order WHERE supplier_id = ? AND deleted_at IS NULL "
                                           "ORDER BY customer_name, id");
    query.bind(1, supplierId);
    std::vector<StandingOrder> list;
    while (query.executeStep()) list.push_back(readStanding(query));
    return list;
}

DayRange OrderStore::addPause(const std::string& standingOrderId, const std::string& firstDay,
                              const std::string& lastDay, std::int64_t nowMs) {
    return insertDayRange(db_, "orders_standing_pause", "standing_order_id", standingOrderId, firstDay, lastDay, nowMs);
}

std::vector<DayRange> OrderStore::pausesOf(const std::string& standingOrderId) {
    return dayRanges(db_, "orders_standing_pause", "standing_order_id", standingOrderId);
}

Order OrderStore::insertOrder(const NewOrder& order, std::int64_t nowMs) {
    Order stored;
    stored.id = newRecordId(nowMs);
    stored.dedupeKey = order.dedupeKey;
    stored.supplierId = order.supplierId;
    stored.customerMemberId = order.customerMemberId;
    stored.customerName = order.customerName;
    stored.deliveryDay = order.deliveryDay;
    stored.standingOrderId = order.standingOrderId;
    stored.source = order.source;
    stored.lines = order.lines;
    for (const OrderLine& line : order.lines) stored.totalCents += line.unitPriceCents * line.quantity;
    stored.createdAt = nowMs;
    stored.updatedAt = nowMs;
    SQLite::Statement insert(db_.sql(),
                             "INSERT INTO orders_order(id, origin_kiosk, dedupe_key, supplier_id, customer_member_id, "
                             "customer_name, delivery_day, standing_order_id, placed_by, state, total_cents, "
                             "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)");
    insert.bind(1, stored.id);
    insert.bind(2, db_.kioskId());
    insert.bind(3, stored.dedupeKey);
    insert.bind(4, stored.supplierId);
    bindOptional(insert, 5, stored.customerMemberId);
    insert.bind(6, stored.customerName);
    insert.bind(7, stored.deliveryDay);
    bindOptional(insert, 8, stored.standingOrderId);
    insert.bind(9, std::string(orderSourceKey(stored.source)));
    insert.bind(10, stored.totalCents);
    insert.bind(11, nowMs);
    insert.bind(12, nowMs);
    insert.exec();
    SQLite::Statement line(db_.sql(), "INSERT INTO orders_order_line(id, origin_kiosk, order_id, item_id, item_name, "
                                      "quantity, unit_price_cents, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const OrderLine& l : stored.lines) {
        line.reset();
        line.bind(1, newRecordId(nowMs));
        line.bind(2, db_.kioskId());
        line.bind(3, stored.id);
        line.bind(4, l.itemId);
        line.bind(5, l.itemName);
        line.bind(6, l.quantity);
        line.bind(7, l.unitPriceCents);
        line.bind(8, nowMs);
        line.bind(9, nowMs);
        line.exec();
    }
    return stored;
}

std::vector<Order> OrderStore::queryOrders(const std::string& where, const std::vector<std::string>& values,
                                           const std::string& orderBy) {
    SQLite::Statement query(db_.sql(), std::string("SELECT ") + kOrderColumns + " FROM orders_order o WHERE " + where +
                                           " ORDER BY " + orderBy);
    for (std::size_t i = 0; i < values.size(); ++i) query.bind(static_cast<int>(i + 1), values[i]);
    std::vector<Order> orders;
    std::unordered_map<std::string, std::size_t> byId;
    while (query.executeStep()) {
        orders.push_back(readOrder(query));
        byId.emplace(orders.back().id, orders.size() - 1);
    }
    if (orders.empty()) return orders;
    // The lines of the same orders in one query rather than one query per order: a day's list holds thousands.
    // Unsorted: each order's lines come by item (the unique index), and the lists sort their totals themselves.
    SQLite::Statement lines(db_.sql(), "SELECT l.order_id, l.item_id, l.item_name, l.quantity, l.unit_price_cents "
                                       "FROM orders_order_line l JOIN orders_order o ON o.id = l.order_id WHERE " +
                                           where);
    for (std::size_t i = 0; i < values.size(); ++i) lines.bind(static_cast<int>(i + 1), values[i]);
    while (lines.executeStep()) {
        const auto found = byId.find(lines.getColumn(0).getString());
        if (found == byId.end()) continue;
        orders[found->second].lines.push_back({lines.getColumn(1).getString(), lines.getColumn(2).getString(),
                                               lines.getColumn(3).getInt(), lines.getColumn(4).getInt64()});
    }
    return orders;
}

std::optional<Order> OrderStore::order(const std::string& id) {
    auto found = queryOrders("o.id = ? AND o.deleted_at IS NULL", {id}, "o.id");
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
}

std::optional<Order> OrderStore::orderByKey(const std::string& dedupeKey) {
    auto found = queryOrders("o.dedupe_key = ?", {dedupeKey}, "o.id");
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
}

std::vector<Order> OrderStore::ordersFor(const std::string& supplierId, const std::string& day) {
    return queryOrders("o.supplier_id = ? AND o.delivery_day = ? AND o.state <> 'cancelled' AND o.deleted_at IS NULL",
                       {supplierId, day}, "o.customer_name, o.id");
}

std::vector<Order> OrderStore::ordersOn(const std::string& day) {
    return queryOrders("o.delivery_day = ? AND o.state <> 'cancelled' AND o.deleted_at IS NULL", {day},
                       "o.customer_name, o.id");
}

std::vector<Order> OrderStore::openOrdersBefore(const std::string& beforeDay) {
    return queryOrders("o.delivery_day < ? AND o.state = 'open' AND o.deleted_at IS NULL", {beforeDay},
                       "o.delivery_day, o.customer_name, o.id");
}

std::vector<Order> OrderStore::openOrdersOf(const std::string& supplierId, const std::string& fromDay) {
    return queryOrders("o.supplier_id = ? AND o.delivery_day >= ? AND o.state = 'open' AND o.deleted_at IS NULL",
                       {supplierId, fromDay}, "o.delivery_day, o.customer_name, o.id");
}

std::vector<Order> OrderStore::ordersOfMember(const std::string& memberId, const std::string& fromDay) {
    return queryOrders("o.customer_member_id = ? AND o.delivery_day >= ? AND o.state <> 'cancelled' AND "
                       "o.deleted_at IS NULL",
                       {memberId, fromDay}, "o.delivery_day, o.id");
}

std::vector<Order> OrderStore::ordersBetween(const std::string& firstDay, const std::string& lastDay) {
    return queryOrders("o.delivery_day >= ? AND o.delivery_day <= ? AND o.deleted_at IS NULL", {firstDay, lastDay},
                       "o.delivery_day, o.customer_name, o.id");
}

bool OrderStore::markCollected(const std::string& id, OrderPayment payment, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(), "UPDATE orders_order SET state = 'collected', payment = ?, collected_at = ?, "
                                        "updated_at = ? WHERE id = ? AND state = 'open' AND deleted_at IS NULL");
    update.bind(1, std::string(orderPaymentKey(payment)));
    update.bind(2, nowMs);
    update.bind(3, nowMs);
    update.bind(4, id);
    return update.exec() == 1;
}

bool OrderStore::markCancelled(const std::string& id, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(), "UPDATE orders_order SET state = 'cancelled', updated_at = ? "
                                        "WHERE id = ? AND state = 'open' AND deleted_at IS NULL");
    update.bind(1, nowMs);
    update.bind(2, id);
    return update.exec() == 1;
}

OrderCounts OrderStore::counts(const std::string& firstDay, const std::string& lastDay, const std::string& openBefore) {
    OrderCounts counts;
    SQLite::Statement orders(db_.sql(),
                             "SELECT count(*), coalesce(sum(total_cents), 0), "
                             "count(DISTINCT coalesce(customer_member_id, 'name:' || lower(customer_name))), "
                             "coalesce(sum(state = 'collected'), 0), "
                             "coalesce(sum(state = 'open' AND delivery_day < ?), 0) "
                             "FROM orders_order WHERE delivery_day >= ? AND delivery_day <= ? AND state <> 'cancelled' "
                             "AND deleted_at IS NULL");
    orders.bind(1, openBefore);
    orders.bind(2, firstDay);
    orders.bind(3, lastDay);
    if (orders.executeStep()) {
        counts.orders = orders.getColumn(0).getInt();
        counts.totalCents = orders.getColumn(1).getInt64();
        counts.customers = orders.getColumn(2).getInt();
        counts.collected = orders.getColumn(3).getInt();
        counts.uncollected = orders.getColumn(4).getInt();
    }
    SQLite::Statement items(db_.sql(), "SELECT coalesce(sum(l.quantity), 0) FROM orders_order_line l "
                                       "JOIN orders_order o ON o.id = l.order_id WHERE o.delivery_day >= ? AND "
                                       "o.delivery_day <= ? AND o.state <> 'cancelled' AND o.deleted_at IS NULL");
    items.bind(1, firstDay);
    items.bind(2, lastDay);
    if (items.executeStep()) counts.items = items.getColumn(0).getInt64();
    return counts;
}

AccountEntry OrderStore::insertAccountEntry(const NewAccountEntry& entry, std::int64_t nowMs) {
    AccountEntry stored;
    stored.id = newRecordId(nowMs);
    stored.idempotencyKey = entry.idempotencyKey;
    stored.memberId = entry.memberId;
    stored.kind = entry.kind;
    stored.amountCents = entry.amountCents;
    stored.orderId = entry.orderId;
    stored.payment = entry.payment;
    stored.note = entry.note;
    stored.createdAt = nowMs;
    SQLite::Statement insert(db_.sql(),
                             "INSERT INTO orders_account_entry(id, origin_kiosk, idempotency_key, member_id, kind, "
                             "amount_cents, order_id, payment, note, created_at, updated_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, stored.id);
    insert.bind(2, db_.kioskId());
    insert.bind(3, stored.idempotencyKey);
    insert.bind(4, stored.memberId);
    insert.bind(5, std::string(entryKindKey(stored.kind)));
    insert.bind(6, stored.amountCents);
    bindOptional(insert, 7, stored.orderId);
    if (stored.payment) insert.bind(8, std::string(orderPaymentKey(*stored.payment)));
    else insert.bind(8);
    insert.bind(9, stored.note);
    insert.bind(10, nowMs);
    insert.bind(11, nowMs);
    insert.exec();
    return stored;
}

std::optional<AccountEntry> OrderStore::accountEntryByKey(const std::string& key) {
    SQLite::Statement query(db_.sql(), std::string("SELECT ") + kEntryColumns +
                                           " FROM orders_account_entry WHERE idempotency_key = ?");
    query.bind(1, key);
    if (!query.executeStep()) return std::nullopt;
    return readEntry(query);
}

std::vector<AccountEntry> OrderStore::accountEntries(const std::string& memberId) {
    SQLite::Statement query(db_.sql(), std::string("SELECT ") + kEntryColumns +
                                           " FROM orders_account_entry WHERE member_id = ? ORDER BY created_at, rowid");
    query.bind(1, memberId);
    std::vector<AccountEntry> entries;
    while (query.executeStep()) entries.push_back(readEntry(query));
    return entries;
}

std::int64_t OrderStore::accountBalance(const std::string& memberId) {
    SQLite::Statement query(db_.sql(), "SELECT coalesce(sum(amount_cents), 0) FROM orders_account_entry WHERE member_id = ?");
    query.bind(1, memberId);
    query.executeStep();
    return query.getColumn(0).getInt64();
}

std::vector<std::pair<std::string, std::int64_t>> OrderStore::accountBalances() {
    SQLite::Statement query(db_.sql(), "SELECT member_id, sum(amount_cents) FROM orders_account_entry "
                                       "GROUP BY member_id ORDER BY member_id");
    std::vector<std::pair<std::string, std::int64_t>> balances;
    while (query.executeStep()) balances.emplace_back(query.getColumn(0).getString(), query.getColumn(1).getInt64());
    return balances;
}

bool OrderStore::wasDispatched(const std::string& supplierId, const std::string& day) {
    SQLite::Statement query(db_.sql(), "SELECT 1 FROM orders_list_dispatch WHERE supplier_id = ? AND delivery_day = ?");
    query.bind(1, supplierId);
    query.bind(2, day);
    return query.executeStep();
}

bool OrderStore::markDispatched(const std::string& supplierId, const std::string& day, int orderCount,
                                std::int64_t nowMs) {
    SQLite::Statement insert(db_.sql(), "INSERT OR IGNORE INTO orders_list_dispatch(supplier_id, delivery_day, "
                                        "dispatched_at, order_count) VALUES (?, ?, ?, ?)");
    insert.bind(1, supplierId);
    insert.bind(2, day);
    insert.bind(3, nowMs);
    insert.bind(4, orderCount);
    return insert.exec() == 1;
}

}  // namespace vk::storage
