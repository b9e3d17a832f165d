#include "storage/hub/hub_store.h"

#include "storage/shared_tables.h"

#include <pqxx/pqxx>
#include <sodium.h>

#include <array>

namespace vk::storage::hub {

extern const char* const kHubSchemaSql;

namespace {

using net::hub::PushResult;
using net::hub::Verdict;
using nlohmann::json;

std::string randomHex(std::size_t bytes) {
    std::vector<unsigned char> buffer(bytes);
    randombytes_buf(buffer.data(), buffer.size());
    std::string hex(bytes * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), buffer.data(), buffer.size());
    hex.pop_back();
    return hex;
}

PushResult refused(const std::string& changeId, std::string reason) {
    return PushResult{changeId, Verdict::Refused, 0, std::move(reason)};
}

std::optional<json> parseRow(const pqxx::field& field) {
    if (field.is_null()) return std::nullopt;
    json row = json::parse(field.c_str(), nullptr, false);
    if (!row.is_object()) return std::nullopt;
    return row;
}

}  // namespace

struct HubStore::Connection : pqxx::connection {
    using pqxx::connection::connection;
};

HubStore::HubStore(const std::string& databaseUrl) {
    if (sodium_init() < 0) throw HubStoreError("libsodium could not start");
    try {
        connection_ = std::make_unique<Connection>(databaseUrl);
    } catch (const std::exception& error) {
        throw HubStoreError(std::string("cannot connect to PostgreSQL (database_url): ") + error.what());
    }
}

HubStore::~HubStore() = default;

void HubStore::createSchema() {
    pqxx::work txn(*connection_);
    // Two hubs starting on one database at once would race on CREATE TABLE IF NOT EXISTS.
    txn.exec("SELECT pg_advisory_xact_lock(7236171)");
    txn.exec(kHubSchemaSql);
    txn.commit();
}

std::string HubStore::addKiosk(const std::string& territory, const std::string& village) {
    const std::string id = randomHex(16);
    const std::string secret = randomHex(32);
    pqxx::work txn(*connection_);
    txn.exec_params("INSERT INTO hub_kiosk(id, territory, village, secret_hash) "
                    "VALUES ($1, $2, $3, sha256(convert_to($4, 'UTF8')))",
                    id, territory, village, secret);
    txn.commit();
    return id + "." + secret;
}

bool HubStore::revokeKiosk(const std::string& id) {
    pqxx::work txn(*connection_);
    const auto result =
        txn.exec_params("UPDATE hub_kiosk SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1", id);
    txn.commit();
    return result.affected_rows() > 0;
}

std::optional<HubKiosk> HubStore::authenticate(const std::string& credential) {
    const auto dot = credential.find('.');
    if (dot == std::string::npos || dot == 0 || credential.size() > 200) return std::nullopt;
    const std::string id = credential.substr(0, dot);
    const std::string secret = credential.substr(dot + 1);
    if (!net::hub::isWireId(id) || secret.size() != 64) return std::nullopt;
    pqxx::work txn(*connection_);
    const auto rows = txn.exec_params(
        "UPDATE hub_kiosk SET last_seen_at = now() WHERE id = $1 AND secret_hash = sha256(convert_to($2, 'UTF8')) "
        "AND revoked_at IS NULL RETURNING territory, village, bound_kiosk_id",
        id, secret);
    txn.commit();
    if (rows.empty()) return std::nullopt;
    HubKiosk kiosk;
    kiosk.id = id;
    kiosk.territory = rows[0][0].as<std::string>();
    kiosk.village = rows[0][1].as<std::string>();
    if (!rows[0][2].is_null()) kiosk.boundKioskId = rows[0][2].as<std::string>();
    return kiosk;
}

bool HubStore::bindKiosk(HubKiosk& kiosk, const std::string& kioskId) {
    if (kiosk.boundKioskId) return *kiosk.boundKioskId == kioskId;
    try {
        pqxx::work txn(*connection_);
        const auto rows = txn.exec_params(
            "UPDATE hub_kiosk SET bound_kiosk_id = $2 WHERE id = $1 AND bound_kiosk_id IS NULL RETURNING id", kiosk.id,
            kioskId);
        txn.commit();
        if (rows.empty()) return false;
    } catch (const pqxx::unique_violation&) {
        return false;  // that kiosk already has a credential of its own
    }
    kiosk.boundKioskId = kioskId;
    return true;
}

void HubStore::prepareStatements() {
    if (prepared_) return;
    // A push costs two round trips per change: what is known of it, then the change and the record's new head.
    connection_->prepare("hub_push_lookup",
                         "SELECT c.seq, c.territory, r.territory, r.origin_kiosk, r.owner_village, r.head_seq, "
                         "r.head_kiosk FROM (SELECT 1) AS one "
                         "LEFT JOIN hub_change c ON c.change_id = $1 "
                         "LEFT JOIN hub_record r ON r.table_name = $2 AND r.record_id = $3");
    connection_->prepare(
        "hub_push_write",
        "WITH c AS (INSERT INTO hub_change(change_id, territory, table_name, record_id, from_kiosk, row_data, "
        "replaced_seq) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::bigint) RETURNING seq) "
        "INSERT INTO hub_record(table_name, record_id, territory, origin_kiosk, owner_village, head_seq, head_kiosk, "
        "deleted_at) SELECT $3, $4, $2, $8, $9, c.seq, $5, CASE WHEN $10::boolean THEN now() END FROM c "
        "ON CONFLICT (table_name, record_id) DO UPDATE SET head_seq = excluded.head_seq, "
        "head_kiosk = excluded.head_kiosk, deleted_at = excluded.deleted_at RETURNING head_seq");
    prepared_ = true;
}

net::hub::PushResponse HubStore::push(const HubKiosk& kiosk, const std::vector<net::hub::WireChange>& changes) {
    prepareStatements();
    net::hub::PushResponse response;
    const std::string self = kiosk.boundKioskId.value_or("");
    pqxx::work txn(*connection_);
    txn.exec_params("SELECT pg_advisory_xact_lock(hashtext($1))", kiosk.territory);
    for (const auto& change : changes) {
        const SharedTable* table = findSharedTable(change.table);
        if (!table) {
            response.results.push_back(refused(change.changeId, "the hub does not share the table " + change.table));
            continue;
        }
        // One round trip for what the hub knows of the change and of its record. No row lock: the territory's
        // lock above already serialises every writer of this territory's records.
        const auto known_ = txn.exec_prepared("hub_push_lookup", change.changeId, change.table, change.recordId);
        const auto& lookup = known_[0];
        if (!lookup[0].is_null()) {
            if (lookup[1].as<std::string>() != kiosk.territory)
                response.results.push_back(refused(change.changeId, "this change belongs to another territory"));
            else
                response.results.push_back(PushResult{change.changeId, Verdict::Duplicate, lookup[0].as<std::int64_t>(), ""});
            continue;
        }
        struct Record {
            std::string territory, originKiosk, ownerVillage, headKiosk;
            std::int64_t headSeq = 0;
        };
        std::optional<Record> record;
        if (!lookup[2].is_null())
            record = Record{lookup[2].as<std::string>(), lookup[3].as<std::string>(), lookup[4].as<std::string>(),
                            lookup[6].as<std::string>(), lookup[5].as<std::int64_t>()};
        const bool known = record.has_value();
        if (known && record->territory != kiosk.territory) {
            response.results.push_back(refused(change.changeId, "this record belongs to another territory"));
            continue;
        }
        if (known && table->kind == ShareKind::AppendOnly) {
            response.results.push_back(PushResult{change.changeId, Verdict::Duplicate, record->headSeq, ""});
            continue;
        }
        if (!known && !change.row) {
            // A tombstone of a record the hub never had: nobody else has it either.
            response.results.push_back(PushResult{change.changeId, Verdict::Duplicate, 0, ""});
            continue;
        }
        const std::string origin = known ? record->originKiosk : self;
        if (change.row) {
            const auto rowOrigin = change.row->find("origin_kiosk");
            if (rowOrigin == change.row->end() || !rowOrigin->is_string() || rowOrigin->get<std::string>() != origin) {
                response.results.push_back(refused(
                    change.changeId, known ? "a record keeps the kiosk that made it (origin_kiosk)"
                                           : "a kiosk writes only as itself: origin_kiosk is not this kiosk"));
                continue;
            }
        }
        const std::string ownerVillage = known ? record->ownerVillage : kiosk.village;
        if (table->kind == ShareKind::VillageOwned && ownerVillage != kiosk.village) {
            response.results.push_back(refused(change.changeId, "only the kiosks of " + ownerVillage + " write this record"));
            continue;
        }
        // Last accepted wins. When the author had not seen the version it replaces (another kiosk's), that version
        // is the loser of a concurrent edit: named so that every kiosk keeps it in its history.
        std::optional<std::string> replacedSeq;
        if (known && change.baseSeq < record->headSeq && record->headKiosk != self)
            replacedSeq = std::to_string(record->headSeq);
        std::optional<std::string> rowText;
        if (change.row && table->kind == ShareKind::VillageOwned) {
            // The owner's name as add-kiosk wrote it, whatever the row says: the kiosks show it on every line of
            // a neighbour's rota, and a kiosk cannot present its rota as another village's.
            json stamped = *change.row;
            stamped["village"] = ownerVillage;
            rowText = stamped.dump();
        } else if (change.row) {
            rowText = change.row->dump();
        }
        const bool deleted = !change.row || (change.row->contains("deleted_at") && !(*change.row)["deleted_at"].is_null());
        const auto written = txn.exec_prepared(
            "hub_push_write", change.changeId, kiosk.territory, change.table, change.recordId, self,
            rowText ? rowText->c_str() : static_cast<const char*>(nullptr),
            replacedSeq ? replacedSeq->c_str() : static_cast<const char*>(nullptr), origin, ownerVillage, deleted);
        const auto seq = written[0][0].as<std::int64_t>();
        response.results.push_back(PushResult{change.changeId, Verdict::Accepted, seq, ""});
    }
    txn.commit();
    return response;
}

PullAnswer HubStore::pull(const HubKiosk& kiosk, std::int64_t after, int limit) {
    PullAnswer answer;
    pqxx::read_transaction txn(*connection_);
    const auto forgotten =
        txn.exec_params("SELECT forgotten_below FROM hub_territory WHERE territory = $1", kiosk.territory);
    if (!forgotten.empty() && after > 0 && after < forgotten[0][0].as<std::int64_t>()) {
        answer.refusal = PullRefusal::Forgotten;
        return answer;
    }
    const auto rows = txn.exec_params(
        "SELECT c.seq, c.change_id, c.table_name, c.record_id, c.from_kiosk, c.row_data::text, "
        "r.seq, r.from_kiosk, r.row_data::text FROM hub_change c LEFT JOIN hub_change r ON r.seq = c.replaced_seq "
        "WHERE c.territory = $1 AND c.seq > $2 ORDER BY c.seq LIMIT $3",
        kiosk.territory, after, limit + 1);
    answer.response.upTo = after;
    answer.response.village = kiosk.village;
    for (const auto& row : rows) {
        if (static_cast<int>(answer.response.changes.size()) == limit) {
            answer.response.more = true;
            break;
        }
        net::hub::PulledChange change;
        change.seq = row[0].as<std::int64_t>();
        change.changeId = row[1].as<std::string>();
        change.table = row[2].as<std::string>();
        change.recordId = row[3].as<std::string>();
        change.fromKiosk = row[4].as<std::string>();
        change.row = parseRow(row[5]);
        if (!row[6].is_null()) {
            net::hub::ReplacedVersion replaced;
            replaced.seq = row[6].as<std::int64_t>();
            replaced.fromKiosk = row[7].as<std::string>();
            replaced.row = parseRow(row[8]);
            change.replaced = std::move(replaced);
        }
        answer.response.upTo = change.seq;
        answer.response.changes.push_back(std::move(change));
    }
    return answer;
}

int HubStore::purgeTombstones(int days) {
    pqxx::work txn(*connection_);
    const auto gone = txn.exec_params(
        "DELETE FROM hub_record WHERE deleted_at < now() - make_interval(days => $1) "
        "RETURNING table_name, record_id, territory, head_seq",
        days);
    for (const auto& record : gone) {
        txn.exec_params("DELETE FROM hub_change WHERE table_name = $1 AND record_id = $2", record[0].as<std::string>(),
                        record[1].as<std::string>());
        txn.exec_params("INSERT INTO hub_territory(territory, forgotten_below) VALUES ($1, $2) "
                        "ON CONFLICT (territory) DO UPDATE SET "
                        "forgotten_below = greatest(hub_territory.forgotten_below, excluded.forgotten_below)",
                        record[2].as<std::string>(), record[3].as<std::int64_t>());
    }
    txn.commit();
    return static_cast<int>(gone.size());
}

}  // namespace vk::storage::hub
