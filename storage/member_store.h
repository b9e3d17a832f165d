#pragma once
// Members of the service-exchange board (and of the time bank): residents known to the café. Who may change a
// member, how a name is folded and how PINs are checked live in kiosk/services/board/member_registry.h; this file
// only stores what it is given.

#include "storage/database.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vk::storage {

// What a member agreed to. None of it is shown or shared unless the member said yes.
struct MemberConsent {
    bool showName = true;             // a post shows the member's name (else « un membre »)
    bool showPhone = false;           // a post may show their phone number
    bool shareWithTerritory = false;  // the record may travel to the territory's hub, once there is one
    bool operator==(const MemberConsent&) const = default;
};

struct Member {
    std::string id;  // UUIDv7
    std::string displayName;
    std::string nameKey;  // the folded name, for identification by name and PIN
    std::string village;
    std::optional<std::string> phone;
    std::optional<std::string> email;
    std::optional<std::string> cardDigest;
    std::optional<std::string> pinHash;  // argon2id; a member without a PIN is identified by card only
    MemberConsent consent;
    std::int64_t createdAt = 0;
    std::int64_t updatedAt = 0;
};

// What the manager types for a member; the card and PIN are set on their own.
struct MemberDetails {
    std::string displayName;
    std::string nameKey;
    std::string village;
    std::optional<std::string> phone;
    std::optional<std::string> email;
    MemberConsent consent;
};

struct MemberPinThrottle {
    int failedCount = 0;
    std::int64_t lockedUntil = 0;  // ms UTC; 0 when not locked
};

class MemberStore {
public:
    explicit MemberStore(Database& db) : db_(db) {}

    Member create(const MemberDetails& details, const std::optional<std::string>& pinHash, std::int64_t nowMs);
    // A member who now agrees to share with the territory (shareWithTerritory, from false) has their live posts
    // queued for the hub in the same transaction.
    void update(const std::string& id, const MemberDetails& details, std::int64_t nowMs);
    void setPinHash(const std::string& id, const std::optional<std::string>& pinHash, std::int64_t nowMs);
    void setCardDigest(const std::string& id, const std::optional<std::string>& digest, std::int64_t nowMs);
    // Soft delete: the row stays (with deleted_at) until retention.removed_members_days; the card is freed.
    void softDelete(const std::string& id, std::int64_t nowMs);

    std::optional<Member> findActive(const std::string& id);
    std::optional<Member> findByCardDigest(const std::string& digest);
    std::vector<Member> findByNameKey(const std::string& nameKey);
    // Live members by name. `nameKeyPrefix` (folded) narrows the list; empty lists everyone.
    std::vector<Member> listActive(const std::string& nameKeyPrefix = "", int limit = 1000);
    int countActive();

    MemberPinThrottle throttle(const std::string& id);
    void saveThrottle(const std::string& id, const MemberPinThrottle& throttle);

private:
    void updateInTransaction(const std::string& id, const MemberDetails& details, std::int64_t nowMs);
    Database& db_;
};

}  // namespace vk::storage
