#pragma once
// Staff mode: who may sign in, with which PIN or card, the lockout after wrong PINs, and account management.
// Every staff action goes to the audit log.

#include "kiosk/services/clock.h"
#include "kiosk/services/pin_hasher.h"
#include "storage/audit_log.h"
#include "storage/staff_store.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vk::services {

using storage::StaffAccount;
using storage::StaffRole;

struct StaffSession {
    std::string accountId;
    std::string displayName;
    StaffRole role = StaffRole::CafeManager;
    std::int64_t startedAt = 0;
};

struct PinPolicy {
    int attemptsBeforeLockout = 5;
    int lockoutMinutes = 5;
};

enum class LoginOutcome { SignedIn, WrongPin, LockedOut, UnknownAccount };

struct LoginResult {
    LoginOutcome outcome = LoginOutcome::UnknownAccount;
    std::optional<StaffSession> session;
    int attemptsLeft = 0;          // after a wrong PIN
    std::int64_t lockedUntil = 0;  // when locked out
};

// Why an account change was refused; each has a translated message in the UI.
enum class AccountError { None, NotAllowed, NameInvalid, PinTooShort, PinNotDigits, PinTooSimple, LastAdmin, NotFound, CardInUse };

struct AccountChange {
    AccountError error = AccountError::None;
    std::optional<StaffAccount> account;
    bool ok() const { return error == AccountError::None; }
};

class StaffService {
public:
    StaffService(storage::Database& db, const Clock& clock, PinHasher hasher, PinPolicy policy);

    std::vector<StaffAccount> accounts();

    LoginResult signInWithPin(const std::string& accountId, const std::string& pin);
    // A card names an account; it never signs anyone in by itself (a lost card must not open staff mode).
    std::optional<StaffAccount> accountForCard(const std::string& cardUidHex);
    void signOut(const StaffSession& session, const char* reason);

    // Remaining lockout for an account, so the PIN pad can say so before anyone types.
    std::int64_t lockedUntil(const std::string& accountId);

    // Account management: the actor must be an admin; a null actor is the technician's command line.
    AccountChange createAccount(const StaffSession* actor, const std::string& name, StaffRole role,
                                const std::string& pin);
    AccountChange resetPin(const StaffSession* actor, const std::string& accountId, const std::string& pin);
    AccountChange changeRole(const StaffSession* actor, const std::string& accountId, StaffRole role);
    AccountChange assignCard(const StaffSession* actor, const std::string& accountId,
                             const std::optional<std::string>& cardUidHex);
    AccountChange removeAccount(const StaffSession* actor, const std::string& accountId);

    // Writes one line to the audit log on behalf of `actor` (null: the kiosk itself or the command line).
    void audit(const StaffSession* actor, const std::string& action, const std::string& detail = "");
    std::vector<storage::AuditEntry> recentAudit(int limit) { return auditLog_.recent(limit); }

    static AccountError checkPin(const std::string& pin);
    static constexpr std::size_t kMaxNameLength = 80;

private:
    bool allowed(const StaffSession* actor) const;
    std::optional<AccountChange> refuseUnlessAllowed(const StaffSession* actor, const char* action);

    storage::StaffStore store_;
    storage::AuditLog auditLog_;
    const Clock& clock_;
    PinHasher hasher_;
    PinPolicy policy_;
};

// A card UID is stored only as a digest, so that a copy of the database does not list card numbers in clear
// (a short UID can still be guessed from its digest: this hides, it does not protect).
std::string cardDigest(const std::string& cardUidHex);

}  // namespace vk::services
