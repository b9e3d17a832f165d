#include "storage/agenda_store.h"

#include "storage/record_id.h"

#include <SQLiteCpp/Statement.h>

namespace vk::storage {
namespace {

std::optional<std::string> optionalText(const SQLite::Column& column) {
    if (column.isNull()) return std::nullopt;
    return column.getString();
}

std::optional<std::int64_t> optionalInteger(const SQLite::Column& column) {
    if (column.isNull()) return std::nullopt;
    return column.getInt64();
}

// The counts come from the sign-ups, in the same query, so that a list of events never shows a stale number.
constexpr const char* kEventColumns =
    "e.id, e.title, e.place, e.description, e.day, e.starts_at, e.ends_at, e.capacity, e.price_cents, e.source_key, "
    "e.cancelled_at, e.created_at, e.updated_at, coalesce(e.village, ''), "
    "(SELECT count(*) FROM agenda_signup s WHERE s.event_id = e.id AND s.deleted_at IS NULL "
    "  AND s.state IN ('registered', 'attended')), "
    "(SELECT count(*) FROM agenda_signup s WHERE s.event_id = e.id AND s.deleted_at IS NULL AND s.state = 'waiting')";

AgendaEvent readEvent(SQLite::Statement& row) {
    AgendaEvent e;
    e.id = row.getColumn(0).getString();
    e.details.title = row.getColumn(1).getString();
    e.details.place = row.getColumn(2).getString();
    e.details.description = row.getColumn(3).getString();
    e.details.day = row.getColumn(4).getString();
    e.details.startsAt = row.getColumn(5).getString();
    e.details.endsAt = row.getColumn(6).getString();
    e.details.capacity = row.getColumn(7).getInt();
    e.details.priceCents = optionalInteger(row.getColumn(8));
    e.sourceKey = optionalText(row.getColumn(9));
    e.cancelledAt = optionalInteger(row.getColumn(10));
    e.createdAt = row.getColumn(11).getInt64();
    e.updatedAt = row.getColumn(12).getInt64();
    e.village = row.getColumn(13).getString();
    e.registered = row.getColumn(14).getInt();
    e.waiting = row.getColumn(15).getInt();
    return e;
}

constexpr const char* kSignUpColumns =
    "id, event_id, member_id, name, phone, email, state, placed_by, dedupe_key, ticket_code, promoted_at, "
    "reminded_at, created_at, updated_at";

SignUpState stateFromKey(const std::string& key) {
    if (key == "waiting") return SignUpState::Waiting;
    if (key == "attended") return SignUpState::Attended;
    if (key == "cancelled") return SignUpState::Cancelled;
    return SignUpState::Registered;
}

SignUp readSignUp(SQLite::Statement& row) {
    SignUp s;
    s.id = row.getColumn(0).getString();
    s.eventId = row.getColumn(1).getString();
    s.memberId = optionalText(row.getColumn(2));
    s.name = row.getColumn(3).getString();
    s.phone = row.getColumn(4).getString();
    s.email = row.getColumn(5).getString();
    s.state = stateFromKey(row.getColumn(6).getString());
    s.source = row.getColumn(7).getString() == "counter" ? SignUpSource::Counter : SignUpSource::Kiosk;
    s.dedupeKey = row.getColumn(8).getString();
    s.ticketCode = row.getColumn(9).getString();
    s.promotedAt = optionalInteger(row.getColumn(10));
    s.remindedAt = optionalInteger(row.getColumn(11));
    s.createdAt = row.getColumn(12).getInt64();
    s.updatedAt = row.getColumn(13).getInt64();
    return s;
}

void bindDetails(SQLite::Statement& statement, int first, const EventDetails& d) {
    statement.bind(first, d.title);
    statement.bind(first + 1, d.place);
    statement.bind(first + 2, d.description);
    statement.bind(first + 3, d.day);
    statement.bind(first + 4, d.startsAt);
    statement.bind(first + 5, d.endsAt);
    statement.bind(first + 6, d.capacity);
    if (d.priceCents) statement.bind(first + 7, *d.priceCents);
    else statement.bind(first + 7);
}

std::optional<AgendaEvent> oneEvent(Database& db, const std::string& where, const std::string& value) {
    SQLite::Statement query(db.sql(), std::string("SELECT ") + kEventColumns + " FROM agenda_event e WHERE " + where +
                                          " AND e.deleted_at IS NULL AND e.village IS NULL");
    query.bind(1, value);
    if (!query.executeStep()) return std::nullopt;
    return readEvent(query);
}

// The live events of [firstDay, lastDay] that also meet `condition` (which ends with their order).
std::vector<AgendaEvent> eventsOfDays(Database& db, const std::string& firstDay, const std::string& lastDay,
                                      const std::string& condition) {
    SQLite::Statement query(db.sql(), std::string("SELECT ") + kEventColumns +
                                          " FROM agenda_event e WHERE e.day BETWEEN ? AND ? AND e.deleted_at IS NULL "
                                          "AND " + condition);
    query.bind(1, firstDay);
    query.bind(2, lastDay);
    std::vector<AgendaEvent> events;
    while (query.executeStep()) events.push_back(readEvent(query));
    return events;
}

std::optional<SignUp> oneSignUp(Database& db, const std::string& where, const std::string& value) {
    SQLite::Statement query(db.sql(), std::string("SELECT ") + kSignUpColumns + " FROM agenda_signup WHERE " + where +
                                          " AND deleted_at IS NULL");
    query.bind(1, value);
    if (!query.executeStep()) return std::nullopt;
    return readSignUp(query);
}

}  // namespace

std::string_view signUpStateKey(SignUpState state) {
    switch (state) {
    case SignUpState::Registered: return "registered";
    case SignUpState::Waiting: return "waiting";
    case SignUpState::Attended: return "attended";
    case SignUpState::Cancelled: return "cancelled";
    }
    return "registered";
}

AgendaEvent AgendaStore::insertEvent(const EventDetails& details, const std::optional<std::string>& sourceKey,
                                     std::int64_t nowMs) {
    const std::string id = newRecordId(nowMs);
    SQLite::Statement insert(db_.sql(),
                             "INSERT INTO agenda_event(id, origin_kiosk, title, place, description, day, starts_at, "
                             "ends_at, capacity, price_cents, source_key, created_at, updated_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, id);
    insert.bind(2, db_.kioskId());
    bindDetails(insert, 3, details);
    if (sourceKey) insert.bind(11, *sourceKey);
    else insert.bind(11);
    insert.bind(12, nowMs);
    insert.bind(13, nowMs);
    insert.exec();
    return *event(id);
}

bool AgendaStore::updateEvent(const std::string& id, const EventDetails& details, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(),
                             "UPDATE agenda_event SET title = ?, place = ?, description = ?, day = ?, starts_at = ?, "
                             "ends_at = ?, capacity = ?, price_cents = ?, updated_at = ? "
                             "WHERE id = ? AND deleted_at IS NULL AND village IS NULL");
    bindDetails(update, 1, details);
    update.bind(9, nowMs);
    update.bind(10, id);
    return update.exec() == 1;
}

bool AgendaStore::cancelEvent(const std::string& id, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(), "UPDATE agenda_event SET cancelled_at = ?, updated_at = ? "
                                        "WHERE id = ? AND cancelled_at IS NULL AND deleted_at IS NULL AND village IS NULL");
    update.bind(1, nowMs);
    update.bind(2, nowMs);
    update.bind(3, id);
    return update.exec() == 1;
}

std::optional<AgendaEvent> AgendaStore::event(const std::string& id) { return oneEvent(db_, "e.id = ?", id); }

std::optional<AgendaEvent> AgendaStore::eventBySourceKey(const std::string& sourceKey) {
    return oneEvent(db_, "e.source_key = ?", sourceKey);
}

std::vector<AgendaEvent> AgendaStore::events(const std::string& firstDay, const std::string& lastDay) {
    return eventsOfDays(db_, firstDay, lastDay, "e.village IS NULL ORDER BY e.day, e.starts_at, e.title");
}

std::vector<AgendaEvent> AgendaStore::neighbourEvents(const std::string& firstDay, const std::string& lastDay) {
    return eventsOfDays(db_, firstDay, lastDay,
                        "e.village IS NOT NULL AND e.cancelled_at IS NULL ORDER BY e.day, e.starts_at, e.village, e.title");
}

SignUp AgendaStore::insertSignUp(const NewSignUp& s, std::int64_t nowMs) {
    const std::string id = newRecordId(nowMs);
    SQLite::Statement insert(db_.sql(),
                             "INSERT INTO agenda_signup(id, origin_kiosk, event_id, member_id, name, phone, email, "
                             "state, placed_by, dedupe_key, ticket_code, created_at, updated_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, id);
    insert.bind(2, db_.kioskId());
    insert.bind(3, s.eventId);
    if (s.memberId) insert.bind(4, *s.memberId);
    else insert.bind(4);
    insert.bind(5, s.name);
    insert.bind(6, s.phone);
    insert.bind(7, s.email);
    insert.bind(8, std::string(signUpStateKey(s.state)));
    insert.bind(9, s.source == SignUpSource::Counter ? "counter" : "kiosk");
    insert.bind(10, s.dedupeKey);
    insert.bind(11, s.ticketCode);
    insert.bind(12, nowMs);
    insert.bind(13, nowMs);
    insert.exec();
    return *signUp(id);
}

std::optional<SignUp> AgendaStore::signUp(const std::string& id) { return oneSignUp(db_, "id = ?", id); }

std::optional<SignUp> AgendaStore::signUpByKey(const std::string& key) { return oneSignUp(db_, "dedupe_key = ?", key); }

std::optional<SignUp> AgendaStore::signUpByTicket(const std::string& code) {
    return oneSignUp(db_, "ticket_code = ?", code);
}

std::optional<SignUp> AgendaStore::activeSignUpOf(const std::string& eventId, const std::string& memberId) {
    SQLite::Statement query(db_.sql(), std::string("SELECT ") + kSignUpColumns +
                                           " FROM agenda_signup WHERE event_id = ? AND member_id = ? "
                                           "AND state IN ('registered', 'waiting') AND deleted_at IS NULL");
    query.bind(1, eventId);
    query.bind(2, memberId);
    if (!query.executeStep()) return std::nullopt;
    return readSignUp(query);
}

std::vector<SignUp> AgendaStore::signUpsOf(const std::string& eventId) {
    SQLite::Statement query(db_.sql(), std::string("SELECT ") + kSignUpColumns +
                                           " FROM agenda_signup WHERE event_id = ? AND deleted_at IS NULL ORDER BY "
                                           "CASE state WHEN 'attended' THEN 0 WHEN 'registered' THEN 0 "
                                           "WHEN 'waiting' THEN 1 ELSE 2 END, created_at, rowid");
    query.bind(1, eventId);
    std::vector<SignUp> signUps;
    while (query.executeStep()) signUps.push_back(readSignUp(query));
    return signUps;
}

std::optional<SignUp> AgendaStore::firstWaiting(const std::string& eventId) {
    SQLite::Statement query(db_.sql(), std::string("SELECT ") + kSignUpColumns +
                                           " FROM agenda_signup WHERE event_id = ? AND state = 'waiting' "
                                           "AND deleted_at IS NULL ORDER BY created_at, rowid LIMIT 1");
    query.bind(1, eventId);
    if (!query.executeStep()) return std::nullopt;
    return readSignUp(query);
}

bool AgendaStore::setState(const std::string& id, SignUpState state, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(), "UPDATE agenda_signup SET state = ?, updated_at = ?, "
                                        "cancelled_at = CASE WHEN ? = 'cancelled' THEN ? ELSE cancelled_at END "
                                        "WHERE id = ? AND deleted_at IS NULL");
    const std::string key(signUpStateKey(state));
    update.bind(1, key);
    update.bind(2, nowMs);
    update.bind(3, key);
    update.bind(4, nowMs);
    update.bind(5, id);
    return update.exec() == 1;
}

bool AgendaStore::markPromoted(const std::string& id, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(), "UPDATE agenda_signup SET state = 'registered', promoted_at = ?, "
                                        "updated_at = ? WHERE id = ? AND state = 'waiting' AND deleted_at IS NULL");
    update.bind(1, nowMs);
    update.bind(2, nowMs);
    update.bind(3, id);
    return update.exec() == 1;
}

bool AgendaStore::markReminded(const std::string& id, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(), "UPDATE agenda_signup SET reminded_at = ?, updated_at = ? "
                                        "WHERE id = ? AND reminded_at IS NULL AND deleted_at IS NULL");
    update.bind(1, nowMs);
    update.bind(2, nowMs);
    update.bind(3, id);
    return update.exec() == 1;
}

std::vector<SignUp> AgendaStore::toRemind(const std::string& day) {
    SQLite::Statement query(db_.sql(),
                            "SELECT s.id, s.event_id, s.member_id, s.name, s.phone, s.email, s.state, s.placed_by, "
                            "s.dedupe_key, s.ticket_code, s.promoted_at, s.reminded_at, s.created_at, s.updated_at "
                            "FROM agenda_signup s JOIN agenda_event e ON e.id = s.event_id "
                            "WHERE e.day = ? AND e.cancelled_at IS NULL AND e.deleted_at IS NULL "
                            "AND s.state = 'registered' AND s.reminded_at IS NULL AND s.deleted_at IS NULL "
                            "ORDER BY e.starts_at, s.created_at");
    query.bind(1, day);
    std::vector<SignUp> signUps;
    while (query.executeStep()) signUps.push_back(readSignUp(query));
    return signUps;
}

SignUpCounts AgendaStore::countSignUps(const std::string& firstDay, const std::string& lastDay) {
    SQLite::Statement query(db_.sql(),
                            "SELECT count(*), coalesce(sum(s.state = 'attended'), 0), count(DISTINCT s.event_id) "
                            "FROM agenda_signup s JOIN agenda_event e ON e.id = s.event_id "
                            "WHERE e.day BETWEEN ? AND ? AND e.cancelled_at IS NULL AND e.deleted_at IS NULL "
                            "AND s.state IN ('registered', 'attended') AND s.deleted_at IS NULL");
    query.bind(1, firstDay);
    query.bind(2, lastDay);
    query.executeStep();
    return {query.getColumn(0).getInt(), query.getColumn(1).getInt(), query.getColumn(2).getInt()};
}

}  // namespace vk::storage
