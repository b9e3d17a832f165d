#include "storage/shift_store.h"

#include "storage/record_id.h"

#include <SQLiteCpp/Statement.h>

namespace vk::storage {
namespace {

// Absent places stay counted as taken: the coordinator marks them once the shift is over, when nobody can take
// the place any more.
constexpr const char* kShiftColumns =
    "s.id, s.kind, s.day, s.starts_at, s.ends_at, s.places, s.note, s.created_at, s.updated_at, "
    "(SELECT count(*) FROM volunteer_shift_signup u WHERE u.shift_id = s.id AND u.deleted_at IS NULL "
    "  AND u.state IN ('signed_up', 'absent')), "
    "(SELECT count(*) FROM volunteer_shift_signup u WHERE u.shift_id = s.id AND u.deleted_at IS NULL "
    "  AND u.state = 'signed_up' AND u.offered_at IS NOT NULL)";

// A shift's length in minutes, from its "HH:MM" times.
constexpr const char* kShiftMinutes =
    "((CAST(substr(s.ends_at, 1, 2) AS INTEGER) * 60 + CAST(substr(s.ends_at, 4, 2) AS INTEGER)) - "
    " (CAST(substr(s.starts_at, 1, 2) AS INTEGER) * 60 + CAST(substr(s.starts_at, 4, 2) AS INTEGER)))";

constexpr const char* kDoneSignUps =
    "FROM volunteer_shift_signup u JOIN volunteer_shift s ON s.id = u.shift_id "
    "WHERE u.deleted_at IS NULL AND s.deleted_at IS NULL AND u.state = 'signed_up' "
    "AND s.day BETWEEN ? AND ? AND (s.day < ? OR (s.day = ? AND s.ends_at <= ?)) ";

Shift readShift(SQLite::Statement& row) {
    Shift s;
    s.id = row.getColumn(0).getString();
    s.details.kind = shiftKindFromKey(row.getColumn(1).getString()).value_or(ShiftKind::Opening);
    s.details.day = row.getColumn(2).getString();
    s.details.startsAt = row.getColumn(3).getString();
    s.details.endsAt = row.getColumn(4).getString();
    s.details.places = row.getColumn(5).getInt();
    s.details.note = row.getColumn(6).getString();
    s.createdAt = row.getColumn(7).getInt64();
    s.updatedAt = row.getColumn(8).getInt64();
    s.taken = row.getColumn(9).getInt();
    s.offered = row.getColumn(10).getInt();
    return s;
}

constexpr const char* kSignUpColumns =
    "u.id, u.shift_id, u.member_id, u.state, u.swapped_from, u.reminded_at, u.created_at, u.updated_at, "
    "u.offered_at, u.reminder_wanted";

ShiftSignUpState stateFromKey(const std::string& key) {
    if (key == "absent") return ShiftSignUpState::Absent;
    if (key == "cancelled") return ShiftSignUpState::Cancelled;
    if (key == "swapped") return ShiftSignUpState::Swapped;
    return ShiftSignUpState::SignedUp;
}

ShiftSignUp readSignUp(SQLite::Statement& row) {
    ShiftSignUp u;
    u.id = row.getColumn(0).getString();
    u.shiftId = row.getColumn(1).getString();
    u.memberId = row.getColumn(2).getString();
    u.state = stateFromKey(row.getColumn(3).getString());
    if (!row.getColumn(4).isNull()) u.swappedFrom = row.getColumn(4).getString();
    if (!row.getColumn(5).isNull()) u.remindedAt = row.getColumn(5).getInt64();
    u.createdAt = row.getColumn(6).getInt64();
    u.updatedAt = row.getColumn(7).getInt64();
    if (!row.getColumn(8).isNull()) u.offeredAt = row.getColumn(8).getInt64();
    u.reminderWanted = row.getColumn(9).getInt() != 0;
    return u;
}

void bindDoneRange(SQLite::Statement& statement, const std::string& firstDay, const std::string& lastDay,
                   const std::string& nowDay, const std::string& nowTime) {
    statement.bind(1, firstDay);
    statement.bind(2, lastDay);
    statement.bind(3, nowDay);
    statement.bind(4, nowDay);
    statement.bind(5, nowTime);
}

}  // namespace

std::string_view shiftKindKey(ShiftKind kind) {
    switch (kind) {
    case ShiftKind::Opening: return "opening";
    case ShiftKind::Stocking: return "stocking";
    case ShiftKind::Delivery: return "delivery";
    }
    return "opening";
}

std::optional<ShiftKind> shiftKindFromKey(std::string_view key) {
    if (key == "opening") return ShiftKind::Opening;
    if (key == "stocking") return ShiftKind::Stocking;
    if (key == "delivery") return ShiftKind::Delivery;
    return std::nullopt;
}

std::string_view shiftSignUpStateKey(ShiftSignUpState state) {
    switch (state) {
    case ShiftSignUpState::SignedUp: return "signed_up";
    case ShiftSignUpState::Absent: return "absent";
    case ShiftSignUpState::Cancelled: return "cancelled";
    case ShiftSignUpState::Swapped: return "swapped";
    }
    return "signed_up";
}

Shift ShiftStore::insertShift(const ShiftDetails& details, std::int64_t nowMs) {
    const std::string id = newRecordId(nowMs);
    SQLite::Statement insert(db_.sql(),
                             "INSERT INTO volunteer_shift (id, origin_kiosk, kind, day, starts_at, ends_at, places, "
                             "note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, id);
    insert.bind(2, db_.kioskId());
    insert.bind(3, std::string(shiftKindKey(details.kind)));
    insert.bind(4, details.day);
    insert.bind(5, details.startsAt);
    insert.bind(6, details.endsAt);
    insert.bind(7, details.places);
    insert.bind(8, details.note);
    insert.bind(9, nowMs);
    insert.bind(10, nowMs);
    insert.exec();
    return *shift(id);
}

bool ShiftStore::updateShift(const std::string& id, const ShiftDetails& details, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(), "UPDATE volunteer_shift SET kind = ?, day = ?, starts_at = ?, ends_at = ?, "
                                        "places = ?, note = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL");
    update.bind(1, std::string(shiftKindKey(details.kind)));
    update.bind(2, details.day);
    update.bind(3, details.startsAt);
    update.bind(4, details.endsAt);
    update.bind(5, details.places);
    update.bind(6, details.note);
    update.bind(7, nowMs);
    update.bind(8, id);
    return update.exec() == 1;
}

bool ShiftStore::deleteShift(const std::string& id, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(), "UPDATE volunteer_shift SET deleted_at = ?, updated_at = ? "
                                        "WHERE id = ? AND deleted_at IS NULL");
    update.bind(1, nowMs);
    update.bind(2, nowMs);
    update.bind(3, id);
    return update.exec() == 1;
}

std::optional<Shift> ShiftStore::shift(const std::string& id) {
    SQLite::Statement query(db_.sql(), std::string("SELECT ") + kShiftColumns +
                                           " FROM volunteer_shift s WHERE s.id = ? AND s.deleted_at IS NULL");
    query.bind(1, id);
    if (!query.executeStep()) return std::nullopt;
    return readShift(query);
}

std::vector<Shift> ShiftStore::shifts(const std::string& firstDay, const std::string& lastDay) {
    SQLite::Statement query(db_.sql(), std::string("SELECT ") + kShiftColumns +
                                           " FROM volunteer_shift s WHERE s.deleted_at IS NULL AND s.day BETWEEN ? "
                                           "AND ? ORDER BY s.day, s.starts_at, s.id");
    query.bind(1, firstDay);
    query.bind(2, lastDay);
    std::vector<Shift> found;
    while (query.executeStep()) found.push_back(readShift(query));
    return found;
}

ShiftSignUp ShiftStore::insertSignUp(const std::string& shiftId, const std::string& memberId,
                                     const std::optional<std::string>& swappedFrom, std::int64_t nowMs,
                                     bool reminderWanted) {
    const std::string id = newRecordId(nowMs);
    SQLite::Statement insert(db_.sql(),
                             "INSERT INTO volunteer_shift_signup (id, origin_kiosk, shift_id, member_id, state, "
                             "swapped_from, created_at, updated_at, reminder_wanted) "
                             "VALUES (?, ?, ?, ?, 'signed_up', ?, ?, ?, ?)");
    insert.bind(1, id);
    insert.bind(2, db_.kioskId());
    insert.bind(3, shiftId);
    insert.bind(4, memberId);
    if (swappedFrom) insert.bind(5, *swappedFrom);
    else insert.bind(5);
    insert.bind(6, nowMs);
    insert.bind(7, nowMs);
    insert.bind(8, reminderWanted ? 1 : 0);
    insert.exec();
    return *signUp(id);
}

std::optional<ShiftSignUp> ShiftStore::signUp(const std::string& id) {
    SQLite::Statement query(db_.sql(), std::string("SELECT ") + kSignUpColumns +
                                           " FROM volunteer_shift_signup u WHERE u.id = ? AND u.deleted_at IS NULL");
    query.bind(1, id);
    if (!query.executeStep()) return std::nullopt;
    return readSignUp(query);
}

std::optional<ShiftSignUp> ShiftStore::activeSignUpOf(const std::string& shiftId, const std::string& memberId) {
    SQLite::Statement query(db_.sql(), std::string("SELECT ") + kSignUpColumns +
                                           " FROM volunteer_shift_signup u WHERE u.shift_id = ? AND u.member_id = ? "
                                           "AND u.state = 'signed_up' AND u.deleted_at IS NULL");
    query.bind(1, shiftId);
    query.bind(2, memberId);
    if (!query.executeStep()) return std::nullopt;
    return readSignUp(query);
}

std::vector<ShiftSignUp> ShiftStore::signUpsOf(const std::string& shiftId) {
    SQLite::Statement query(db_.sql(), std::string("SELECT ") + kSignUpColumns +
                                           " FROM volunteer_shift_signup u WHERE u.shift_id = ? AND u.deleted_at IS NULL "
                                           "ORDER BY u.created_at, u.id");
    query.bind(1, shiftId);
    std::vector<ShiftSignUp> found;
    while (query.executeStep()) found.push_back(readSignUp(query));
    return found;
}

bool ShiftStore::setState(const std::string& signUpId, ShiftSignUpState state, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(), "UPDATE volunteer_shift_signup SET state = ?, updated_at = ? "
                                        "WHERE id = ? AND deleted_at IS NULL");
    update.bind(1, std::string(shiftSignUpStateKey(state)));
    update.bind(2, nowMs);
    update.bind(3, signUpId);
    return update.exec() == 1;
}

bool ShiftStore::setOffered(const std::string& signUpId, std::optional<std::int64_t> offeredAt, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(), "UPDATE volunteer_shift_signup SET offered_at = ?, updated_at = ? "
                                        "WHERE id = ? AND deleted_at IS NULL");
    if (offeredAt) update.bind(1, *offeredAt);
    else update.bind(1);
    update.bind(2, nowMs);
    update.bind(3, signUpId);
    return update.exec() == 1;
}

std::optional<ShiftSignUp> ShiftStore::firstOffered(const std::string& shiftId) {
    SQLite::Statement query(db_.sql(), std::string("SELECT ") + kSignUpColumns +
                                           " FROM volunteer_shift_signup u WHERE u.shift_id = ? AND u.deleted_at IS NULL "
                                           "AND u.state = 'signed_up' AND u.offered_at IS NOT NULL "
                                           "ORDER BY u.offered_at, u.id LIMIT 1");
    query.bind(1, shiftId);
    if (!query.executeStep()) return std::nullopt;
    return readSignUp(query);
}

std::vector<ShiftSignUp> ShiftStore::signUpsOfMember(const std::string& memberId, const std::string& firstDay,
                                                     const std::string& lastDay) {
    SQLite::Statement query(db_.sql(), std::string("SELECT ") + kSignUpColumns +
                                           " FROM volunteer_shift_signup u JOIN volunteer_shift s ON s.id = u.shift_id "
                                           "WHERE u.member_id = ? AND u.state = 'signed_up' AND u.deleted_at IS NULL "
                                           "AND s.deleted_at IS NULL AND s.day BETWEEN ? AND ? "
                                           "ORDER BY s.day, s.starts_at, u.id");
    query.bind(1, memberId);
    query.bind(2, firstDay);
    query.bind(3, lastDay);
    std::vector<ShiftSignUp> found;
    while (query.executeStep()) found.push_back(readSignUp(query));
    return found;
}

bool ShiftStore::markReminded(const std::string& signUpId, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(), "UPDATE volunteer_shift_signup SET reminded_at = ?, updated_at = ? "
                                        "WHERE id = ? AND deleted_at IS NULL");
    update.bind(1, nowMs);
    update.bind(2, nowMs);
    update.bind(3, signUpId);
    return update.exec() == 1;
}

std::vector<ShiftSignUp> ShiftStore::toRemind(const std::string& day) {
    SQLite::Statement query(db_.sql(),
                            std::string("SELECT ") + kSignUpColumns +
                                " FROM volunteer_shift_signup u JOIN volunteer_shift s "
                                "ON s.id = u.shift_id WHERE s.day = ? AND s.deleted_at IS NULL AND u.deleted_at IS NULL "
                                "AND u.state = 'signed_up' AND u.reminder_wanted = 1 AND u.reminded_at IS NULL "
                                "ORDER BY s.starts_at, u.id");
    query.bind(1, day);
    std::vector<ShiftSignUp> found;
    while (query.executeStep()) found.push_back(readSignUp(query));
    return found;
}

std::vector<MemberMinutes> ShiftStore::minutesByMember(const std::string& firstDay, const std::string& lastDay,
                                                       const std::string& nowDay, const std::string& nowTime) {
    SQLite::Statement query(db_.sql(), std::string("SELECT u.member_id, count(*), sum(") + kShiftMinutes + ") " +
                                           kDoneSignUps + "GROUP BY u.member_id ORDER BY u.member_id");
    bindDoneRange(query, firstDay, lastDay, nowDay, nowTime);
    std::vector<MemberMinutes> found;
    while (query.executeStep()) {
        found.push_back({query.getColumn(0).getString(), query.getColumn(1).getInt(), query.getColumn(2).getInt()});
    }
    return found;
}

std::vector<MonthMinutes> ShiftStore::minutesByMonth(const std::string& firstDay, const std::string& lastDay,
                                                     const std::string& nowDay, const std::string& nowTime) {
    SQLite::Statement query(db_.sql(), std::string("SELECT substr(s.day, 1, 7) AS month, count(*), sum(") +
                                           kShiftMinutes + ") " + kDoneSignUps + "GROUP BY month ORDER BY month");
    bindDoneRange(query, firstDay, lastDay, nowDay, nowTime);
    std::vector<MonthMinutes> found;
    while (query.executeStep()) {
        found.push_back({query.getColumn(0).getString(), query.getColumn(1).getInt(), query.getColumn(2).getInt()});
    }
    return found;
}

std::optional<int> ShiftStore::commitmentMinutes(const std::string& memberId) {
    SQLite::Statement query(db_.sql(), "SELECT minutes FROM volunteer_commitment WHERE member_id = ?");
    query.bind(1, memberId);
    if (!query.executeStep()) return std::nullopt;
    return query.getColumn(0).getInt();
}

void ShiftStore::setCommitmentMinutes(const std::string& memberId, int minutes, std::int64_t nowMs) {
    SQLite::Statement upsert(db_.sql(), "INSERT INTO volunteer_commitment (member_id, minutes, updated_at) "
                                        "VALUES (?, ?, ?) ON CONFLICT(member_id) DO UPDATE SET "
                                        "minutes = excluded.minutes, updated_at = excluded.updated_at");
    upsert.bind(1, memberId);
    upsert.bind(2, minutes);
    upsert.bind(3, nowMs);
    upsert.exec();
}

}  // namespace vk::storage
