#pragma once
// The tables that kiosks of a territory share through its hub, and how each kind of record merges
// (docs/hub.md). Plain data, read by the kiosk's outbox (storage/sync_store.cpp) and by the hub
// (storage/hub/hub_store.cpp), so that both sides agree on what travels and how a conflict ends.
// A table joins sync with one line in sharedTables() and its capture triggers in its migration.

#include <string>
#include <string_view>
#include <vector>

namespace vk::storage {

enum class ShareKind {
    // Post text, moderation state, a member's record: the change the hub accepted last wins; the version it
    // replaced without having seen it is kept in the history the manager sees.
    LastAcceptedWins,
    // Ledger movements: written once, never overwritten; the same record again is a no-op.
    AppendOnly,
    // A village's rota or agenda: only the kiosks of the village that first published the record write it.
    VillageOwned,
};

std::string_view shareKindKey(ShareKind kind);  // "last_accepted_wins", "append_only", "village_owned"

struct SharedTable {
    const char* name;
    ShareKind kind;
    // Columns that stay on the kiosk that has them: a local index number, contact details nobody agreed to send.
    std::vector<std::string> localColumns;
    // An SQL condition on the row (as `r`): when it no longer holds (a member withdrew their consent), the record
    // travels as a tombstone. Empty: always.
    const char* travelsWhen = "";
    // For a pulled row inserted here: local columns and the SQL expression that fills them.
    std::vector<std::pair<std::string, std::string>> fillOnInsert;
    // SQL run after a pulled row is inserted, with the record's id as its one parameter (a cache to keep up).
    const char* afterInsert = "";
};

const std::vector<SharedTable>& sharedTables();
const SharedTable* findSharedTable(std::string_view name);

}  // namespace vk::storage
