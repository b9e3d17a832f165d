#include "storage/meal_store.h"

#include "storage/record_id.h"

#include <SQLiteCpp/Statement.h>

namespace vk::storage {
namespace {

constexpr const char* kRecipientColumns =
    "id, name, mode, address, weekdays, diet, funder, consent_on, consent_by, starts_on, ends_on, round_order, "
    "service_ended_at, created_at, updated_at";

constexpr const char* kRecipientOrder = " ORDER BY mode, round_order, name, id";

MealRecipient readRecipient(SQLite::Statement& row) {
    MealRecipient r;
    r.id = row.getColumn(0).getString();
    r.details.name = row.getColumn(1).getString();
    r.details.mode = mealModeFromKey(row.getColumn(2).getString()).value_or(MealMode::Cafe);
    r.details.address = row.getColumn(3).getString();
    r.details.weekdays = row.getColumn(4).getInt();
    r.details.diet = row.getColumn(5).getString();
    r.details.funder = row.getColumn(6).getString();
    r.details.consentOn = row.getColumn(7).getString();
    r.details.consentBy = row.getColumn(8).getString();
    r.details.startsOn = row.getColumn(9).getString();
    if (!row.getColumn(10).isNull()) r.details.endsOn = row.getColumn(10).getString();
    r.details.roundOrder = row.getColumn(11).getInt();
    if (!row.getColumn(12).isNull()) r.serviceEndedAt = row.getColumn(12).getInt64();
    r.createdAt = row.getColumn(13).getInt64();
    r.updatedAt = row.getColumn(14).getInt64();
    return r;
}

// Binds the details from parameter `first` on, in the order of kRecipientColumns after the id.
void bindDetails(SQLite::Statement& statement, int first, const MealRecipientDetails& d,
                 std::optional<std::int64_t> serviceEndedAt) {
    statement.bind(first, d.name);
    statement.bind(first + 1, std::string(mealModeKey(d.mode)));
    statement.bind(first + 2, d.address);
    statement.bind(first + 3, d.weekdays);
    statement.bind(first + 4, d.diet);
    statement.bind(first + 5, d.funder);
    statement.bind(first + 6, d.consentOn);
    statement.bind(first + 7, d.consentBy);
    statement.bind(first + 8, d.startsOn);
    if (d.endsOn) statement.bind(first + 9, *d.endsOn);
    else statement.bind(first + 9);
    statement.bind(first + 10, d.roundOrder);
    if (serviceEndedAt) statement.bind(first + 11, *serviceEndedAt);
    else statement.bind(first + 11);
}

}  // namespace

std::string_view mealModeKey(MealMode mode) { return mode == MealMode::Home ? "home" : "cafe"; }

std::optional<MealMode> mealModeFromKey(std::string_view key) {
    if (key == "cafe") return MealMode::Cafe;
    if (key == "home") return MealMode::Home;
    return std::nullopt;
}

MealRecipient MealStore::insertRecipient(const MealRecipientDetails& details,
                                         std::optional<std::int64_t> serviceEndedAt, std::int64_t nowMs) {
    const std::string id = newRecordId(nowMs);
    SQLite::Statement insert(db_.sql(),
                             "INSERT INTO meal_recipient (id, origin_kiosk, name, mode, address, weekdays, diet, "
                             "funder, consent_on, consent_by, starts_on, ends_on, round_order, service_ended_at, "
                             "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, id);
    insert.bind(2, db_.kioskId());
    bindDetails(insert, 3, details, serviceEndedAt);
    insert.bind(15, nowMs);
    insert.bind(16, nowMs);
    insert.exec();
    return *recipient(id);
}

bool MealStore::updateRecipient(const std::string& id, const MealRecipientDetails& details,
                                std::optional<std::int64_t> serviceEndedAt, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(),
                             "UPDATE meal_recipient SET name = ?, mode = ?, address = ?, weekdays = ?, diet = ?, "
                             "funder = ?, consent_on = ?, consent_by = ?, starts_on = ?, ends_on = ?, round_order = ?, "
                             "service_ended_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL");
    bindDetails(update, 1, details, serviceEndedAt);
    update.bind(13, nowMs);
    update.bind(14, id);
    return update.exec() == 1;
}

bool MealStore::removeRecipient(const std::string& id, std::int64_t nowMs) {
    // The earlier of the end of service and now: someone removed after their end keeps the period of their end.
    SQLite::Statement update(db_.sql(),
                             "UPDATE meal_recipient SET deleted_at = ?1, updated_at = ?1, "
                             "service_ended_at = min(coalesce(service_ended_at, ?1), ?1) "
                             "WHERE id = ?2 AND deleted_at IS NULL");
    update.bind(1, nowMs);
    update.bind(2, id);
    return update.exec() == 1;
}

std::optional<MealRecipient> MealStore::recipient(const std::string& id) {
    SQLite::Statement query(db_.sql(), std::string("SELECT ") + kRecipientColumns +
                                           " FROM meal_recipient WHERE id = ? AND deleted_at IS NULL");
    query.bind(1, id);
    if (!query.executeStep()) return std::nullopt;
    return readRecipient(query);
}

std::vector<MealRecipient> MealStore::recipients() {
    SQLite::Statement query(db_.sql(), std::string("SELECT ") + kRecipientColumns +
                                           " FROM meal_recipient WHERE deleted_at IS NULL" + kRecipientOrder);
    std::vector<MealRecipient> found;
    while (query.executeStep()) found.push_back(readRecipient(query));
    return found;
}

std::vector<MealRecipient> MealStore::recipientsOn(const std::string& day, int weekdayBit) {
    SQLite::Statement query(db_.sql(), std::string("SELECT ") + kRecipientColumns +
                                           " FROM meal_recipient WHERE deleted_at IS NULL AND starts_on <= ?1 "
                                           "AND (ends_on IS NULL OR ends_on >= ?1) AND (weekdays & ?2) <> 0" +
                                           kRecipientOrder);
    query.bind(1, day);
    query.bind(2, weekdayBit);
    std::vector<MealRecipient> found;
    while (query.executeStep()) found.push_back(readRecipient(query));
    return found;
}

MealRoundDriver MealStore::insertDriver(const std::string& day, const std::string& memberId, std::int64_t nowMs) {
    const std::string id = newRecordId(nowMs);
    SQLite::Statement insert(db_.sql(), "INSERT INTO meal_round_driver (id, origin_kiosk, day, member_id, created_at, "
                                        "updated_at) VALUES (?, ?, ?, ?, ?, ?)");
    insert.bind(1, id);
    insert.bind(2, db_.kioskId());
    insert.bind(3, day);
    insert.bind(4, memberId);
    insert.bind(5, nowMs);
    insert.bind(6, nowMs);
    insert.exec();
    return {id, day, memberId};
}

bool MealStore::removeDriver(const std::string& day, const std::string& memberId, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(), "UPDATE meal_round_driver SET deleted_at = ?1, updated_at = ?1 "
                                        "WHERE day = ?2 AND member_id = ?3 AND deleted_at IS NULL");
    update.bind(1, nowMs);
    update.bind(2, day);
    update.bind(3, memberId);
    const bool removed = update.exec() == 1;
    // Their stops go back to the even split.
    SQLite::Statement stops(db_.sql(), "DELETE FROM meal_round_stop WHERE day = ? AND member_id = ?");
    stops.bind(1, day);
    stops.bind(2, memberId);
    stops.exec();
    return removed;
}

std::vector<MealRoundDriver> MealStore::drivers(const std::string& day) {
    SQLite::Statement query(db_.sql(), "SELECT id, day, member_id FROM meal_round_driver WHERE day = ? AND "
                                       "deleted_at IS NULL ORDER BY created_at, rowid");
    query.bind(1, day);
    std::vector<MealRoundDriver> found;
    while (query.executeStep())
        found.push_back({query.getColumn(0).getString(), query.getColumn(1).getString(), query.getColumn(2).getString()});
    return found;
}

void MealStore::setStop(const std::string& day, const std::string& recipientId, const std::string& memberId,
                        std::int64_t nowMs) {
    if (memberId.empty()) {
        SQLite::Statement remove(db_.sql(), "DELETE FROM meal_round_stop WHERE day = ? AND recipient_id = ?");
        remove.bind(1, day);
        remove.bind(2, recipientId);
        remove.exec();
        return;
    }
    SQLite::Statement upsert(db_.sql(), "INSERT INTO meal_round_stop (day, recipient_id, member_id, updated_at) "
                                        "VALUES (?, ?, ?, ?) ON CONFLICT(day, recipient_id) DO UPDATE SET "
                                        "member_id = excluded.member_id, updated_at = excluded.updated_at");
    upsert.bind(1, day);
    upsert.bind(2, recipientId);
    upsert.bind(3, memberId);
    upsert.bind(4, nowMs);
    upsert.exec();
}

std::vector<MealRoundStop> MealStore::stops(const std::string& day) {
    SQLite::Statement query(db_.sql(), "SELECT recipient_id, member_id FROM meal_round_stop WHERE day = ?");
    query.bind(1, day);
    std::vector<MealRoundStop> found;
    while (query.executeStep()) found.push_back({query.getColumn(0).getString(), query.getColumn(1).getString()});
    return found;
}

std::optional<MealServiceDay> MealStore::serviceDay(const std::string& day) {
    SQLite::Statement query(db_.sql(), "SELECT day, served, absent, confirmed_by, created_at FROM meal_service_day "
                                       "WHERE day = ?");
    query.bind(1, day);
    if (!query.executeStep()) return std::nullopt;
    return MealServiceDay{query.getColumn(0).getString(), query.getColumn(1).getInt(), query.getColumn(2).getInt(),
                          query.getColumn(3).getString(), query.getColumn(4).getInt64()};
}

void MealStore::insertServiceDay(const MealServiceDay& day, const std::vector<MealCount>& counts, std::int64_t nowMs) {
    SQLite::Statement insert(db_.sql(), "INSERT INTO meal_service_day (day, origin_kiosk, served, absent, "
                                        "confirmed_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, day.day);
    insert.bind(2, db_.kioskId());
    insert.bind(3, day.served);
    insert.bind(4, day.absent);
    insert.bind(5, day.confirmedBy);
    insert.bind(6, nowMs);
    insert.bind(7, nowMs);
    insert.exec();
    for (const MealCount& count : counts) {
        SQLite::Statement row(db_.sql(), "INSERT INTO meal_served_count (day, funder, mode, meals, updated_at) "
                                         "VALUES (?, ?, ?, ?, ?)");
        row.bind(1, day.day);
        row.bind(2, count.funder);
        row.bind(3, std::string(mealModeKey(count.mode)));
        row.bind(4, count.meals);
        row.bind(5, nowMs);
        row.exec();
    }
}

std::vector<MealCount> MealStore::countsByMonth(const std::string& firstDay, const std::string& lastDay) {
    SQLite::Statement query(db_.sql(), "SELECT substr(day, 1, 7) AS month, funder, mode, sum(meals) FROM "
                                       "meal_served_count WHERE day BETWEEN ? AND ? GROUP BY month, funder, mode "
                                       "ORDER BY month, funder, mode");
    query.bind(1, firstDay);
    query.bind(2, lastDay);
    std::vector<MealCount> found;
    while (query.executeStep()) {
        found.push_back({query.getColumn(0).getString(), query.getColumn(1).getString(),
                         mealModeFromKey(query.getColumn(2).getString()).value_or(MealMode::Cafe),
                         query.getColumn(3).getInt64()});
    }
    return found;
}

}  // namespace vk::storage
