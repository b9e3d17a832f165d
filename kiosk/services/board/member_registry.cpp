#include "kiosk/services/board/member_registry.h"

#include "kiosk/i18n/dates.h"
#include "kiosk/services/board/board_text.h"
#include "kiosk/services/card_uid.h"
#include "kiosk/services/user_text.h"

#include <algorithm>
#include <cctype>

namespace vk::services::board {
namespace {

constexpr std::int64_t kMsPerMinute = 60'000;

// A French or international number as people write it: 06 12 34 56 78, 06.12.34.56.78, +33 6 12 34 56 78.
bool isPhone(const std::string& phone) {
    int digits = 0;
    for (std::size_t i = 0; i < phone.size(); ++i) {
        const char c = phone[i];
        if (c >= '0' && c <= '9')
            ++digits;
        else if (c == '+' && i == 0)
            continue;
        else if (c != ' ' && c != '.' && c != '-')
            return false;
    }
    return digits >= 6 && digits <= 20;
}

MemberError pinError(const std::string& pin) {
    switch (StaffService::checkPin(pin)) {
    case AccountError::None: return MemberError::None;
    case AccountError::PinNotDigits: return MemberError::PinNotDigits;
    case AccountError::PinTooSimple: return MemberError::PinTooSimple;
    default: return MemberError::PinTooShort;
    }
}

std::optional<std::string> optionalText(const std::string& text) {
    if (text.empty()) return std::nullopt;
    return text;
}

}  // namespace

bool isEmailAddress(const std::string& email) {
    const auto at = email.find('@');
    if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos) return false;
    const auto dot = email.find('.', at);
    if (dot == std::string::npos || dot == at + 1 || dot + 1 >= email.size()) return false;
    return std::none_of(email.begin(), email.end(), [](char c) { return c == ' ' || c == ',' || c == ';'; });
}

std::string_view memberErrorKey(MemberError error) {
    switch (error) {
    case MemberError::None: return "board.member.saved";
    case MemberError::NotAllowed: return "board.member.error.not_allowed";
    case MemberError::NotFound: return "board.member.error.not_found";
    case MemberError::NameInvalid: return "board.member.error.name_invalid";
    case MemberError::VillageInvalid: return "board.member.error.village_invalid";
    case MemberError::PhoneInvalid: return "board.member.error.phone_invalid";
    case MemberError::EmailInvalid: return "board.member.error.email_invalid";
    case MemberError::PinTooShort: return "board.member.error.pin_too_short";
    case MemberError::PinNotDigits: return "board.member.error.pin_not_digits";
    case MemberError::PinTooSimple: return "board.member.error.pin_too_simple";
    case MemberError::CardInvalid: return "board.member.error.card_invalid";
    case MemberError::CardInUse: return "board.member.error.card_in_use";
    }
    return "board.member.error.not_found";
}

bool mayManageMembers(const StaffSession* actor) {
    return actor != nullptr && (actor->role == StaffRole::CafeManager || actor->role == StaffRole::Admin);
}

MemberRegistry::MemberRegistry(storage::Database& db, const Clock& clock, StaffService& staff, PinHasher hasher,
                               PinPolicy policy)
    : store_(db), posts_(db), clock_(clock), staff_(staff), hasher_(hasher), policy_(policy) {}

std::optional<MemberChange> MemberRegistry::refuseUnlessAllowed(const StaffSession* actor, const char* action) {
    if (mayManageMembers(actor)) return std::nullopt;
    staff_.audit(actor, "board.member.refused", {{"attempt_key", std::string("audit.attempt.") + action}});
    return MemberChange{MemberError::NotAllowed, std::nullopt};
}

MemberError MemberRegistry::readForm(const MemberForm& form, storage::MemberDetails& details) {
    details.displayName = cleanUserText(form.name, kMaxNameLength);
    details.nameKey = memberNameKey(details.displayName);
    if (details.displayName.empty() || details.nameKey.empty()) return MemberError::NameInvalid;
    if (countCodepoints(cleanUserText(form.village, 4 * kMaxVillageLength)) > kMaxVillageLength)
        return MemberError::VillageInvalid;
    details.village = cleanUserText(form.village, kMaxVillageLength);
    const std::string phone = cleanUserText(form.phone, 40);
    if (!phone.empty() && !isPhone(phone)) return MemberError::PhoneInvalid;
    details.phone = optionalText(phone);
    const std::string email = cleanUserText(form.email, kMaxEmailLength + 1);
    if (!email.empty() && (email.size() > kMaxEmailLength || !isEmailAddress(email))) return MemberError::EmailInvalid;
    details.email = optionalText(email);
    details.consent = form.consent;
    // A phone that is not there cannot be shown.
    if (!details.phone) details.consent.showPhone = false;
    return MemberError::None;
}

MemberChange MemberRegistry::add(const StaffSession* actor, const MemberForm& form) {
    if (auto refused = refuseUnlessAllowed(actor, "add_member")) return *refused;
    storage::MemberDetails details;
    if (const MemberError error = readForm(form, details); error != MemberError::None) return {error, std::nullopt};
    std::optional<std::string> pinHash;
    if (!form.pin.empty()) {
        if (const MemberError error = pinError(form.pin); error != MemberError::None) return {error, std::nullopt};
        pinHash = hasher_.hash(form.pin);
    }
    Member member;
    staff_.inTransaction([&] {
        member = store_.create(details, pinHash, clock_.nowMs());
        staff_.audit(actor, "board.member.add", {{"member", member.displayName}});
    });
    return {MemberError::None, member};
}

MemberChange MemberRegistry::edit(const StaffSession* actor, const std::string& memberId, const MemberForm& form) {
    if (auto refused = refuseUnlessAllowed(actor, "edit_member")) return *refused;
    const auto before = store_.findActive(memberId);
    if (!before) return {MemberError::NotFound, std::nullopt};
    storage::MemberDetails details;
    if (const MemberError error = readForm(form, details); error != MemberError::None) return {error, std::nullopt};
    staff_.inTransaction([&] {
        store_.update(memberId, details, clock_.nowMs());
        staff_.audit(actor, "board.member.edit", {{"member", details.displayName}, {"before", before->displayName}});
    });
    return {MemberError::None, store_.findActive(memberId)};
}

MemberChange MemberRegistry::setPin(const StaffSession* actor, const std::string& memberId, const std::string& pin) {
    if (auto refused = refuseUnlessAllowed(actor, "set_member_pin")) return *refused;
    const auto member = store_.findActive(memberId);
    if (!member) return {MemberError::NotFound, std::nullopt};
    std::optional<std::string> pinHash;
    if (!pin.empty()) {
        if (const MemberError error = pinError(pin); error != MemberError::None) return {error, std::nullopt};
        pinHash = hasher_.hash(pin);
    }
    staff_.inTransaction([&] {
        store_.setPinHash(memberId, pinHash, clock_.nowMs());
        store_.saveThrottle(memberId, {});
        staff_.audit(actor, pinHash ? "board.member.set_pin" : "board.member.remove_pin", {{"member", member->displayName}});
    });
    return {MemberError::None, store_.findActive(memberId)};
}

MemberChange MemberRegistry::assignCard(const StaffSession* actor, const std::string& memberId,
                                        const std::optional<std::string>& cardUidHex) {
    if (auto refused = refuseUnlessAllowed(actor, "assign_member_card")) return *refused;
    const auto member = store_.findActive(memberId);
    if (!member) return {MemberError::NotFound, std::nullopt};
    std::optional<std::string> digest;
    if (cardUidHex) {
        if (!isCardUid(*cardUidHex)) return {MemberError::CardInvalid, std::nullopt};
        digest = cardDigest(*cardUidHex);
        const auto holder = store_.findByCardDigest(*digest);
        if ((holder && holder->id != memberId) || staff_.accountForCard(*cardUidHex))
            return {MemberError::CardInUse, std::nullopt};
    }
    staff_.inTransaction([&] {
        store_.setCardDigest(memberId, digest, clock_.nowMs());
        staff_.audit(actor, cardUidHex ? "board.member.assign_card" : "board.member.remove_card",
                     {{"member", member->displayName}});
    });
    return {MemberError::None, store_.findActive(memberId)};
}

MemberChange MemberRegistry::remove(const StaffSession* actor, const std::string& memberId) {
    if (auto refused = refuseUnlessAllowed(actor, "remove_member")) return *refused;
    const auto member = store_.findActive(memberId);
    if (!member) return {MemberError::NotFound, std::nullopt};
    posts_.inTransaction([&] {
        store_.softDelete(memberId, clock_.nowMs());
        posts_.softDeleteOfMember(memberId, clock_.nowMs());
        staff_.audit(actor, "board.member.remove", {{"member", member->displayName}});
    });
    return {MemberError::None, member};
}

std::optional<Member> MemberRegistry::find(const std::string& memberId) { return store_.findActive(memberId); }

std::vector<Member> MemberRegistry::list(const std::string& nameStart, int limit) {
    return store_.listActive(memberNameKey(nameStart), limit);
}

int MemberRegistry::count() { return store_.countActive(); }

Identification MemberRegistry::identifyByCard(const std::string& cardUidHex) {
    Identification result;
    if (!isCardUid(cardUidHex)) return result;
    if (auto member = store_.findByCardDigest(cardDigest(cardUidHex))) {
        result.outcome = IdentifyOutcome::Identified;
        result.member = std::move(member);
    }
    return result;
}

std::int64_t MemberRegistry::lockedUntil(const std::string& memberId) {
    const auto throttle = store_.throttle(memberId);
    return throttle.lockedUntil > clock_.nowMs() ? throttle.lockedUntil : 0;
}

void MemberRegistry::countWrongPin(const Member& member, Identification& result) {
    const int attempts = std::max(1, policy_.attemptsBeforeLockout);
    storage::MemberPinThrottle throttle = store_.throttle(member.id);
    ++throttle.failedCount;
    staff_.inTransaction([&] {
        if (throttle.failedCount % attempts == 0) {
            const int lockNumber = throttle.failedCount / attempts;
            throttle.lockedUntil = clock_.nowMs() + lockoutMinutesForLock(policy_, lockNumber) * kMsPerMinute;
            staff_.audit(nullptr, "board.member.locked_out",
                         {{"member", member.displayName},
                          {"count", std::to_string(throttle.failedCount)},
                          {"until_at", std::to_string(throttle.lockedUntil)}});
            result.lockedUntil = std::max(result.lockedUntil, throttle.lockedUntil);
        } else {
            throttle.lockedUntil = 0;
            result.attemptsLeft = std::max(result.attemptsLeft, attempts - throttle.failedCount % attempts);
        }
        store_.saveThrottle(member.id, throttle);
    });
}

Identification MemberRegistry::identifyByNameAndPin(const std::string& name, const std::string& pin) {
    Identification result;
    const std::string key = memberNameKey(name);
    if (key.empty()) return result;
    std::vector<Member> candidates;
    std::int64_t latestLock = 0;
    const std::int64_t now = clock_.nowMs();
    for (Member& member : store_.findByNameKey(key)) {
        if (!member.pinHash) continue;
        const std::int64_t locked = store_.throttle(member.id).lockedUntil;
        if (locked > now) {
            latestLock = std::max(latestLock, locked);
            continue;
        }
        candidates.push_back(std::move(member));
    }
    if (candidates.empty()) {
        if (latestLock > 0) {
            result.outcome = IdentifyOutcome::LockedOut;
            result.lockedUntil = latestLock;
        }
        return result;
    }
    // A PIN of the wrong shape is still a wrong PIN: it counts, so that nobody learns the rules by trying.
    for (Member& member : candidates)
        if (hasher_.verify(*member.pinHash, pin)) {
            store_.saveThrottle(member.id, {});
            result.outcome = IdentifyOutcome::Identified;
            result.member = std::move(member);
            return result;
        }
    for (const Member& member : candidates) countWrongPin(member, result);
    result.outcome = result.lockedUntil > 0 && result.attemptsLeft == 0 ? IdentifyOutcome::LockedOut
                                                                         : IdentifyOutcome::WrongPin;
    return result;
}

}  // namespace vk::services::board
