#pragma once
// Staff mode: who may sign in, with which PIN or card, the lockout after wrong PINs, and account management.
// Every staff action goes to the audit log.

#include "kiosk/services/clock.h"
#include "kiosk/services/pin_hasher.h"
#include "storage/audit_log.h"
#include "storage/staff_notice_store.h"
#include "storage/staff_store.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace vk::services {

using storage::StaffAccount;
using storage::StaffRole;

struct StaffSession {
    std::string accountId;  // empty for a system actor
    std::string displayName;
    StaffRole role = StaffRole::CafeManager;
    std::int64_t startedAt = 0;
    bool system = false;  // the command line or a background job, not someone who signed in
};

// What an audited change was about, as a person names it: {{"member", "Marie Dupont"}, {"count", "3"}}. Stored as
// a JSON object in the line's detail and read back, in the reader's language, by the sentence "audit.sentence.ACTION"
// of the translation table (kiosk/services/audit_sentences.h): {member} in the sentence is the value "member".
// Values that depend on the language are stored without it and said when read, by their suffix: "…_key" a
// translation key ({"role_key", "staff.role.admin"} fills {role}), "…_day" a day "YYYY-MM-DD", "…_time" "HH:MM",
// "…_cents" an amount, "…_at" a moment in ms; "count" chooses the sentence's plural form. Names, never record ids:
// the log is read by people.
using AuditValues = std::map<std::string, std::string>;

// Who acts when nobody has signed in. A system actor has an admin's rights and its own name in the audit log;
// a null actor has no rights at all, so that a screen that forgot to pass its session cannot do everything.
enum class SystemActor { CommandLine, Kiosk, DemoData, RetentionJob, RotaFeed, BookingFeed, AgendaFeed };
const StaffSession& systemActor(SystemActor who);

struct PinPolicy {
    int attemptsBeforeLockout = 5;
    int lockoutMinutes = 5;  // the first lock; each further one lasts longer (see lockoutMinutesForLock)
    int adminMinDigits = 6;  // for new admin PINs; a shorter one set before keeps working
};

// How long the n-th lock in a row lasts (n from 1): the configured minutes, then three times, then twelve times
// as long, then a day; never more than a day, never less than the configured minutes. With the default 5 minutes:
// 5 min, 15 min, 1 h, 24 h.
int lockoutMinutesForLock(const PinPolicy& policy, int lockNumber);

enum class LoginOutcome { SignedIn, WrongPin, LockedOut, UnknownAccount };

struct LoginResult {
    LoginOutcome outcome = LoginOutcome::UnknownAccount;
    std::optional<StaffSession> session;
    int attemptsLeft = 0;          // after a wrong PIN
    std::int64_t lockedUntil = 0;  // when locked out
    std::uint64_t ticket = 0;      // the beginPinCheck that asked; 0 from signInWithPin
};

// Why an account change was refused; each has a translated message in the UI.
enum class AccountError {
    None, NotAllowed, NameInvalid, PinTooShort, PinNotDigits, PinTooSimple, AdminPinTooShort, LastAdmin, NotFound,
    CardInUse
};

struct AccountChange {
    AccountError error = AccountError::None;
    std::optional<StaffAccount> account;
    bool ok() const { return error == AccountError::None; }
};

class StaffService {
public:
    StaffService(storage::Database& db, const Clock& clock, PinHasher hasher, PinPolicy policy);

    std::vector<StaffAccount> accounts();
    const PinPolicy& policy() const { return policy_; }
    // The same hashing for the PINs of other people the kiosk knows (the board's members).
    const PinHasher& pinHasher() const { return hasher_; }

    // Checks the PIN on the calling thread (the command line and tests; argon2id takes a tenth of a second).
    LoginResult signInWithPin(const std::string& accountId, const std::string& pin);

    // The same check for the screen, which must not freeze: beginPinCheck returns at once and the argon2id
    // verify runs on a worker thread. Call takeFinishedPinCheck on the UI thread (each frame while
    // pinCheckPending()): it applies the outcome (wrong-PIN count, lock, audit, session) and returns it, with the
    // ticket beginPinCheck gave. An unknown or locked account is answered without the worker, at the next take.
    // Every begun check is applied even if nobody waits for it any more, so walking away does not hide a wrong PIN.
    std::uint64_t beginPinCheck(const std::string& accountId, const std::string& pin);
    std::optional<LoginResult> takeFinishedPinCheck();
    bool pinCheckPending() const { return !pendingChecks_.empty() || !answeredChecks_.empty(); }
    // Called on the worker's thread when a check finishes (the window wakes its loop); set it before the first
    // beginPinCheck. What it calls must outlive this service.
    void setPinCheckWake(std::function<void()> wake) { pinCheckWake_ = std::move(wake); }

    // A card names an account; it never signs anyone in by itself (a lost card must not open staff mode).
    std::optional<StaffAccount> accountForCard(const std::string& cardUidHex);
    void signOut(const StaffSession& session, const char* reason);

    // Remaining lockout for an account, so the PIN pad can say so before anyone types.
    std::int64_t lockedUntil(const std::string& accountId);

    // Account management: the actor must be an admin or a system actor; a null actor is refused.
    AccountChange createAccount(const StaffSession* actor, const std::string& name, StaffRole role,
                                const std::string& pin);
    // A kiosk with no staff account at all (a new installation) lets whoever sets it up create the first admin,
    // on screen; once any account exists this is refused, and accounts are made by an admin.
    AccountChange createFirstAdmin(const std::string& name, const std::string& pin);
    AccountChange resetPin(const StaffSession* actor, const std::string& accountId, const std::string& pin);
    // Only a hash of the PIN is kept, so its length is unknown: making someone an admin takes a new PIN of
    // policy().adminMinDigits digits or more, given here (without one, AdminPinTooShort).
    AccountChange changeRole(const StaffSession* actor, const std::string& accountId, StaffRole role,
                             const std::optional<std::string>& newPin = std::nullopt);
    AccountChange assignCard(const StaffSession* actor, const std::string& accountId,
                             const std::optional<std::string>& cardUidHex);
    AccountChange removeAccount(const StaffSession* actor, const std::string& accountId);
    // Lifts a lock after wrong PINs (and forgets the wrong PINs): the admin has seen who it is. Audited.
    AccountChange unlock(const StaffSession* actor, const std::string& accountId);

    // Writes one line to the audit log on behalf of `actor` (null: the kiosk itself, as a system actor's would).
    // A change and its line go in one inTransaction: a change is never stored without its line, nor audited but lost.
    // `values` are what the line is about, by name (see AuditValues); the log reads them back as a sentence.
    void audit(const StaffSession* actor, const std::string& action, const AuditValues& values = {});
    // Runs `work` (a change and its audit line) in one transaction; see storage/transaction.h.
    void inTransaction(const std::function<void()>& work);
    std::vector<storage::AuditEntry> recentAudit(int limit) { return auditLog_.recent(limit); }

    static AccountError checkPin(const std::string& pin);
    // checkPin, and for an admin at least policy().adminMinDigits digits.
    AccountError checkPinFor(StaffRole role, const std::string& pin) const;
    static constexpr std::size_t kMaxNameLength = 80;

private:
    struct PendingCheck {
        std::string accountId;
        std::string pinHash;  // the hash verified against: if it changed meanwhile, the PIN no longer opens
    };
    // What happens before the hash verify: an unknown or locked account is answered at once.
    std::optional<LoginResult> answerWithoutVerify(const std::optional<StaffAccount>& account);
    LoginResult applyVerification(const std::string& accountId, const std::string& verifiedHash, bool matched);
    void postLockNotice(const StaffAccount& account, std::int64_t lockedUntil, int lockNumber);
    bool allowed(const StaffSession* actor) const;
    std::optional<AccountChange> refuseUnlessAllowed(const StaffSession* actor, const char* action);

    storage::Database& db_;
    storage::StaffStore store_;
    storage::AuditLog auditLog_;
    storage::StaffNoticeStore notices_;
    const Clock& clock_;
    PinHasher hasher_;
    PinPolicy policy_;
    std::function<void()> pinCheckWake_;
    std::uint64_t lastTicket_ = 0;
    std::map<std::uint64_t, PendingCheck> pendingChecks_;
    std::vector<LoginResult> answeredChecks_;
    std::unique_ptr<PinVerifyWorker> pinWorker_;  // last: it is joined before the rest goes
};

// A card UID is stored only as a digest, so that a copy of the database does not list card numbers in clear
// (a short UID can still be guessed from its digest: this hides, it does not protect).
std::string cardDigest(const std::string& cardUidHex);

}  // namespace vk::services
