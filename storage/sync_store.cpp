#include "storage/sync_store.h"

#include "storage/shared_tables.h"
#include "storage/transaction.h"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <set>

namespace vk::storage {
namespace {

using nlohmann::json;

// The columns a table has here, read from the schema so that a pulled row names only real columns: the names
// in a payload are never spliced into SQL unless they are found in this list.
std::vector<std::string> tableColumns(Database& db, const std::string& table) {
    std::vector<std::string> columns;
    SQLite::Statement query(db.sql(), "SELECT name FROM pragma_table_info(?)");
    query.bind(1, table);
    while (query.executeStep()) columns.push_back(query.getColumn(0).getString());
    return columns;
}

bool isLocal(const SharedTable& table, const std::string& column) {
    return std::find(table.localColumns.begin(), table.localColumns.end(), column) != table.localColumns.end();
}

// Binds a JSON scalar; false for an object or an array, which no column of ours holds.
bool bindValue(SQLite::Statement& statement, int index, const json& value) {
    if (value.is_null()) statement.bind(index);
    else if (value.is_boolean()) statement.bind(index, value.get<bool>() ? 1 : 0);
    else if (value.is_number_integer()) statement.bind(index, value.get<std::int64_t>());
    else if (value.is_number_float()) statement.bind(index, value.get<double>());
    else if (value.is_string()) statement.bind(index, value.get<std::string>());
    else return false;
    return true;
}

json changeToJson(const IncomingChange& change) {
    json out{{"seq", change.seq},       {"change_id", change.changeId}, {"table", change.table},
             {"record_id", change.recordId}, {"from_kiosk", change.fromKiosk},
             {"row", change.row ? *change.row : json(nullptr)}};
    return out;
}

IncomingChange changeFromJson(const json& in) {
    IncomingChange change;
    change.seq = in.value("seq", std::int64_t{0});
    change.changeId = in.value("change_id", "");
    change.table = in.value("table", "");
    change.recordId = in.value("record_id", "");
    change.fromKiosk = in.value("from_kiosk", "");
    if (in.contains("row") && in["row"].is_object()) change.row = in["row"];
    return change;
}

void setApplying(Database& db, bool applying) {
    SQLite::Statement update(db.sql(), "UPDATE sync_apply_flag SET applying = ? WHERE only_row = 1");
    update.bind(1, applying ? 1 : 0);
    update.exec();
}

// Resets a batch's statement when its use ends, so that none keeps a read open between uses.
class Use {
public:
    explicit Use(SQLite::Statement& statement) : statement_(statement) {}
    ~Use() { statement_.tryReset(); }
    Use(const Use&) = delete;
    Use& operator=(const Use&) = delete;
    SQLite::Statement* operator->() const { return &statement_; }
    SQLite::Statement& operator*() const { return statement_; }

private:
    SQLite::Statement& statement_;
};

// Ends a batch: its statements are finalised, whatever happened.
class BatchEnd {
public:
    explicit BatchEnd(std::map<std::string, std::unique_ptr<SQLite::Statement>>& statements) : statements_(statements) {}
    ~BatchEnd() { statements_.clear(); }
    BatchEnd(const BatchEnd&) = delete;
    BatchEnd& operator=(const BatchEnd&) = delete;

private:
    std::map<std::string, std::unique_ptr<SQLite::Statement>>& statements_;
};

void addHistory(Database& db, std::int64_t at, const char* kind, const std::string& table, const std::string& recordId,
                const std::string& changeId, const std::string& otherKiosk, const std::string& detail,
                const std::optional<std::string>& rowJson) {
    SQLite::Statement insert(db.sql(),
                             "INSERT INTO sync_history(at, kind, table_name, record_id, change_id, other_kiosk, detail, "
                             "row_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, at);
    insert.bind(2, kind);
    insert.bind(3, table);
    insert.bind(4, recordId);
    insert.bind(5, changeId);
    insert.bind(6, otherKiosk);
    insert.bind(7, detail);
    if (rowJson) insert.bind(8, *rowJson);
    else insert.bind(8);
    insert.exec();
}

}  // namespace

SQLite::Statement& SyncStore::batchStatement(const std::string& sql) {
    auto& slot = batchStatements_[sql];
    if (!slot) slot = std::make_unique<SQLite::Statement>(db_.sql(), sql);
    return *slot;
}

std::int64_t SyncStore::knownSeq(const std::string& table, const std::string& recordId) {
    Use query(batchStatement("SELECT seq FROM sync_record_seq WHERE table_name = ? AND record_id = ?"));
    query->bind(1, table);
    query->bind(2, recordId);
    return query->executeStep() ? query->getColumn(0).getInt64() : 0;
}

void SyncStore::setKnownSeq(const std::string& table, const std::string& recordId, std::int64_t seq) {
    Use upsert(batchStatement("INSERT INTO sync_record_seq(table_name, record_id, seq) VALUES (?, ?, ?) "
                              "ON CONFLICT(table_name, record_id) DO UPDATE SET seq = max(seq, excluded.seq)"));
    upsert->bind(1, table);
    upsert->bind(2, recordId);
    upsert->bind(3, seq);
    upsert->exec();
}

bool SyncStore::hasPendingEdit(const std::string& table, const std::string& recordId) {
    Use query(batchStatement("SELECT 1 FROM sync_change WHERE table_name = ? AND record_id = ? LIMIT 1"));
    query->bind(1, table);
    query->bind(2, recordId);
    return query->executeStep();
}

json SyncStore::readRow(const std::string& tableName, const std::string& recordId, bool& travels) {
    travels = false;
    const SharedTable* table = findSharedTable(tableName);
    if (!table) return json();
    const std::string condition = *table->travelsWhen ? table->travelsWhen : "1";
    SQLite::Statement query(db_.sql(), "SELECT r.*, (" + condition + ") AS vk_travels FROM " + tableName +
                                           " r WHERE r.id = ?");
    query.bind(1, recordId);
    if (!query.executeStep()) return json();
    json row = json::object();
    const int count = query.getColumnCount();
    for (int i = 0; i < count; ++i) {
        const std::string name = query.getColumnName(i);
        const SQLite::Column column = query.getColumn(i);
        if (name == "vk_travels") {
            travels = column.getInt() == 1;
            continue;
        }
        if (isLocal(*table, name)) continue;
        if (column.isNull()) row[name] = nullptr;
        else if (column.isInteger()) row[name] = column.getInt64();
        else if (column.isFloat()) row[name] = column.getDouble();
        else row[name] = column.getString();
    }
    return row;
}

std::vector<OutgoingChange> SyncStore::pendingChanges(int limit) {
    std::vector<OutgoingChange> changes;
    SQLite::Statement query(db_.sql(),
                            "SELECT c.table_name, c.record_id, max(c.seq), min(c.seq) FROM sync_change c "
                            "GROUP BY c.table_name, c.record_id ORDER BY min(c.seq) LIMIT ?");
    query.bind(1, limit);
    while (query.executeStep()) {
        OutgoingChange change;
        change.table = query.getColumn(0).getString();
        change.recordId = query.getColumn(1).getString();
        change.lastOutboxSeq = query.getColumn(2).getInt64();
        const std::int64_t firstSeq = query.getColumn(3).getInt64();
        SQLite::Statement last(db_.sql(), "SELECT change_id FROM sync_change WHERE seq = ?");
        last.bind(1, change.lastOutboxSeq);
        if (last.executeStep()) change.changeId = last.getColumn(0).getString();
        SQLite::Statement first(db_.sql(), "SELECT base_seq FROM sync_change WHERE seq = ?");
        first.bind(1, firstSeq);
        if (first.executeStep()) change.baseSeq = first.getColumn(0).getInt64();
        changes.push_back(std::move(change));
    }
    for (auto& change : changes) {
        bool travels = false;
        json row = readRow(change.table, change.recordId, travels);
        if (travels) change.row = std::move(row);
    }
    return changes;
}

int SyncStore::pendingCount() {
    SQLite::Statement query(db_.sql(), "SELECT count(*) FROM (SELECT 1 FROM sync_change GROUP BY table_name, record_id)");
    query.executeStep();
    return query.getColumn(0).getInt();
}

void SyncStore::recordPushed(const std::vector<PushedChange>& pushed, std::int64_t nowMs) {
    const BatchEnd batch(batchStatements_);
    inTransaction(db_, [&] {
        for (const auto& change : pushed) {
            Use done(batchStatement("DELETE FROM sync_change WHERE table_name = ? AND record_id = ? AND seq <= ?"));
            done->bind(1, change.table);
            done->bind(2, change.recordId);
            done->bind(3, change.lastOutboxSeq);
            done->exec();
            if (change.verdict == PushVerdict::Refused) {
                bool travels = false;
                const json row = readRow(change.table, change.recordId, travels);
                addHistory(db_, nowMs, "refused", change.table, change.recordId, change.changeId, "", change.reason,
                           row.is_null() ? std::nullopt : std::optional<std::string>(row.dump()));
            } else if (change.hubSeq > 0) {
                setKnownSeq(change.table, change.recordId, change.hubSeq);
            }
        }
    });
}

bool SyncStore::applyOne(const IncomingChange& change, std::string& whyNot, bool& changed) {
    changed = false;
    const SharedTable* table = findSharedTable(change.table);
    if (!table) {
        whyNot = "this kiosk does not know the table « " + change.table + " »";
        return false;
    }
    try {
        inTransaction(db_, [&] {
            if (!change.row) {
                if (table->kind == ShareKind::AppendOnly) return;
                SQLite::Statement erase(db_.sql(), "DELETE FROM " + std::string(table->name) + " WHERE id = ?");
                erase.bind(1, change.recordId);
                changed = erase.exec() > 0;
                return;
            }
            bool present = false;
            {
                Use exists(batchStatement("SELECT 1 FROM " + std::string(table->name) + " WHERE id = ?"));
                exists->bind(1, change.recordId);
                present = exists->executeStep();
            }
            if (present && table->kind == ShareKind::AppendOnly) return;  // a ledger line is written once
            std::vector<std::string> columns;
            auto cached = columns_.find(table->name);
            if (cached == columns_.end()) cached = columns_.emplace(table->name, tableColumns(db_, table->name)).first;
            for (const auto& column : cached->second)
                if (column != "id" && !isLocal(*table, column) && change.row->contains(column)) columns.push_back(column);
            std::string sql;
            if (present) {
                if (columns.empty()) return;
                sql = "UPDATE " + std::string(table->name) + " SET ";
                for (std::size_t i = 0; i < columns.size(); ++i)
                    sql += (i ? ", " : "") + columns[i] + " = ?" + std::to_string(i + 2);
                sql += " WHERE id = ?1";
            } else {
                std::string names = "id";
                std::string values = "?1";
                for (std::size_t i = 0; i < columns.size(); ++i) {
                    names += ", " + columns[i];
                    values += ", ?" + std::to_string(i + 2);
                }
                for (const auto& [column, expression] : table->fillOnInsert) {
                    names += ", " + column;
                    values += ", " + expression;
                }
                sql = "INSERT INTO " + std::string(table->name) + "(" + names + ") VALUES (" + values + ")";
            }
            // A row of this kiosk's own village (from another kiosk of it) is stored as its own: village NULL.
            std::optional<std::string> ownVillage;
            if (table->kind == ShareKind::VillageOwned) {
                SQLite::Statement own(db_.sql(), "SELECT village FROM sync_state WHERE only_row = 1 AND village IS NOT NULL");
                if (own.executeStep()) ownVillage = own.getColumn(0).getString();
            }
            Use write(batchStatement(sql));
            write->bind(1, change.recordId);
            for (std::size_t i = 0; i < columns.size(); ++i) {
                const json& value = (*change.row)[columns[i]];
                if (columns[i] == "village" && ownVillage && value.is_string() && value.get<std::string>() == *ownVillage) {
                    write->bind(static_cast<int>(i + 2));
                    continue;
                }
                if (!bindValue(*write, static_cast<int>(i + 2), value))
                    throw std::runtime_error("the column « " + columns[i] + " » holds neither text nor a number");
            }
            write->exec();
            if (!present && *table->afterInsert) {
                SQLite::Statement after(db_.sql(), table->afterInsert);
                after.bind(1, change.recordId);
                after.exec();
            }
            changed = true;
        });
    } catch (const std::exception& error) {
        whyNot = error.what();
        return false;
    }
    return true;
}

ApplyCounts SyncStore::applyPulled(const std::vector<IncomingChange>& changes, std::int64_t upToSeq,
                                   std::int64_t nowMs) {
    const BatchEnd batch(batchStatements_);
    ApplyCounts counts;
    inTransaction(db_, [&] {
        setApplying(db_, true);
        for (const auto& change : changes) {
            if (change.replaced) {
                SQLite::Statement seen(db_.sql(), "SELECT 1 FROM sync_history WHERE kind = 'lost' AND change_id = ?");
                seen.bind(1, change.changeId);
                if (!seen.executeStep())
                    addHistory(db_, nowMs, "lost", change.table, change.recordId, change.changeId,
                               change.replaced->fromKiosk, "replaced by a change from " + change.fromKiosk,
                               change.replaced->row ? std::optional<std::string>(change.replaced->row->dump())
                                                    : std::nullopt);
            }
            // A version this kiosk already has (its own change, pushed and answered), or one older than it.
            if (knownSeq(change.table, change.recordId) >= change.seq) {
                ++counts.unchanged;
                continue;
            }
            // An edit made here since the push waits for the next one, and wins as the later accepted change.
            if (hasPendingEdit(change.table, change.recordId)) {
                ++counts.unchanged;
                continue;
            }
            std::string whyNot;
            bool changed = false;
            if (applyOne(change, whyNot, changed)) {
                setKnownSeq(change.table, change.recordId, change.seq);
                changed ? ++counts.applied : ++counts.unchanged;
            } else {
                addHistory(db_, nowMs, "held", change.table, change.recordId, change.changeId, change.fromKiosk, whyNot,
                           changeToJson(change).dump());
                ++counts.held;
            }
        }
        SQLite::Statement cursor(db_.sql(), "UPDATE sync_state SET pulled_up_to = max(pulled_up_to, ?) WHERE only_row = 1");
        cursor.bind(1, upToSeq);
        cursor.exec();
        setApplying(db_, false);
    });
    if (counts.held == 0 || !changes.empty()) retryHeld(nowMs);
    return counts;
}

int SyncStore::retryHeld(std::int64_t nowMs) {
    (void)nowMs;
    const BatchEnd batch(batchStatements_);
    int applied = 0;
    inTransaction(db_, [&] {
        setApplying(db_, true);
        std::vector<std::pair<std::int64_t, std::string>> held;
        {
            SQLite::Statement query(db_.sql(), "SELECT id, row_json FROM sync_history WHERE kind = 'held' ORDER BY id");
            while (query.executeStep()) held.emplace_back(query.getColumn(0).getInt64(), query.getColumn(1).getString());
        }
        for (const auto& [id, text] : held) {
            const json parsed = json::parse(text, nullptr, false);
            if (parsed.is_discarded()) continue;
            const IncomingChange change = changeFromJson(parsed);
            std::string whyNot;
            bool changed = false;
            if (knownSeq(change.table, change.recordId) >= change.seq || applyOne(change, whyNot, changed)) {
                setKnownSeq(change.table, change.recordId, change.seq);
                SQLite::Statement done(db_.sql(), "DELETE FROM sync_history WHERE id = ?");
                done.bind(1, id);
                done.exec();
                ++applied;
            }
        }
        setApplying(db_, false);
    });
    return applied;
}

void SyncStore::rememberVillage(const std::string& village) {
    SQLite::Statement update(db_.sql(), "UPDATE sync_state SET village = ? WHERE only_row = 1");
    update.bind(1, village);
    update.exec();
}

void SyncStore::restartPullFromZero() {
    inTransaction(db_, [&] {
        // A table of this connection only: a restart in the middle of the pull loses the comparison, never data.
        db_.sql().exec("CREATE TEMP TABLE IF NOT EXISTS sync_known_before_pull (table_name TEXT NOT NULL, "
                       "record_id TEXT NOT NULL, PRIMARY KEY (table_name, record_id)) WITHOUT ROWID");
        db_.sql().exec("DELETE FROM temp.sync_known_before_pull");
        db_.sql().exec("INSERT INTO temp.sync_known_before_pull SELECT table_name, record_id FROM sync_record_seq");
        db_.sql().exec("UPDATE sync_state SET pulled_up_to = 0 WHERE only_row = 1");
        db_.sql().exec("DELETE FROM sync_record_seq");
    });
}

int SyncStore::forgetUnseen(const std::set<std::pair<std::string, std::string>>& seen) {
    std::vector<std::pair<std::string, std::string>> gone;
    {
        SQLite::Statement known(db_.sql(), "SELECT name FROM sqlite_temp_master WHERE name = 'sync_known_before_pull'");
        if (!known.executeStep()) return 0;
    }
    {
        SQLite::Statement query(db_.sql(),
                                "SELECT k.table_name, k.record_id FROM temp.sync_known_before_pull k "
                                "WHERE NOT EXISTS (SELECT 1 FROM sync_change c WHERE c.table_name = k.table_name "
                                "AND c.record_id = k.record_id)");
        while (query.executeStep()) {
            std::pair<std::string, std::string> record{query.getColumn(0).getString(), query.getColumn(1).getString()};
            if (!seen.count(record)) gone.push_back(std::move(record));
        }
    }
    // Posts before their members, movements before their transfers: the shared tables' order, backwards.
    const auto& tables = sharedTables();
    const auto rank = [&](const std::string& name) {
        for (std::size_t i = 0; i < tables.size(); ++i)
            if (name == tables[i].name) return static_cast<int>(i);
        return -1;
    };
    std::stable_sort(gone.begin(), gone.end(),
                     [&](const auto& a, const auto& b) { return rank(a.first) > rank(b.first); });
    int deleted = 0;
    for (const auto& [tableName, recordId] : gone) {
        const SharedTable* table = findSharedTable(tableName);
        if (!table || table->kind == ShareKind::AppendOnly) continue;
        try {
            inTransaction(db_, [&] {
                setApplying(db_, true);  // the hub already has it gone: nothing to send back
                SQLite::Statement erase(db_.sql(), "DELETE FROM " + std::string(table->name) + " WHERE id = ?");
                erase.bind(1, recordId);
                deleted += erase.exec() > 0 ? 1 : 0;
                setApplying(db_, false);
            });
        } catch (const SQLite::Exception&) {
            // Still needed here (a record of this kiosk's own refers to it): kept as it was, the flag rolled back.
        }
    }
    db_.sql().exec("DROP TABLE IF EXISTS temp.sync_known_before_pull");
    return deleted;
}

void SyncStore::recordRound(std::int64_t nowMs, const std::optional<std::string>& error, int pushed, int pulled) {
    SQLite::Statement update(db_.sql(),
                             "UPDATE sync_state SET last_attempt_at = ?1, last_error = ?2, "
                             "last_success_at = CASE WHEN ?2 IS NULL THEN ?1 ELSE last_success_at END, "
                             "last_pushed = CASE WHEN ?2 IS NULL THEN ?3 ELSE last_pushed END, "
                             "last_pulled = CASE WHEN ?2 IS NULL THEN ?4 ELSE last_pulled END WHERE only_row = 1");
    update.bind(1, nowMs);
    if (error) update.bind(2, *error);
    else update.bind(2);
    update.bind(3, pushed);
    update.bind(4, pulled);
    update.exec();
}

SyncStatus SyncStore::status() {
    SyncStatus status;
    SQLite::Statement query(db_.sql(),
                            "SELECT pulled_up_to, last_success_at, last_attempt_at, last_error, last_pushed, last_pulled "
                            "FROM sync_state WHERE only_row = 1");
    if (query.executeStep()) {
        status.pulledUpTo = query.getColumn(0).getInt64();
        if (!query.getColumn(1).isNull()) status.lastSuccessAt = query.getColumn(1).getInt64();
        if (!query.getColumn(2).isNull()) status.lastAttemptAt = query.getColumn(2).getInt64();
        if (!query.getColumn(3).isNull()) status.lastError = query.getColumn(3).getString();
        status.lastPushed = query.getColumn(4).getInt();
        status.lastPulled = query.getColumn(5).getInt();
    }
    status.pending = pendingCount();
    SQLite::Statement held(db_.sql(), "SELECT count(*) FROM sync_history WHERE kind = 'held'");
    held.executeStep();
    status.held = held.getColumn(0).getInt();
    return status;
}

std::vector<SyncHistoryEntry> SyncStore::history(int limit) {
    std::vector<SyncHistoryEntry> entries;
    SQLite::Statement query(db_.sql(),
                            "SELECT at, kind, table_name, record_id, coalesce(other_kiosk, ''), detail, row_json "
                            "FROM sync_history ORDER BY id DESC LIMIT ?");
    query.bind(1, limit);
    while (query.executeStep()) {
        SyncHistoryEntry entry;
        entry.at = query.getColumn(0).getInt64();
        entry.kind = query.getColumn(1).getString();
        entry.table = query.getColumn(2).getString();
        entry.recordId = query.getColumn(3).getString();
        entry.otherKiosk = query.getColumn(4).getString();
        entry.detail = query.getColumn(5).getString();
        if (!query.getColumn(6).isNull()) entry.rowJson = query.getColumn(6).getString();
        entries.push_back(std::move(entry));
    }
    return entries;
}

}  // namespace vk::storage
