#include "storage/rota_store.h"

#include "storage/record_id.h"
#include "storage/transaction.h"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <map>
#include <set>

namespace vk::storage {
namespace {

const char* sourceText(RotaSource source) { return source == RotaSource::Feed ? "feed" : "staff"; }
RotaSource sourceFrom(const std::string& text) { return text == "feed" ? RotaSource::Feed : RotaSource::Staff; }

void bindOptional(SQLite::Statement& statement, int index, const std::optional<std::string>& value) {
    if (value)
        statement.bind(index, *value);
    else
        statement.bind(index);
}

std::optional<std::string> optionalText(const SQLite::Column& column) {
    if (column.isNull()) return std::nullopt;
    return column.getString();
}

// The staff notice names the weeks an import changed; a change's first and last day are enough to find them.
void noteDays(std::set<std::string>& days, const std::string& first, const std::string& last) {
    days.insert(first);
    if (last != first) days.insert(last);
}

void softDelete(Database& db, const char* table, const std::string& id, std::int64_t nowMs) {
    SQLite::Statement update(db.sql(), std::string("UPDATE ") + table +
                                           " SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL AND village IS NULL");
    update.bind(1, nowMs);
    update.bind(2, nowMs);
    update.bind(3, id);
    update.exec();
}

}  // namespace

std::vector<RotaVisit> RotaStore::visits(const std::string& firstDay, const std::string& lastDay) {
    SQLite::Statement query(db_.sql(),
                            "SELECT id, doctor_name, doctor_title, first_day, last_day, source, coalesce(source_key, '') "
                            "FROM rota_visit WHERE deleted_at IS NULL AND village IS NULL AND last_day >= ? AND first_day <= ? "
                            "ORDER BY first_day, doctor_name");
    query.bind(1, firstDay);
    query.bind(2, lastDay);
    std::vector<RotaVisit> result;
    while (query.executeStep())
        result.push_back({query.getColumn(0).getString(), query.getColumn(1).getString(),
                          query.getColumn(2).getString(), query.getColumn(3).getString(),
                          query.getColumn(4).getString(), sourceFrom(query.getColumn(5).getString()),
                          query.getColumn(6).getString()});
    return result;
}

std::vector<NeighbourRota> RotaStore::neighbourRotas(const std::string& firstDay, const std::string& lastDay) {
    std::map<std::string, NeighbourRota> byVillage;
    auto of = [&](const std::string& village) -> NeighbourRota& {
        NeighbourRota& rota = byVillage[village];
        rota.village = village;
        return rota;
    };
    SQLite::Statement visits(db_.sql(),
                             "SELECT village, id, doctor_name, doctor_title, first_day, last_day FROM rota_visit "
                             "WHERE deleted_at IS NULL AND village IS NOT NULL AND last_day >= ? AND first_day <= ? "
                             "ORDER BY first_day, doctor_name");
    visits.bind(1, firstDay);
    visits.bind(2, lastDay);
    while (visits.executeStep())
        of(visits.getColumn(0).getString())
            .visits.push_back({visits.getColumn(1).getString(), visits.getColumn(2).getString(),
                               visits.getColumn(3).getString(), visits.getColumn(4).getString(),
                               visits.getColumn(5).getString(), RotaSource::Staff, ""});
    // A neighbour's closed day shows no hours, as this centre's does not.
    SQLite::Statement hours(db_.sql(),
                            "SELECT h.village, h.id, h.day, h.opens, h.closes, h.doctor_name FROM rota_hours h "
                            "WHERE h.deleted_at IS NULL AND h.village IS NOT NULL AND h.day BETWEEN ? AND ? "
                            "AND NOT EXISTS (SELECT 1 FROM rota_closure c WHERE c.deleted_at IS NULL "
                            "AND c.village = h.village AND h.day BETWEEN c.first_day AND c.last_day) "
                            "ORDER BY h.day, h.opens");
    hours.bind(1, firstDay);
    hours.bind(2, lastDay);
    while (hours.executeStep())
        of(hours.getColumn(0).getString())
            .hours.push_back({hours.getColumn(1).getString(), hours.getColumn(2).getString(),
                              hours.getColumn(3).getString(), hours.getColumn(4).getString(),
                              hours.getColumn(5).getString(), RotaSource::Staff, ""});
    std::vector<NeighbourRota> result;
    for (auto& [village, rota] : byVillage) result.push_back(std::move(rota));
    return result;
}

std::vector<RotaHours> RotaStore::hours(const std::string& firstDay, const std::string& lastDay) {
    SQLite::Statement query(db_.sql(),
                            "SELECT id, day, opens, closes, doctor_name, source, coalesce(source_key, '') FROM rota_hours "
                            "WHERE deleted_at IS NULL AND village IS NULL AND day BETWEEN ? AND ? ORDER BY day, opens");
    query.bind(1, firstDay);
    query.bind(2, lastDay);
    std::vector<RotaHours> result;
    while (query.executeStep())
        result.push_back({query.getColumn(0).getString(), query.getColumn(1).getString(),
                          query.getColumn(2).getString(), query.getColumn(3).getString(),
                          query.getColumn(4).getString(), sourceFrom(query.getColumn(5).getString()),
                          query.getColumn(6).getString()});
    return result;
}

std::vector<RotaClosure> RotaStore::closures(const std::string& firstDay, const std::string& lastDay) {
    SQLite::Statement query(db_.sql(),
                            "SELECT id, first_day, last_day, reason, source, coalesce(source_key, '') FROM rota_closure "
                            "WHERE deleted_at IS NULL AND village IS NULL AND last_day >= ? AND first_day <= ? ORDER BY first_day");
    query.bind(1, firstDay);
    query.bind(2, lastDay);
    std::vector<RotaClosure> result;
    while (query.executeStep())
        result.push_back({query.getColumn(0).getString(), query.getColumn(1).getString(),
                          query.getColumn(2).getString(), query.getColumn(3).getString(),
                          sourceFrom(query.getColumn(4).getString()), query.getColumn(5).getString()});
    return result;
}

std::optional<RotaVisit> RotaStore::visit(const std::string& id) {
    SQLite::Statement query(db_.sql(),
                            "SELECT id, doctor_name, doctor_title, first_day, last_day, source, coalesce(source_key, '') "
                            "FROM rota_visit WHERE deleted_at IS NULL AND village IS NULL AND id = ?");
    query.bind(1, id);
    if (!query.executeStep()) return std::nullopt;
    return RotaVisit{query.getColumn(0).getString(), query.getColumn(1).getString(), query.getColumn(2).getString(),
                     query.getColumn(3).getString(), query.getColumn(4).getString(),
                     sourceFrom(query.getColumn(5).getString()), query.getColumn(6).getString()};
}

std::optional<RotaHours> RotaStore::hoursById(const std::string& id) {
    SQLite::Statement query(db_.sql(),
                            "SELECT id, day, opens, closes, doctor_name, source, coalesce(source_key, '') FROM rota_hours "
                            "WHERE deleted_at IS NULL AND village IS NULL AND id = ?");
    query.bind(1, id);
    if (!query.executeStep()) return std::nullopt;
    return RotaHours{query.getColumn(0).getString(), query.getColumn(1).getString(), query.getColumn(2).getString(),
                     query.getColumn(3).getString(), query.getColumn(4).getString(),
                     sourceFrom(query.getColumn(5).getString()), query.getColumn(6).getString()};
}

std::optional<RotaClosure> RotaStore::closure(const std::string& id) {
    SQLite::Statement query(db_.sql(),
                            "SELECT id, first_day, last_day, reason, source, coalesce(source_key, '') FROM rota_closure "
                            "WHERE deleted_at IS NULL AND village IS NULL AND id = ?");
    query.bind(1, id);
    if (!query.executeStep()) return std::nullopt;
    return RotaClosure{query.getColumn(0).getString(), query.getColumn(1).getString(), query.getColumn(2).getString(),
                       query.getColumn(3).getString(), sourceFrom(query.getColumn(4).getString()),
                       query.getColumn(5).getString()};
}

std::optional<RotaDayNotice> RotaStore::dayNotice(const std::string& day) {
    SQLite::Statement query(db_.sql(),
                            "SELECT delay_minutes, closes_early_at FROM rota_day_notice "
                            "WHERE day = ? AND deleted_at IS NULL AND village IS NULL");
    query.bind(1, day);
    if (!query.executeStep()) return std::nullopt;
    return RotaDayNotice{day, query.getColumn(0).getInt(), optionalText(query.getColumn(1))};
}

RotaVisit RotaStore::addVisit(const RotaVisit& visit, std::int64_t nowMs) {
    RotaVisit stored = visit;
    stored.id = newRecordId(nowMs);
    SQLite::Statement insert(db_.sql(),
                             "INSERT INTO rota_visit(id, origin_kiosk, doctor_name, doctor_title, first_day, last_day, "
                             "source, source_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, stored.id);
    insert.bind(2, db_.kioskId());
    insert.bind(3, stored.doctorName);
    insert.bind(4, stored.doctorTitle);
    insert.bind(5, stored.firstDay);
    insert.bind(6, stored.lastDay);
    insert.bind(7, sourceText(stored.source));
    bindOptional(insert, 8, stored.sourceKey.empty() ? std::nullopt : std::optional(stored.sourceKey));
    insert.bind(9, nowMs);
    insert.bind(10, nowMs);
    insert.exec();
    return stored;
}

RotaHours RotaStore::addHours(const RotaHours& hours, std::int64_t nowMs) {
    RotaHours stored = hours;
    stored.id = newRecordId(nowMs);
    SQLite::Statement insert(db_.sql(),
                             "INSERT INTO rota_hours(id, origin_kiosk, day, opens, closes, doctor_name, source, "
                             "source_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, stored.id);
    insert.bind(2, db_.kioskId());
    insert.bind(3, stored.day);
    insert.bind(4, stored.opens);
    insert.bind(5, stored.closes);
    insert.bind(6, stored.doctorName);
    insert.bind(7, sourceText(stored.source));
    bindOptional(insert, 8, stored.sourceKey.empty() ? std::nullopt : std::optional(stored.sourceKey));
    insert.bind(9, nowMs);
    insert.bind(10, nowMs);
    insert.exec();
    return stored;
}

RotaClosure RotaStore::addClosure(const RotaClosure& closure, std::int64_t nowMs) {
    RotaClosure stored = closure;
    stored.id = newRecordId(nowMs);
    SQLite::Statement insert(db_.sql(),
                             "INSERT INTO rota_closure(id, origin_kiosk, first_day, last_day, reason, source, "
                             "source_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, stored.id);
    insert.bind(2, db_.kioskId());
    insert.bind(3, stored.firstDay);
    insert.bind(4, stored.lastDay);
    insert.bind(5, stored.reason);
    insert.bind(6, sourceText(stored.source));
    bindOptional(insert, 7, stored.sourceKey.empty() ? std::nullopt : std::optional(stored.sourceKey));
    insert.bind(8, nowMs);
    insert.bind(9, nowMs);
    insert.exec();
    return stored;
}

void RotaStore::updateVisit(const RotaVisit& visit, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(),
                             "UPDATE rota_visit SET doctor_name = ?, doctor_title = ?, first_day = ?, last_day = ?, "
                             "updated_at = ? WHERE id = ? AND deleted_at IS NULL AND village IS NULL");
    update.bind(1, visit.doctorName);
    update.bind(2, visit.doctorTitle);
    update.bind(3, visit.firstDay);
    update.bind(4, visit.lastDay);
    update.bind(5, nowMs);
    update.bind(6, visit.id);
    update.exec();
}

void RotaStore::removeVisit(const std::string& id, std::int64_t nowMs) { softDelete(db_, "rota_visit", id, nowMs); }
void RotaStore::removeHours(const std::string& id, std::int64_t nowMs) { softDelete(db_, "rota_hours", id, nowMs); }
void RotaStore::removeClosure(const std::string& id, std::int64_t nowMs) { softDelete(db_, "rota_closure", id, nowMs); }

void RotaStore::setDayNotice(const RotaDayNotice& notice, std::int64_t nowMs) {
    storage::inTransaction(db_, [&] {
        SQLite::Statement retire(db_.sql(),
                                 "UPDATE rota_day_notice SET deleted_at = ?, updated_at = ? WHERE day = ? AND deleted_at IS NULL "
                                 "AND village IS NULL");
        retire.bind(1, nowMs);
        retire.bind(2, nowMs);
        retire.bind(3, notice.day);
        retire.exec();
        if (notice.delayMinutes > 0 || notice.closesEarlyAt) {
            SQLite::Statement insert(db_.sql(),
                                     "INSERT INTO rota_day_notice(id, origin_kiosk, day, delay_minutes, closes_early_at, "
                                     "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
            insert.bind(1, newRecordId(nowMs));
            insert.bind(2, db_.kioskId());
            insert.bind(3, notice.day);
            insert.bind(4, notice.delayMinutes);
            bindOptional(insert, 5, notice.closesEarlyAt);
            insert.bind(6, nowMs);
            insert.bind(7, nowMs);
            insert.exec();
        }
    });
}

namespace {

// Makes the stored feed rows of one kind match the incoming ones, by source key: an equal row stays, a changed one
// is replaced, a missing one removed. Each change notes the days it touches.
template <typename Row, typename Same, typename Add, typename Replace, typename Remove, typename Days>
void syncFeedRows(const std::vector<Row>& stored, const std::vector<Row>& incoming, RotaChange& change,
                  std::set<std::string>& days, Same same, Add add, Replace replace, Remove remove, Days daysOf) {
    std::map<std::string, Row> existing;
    for (const Row& row : stored)
        if (row.source == RotaSource::Feed) existing.emplace(row.sourceKey, row);
    for (Row row : incoming) {
        row.source = RotaSource::Feed;
        const auto found = existing.find(row.sourceKey);
        if (found == existing.end()) {
            add(row);
            ++change.added;
            daysOf(row, days);
            continue;
        }
        if (!same(found->second, row)) {
            replace(found->second, row);
            ++change.updated;
            daysOf(found->second, days);
            daysOf(row, days);
        }
        existing.erase(found);
    }
    for (const auto& [key, old] : existing) {
        remove(old);
        ++change.removed;
        daysOf(old, days);
    }
}

}  // namespace

RotaChange RotaStore::replaceFeedRows(const std::string& firstDay, const std::string& lastDay,
                                      const std::vector<RotaVisit>& visits, const std::vector<RotaHours>& hours,
                                      const std::vector<RotaClosure>& closures, std::int64_t nowMs,
                                      const std::function<void(const RotaChange&)>& beforeCommit) {
    RotaChange change;
    std::set<std::string> days;
    storage::inTransaction(db_, [&] {
        syncFeedRows(
            this->visits(firstDay, lastDay), visits, change, days,
            [](const RotaVisit& a, const RotaVisit& b) {
                return a.doctorName == b.doctorName && a.doctorTitle == b.doctorTitle && a.firstDay == b.firstDay &&
                       a.lastDay == b.lastDay;
            },
            [&](const RotaVisit& row) { addVisit(row, nowMs); },
            // A visit keeps its id when the feed changes it, so that a hub sees an edit, not a new doctor.
            [&](const RotaVisit& old, RotaVisit row) {
                row.id = old.id;
                updateVisit(row, nowMs);
            },
            [&](const RotaVisit& old) { removeVisit(old.id, nowMs); },
            [&](const RotaVisit& row, std::set<std::string>& into) { noteDays(into, row.firstDay, row.lastDay); });
        syncFeedRows(
            this->hours(firstDay, lastDay), hours, change, days,
            [](const RotaHours& a, const RotaHours& b) {
                return a.day == b.day && a.opens == b.opens && a.closes == b.closes && a.doctorName == b.doctorName;
            },
            [&](const RotaHours& row) { addHours(row, nowMs); },
            [&](const RotaHours& old, const RotaHours& row) {
                removeHours(old.id, nowMs);
                addHours(row, nowMs);
            },
            [&](const RotaHours& old) { removeHours(old.id, nowMs); },
            [&](const RotaHours& row, std::set<std::string>& into) { noteDays(into, row.day, row.day); });
        syncFeedRows(
            this->closures(firstDay, lastDay), closures, change, days,
            [](const RotaClosure& a, const RotaClosure& b) {
                return a.firstDay == b.firstDay && a.lastDay == b.lastDay && a.reason == b.reason;
            },
            [&](const RotaClosure& row) { addClosure(row, nowMs); },
            [&](const RotaClosure& old, const RotaClosure& row) {
                removeClosure(old.id, nowMs);
                addClosure(row, nowMs);
            },
            [&](const RotaClosure& old) { removeClosure(old.id, nowMs); },
            [&](const RotaClosure& row, std::set<std::string>& into) { noteDays(into, row.firstDay, row.lastDay); });

        change.days.assign(days.begin(), days.end());
        if (beforeCommit) beforeCommit(change);
    });
    return change;
}

std::int64_t RotaStore::lastChangeAt() {
    return db_.sql()
        .execAndGet("SELECT max(coalesce((SELECT max(updated_at) FROM rota_visit WHERE village IS NULL), 0), "
                    "coalesce((SELECT max(updated_at) FROM rota_hours WHERE village IS NULL), 0), "
                    "coalesce((SELECT max(updated_at) FROM rota_closure WHERE village IS NULL), 0))")
        .getInt64();
}

std::optional<RotaFeedState> RotaStore::feedState(const std::string& url) {
    SQLite::Statement query(db_.sql(),
                            "SELECT etag, last_modified, last_good_body, coalesce(last_good_at, 0), "
                            "coalesce(last_attempt_at, 0), last_error FROM rota_feed_state WHERE url = ?");
    query.bind(1, url);
    if (!query.executeStep()) return std::nullopt;
    return RotaFeedState{url,
                         optionalText(query.getColumn(0)),
                         optionalText(query.getColumn(1)),
                         optionalText(query.getColumn(2)),
                         query.getColumn(3).getInt64(),
                         query.getColumn(4).getInt64(),
                         optionalText(query.getColumn(5))};
}

void RotaStore::saveFeedState(const RotaFeedState& state) {
    SQLite::Statement upsert(db_.sql(),
                             "INSERT INTO rota_feed_state(url, etag, last_modified, last_good_body, last_good_at, "
                             "last_attempt_at, last_error) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET "
                             "etag = excluded.etag, last_modified = excluded.last_modified, "
                             "last_good_body = excluded.last_good_body, last_good_at = excluded.last_good_at, "
                             "last_attempt_at = excluded.last_attempt_at, last_error = excluded.last_error");
    upsert.bind(1, state.url);
    bindOptional(upsert, 2, state.etag);
    bindOptional(upsert, 3, state.lastModified);
    bindOptional(upsert, 4, state.lastGoodBody);
    upsert.bind(5, state.lastGoodAt);
    upsert.bind(6, state.lastAttemptAt);
    bindOptional(upsert, 7, state.lastError);
    upsert.exec();
}

}  // namespace vk::storage
