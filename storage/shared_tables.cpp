#include "storage/shared_tables.h"

namespace vk::storage {

std::string_view shareKindKey(ShareKind kind) {
    switch (kind) {
        case ShareKind::LastAcceptedWins: return "last_accepted_wins";
        case ShareKind::AppendOnly: return "append_only";
        case ShareKind::VillageOwned: return "village_owned";
    }
    return "last_accepted_wins";
}

// In the order a kiosk applies a round's changes when their sequence numbers do not already say it: a member
// before their posts, a transfer before its movements.
const std::vector<SharedTable>& sharedTables() {
    static const std::vector<SharedTable> tables{
        // Phone and e-mail stay on the member's own kiosk: the consent is to be known across the territory,
        // not to hand out contact details.
        {"member", ShareKind::LastAcceptedWins, {"phone", "email"}, "r.share_with_territory = 1", {}, ""},
        {"board_post", ShareKind::LastAcceptedWins, {"search_rowid"},
         "(SELECT share_with_territory FROM member WHERE id = r.member_id) = 1",
         {{"search_rowid", "(SELECT coalesce(max(search_rowid), 0) + 1 FROM board_post)"}}, ""},
        {"time_bank_transfer", ShareKind::AppendOnly, {}, "", {}, ""},
        {"time_bank_movement", ShareKind::AppendOnly, {}, "", {},
         "INSERT INTO time_bank_balance(member_id, balance_minutes, movement_count, updated_at) "
         "SELECT member_id, minutes, 1, created_at FROM time_bank_movement WHERE id = ?1 "
         "ON CONFLICT(member_id) DO UPDATE SET balance_minutes = balance_minutes + excluded.balance_minutes, "
         "movement_count = movement_count + 1, updated_at = max(updated_at, excluded.updated_at)"},
        // A village's rota and agenda: written by its own kiosks only, shown by the others apart, under « Dans les
        // villages voisins » (migration 18, docs/hub.md). `village` is filled in by the hub.
        {"rota_visit", ShareKind::VillageOwned, {}, "", {}, ""},
        {"rota_hours", ShareKind::VillageOwned, {}, "", {}, ""},
        {"rota_closure", ShareKind::VillageOwned, {}, "", {}, ""},
        {"rota_day_notice", ShareKind::VillageOwned, {}, "", {}, ""},
        // The feed's key stays with the kiosk that imported the event: it is unique here, and two villages that
        // import the network's touring shows hold the same keys for different events.
        {"agenda_event", ShareKind::VillageOwned, {"source_key"}, "", {}, ""},
    };
    return tables;
}

const SharedTable* findSharedTable(std::string_view name) {
    for (const auto& table : sharedTables())
        if (name == table.name) return &table;
    return nullptr;
}

}  // namespace vk::storage
