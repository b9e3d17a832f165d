#include "storage/postal_store.h"

#include "storage/record_id.h"
#include "storage/transaction.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <array>
#include <utility>

namespace vk::storage {
namespace {

constexpr std::array<std::pair<PostalItemKind, const char*>, 4> kKindKeys{{
    {PostalItemKind::Stamp, "stamp"},
    {PostalItemKind::Prepaid, "prepaid"},
    {PostalItemKind::Registered, "registered"},
    {PostalItemKind::Other, "other"},
}};

constexpr std::array<std::pair<PaymentMethod, const char*>, 3> kMethodKeys{{
    {PaymentMethod::Cash, "cash"},
    {PaymentMethod::Card, "card"},
    {PaymentMethod::Cheque, "cheque"},
}};

constexpr const char* kSelectItem =
    "SELECT id, code, name, kind, with_receipt, sort_order FROM postal_item ";
constexpr const char* kSelectPrice =
    "SELECT id, item_id, valid_from, price_cents, created_at, deleted_at IS NOT NULL FROM postal_price ";
constexpr const char* kSelectSale =
    "SELECT id, business_day, sold_at, payment_method, total_cents, corrects_sale_id, sold_by FROM postal_sale ";
constexpr const char* kSelectClosing =
    "SELECT id, business_day, closed_at, closed_by, sale_count, total_cents, registered_count, cod_cents "
    "FROM postal_day_closing ";

PostalItem readItem(SQLite::Statement& row) {
    PostalItem item;
    item.id = row.getColumn(0).getString();
    item.code = row.getColumn(1).getString();
    item.name = row.getColumn(2).getString();
    item.kind = postalItemKindFromKey(row.getColumn(3).getString()).value_or(PostalItemKind::Other);
    item.withReceipt = row.getColumn(4).getInt() != 0;
    item.sortOrder = row.getColumn(5).getInt();
    return item;
}

PostalPrice readPrice(SQLite::Statement& row) {
    return {row.getColumn(0).getString(), row.getColumn(1).getString(), row.getColumn(2).getString(),
            row.getColumn(3).getInt64(), row.getColumn(4).getInt64(), row.getColumn(5).getInt() != 0};
}

DayClosing readClosing(SQLite::Statement& row) {
    DayClosing closing;
    closing.id = row.getColumn(0).getString();
    closing.businessDay = row.getColumn(1).getString();
    closing.closedAt = row.getColumn(2).getInt64();
    closing.closedBy = row.getColumn(3).getString();
    closing.saleCount = row.getColumn(4).getInt();
    closing.totalCents = row.getColumn(5).getInt64();
    closing.registeredCount = row.getColumn(6).getInt();
    if (!row.getColumn(7).isNull()) closing.codCents = row.getColumn(7).getInt64();
    return closing;
}

}  // namespace

std::string postalItemKindKey(PostalItemKind kind) {
    for (const auto& [value, key] : kKindKeys)
        if (value == kind) return key;
    return "other";
}

std::optional<PostalItemKind> postalItemKindFromKey(const std::string& key) {
    for (const auto& [value, text] : kKindKeys)
        if (key == text) return value;
    return std::nullopt;
}

std::string paymentMethodKey(PaymentMethod method) {
    for (const auto& [value, key] : kMethodKeys)
        if (value == method) return key;
    return "cash";
}

std::optional<PaymentMethod> paymentMethodFromKey(const std::string& key) {
    for (const auto& [value, text] : kMethodKeys)
        if (key == text) return value;
    return std::nullopt;
}

void PostalStore::inTransaction(const std::function<void()>& work) { storage::inTransaction(db_, work); }

// ---- Catalogue ----

PostalItem PostalStore::insertItem(const PostalItem& item, std::int64_t nowMs) {
    PostalItem stored = item;
    stored.id = newRecordId(nowMs);
    SQLite::Statement insert(db_.sql(),
                             "INSERT INTO postal_item(id, origin_kiosk, code, name, kind, with_receipt, sort_order, "
                             "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, stored.id);
    insert.bind(2, db_.kioskId());
    insert.bind(3, stored.code);
    insert.bind(4, stored.name);
    insert.bind(5, postalItemKindKey(stored.kind));
    insert.bind(6, stored.withReceipt ? 1 : 0);
    insert.bind(7, stored.sortOrder);
    insert.bind(8, nowMs);
    insert.bind(9, nowMs);
    insert.exec();
    return stored;
}

void PostalStore::renameItem(const std::string& itemId, const std::string& name, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(), "UPDATE postal_item SET name = ?, updated_at = ? WHERE id = ?");
    update.bind(1, name);
    update.bind(2, nowMs);
    update.bind(3, itemId);
    update.exec();
}

std::vector<PostalItem> PostalStore::items() {
    SQLite::Statement query(db_.sql(), std::string(kSelectItem) + "WHERE deleted_at IS NULL ORDER BY sort_order, name");
    std::vector<PostalItem> items;
    while (query.executeStep()) items.push_back(readItem(query));
    return items;
}

std::optional<PostalItem> PostalStore::findItem(const std::string& itemId) {
    SQLite::Statement query(db_.sql(), std::string(kSelectItem) + "WHERE id = ? AND deleted_at IS NULL");
    query.bind(1, itemId);
    if (!query.executeStep()) return std::nullopt;
    return readItem(query);
}

std::optional<PostalItem> PostalStore::findItemByCode(const std::string& code) {
    SQLite::Statement query(db_.sql(), std::string(kSelectItem) + "WHERE code = ? AND deleted_at IS NULL");
    query.bind(1, code);
    if (!query.executeStep()) return std::nullopt;
    return readItem(query);
}

int PostalStore::itemRowsEver() { return db_.sql().execAndGet("SELECT count(*) FROM postal_item").getInt(); }

PostalPrice PostalStore::setPrice(const std::string& itemId, const std::string& validFrom, std::int64_t priceCents,
                                  std::int64_t nowMs) {
    SQLite::Statement replace(db_.sql(), "UPDATE postal_price SET deleted_at = ?, updated_at = ? "
                                         "WHERE item_id = ? AND valid_from = ? AND deleted_at IS NULL");
    replace.bind(1, nowMs);
    replace.bind(2, nowMs);
    replace.bind(3, itemId);
    replace.bind(4, validFrom);
    replace.exec();
    PostalPrice price{newRecordId(nowMs), itemId, validFrom, priceCents, nowMs, false};
    SQLite::Statement insert(db_.sql(),
                             "INSERT INTO postal_price(id, origin_kiosk, item_id, valid_from, price_cents, created_at, "
                             "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, price.id);
    insert.bind(2, db_.kioskId());
    insert.bind(3, itemId);
    insert.bind(4, validFrom);
    insert.bind(5, priceCents);
    insert.bind(6, nowMs);
    insert.bind(7, nowMs);
    insert.exec();
    return price;
}

std::optional<PostalPrice> PostalStore::priceOn(const std::string& itemId, const std::string& day) {
    SQLite::Statement query(db_.sql(), std::string(kSelectPrice) +
                                           "WHERE item_id = ? AND valid_from <= ? AND deleted_at IS NULL "
                                           "ORDER BY valid_from DESC LIMIT 1");
    query.bind(1, itemId);
    query.bind(2, day);
    if (!query.executeStep()) return std::nullopt;
    return readPrice(query);
}

std::vector<PostalPrice> PostalStore::priceHistory(const std::string& itemId) {
    SQLite::Statement query(db_.sql(),
                            std::string(kSelectPrice) + "WHERE item_id = ? ORDER BY valid_from DESC, created_at DESC");
    query.bind(1, itemId);
    std::vector<PostalPrice> prices;
    while (query.executeStep()) prices.push_back(readPrice(query));
    return prices;
}

// ---- Sales ----

Sale PostalStore::insertSale(const Sale& sale, std::int64_t nowMs) {
    Sale stored = sale;
    stored.id = newRecordId(nowMs);
    stored.totalCents = 0;
    for (const SaleLine& line : stored.lines) stored.totalCents += line.lineCents();

    SQLite::Statement insert(db_.sql(),
                             "INSERT INTO postal_sale(id, origin_kiosk, business_day, sold_at, payment_method, "
                             "total_cents, corrects_sale_id, sold_by, created_at, updated_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, stored.id);
    insert.bind(2, db_.kioskId());
    insert.bind(3, stored.businessDay);
    insert.bind(4, stored.soldAt);
    insert.bind(5, paymentMethodKey(stored.method));
    insert.bind(6, stored.totalCents);
    if (stored.correctsSaleId)
        insert.bind(7, *stored.correctsSaleId);
    else
        insert.bind(7);
    insert.bind(8, stored.soldBy);
    insert.bind(9, nowMs);
    insert.bind(10, nowMs);
    insert.exec();
    for (const SaleLine& line : stored.lines) {
        SQLite::Statement add(db_.sql(),
                              "INSERT INTO postal_sale_line(id, origin_kiosk, sale_id, item_id, item_name, quantity, "
                              "unit_price_cents, line_cents, created_at, updated_at) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        add.bind(1, newRecordId(nowMs));
        add.bind(2, db_.kioskId());
        add.bind(3, stored.id);
        add.bind(4, line.itemId);
        add.bind(5, line.itemName);
        add.bind(6, line.quantity);
        add.bind(7, line.unitPriceCents);
        add.bind(8, line.lineCents());
        add.bind(9, nowMs);
        add.bind(10, nowMs);
        add.exec();
    }
    for (const RegisteredLetter& letter : stored.letters) {
        SQLite::Statement add(db_.sql(),
                              "INSERT INTO postal_registered_letter(id, origin_kiosk, sale_id, number, recipient_town, "
                              "with_receipt, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        add.bind(1, newRecordId(nowMs));
        add.bind(2, db_.kioskId());
        add.bind(3, stored.id);
        add.bind(4, letter.number);
        add.bind(5, letter.recipientTown);
        add.bind(6, letter.withReceipt ? 1 : 0);
        add.bind(7, nowMs);
        add.bind(8, nowMs);
        add.exec();
    }
    return stored;
}

std::optional<Sale> PostalStore::findSale(const std::string& saleId) {
    SQLite::Statement query(db_.sql(), std::string(kSelectSale) + "WHERE id = ? AND deleted_at IS NULL");
    query.bind(1, saleId);
    if (!query.executeStep()) return std::nullopt;
    Sale sale;
    sale.id = query.getColumn(0).getString();
    sale.businessDay = query.getColumn(1).getString();
    sale.soldAt = query.getColumn(2).getInt64();
    sale.method = paymentMethodFromKey(query.getColumn(3).getString()).value_or(PaymentMethod::Cash);
    sale.totalCents = query.getColumn(4).getInt64();
    if (!query.getColumn(5).isNull()) sale.correctsSaleId = query.getColumn(5).getString();
    sale.soldBy = query.getColumn(6).getString();

    SQLite::Statement lines(db_.sql(), "SELECT item_id, item_name, quantity, unit_price_cents FROM postal_sale_line "
                                       "WHERE sale_id = ? AND deleted_at IS NULL ORDER BY rowid");
    lines.bind(1, saleId);
    while (lines.executeStep())
        sale.lines.push_back({lines.getColumn(0).getString(), lines.getColumn(1).getString(), lines.getColumn(2).getInt(),
                              lines.getColumn(3).getInt64()});
    SQLite::Statement letters(db_.sql(), "SELECT number, recipient_town, with_receipt FROM postal_registered_letter "
                                         "WHERE sale_id = ? AND deleted_at IS NULL ORDER BY rowid");
    letters.bind(1, saleId);
    while (letters.executeStep())
        sale.letters.push_back({letters.getColumn(0).getString(), letters.getColumn(1).getString(),
                                letters.getColumn(2).getInt() != 0});
    return sale;
}

std::vector<Sale> PostalStore::salesOfDay(const std::string& day) {
    SQLite::Statement query(db_.sql(), "SELECT id FROM postal_sale WHERE business_day = ? AND deleted_at IS NULL "
                                       "ORDER BY sold_at, id");
    query.bind(1, day);
    std::vector<std::string> ids;
    while (query.executeStep()) ids.push_back(query.getColumn(0).getString());
    std::vector<Sale> sales;
    for (const std::string& id : ids)
        if (auto sale = findSale(id)) sales.push_back(std::move(*sale));
    return sales;
}

std::optional<Sale> PostalStore::correctionOf(const std::string& saleId) {
    SQLite::Statement query(db_.sql(), "SELECT id FROM postal_sale WHERE corrects_sale_id = ? AND deleted_at IS NULL");
    query.bind(1, saleId);
    if (!query.executeStep()) return std::nullopt;
    return findSale(query.getColumn(0).getString());
}

int PostalStore::registeredLettersOfDay(const std::string& day) {
    // By the registered lines' quantities, so that a counter-entry takes its letter off the count.
    SQLite::Statement query(db_.sql(),
                            "SELECT coalesce(sum(l.quantity), 0) FROM postal_sale s "
                            "JOIN postal_sale_line l ON l.sale_id = s.id AND l.deleted_at IS NULL "
                            "JOIN postal_item i ON i.id = l.item_id "
                            "WHERE s.business_day = ? AND s.deleted_at IS NULL AND i.kind = 'registered'");
    query.bind(1, day);
    query.executeStep();
    return query.getColumn(0).getInt();
}

bool PostalStore::letterNumberInUse(const std::string& number) {
    SQLite::Statement query(db_.sql(),
                            "SELECT 1 FROM postal_registered_letter r WHERE r.number = ? AND r.deleted_at IS NULL "
                            "AND NOT EXISTS (SELECT 1 FROM postal_sale c WHERE c.corrects_sale_id = r.sale_id "
                            "AND c.deleted_at IS NULL) LIMIT 1");
    query.bind(1, number);
    return query.executeStep();
}

// ---- Closings ----

DayClosing PostalStore::insertClosing(const DayClosing& closing, std::int64_t nowMs) {
    DayClosing stored = closing;
    stored.id = newRecordId(nowMs);
    SQLite::Statement insert(db_.sql(),
                             "INSERT INTO postal_day_closing(id, origin_kiosk, business_day, closed_at, closed_by, "
                             "sale_count, total_cents, registered_count, cod_cents, created_at, updated_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, stored.id);
    insert.bind(2, db_.kioskId());
    insert.bind(3, stored.businessDay);
    insert.bind(4, stored.closedAt);
    insert.bind(5, stored.closedBy);
    insert.bind(6, stored.saleCount);
    insert.bind(7, stored.totalCents);
    insert.bind(8, stored.registeredCount);
    if (stored.codCents)
        insert.bind(9, *stored.codCents);
    else
        insert.bind(9);
    insert.bind(10, nowMs);
    insert.bind(11, nowMs);
    insert.exec();
    return stored;
}

std::optional<DayClosing> PostalStore::closingOf(const std::string& day) {
    SQLite::Statement query(db_.sql(), std::string(kSelectClosing) + "WHERE business_day = ?");
    query.bind(1, day);
    if (!query.executeStep()) return std::nullopt;
    return readClosing(query);
}

std::vector<DayClosing> PostalStore::recentClosings(int limit) {
    SQLite::Statement query(db_.sql(), std::string(kSelectClosing) + "ORDER BY business_day DESC LIMIT ?");
    query.bind(1, limit);
    std::vector<DayClosing> closings;
    while (query.executeStep()) closings.push_back(readClosing(query));
    return closings;
}

}  // namespace vk::storage
