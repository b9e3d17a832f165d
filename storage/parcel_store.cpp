#include "storage/parcel_store.h"

#include "storage/record_id.h"
#include "storage/transaction.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <array>
#include <utility>

namespace vk::storage {
namespace {

constexpr std::array<std::pair<ParcelStatus, std::string_view>, 5> kStatusKeys{{
    {ParcelStatus::OnShelf, "on_shelf"},
    {ParcelStatus::PickedUp, "picked_up"},
    {ParcelStatus::Returned, "returned"},
    {ParcelStatus::Deposited, "deposited"},
    {ParcelStatus::Collected, "collected"},
}};

ParcelStatus statusFromKey(std::string_view key) {
    for (const auto& [value, text] : kStatusKeys)
        if (text == key) return value;
    return ParcelStatus::OnShelf;
}

constexpr const char* kSelectCarrier =
    "SELECT id, code, name, hold_days, hold_basis, reminder_days_before, max_weight_grams, max_length_cm, "
    "return_rules, collects_cod, terms_dated, updated_at FROM parcel_carrier ";

constexpr const char* kSelectParcel =
    "SELECT id, direction, carrier_id, tracking, status, recipient_name, recipient_phone, recipient_email, "
    "shelf_place, pickup_code, received_at, deadline_day, cod_cents, picked_up_at, collected_by_name, "
    "id_checked_by, signature, handover_id, reminder_queued, last_day_queued, closed_at, created_at, updated_at "
    "FROM parcel ";

// The lookups made while someone waits; lookupQueryPlans() explains these very strings.
constexpr const char* kOnShelf = "status = 'on_shelf' AND deleted_at IS NULL";
const std::string kWhereTrackingOnShelf = std::string("WHERE tracking = ? AND ") + kOnShelf;
const std::string kWhereCodeOnShelf = std::string("WHERE pickup_code = ? AND ") + kOnShelf + " ORDER BY shelf_place";
const std::string kWhereDue =
    std::string("WHERE deadline_day < ? AND ") + kOnShelf + " ORDER BY carrier_id, shelf_place";

std::optional<std::string> optionalText(SQLite::Statement& row, int column) {
    if (row.getColumn(column).isNull()) return std::nullopt;
    return row.getColumn(column).getString();
}

std::optional<std::int64_t> optionalInt(SQLite::Statement& row, int column) {
    if (row.getColumn(column).isNull()) return std::nullopt;
    return row.getColumn(column).getInt64();
}

void bindOptional(SQLite::Statement& statement, int index, const std::optional<std::string>& value) {
    if (value)
        statement.bind(index, *value);
    else
        statement.bind(index);
}

void bindOptional(SQLite::Statement& statement, int index, const std::optional<int>& value) {
    if (value)
        statement.bind(index, *value);
    else
        statement.bind(index);
}

Carrier readCarrier(SQLite::Statement& row) {
    Carrier carrier;
    carrier.id = row.getColumn(0).getString();
    carrier.code = row.getColumn(1).getString();
    carrier.name = row.getColumn(2).getString();
    carrier.holdDays = row.getColumn(3).getInt();
    carrier.holdBasis = row.getColumn(4).getString() == "opening" ? HoldBasis::OpeningDays : HoldBasis::CalendarDays;
    carrier.reminderDaysBefore = row.getColumn(5).getInt();
    if (const auto grams = optionalInt(row, 6)) carrier.maxWeightGrams = static_cast<int>(*grams);
    if (const auto cm = optionalInt(row, 7)) carrier.maxLengthCm = static_cast<int>(*cm);
    carrier.returnRules = row.getColumn(8).getString();
    carrier.collectsCod = row.getColumn(9).getInt() != 0;
    carrier.termsDated = row.getColumn(10).getString();
    carrier.updatedAt = row.getColumn(11).getInt64();
    return carrier;
}

Parcel readParcel(SQLite::Statement& row) {
    Parcel parcel;
    parcel.id = row.getColumn(0).getString();
    parcel.direction = row.getColumn(1).getString() == "outgoing" ? ParcelDirection::Outgoing : ParcelDirection::Incoming;
    parcel.carrierId = row.getColumn(2).getString();
    parcel.tracking = row.getColumn(3).getString();
    parcel.status = statusFromKey(row.getColumn(4).getString());
    parcel.recipientName = row.getColumn(5).getString();
    parcel.recipientPhone = optionalText(row, 6);
    parcel.recipientEmail = optionalText(row, 7);
    parcel.shelfPlace = optionalText(row, 8);
    parcel.pickupCode = optionalText(row, 9);
    parcel.receivedAt = row.getColumn(10).getInt64();
    parcel.deadlineDay = optionalText(row, 11);
    parcel.codCents = row.getColumn(12).getInt64();
    parcel.pickedUpAt = optionalInt(row, 13);
    parcel.collectedByName = optionalText(row, 14);
    parcel.idCheckedBy = optionalText(row, 15);
    const SQLite::Column signature = row.getColumn(16);
    if (!signature.isNull()) {
        const auto* bytes = static_cast<const std::uint8_t*>(signature.getBlob());
        parcel.signature.assign(bytes, bytes + signature.getBytes());
    }
    parcel.handoverId = optionalText(row, 17);
    parcel.reminderQueued = row.getColumn(18).getInt() != 0;
    parcel.lastDayQueued = row.getColumn(19).getInt() != 0;
    parcel.closedAt = optionalInt(row, 20);
    parcel.createdAt = row.getColumn(21).getInt64();
    parcel.updatedAt = row.getColumn(22).getInt64();
    return parcel;
}

std::vector<Parcel> readAll(SQLite::Statement& query) {
    std::vector<Parcel> parcels;
    while (query.executeStep()) parcels.push_back(readParcel(query));
    return parcels;
}

}  // namespace

std::string_view parcelStatusKey(ParcelStatus status) {
    for (const auto& [value, key] : kStatusKeys)
        if (value == status) return key;
    return "on_shelf";
}

void ParcelStore::inTransaction(const std::function<void()>& work) { storage::inTransaction(db_, work); }

std::vector<Carrier> ParcelStore::carriers() {
    SQLite::Statement query(db_.sql(), std::string(kSelectCarrier) + "WHERE deleted_at IS NULL ORDER BY name, code");
    std::vector<Carrier> carriers;
    while (query.executeStep()) carriers.push_back(readCarrier(query));
    return carriers;
}

std::optional<Carrier> ParcelStore::carrierByCode(const std::string& code) {
    SQLite::Statement query(db_.sql(), std::string(kSelectCarrier) + "WHERE code = ? AND deleted_at IS NULL");
    query.bind(1, code);
    if (!query.executeStep()) return std::nullopt;
    return readCarrier(query);
}

std::optional<Carrier> ParcelStore::carrierById(const std::string& id) {
    SQLite::Statement query(db_.sql(), std::string(kSelectCarrier) + "WHERE id = ?");
    query.bind(1, id);
    if (!query.executeStep()) return std::nullopt;
    return readCarrier(query);
}

void ParcelStore::updateCarrier(const Carrier& carrier, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(),
                             "UPDATE parcel_carrier SET name = ?, hold_days = ?, hold_basis = ?, "
                             "reminder_days_before = ?, max_weight_grams = ?, max_length_cm = ?, return_rules = ?, "
                             "collects_cod = ?, terms_dated = ?, updated_at = ? WHERE id = ?");
    update.bind(1, carrier.name);
    update.bind(2, carrier.holdDays);
    update.bind(3, carrier.holdBasis == HoldBasis::OpeningDays ? "opening" : "calendar");
    update.bind(4, carrier.reminderDaysBefore);
    bindOptional(update, 5, carrier.maxWeightGrams);
    bindOptional(update, 6, carrier.maxLengthCm);
    update.bind(7, carrier.returnRules);
    update.bind(8, carrier.collectsCod ? 1 : 0);
    update.bind(9, carrier.termsDated);
    update.bind(10, nowMs);
    update.bind(11, carrier.id);
    update.exec();
}

Parcel ParcelStore::insert(const NewParcel& parcel, std::int64_t nowMs) {
    const std::string id = newRecordId(nowMs);
    const bool incoming = parcel.direction == ParcelDirection::Incoming;
    SQLite::Statement insert(db_.sql(),
                             "INSERT INTO parcel(id, origin_kiosk, direction, carrier_id, tracking, status, "
                             "recipient_name, recipient_phone, recipient_email, shelf_place, pickup_code, received_at, "
                             "deadline_day, cod_cents, created_at, updated_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, id);
    insert.bind(2, db_.kioskId());
    insert.bind(3, incoming ? "incoming" : "outgoing");
    insert.bind(4, parcel.carrierId);
    insert.bind(5, parcel.tracking);
    insert.bind(6, incoming ? "on_shelf" : "deposited");
    insert.bind(7, parcel.recipientName);
    bindOptional(insert, 8, parcel.recipientPhone);
    bindOptional(insert, 9, parcel.recipientEmail);
    bindOptional(insert, 10, parcel.shelfPlace);
    bindOptional(insert, 11, parcel.pickupCode);
    insert.bind(12, nowMs);
    bindOptional(insert, 13, parcel.deadlineDay);
    insert.bind(14, parcel.codCents);
    insert.bind(15, nowMs);
    insert.bind(16, nowMs);
    insert.exec();
    return *find(id);
}

std::optional<Parcel> ParcelStore::find(const std::string& id) {
    SQLite::Statement query(db_.sql(), std::string(kSelectParcel) + "WHERE id = ? AND deleted_at IS NULL");
    query.bind(1, id);
    if (!query.executeStep()) return std::nullopt;
    return readParcel(query);
}

std::optional<Parcel> ParcelStore::onShelfByTracking(const std::string& tracking) {
    SQLite::Statement query(db_.sql(), kSelectParcel + kWhereTrackingOnShelf);
    query.bind(1, tracking);
    if (!query.executeStep()) return std::nullopt;
    return readParcel(query);
}

std::vector<Parcel> ParcelStore::byTracking(const std::string& tracking) {
    SQLite::Statement query(db_.sql(), std::string(kSelectParcel) +
                                           "WHERE tracking = ? AND deleted_at IS NULL ORDER BY received_at DESC");
    query.bind(1, tracking);
    return readAll(query);
}

std::vector<Parcel> ParcelStore::onShelfByCode(const std::string& code) {
    SQLite::Statement query(db_.sql(), kSelectParcel + kWhereCodeOnShelf);
    query.bind(1, code);
    return readAll(query);
}

bool ParcelStore::codeOnShelf(const std::string& code) {
    SQLite::Statement query(db_.sql(), std::string("SELECT 1 FROM parcel WHERE pickup_code = ? AND ") + kOnShelf);
    query.bind(1, code);
    return query.executeStep();
}

std::vector<Parcel> ParcelStore::onShelf() {
    SQLite::Statement query(db_.sql(),
                            std::string(kSelectParcel) + "WHERE " + kOnShelf + " ORDER BY shelf_place, received_at");
    return readAll(query);
}

std::vector<std::string> ParcelStore::occupiedPlaces() {
    SQLite::Statement query(db_.sql(), std::string("SELECT DISTINCT shelf_place FROM parcel WHERE ") + kOnShelf +
                                           " AND shelf_place IS NOT NULL");
    std::vector<std::string> places;
    while (query.executeStep()) places.push_back(query.getColumn(0).getString());
    return places;
}

std::vector<Parcel> ParcelStore::onShelfNamed(const std::string& fragment) {
    SQLite::Statement query(db_.sql(), std::string(kSelectParcel) + "WHERE " + kOnShelf +
                                           " AND instr(lower(recipient_name), lower(?)) > 0 ORDER BY shelf_place");
    query.bind(1, fragment);
    return readAll(query);
}

std::vector<Parcel> ParcelStore::dueForReturn(const std::string& today) {
    SQLite::Statement query(db_.sql(), kSelectParcel + kWhereDue);
    query.bind(1, today);
    return readAll(query);
}

std::vector<Parcel> ParcelStore::deadlineBetween(const std::string& fromDay, const std::string& toDay) {
    SQLite::Statement query(db_.sql(), std::string(kSelectParcel) + "WHERE deadline_day >= ? AND deadline_day <= ? AND " +
                                           kOnShelf + " ORDER BY deadline_day, shelf_place");
    query.bind(1, fromDay);
    query.bind(2, toDay);
    return readAll(query);
}

std::vector<Parcel> ParcelStore::withStatus(ParcelStatus status, int limit) {
    SQLite::Statement query(db_.sql(), std::string(kSelectParcel) +
                                           "WHERE status = ? AND deleted_at IS NULL ORDER BY updated_at DESC LIMIT ?");
    query.bind(1, std::string(parcelStatusKey(status)));
    query.bind(2, limit);
    return readAll(query);
}

std::vector<Parcel> ParcelStore::depositedFor(const std::string& carrierId) {
    SQLite::Statement query(db_.sql(), std::string(kSelectParcel) +
                                           "WHERE carrier_id = ? AND status = 'deposited' AND deleted_at IS NULL "
                                           "ORDER BY received_at");
    query.bind(1, carrierId);
    return readAll(query);
}

void ParcelStore::forEach(const std::function<void(const Parcel&)>& visit) {
    SQLite::Statement query(db_.sql(), std::string(kSelectParcel) + "WHERE deleted_at IS NULL ORDER BY received_at, id");
    while (query.executeStep()) visit(readParcel(query));
}

bool ParcelStore::markPickedUp(const std::string& id, const PickupRecord& record, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(),
                             "UPDATE parcel SET status = 'picked_up', picked_up_at = ?, collected_by_name = ?, "
                             "id_checked_by = ?, signature = ?, closed_at = ?, updated_at = ? "
                             "WHERE id = ? AND status = 'on_shelf' AND deleted_at IS NULL");
    update.bind(1, nowMs);
    bindOptional(update, 2, record.collectedByName);
    update.bind(3, record.idCheckedBy);
    if (record.signature.empty())
        update.bind(4);
    else
        update.bind(4, record.signature.data(), static_cast<int>(record.signature.size()));
    update.bind(5, nowMs);
    update.bind(6, nowMs);
    update.bind(7, id);
    return update.exec() == 1;
}

bool ParcelStore::markHandedOver(const std::string& id, ParcelStatus from, ParcelStatus to,
                                 const std::string& handoverId, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(),
                             "UPDATE parcel SET status = ?, handover_id = ?, closed_at = ?, updated_at = ? "
                             "WHERE id = ? AND status = ? AND deleted_at IS NULL");
    update.bind(1, std::string(parcelStatusKey(to)));
    update.bind(2, handoverId);
    update.bind(3, nowMs);
    update.bind(4, nowMs);
    update.bind(5, id);
    update.bind(6, std::string(parcelStatusKey(from)));
    return update.exec() == 1;
}

void ParcelStore::markReminderQueued(const std::string& id, bool lastDay, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(), lastDay ? "UPDATE parcel SET last_day_queued = 1, updated_at = ? WHERE id = ?"
                                                : "UPDATE parcel SET reminder_queued = 1, updated_at = ? WHERE id = ?");
    update.bind(1, nowMs);
    update.bind(2, id);
    update.exec();
}

std::string ParcelStore::insertHandover(const std::string& carrierId, HandoverKind kind, int parcelCount,
                                        const std::string& staffName,
                                        const std::vector<std::uint8_t>& driverSignature, std::int64_t nowMs) {
    const std::string id = newRecordId(nowMs);
    SQLite::Statement insert(db_.sql(),
                             "INSERT INTO parcel_handover(id, origin_kiosk, carrier_id, kind, parcel_count, "
                             "staff_name, driver_signature, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, id);
    insert.bind(2, db_.kioskId());
    insert.bind(3, carrierId);
    insert.bind(4, kind == HandoverKind::Return ? "return" : "outgoing");
    insert.bind(5, parcelCount);
    insert.bind(6, staffName);
    if (driverSignature.empty())
        insert.bind(7);
    else
        insert.bind(7, driverSignature.data(), static_cast<int>(driverSignature.size()));
    insert.bind(8, nowMs);
    insert.bind(9, nowMs);
    insert.exec();
    return id;
}

std::int64_t ParcelStore::codCollectedBetween(std::int64_t fromMs, std::int64_t toMs) {
    SQLite::Statement query(db_.sql(),
                            "SELECT coalesce(sum(cod_cents), 0) FROM parcel WHERE picked_up_at >= ? AND "
                            "picked_up_at < ? AND status = 'picked_up' AND deleted_at IS NULL");
    query.bind(1, fromMs);
    query.bind(2, toMs);
    query.executeStep();
    return query.getColumn(0).getInt64();
}

std::vector<std::string> ParcelStore::lookupQueryPlans() {
    std::vector<std::string> plans;
    const std::string lookups[] = {kSelectParcel + kWhereTrackingOnShelf, kSelectParcel + kWhereCodeOnShelf,
                                   kSelectParcel + kWhereDue};
    for (const std::string& lookup : lookups) {
        SQLite::Statement explain(db_.sql(), "EXPLAIN QUERY PLAN " + lookup);
        std::string plan;
        while (explain.executeStep()) {
            if (!plan.empty()) plan += "; ";
            plan += explain.getColumn(3).getString();
        }
        plans.push_back(plan);
    }
    return plans;
}

}  // namespace vk::storage
