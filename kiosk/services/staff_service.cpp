#include "kiosk/services/staff_service.h"

#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/services/user_text.h"
#include "kiosk/services/audit_sentences.h"
#include "storage/transaction.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>

namespace vk::services {

namespace {
constexpr std::int64_t kMsPerMinute = 60 * 1000;
constexpr int kLongestLockMinutes = 24 * 60;

StaffSession makeSystemActor(const char* name) {
    StaffSession actor;
    actor.displayName = name;
    actor.role = StaffRole::Admin;
    actor.system = true;
    return actor;
}

StaffSession sessionOf(const StaffAccount& account, std::int64_t now) {
    return StaffSession{account.id, account.displayName, account.role, now};
}
}  // namespace

const StaffSession& systemActor(SystemActor who) {
    // The names are what the activity log shows in the "who" column.
    static const StaffSession kCommandLine = makeSystemActor("command line");
    static const StaffSession kKiosk = makeSystemActor("kiosk");
    static const StaffSession kDemoData = makeSystemActor("demo data");
    static const StaffSession kRetentionJob = makeSystemActor("retention job");
    static const StaffSession kRotaFeed = makeSystemActor("rota feed");
    static const StaffSession kBookingFeed = makeSystemActor("booking feed");
    static const StaffSession kAgendaFeed = makeSystemActor("agenda feed");
    switch (who) {
    case SystemActor::CommandLine: return kCommandLine;
    case SystemActor::Kiosk: return kKiosk;
    case SystemActor::DemoData: return kDemoData;
    case SystemActor::RetentionJob: return kRetentionJob;
    case SystemActor::RotaFeed: return kRotaFeed;
    case SystemActor::BookingFeed: return kBookingFeed;
    case SystemActor::AgendaFeed: return kAgendaFeed;
    }
    return kKiosk;
}

int lockoutMinutesForLock(const PinPolicy& policy, int lockNumber) {
    constexpr int kGrowth[] = {1, 3, 12};
    const int base = std::max(1, policy.lockoutMinutes);
    if (lockNumber < 1) lockNumber = 1;
    const int longest = std::max(base, kLongestLockMinutes);
    if (lockNumber > static_cast<int>(std::size(kGrowth))) return longest;
    return std::min(longest, base * kGrowth[lockNumber - 1]);
}

std::string cardDigest(const std::string& cardUidHex) {
    std::string normalized;
    for (const char c : cardUidHex)
        if (std::isxdigit(static_cast<unsigned char>(c))) normalized += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    unsigned char digest[crypto_generichash_BYTES];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(normalized.data()),
                       normalized.size(), nullptr, 0);
    char hex[sizeof digest * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

StaffService::StaffService(storage::Database& db, const Clock& clock, PinHasher hasher, PinPolicy policy)
    : db_(db), store_(db), auditLog_(db), notices_(db), clock_(clock), hasher_(hasher), policy_(policy) {}

std::vector<StaffAccount> StaffService::accounts() { return store_.listActive(); }

std::int64_t StaffService::lockedUntil(const std::string& accountId) {
    const auto throttle = store_.throttle(accountId);
    return throttle.lockedUntil > clock_.nowMs() ? throttle.lockedUntil : 0;
}

std::optional<LoginResult> StaffService::answerWithoutVerify(const std::optional<StaffAccount>& account) {
    if (!account) return LoginResult{};
    const storage::LoginThrottle throttle = store_.throttle(account->id);
    if (throttle.lockedUntil > clock_.nowMs()) {
        LoginResult result;
        result.outcome = LoginOutcome::LockedOut;
        result.lockedUntil = throttle.lockedUntil;
        return result;
    }
    return std::nullopt;
}

LoginResult StaffService::signInWithPin(const std::string& accountId, const std::string& pin) {
    const auto account = store_.findActive(accountId);
    if (auto answer = answerWithoutVerify(account)) return *answer;
    return applyVerification(accountId, account->pinHash, hasher_.verify(account->pinHash, pin));
}

std::uint64_t StaffService::beginPinCheck(const std::string& accountId, const std::string& pin) {
    const std::uint64_t ticket = ++lastTicket_;
    const auto account = store_.findActive(accountId);
    if (auto answer = answerWithoutVerify(account)) {
        answer->ticket = ticket;
        answeredChecks_.push_back(*answer);
        if (pinCheckWake_) pinCheckWake_();
        return ticket;
    }
    if (!pinWorker_) pinWorker_ = std::make_unique<PinVerifyWorker>(pinCheckWake_);
    pendingChecks_[ticket] = {accountId, account->pinHash};
    pinWorker_->submit(ticket, account->pinHash, pin);
    return ticket;
}

std::optional<LoginResult> StaffService::takeFinishedPinCheck() {
    if (!answeredChecks_.empty()) {
        const LoginResult answer = answeredChecks_.front();
        answeredChecks_.erase(answeredChecks_.begin());
        return answer;
    }
    if (!pinWorker_) return std::nullopt;
    const auto done = pinWorker_->takeFinished();
    if (!done) return std::nullopt;
    const auto pending = pendingChecks_.find(done->ticket);
    if (pending == pendingChecks_.end()) return std::nullopt;
    const PendingCheck check = pending->second;
    pendingChecks_.erase(pending);
    LoginResult result = applyVerification(check.accountId, check.pinHash, done->matched);
    result.ticket = done->ticket;
    return result;
}

// Applied on the caller's thread once the hash verify is done. The account and its throttle are read again: a
// check that was queued behind others may find the account locked or removed, or its PIN changed, meanwhile.
LoginResult StaffService::applyVerification(const std::string& accountId, const std::string& verifiedHash,
                                            bool matched) {
    const auto account = store_.findActive(accountId);
    if (auto answer = answerWithoutVerify(account)) return *answer;
    if (account->pinHash != verifiedHash) matched = false;

    LoginResult result;
    const std::int64_t now = clock_.nowMs();
    if (matched) {
        result.outcome = LoginOutcome::SignedIn;
        result.session = sessionOf(*account, now);
        inTransaction([&] {
            store_.saveThrottle(accountId, {});
            audit(&*result.session, "staff.sign_in");
        });
        return result;
    }
    // The count goes on across locks until a good sign-in, so that the lock number (and how long it lasts) is
    // count / attempts and survives a restart without a column of its own.
    storage::LoginThrottle throttle = store_.throttle(accountId);
    ++throttle.failedCount;
    // The count, its audit line and the lock's notice together: a wrong PIN is never forgotten but audited.
    inTransaction([&] {
        const int attempts = std::max(1, policy_.attemptsBeforeLockout);
        const StaffSession subject = sessionOf(*account, now);
        if (throttle.failedCount % attempts == 0) {
            const int lockNumber = throttle.failedCount / attempts;
            const int minutes = lockoutMinutesForLock(policy_, lockNumber);
            throttle.lockedUntil = now + minutes * kMsPerMinute;
            result.outcome = LoginOutcome::LockedOut;
            result.lockedUntil = throttle.lockedUntil;
            audit(&subject, "staff.locked_out",
                  {{"count", std::to_string(throttle.failedCount)},
                   {"minutes", std::to_string(minutes)},
                   {"until_at", std::to_string(throttle.lockedUntil)}});
            postLockNotice(*account, throttle.lockedUntil, lockNumber);
        } else {
            throttle.lockedUntil = 0;
            result.outcome = LoginOutcome::WrongPin;
            result.attemptsLeft = attempts - throttle.failedCount % attempts;
            audit(&subject, "staff.wrong_pin");
        }
        store_.saveThrottle(accountId, throttle);
    });
    return result;
}

void StaffService::postLockNotice(const StaffAccount& account, std::int64_t lockedUntil, int lockNumber) {
    const char* key = lockNumber > 1 ? "staff.notice.locked_again" : "staff.notice.locked";
    notices_.add("staff",
                 i18n::trf(key, {{"name", account.displayName},
                                 {"until", i18n::shortDateTime(lockedUntil)},
                                 {"count", std::to_string(lockNumber)}}),
                 clock_.nowMs());
}

std::optional<StaffAccount> StaffService::accountForCard(const std::string& cardUidHex) {
    return store_.findByCardDigest(cardDigest(cardUidHex));
}

void StaffService::signOut(const StaffSession& session, const char* reason) {
    // The reason is the code's short phrase ("idle", "sign out"); the log says it in the reader's words.
    std::string slug;
    for (const char* c = reason ? reason : ""; *c; ++c) {
        const bool letter = std::isalnum(static_cast<unsigned char>(*c)) != 0;
        if (letter) slug += static_cast<char>(std::tolower(static_cast<unsigned char>(*c)));
        else if (!slug.empty() && slug.back() != '_') slug += '_';
    }
    audit(&session, "staff.sign_out", {{"reason_key", "audit.sign_out_reason." + slug}});
}

void StaffService::inTransaction(const std::function<void()>& work) { storage::inTransaction(db_, work); }

void StaffService::audit(const StaffSession* actor, const std::string& action, const AuditValues& values) {
    if (!actor) actor = &systemActor(SystemActor::Kiosk);
    storage::AuditEntry entry;
    entry.at = clock_.nowMs();
    if (!actor->system) entry.actorId = actor->accountId;
    entry.actorName = actor->displayName;
    entry.action = action;
    entry.detail = values.empty() ? std::string() : auditDetail(values);
    auditLog_.append(entry);
}

AccountError StaffService::checkPin(const std::string& pin) {
    if (!std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return AccountError::PinNotDigits;
    if (pin.size() < 4 || pin.size() > 8) return AccountError::PinTooShort;
    // The first PINs anyone tries: one digit repeated, or a straight run up or down.
    const bool repeated = std::all_of(pin.begin(), pin.end(), [&](char c) { return c == pin[0]; });
    bool ascending = true;
    bool descending = true;
    for (std::size_t i = 1; i < pin.size(); ++i) {
        ascending = ascending && pin[i] == static_cast<char>(((pin[i - 1] - '0' + 1) % 10) + '0');
        descending = descending && pin[i] == static_cast<char>(((pin[i - 1] - '0' + 9) % 10) + '0');
    }
    return (repeated || ascending || descending) ? AccountError::PinTooSimple : AccountError::None;
}

AccountError StaffService::checkPinFor(StaffRole role, const std::string& pin) const {
    if (const AccountError error = checkPin(pin); error != AccountError::None) return error;
    if (role == StaffRole::Admin && pin.size() < static_cast<std::size_t>(policy_.adminMinDigits))
        return AccountError::AdminPinTooShort;
    return AccountError::None;
}

bool StaffService::allowed(const StaffSession* actor) const {
    return actor != nullptr && actor->role == StaffRole::Admin;
}

std::optional<AccountChange> StaffService::refuseUnlessAllowed(const StaffSession* actor, const char* action) {
    if (allowed(actor)) return std::nullopt;
    audit(actor, "staff.refused", {{"attempt_key", std::string("audit.attempt.") + action}});
    return AccountChange{AccountError::NotAllowed, std::nullopt};
}

AccountChange StaffService::createAccount(const StaffSession* actor, const std::string& name, StaffRole role,
                                          const std::string& pin) {
    if (auto refused = refuseUnlessAllowed(actor, "create_account")) return *refused;
    const std::string cleanName = cleanUserText(name, kMaxNameLength);
    if (cleanName.empty()) return {AccountError::NameInvalid, std::nullopt};
    if (const AccountError pinError = checkPinFor(role, pin); pinError != AccountError::None)
        return {pinError, std::nullopt};
    const std::string pinHash = hasher_.hash(pin);
    StaffAccount account;
    inTransaction([&] {
        account = store_.create(cleanName, role, pinHash, clock_.nowMs());
        audit(actor, "staff.account.create",
              {{"name", account.displayName}, {"role_key", "staff.role." + std::string(storage::roleKey(role))}});
    });
    return {AccountError::None, account};
}

AccountChange StaffService::createFirstAdmin(const std::string& name, const std::string& pin) {
    if (!store_.listActive().empty()) return {AccountError::NotAllowed, std::nullopt};
    return createAccount(&systemActor(SystemActor::Kiosk), name, StaffRole::Admin, pin);
}

AccountChange StaffService::resetPin(const StaffSession* actor, const std::string& accountId, const std::string& pin) {
    if (auto refused = refuseUnlessAllowed(actor, "reset_pin")) return *refused;
    const auto account = store_.findActive(accountId);
    if (!account) return {AccountError::NotFound, std::nullopt};
    if (const AccountError pinError = checkPinFor(account->role, pin); pinError != AccountError::None)
        return {pinError, std::nullopt};
    const std::string pinHash = hasher_.hash(pin);
    inTransaction([&] {
        store_.setPinHash(accountId, pinHash, clock_.nowMs());
        store_.saveThrottle(accountId, {});
        audit(actor, "staff.account.reset_pin", {{"name", account->displayName}});
    });
    return {AccountError::None, store_.findActive(accountId)};
}

AccountChange StaffService::unlock(const StaffSession* actor, const std::string& accountId) {
    if (auto refused = refuseUnlessAllowed(actor, "unlock")) return *refused;
    const auto account = store_.findActive(accountId);
    if (!account) return {AccountError::NotFound, std::nullopt};
    inTransaction([&] {
        store_.saveThrottle(accountId, {});
        audit(actor, "staff.account.unlock", {{"name", account->displayName}});
    });
    return {AccountError::None, account};
}

AccountChange StaffService::changeRole(const StaffSession* actor, const std::string& accountId, StaffRole role,
                                       const std::optional<std::string>& newPin) {
    if (auto refused = refuseUnlessAllowed(actor, "change_role")) return *refused;
    const auto account = store_.findActive(accountId);
    if (!account) return {AccountError::NotFound, std::nullopt};
    if (account->role == StaffRole::Admin && role != StaffRole::Admin && store_.countActiveAdmins() <= 1)
        return {AccountError::LastAdmin, std::nullopt};
    const bool promoted = role == StaffRole::Admin && account->role != StaffRole::Admin;
    if (promoted && !newPin) return {AccountError::AdminPinTooShort, std::nullopt};
    if (newPin) {
        if (const AccountError pinError = checkPinFor(role, *newPin); pinError != AccountError::None)
            return {pinError, std::nullopt};
    }
    const std::int64_t now = clock_.nowMs();
    const std::string pinHash = newPin ? hasher_.hash(*newPin) : std::string();
    inTransaction([&] {
        store_.setRole(accountId, role, now);
        if (newPin) {
            store_.setPinHash(accountId, pinHash, now);
            store_.saveThrottle(accountId, {});
        }
        audit(actor, "staff.account.change_role",
              {{"name", account->displayName}, {"role_key", "staff.role." + std::string(storage::roleKey(role))}});
        if (newPin) audit(actor, "staff.account.reset_pin", {{"name", account->displayName}});
    });
    return {AccountError::None, store_.findActive(accountId)};
}

AccountChange StaffService::assignCard(const StaffSession* actor, const std::string& accountId,
                                       const std::optional<std::string>& cardUidHex) {
    if (auto refused = refuseUnlessAllowed(actor, "assign_card")) return *refused;
    const auto account = store_.findActive(accountId);
    if (!account) return {AccountError::NotFound, std::nullopt};
    std::optional<std::string> digest;
    if (cardUidHex) {
        digest = cardDigest(*cardUidHex);
        const auto holder = store_.findByCardDigest(*digest);
        if (holder && holder->id != accountId) return {AccountError::CardInUse, std::nullopt};
    }
    inTransaction([&] {
        store_.setCardDigest(accountId, digest, clock_.nowMs());
        audit(actor, cardUidHex ? "staff.account.assign_card" : "staff.account.remove_card",
              {{"name", account->displayName}});
    });
    return {AccountError::None, store_.findActive(accountId)};
}

AccountChange StaffService::removeAccount(const StaffSession* actor, const std::string& accountId) {
    if (auto refused = refuseUnlessAllowed(actor, "remove_account")) return *refused;
    const auto account = store_.findActive(accountId);
    if (!account) return {AccountError::NotFound, std::nullopt};
    if (account->role == StaffRole::Admin && store_.countActiveAdmins() <= 1)
        return {AccountError::LastAdmin, std::nullopt};
    inTransaction([&] {
        store_.softDelete(accountId, clock_.nowMs());
        audit(actor, "staff.account.remove", {{"name", account->displayName}});
    });
    return {AccountError::None, std::nullopt};
}

}  // namespace vk::services
