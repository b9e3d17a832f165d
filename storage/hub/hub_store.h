#pragma once
// The territory hub's store, in PostgreSQL (libpqxx): the kiosks and their credentials, every accepted change
// with the sequence number the hub gives it, and the head of each record. All the hub's SQL is here.
// How records merge (storage/shared_tables.h) is decided here, inside the push's one transaction.

#include "net/hub/hub_protocol.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace vk::storage::hub {

// A failure to reach or use the database; what() says what to check.
class HubStoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct HubKiosk {
    std::string id;  // the credential's id, made by add-kiosk
    std::string territory;
    std::string village;
    std::optional<std::string> boundKioskId;  // the kiosk's own id (kiosk_meta), fixed by its first request
    bool revoked = false;
};

enum class PullRefusal { None, Forgotten };

struct PullAnswer {
    net::hub::PullResponse response;
    PullRefusal refusal = PullRefusal::None;  // Forgotten: tombstones this kiosk never saw were purged
};

class HubStore {
public:
    // Connects with a libpq connection string ("host=127.0.0.1 port=5432 dbname=hub user=hub").
    explicit HubStore(const std::string& databaseUrl);
    ~HubStore();
    HubStore(const HubStore&) = delete;
    HubStore& operator=(const HubStore&) = delete;

    // Creates the hub's tables when they are not there (every start; idempotent).
    void createSchema();

    // Returns the new kiosk's credential, "ID.SECRET"; only a hash of the secret is stored.
    std::string addKiosk(const std::string& territory, const std::string& village);
    // false: no such kiosk. A revoked credential is refused from its next request on.
    bool revokeKiosk(const std::string& id);
    // The kiosk a live credential belongs to; nullopt for an unknown, malformed or revoked one.
    std::optional<HubKiosk> authenticate(const std::string& credential);
    // Ties the credential to the kiosk's own id on its first request; false when it is already another's
    // (a credential copied to a second kiosk) or that id already has another credential.
    bool bindKiosk(HubKiosk& kiosk, const std::string& kioskId);

    // Applies a push in one transaction, serialised per territory so that sequence numbers are given in commit
    // order: a pull never skips a change that commits late.
    net::hub::PushResponse push(const HubKiosk& kiosk, const std::vector<net::hub::WireChange>& changes);
    PullAnswer pull(const HubKiosk& kiosk, std::int64_t after, int limit);

    // Forgets the records deleted more than `days` ago, their changes included; returns how many records.
    int purgeTombstones(int days);

private:
    // On first use, once the tables exist.
    void prepareStatements();

    bool prepared_ = false;
    struct Connection;  // libpqxx's, kept out of this header
    std::unique_ptr<Connection> connection_;
};

}  // namespace vk::storage::hub
