#include "kiosk/services/staff_service.h"

#include "kiosk/services/user_text.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>

namespace vk::services {

namespace {
constexpr std::int64_t kMsPerMinute = 60 * 1000;
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
    : store_(db), auditLog_(db), clock_(clock), hasher_(hasher), policy_(policy) {}

std::vector<StaffAccount> StaffService::accounts() { return store_.listActive(); }

std::int64_t StaffService::lockedUntil(const std::string& accountId) {
    const auto throttle = store_.throttle(accountId);
    return throttle.lockedUntil > clock_.nowMs() ? throttle.lockedUntil : 0;
}

LoginResult StaffService::signInWithPin(const std::string& accountId, const std::string& pin) {
    LoginResult result;
    const auto account = store_.findActive(accountId);
    if (!account) return result;

    const std::int64_t now = clock_.nowMs();
    storage::LoginThrottle throttle = store_.throttle(accountId);
    if (throttle.lockedUntil > now) {
        result.outcome = LoginOutcome::LockedOut;
        result.lockedUntil = throttle.lockedUntil;
        return result;
    }
    if (hasher_.verify(account->pinHash, pin)) {
        store_.saveThrottle(accountId, {});
        result.outcome = LoginOutcome::SignedIn;
        result.session = StaffSession{account->id, account->displayName, account->role, now};
        audit(&*result.session, "staff.sign_in");
        return result;
    }
    // A lockout that has run out starts a fresh count.
    if (throttle.lockedUntil != 0) throttle = {};
    ++throttle.failedCount;
    StaffSession subject{account->id, account->displayName, account->role, now};
    if (throttle.failedCount >= policy_.attemptsBeforeLockout) {
        throttle.lockedUntil = now + policy_.lockoutMinutes * kMsPerMinute;
        result.outcome = LoginOutcome::LockedOut;
        result.lockedUntil = throttle.lockedUntil;
        audit(&subject, "staff.locked_out", std::to_string(throttle.failedCount) + " wrong PINs");
    } else {
        result.outcome = LoginOutcome::WrongPin;
        result.attemptsLeft = policy_.attemptsBeforeLockout - throttle.failedCount;
        audit(&subject, "staff.wrong_pin");
    }
    store_.saveThrottle(accountId, throttle);
    return result;
}

std::optional<StaffAccount> StaffService::accountForCard(const std::string& cardUidHex) {
    return store_.findByCardDigest(cardDigest(cardUidHex));
}

void StaffService::signOut(const StaffSession& session, const char* reason) {
    audit(&session, "staff.sign_out", reason);
}

void StaffService::audit(const StaffSession* actor, const std::string& action, const std::string& detail) {
    storage::AuditEntry entry;
    entry.at = clock_.nowMs();
    if (actor) {
        entry.actorId = actor->accountId;
        entry.actorName = actor->displayName;
    } else {
        entry.actorName = "system";
    }
    entry.action = action;
    entry.detail = detail;
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

bool StaffService::allowed(const StaffSession* actor) const {
    return actor == nullptr || actor->role == StaffRole::Admin;
}

std::optional<AccountChange> StaffService::refuseUnlessAllowed(const StaffSession* actor, const char* action) {
    if (allowed(actor)) return std::nullopt;
    audit(actor, "staff.refused", action);
    return AccountChange{AccountError::NotAllowed, std::nullopt};
}

AccountChange StaffService::createAccount(const StaffSession* actor, const std::string& name, StaffRole role,
                                          const std::string& pin) {
    if (auto refused = refuseUnlessAllowed(actor, "create account")) return *refused;
    const std::string cleanName = cleanUserText(name, kMaxNameLength);
    if (cleanName.empty()) return {AccountError::NameInvalid, std::nullopt};
    if (const AccountError pinError = checkPin(pin); pinError != AccountError::None) return {pinError, std::nullopt};
    StaffAccount account = store_.create(cleanName, role, hasher_.hash(pin), clock_.nowMs());
    audit(actor, "staff.account.create", account.displayName + " (" + std::string(storage::roleKey(role)) + ")");
    return {AccountError::None, account};
}

AccountChange StaffService::resetPin(const StaffSession* actor, const std::string& accountId, const std::string& pin) {
    if (auto refused = refuseUnlessAllowed(actor, "reset PIN")) return *refused;
    const auto account = store_.findActive(accountId);
    if (!account) return {AccountError::NotFound, std::nullopt};
    if (const AccountError pinError = checkPin(pin); pinError != AccountError::None) return {pinError, std::nullopt};
    store_.setPinHash(accountId, hasher_.hash(pin), clock_.nowMs());
    store_.saveThrottle(accountId, {});
    audit(actor, "staff.account.reset_pin", account->displayName);
    return {AccountError::None, store_.findActive(accountId)};
}

AccountChange StaffService::changeRole(const StaffSession* actor, const std::string& accountId, StaffRole role) {
    if (auto refused = refuseUnlessAllowed(actor, "change role")) return *refused;
    const auto account = store_.findActive(accountId);
    if (!account) return {AccountError::NotFound, std::nullopt};
    if (account->role == StaffRole::Admin && role != StaffRole::Admin && store_.countActiveAdmins() <= 1)
        return {AccountError::LastAdmin, std::nullopt};
    store_.setRole(accountId, role, clock_.nowMs());
    audit(actor, "staff.account.change_role", account->displayName + " → " + std::string(storage::roleKey(role)));
    return {AccountError::None, store_.findActive(accountId)};
}

AccountChange StaffService::assignCard(const StaffSession* actor, const std::string& accountId,
                                       const std::optional<std::string>& cardUidHex) {
    if (auto refused = refuseUnlessAllowed(actor, "assign card")) return *refused;
    const auto account = store_.findActive(accountId);
    if (!account) return {AccountError::NotFound, std::nullopt};
    std::optional<std::string> digest;
    if (cardUidHex) {
        digest = cardDigest(*cardUidHex);
        const auto holder = store_.findByCardDigest(*digest);
        if (holder && holder->id != accountId) return {AccountError::CardInUse, std::nullopt};
    }
    store_.setCardDigest(accountId, digest, clock_.nowMs());
    audit(actor, cardUidHex ? "staff.account.assign_card" : "staff.account.remove_card", account->displayName);
    return {AccountError::None, store_.findActive(accountId)};
}

AccountChange StaffService::removeAccount(const StaffSession* actor, const std::string& accountId) {
    if (auto refused = refuseUnlessAllowed(actor, "remove account")) return *refused;
    const auto account = store_.findActive(accountId);
    if (!account) return {AccountError::NotFound, std::nullopt};
    if (account->role == StaffRole::Admin && store_.countActiveAdmins() <= 1)
        return {AccountError::LastAdmin, std::nullopt};
    store_.softDelete(accountId, clock_.nowMs());
    audit(actor, "staff.account.remove", account->displayName);
    return {AccountError::None, std::nullopt};
}

}  // namespace vk::services
