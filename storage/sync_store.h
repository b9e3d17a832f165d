#pragma once
// The kiosk's side of the territory hub, in SQLite: the outbox of changes to shared tables (filled by the
// triggers of migration 12 in the same transaction as each change), the pull cursor, and the application of
// changes pulled from the hub without sending them back. What travels and how it merges: storage/shared_tables.h.
// The network is elsewhere (net/hub/); the rounds and their backoff in kiosk/services/sync/.

#include "storage/database.h"

#include <SQLiteCpp/Statement.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace vk::storage {

// One record to push: its current row (or nullopt: a tombstone, the record is gone or no longer travels).
struct OutgoingChange {
    std::string changeId;  // the newest queued change of the record: stable across retries of the same state
    std::string table;
    std::string recordId;
    std::int64_t baseSeq = 0;  // the hub's version this kiosk had when the first queued edit was made
    std::optional<nlohmann::json> row;
    std::int64_t lastOutboxSeq = 0;  // the queued changes up to here are covered by this push
};

enum class PushVerdict { Accepted, Duplicate, Refused };

struct PushedChange {
    std::string changeId;
    std::string table;
    std::string recordId;
    std::int64_t lastOutboxSeq = 0;
    PushVerdict verdict = PushVerdict::Accepted;
    std::int64_t hubSeq = 0;  // the hub's sequence number of the record's version after this change
    std::string reason;       // for a refusal, the hub's words
};

// The version a pulled change replaced without its author having seen it: the loser of a concurrent edit.
struct ReplacedVersion {
    std::int64_t seq = 0;
    std::string fromKiosk;
    std::optional<nlohmann::json> row;
};

struct IncomingChange {
    std::int64_t seq = 0;
    std::string changeId;
    std::string table;
    std::string recordId;
    std::string fromKiosk;  // the kiosk id (kiosk_meta) of its author
    std::optional<nlohmann::json> row;  // nullopt: a tombstone
    std::optional<ReplacedVersion> replaced;
};

struct ApplyCounts {
    int applied = 0;     // rows written here
    int unchanged = 0;   // this kiosk's own change coming back, a duplicate ledger line, or a newer local edit waits
    int held = 0;        // could not be applied yet (kept in sync_history as `held`, tried again next round)
};

struct SyncStatus {
    std::int64_t pulledUpTo = 0;
    std::optional<std::int64_t> lastSuccessAt;
    std::optional<std::int64_t> lastAttemptAt;
    std::optional<std::string> lastError;
    int lastPushed = 0;
    int lastPulled = 0;
    int pending = 0;  // records waiting to be pushed
    int held = 0;
};

struct SyncHistoryEntry {
    std::int64_t at = 0;
    std::string kind;  // "lost", "refused", "held"
    std::string table;
    std::string recordId;
    std::string otherKiosk;
    std::string detail;
    std::optional<std::string> rowJson;
};

class SyncStore {
public:
    explicit SyncStore(Database& db) : db_(db) {}

    // Up to `limit` records with queued changes, oldest first, with their rows as they are now.
    std::vector<OutgoingChange> pendingChanges(int limit);
    int pendingCount();
    // Takes the hub's verdicts off the outbox, in one transaction. A refused change leaves a `refused` line.
    void recordPushed(const std::vector<PushedChange>& pushed, std::int64_t nowMs);

    // Applies pulled changes in their order and moves the cursor to `upToSeq`, in one transaction: a change
    // that cannot be applied (a row the schema refuses, a post whose member is not here yet) is held, never lost.
    ApplyCounts applyPulled(const std::vector<IncomingChange>& changes, std::int64_t upToSeq, std::int64_t nowMs);
    // Held changes again, oldest first; returns how many went in.
    int retryHeld(std::int64_t nowMs);
    // This kiosk's village as the hub names it (each pull's answer says it): a pulled rota or agenda row of that
    // village is stored as this kiosk's own (village NULL), any other keeps its village's name.
    void rememberVillage(const std::string& village);
    // The hub forgot tombstones older than its retention window and this kiosk is further behind: pull from 0.
    // The records this kiosk had from the hub are noted (for this connection) so that, once the pull from 0 is
    // complete, forgetUnseen() can tell which of them the hub no longer has.
    void restartPullFromZero();
    // After a complete pull from 0: the records this kiosk had from the hub before it that the pull did not bring
    // (the hub forgot them: they were deleted elsewhere longer ago than its tombstone window) are deleted here, as
    // their tombstone would have deleted them, unless a change of this kiosk's to them waits to be pushed. Ledger
    // lines are never deleted. Returns how many were.
    int forgetUnseen(const std::set<std::pair<std::string, std::string>>& seen);

    void recordRound(std::int64_t nowMs, const std::optional<std::string>& error, int pushed, int pulled);
    SyncStatus status();
    std::vector<SyncHistoryEntry> history(int limit = 100);

private:
    // Returns false (and leaves the database as it was) when the change could not be applied.
    bool applyOne(const IncomingChange& change, std::string& whyNot, bool& changed);
    nlohmann::json readRow(const std::string& table, const std::string& recordId, bool& travels);

    // A statement of the batch being applied or acknowledged, prepared once for all its rows rather than once a
    // row (a new kiosk's catch-up is 10 000 rows); reset after each use. They are all finalised when the batch ends.
    SQLite::Statement& batchStatement(const std::string& sql);
    std::int64_t knownSeq(const std::string& table, const std::string& recordId);
    void setKnownSeq(const std::string& table, const std::string& recordId, std::int64_t seq);
    bool hasPendingEdit(const std::string& table, const std::string& recordId);

    Database& db_;
    std::map<std::string, std::vector<std::string>> columns_;  // each shared table's columns, read once
    std::map<std::string, std::unique_ptr<SQLite::Statement>> batchStatements_;
};

}  // namespace vk::storage
