#pragma once
// The members of the service-exchange board and the time bank: residents known to the café, added and edited by
// the café manager (or an admin), identified at the kiosk by their card or by their name and a short PIN.
//
// A member's PIN is hashed with argon2id (the staff PINs' hasher) and wrong PINs lock the member as wrong staff
// PINs lock an account (the same PinPolicy: 5 tries, then 5 min, 15 min, 1 h, 24 h). Every change is audited
// under `board.member.*`, naming the member by id.

#include "kiosk/services/clock.h"
#include "kiosk/services/pin_hasher.h"
#include "kiosk/services/staff_service.h"
#include "storage/board_store.h"
#include "storage/member_store.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vk::services::board {

using storage::Member;
using storage::MemberConsent;

// Why a change was refused; each has a translated message (board.member.error.*).
enum class MemberError {
    None,
    NotAllowed,  // members are managed by the café manager or an admin
    NotFound,
    NameInvalid,     // empty once cleaned
    VillageInvalid,  // too long
    PhoneInvalid,    // digits, spaces, dots, dashes and a leading +, 6 to 20 digits
    EmailInvalid,
    PinTooShort,  // 4 to 8 digits
    PinNotDigits,
    PinTooSimple,  // 1111, 1234, 4321…
    CardInvalid,   // the reader gave no hexadecimal UID
    CardInUse,     // another member (or a staff account) has this card
};

std::string_view memberErrorKey(MemberError error);  // "board.member.error.name_invalid"…

struct MemberChange {
    MemberError error = MemberError::None;
    std::optional<Member> member;
    bool ok() const { return error == MemberError::None; }
};

// What the manager types for a member. Phone and e-mail may be empty (many members have neither); the PIN may be
// empty for a member who uses a card.
struct MemberForm {
    std::string name;
    std::string village;
    std::string phone;
    std::string email;
    std::string pin;  // ignored by edit: see setPin
    MemberConsent consent;
};

enum class IdentifyOutcome { Identified, WrongPin, LockedOut, Unknown };

struct Identification {
    IdentifyOutcome outcome = IdentifyOutcome::Unknown;
    std::optional<Member> member;  // when Identified
    int attemptsLeft = 0;          // after a wrong PIN
    std::int64_t lockedUntil = 0;  // when locked out
    bool identified() const { return outcome == IdentifyOutcome::Identified; }
};

// One address, as a person types it: no list, no spaces (also the orders' supplier addresses).
bool isEmailAddress(const std::string& email);

// The café manager and admins (and the system actors) manage members; a null actor may not.
bool mayManageMembers(const StaffSession* actor);

class MemberRegistry {
public:
    MemberRegistry(storage::Database& db, const Clock& clock, StaffService& staff, PinHasher hasher, PinPolicy policy);

    MemberChange add(const StaffSession* actor, const MemberForm& form);
    // Name, village, phone, e-mail and consent; the PIN and the card are set with setPin and assignCard.
    MemberChange edit(const StaffSession* actor, const std::string& memberId, const MemberForm& form);
    // An empty PIN removes it (the member then identifies by card only). Clears the wrong-PIN count.
    MemberChange setPin(const StaffSession* actor, const std::string& memberId, const std::string& pin);
    // nullopt takes the card away.
    MemberChange assignCard(const StaffSession* actor, const std::string& memberId,
                            const std::optional<std::string>& cardUidHex);
    // Soft delete, with the member's posts; the record is purged after retention.removed_members_days.
    MemberChange remove(const StaffSession* actor, const std::string& memberId);

    std::optional<Member> find(const std::string& memberId);
    // Live members by name; `nameStart` (as typed: « lef » finds Lefèvre) narrows the list.
    std::vector<Member> list(const std::string& nameStart = "", int limit = 1000);
    int count();

    // A card read at the kiosk; Unknown for a card no member has.
    Identification identifyByCard(const std::string& cardUidHex);
    // Name (compared folded: case, accents, spaces and hyphens do not matter) and PIN. Two members of the same
    // name are told apart by their PINs. A wrong PIN counts against every member of that name; Unknown when no
    // member of that name has a PIN (the screen says the same « nom ou code incorrect » for both). Runs argon2id
    // on the calling thread: about a tenth of a second per member of that name.
    Identification identifyByNameAndPin(const std::string& name, const std::string& pin);
    std::int64_t lockedUntil(const std::string& memberId);

    static constexpr std::size_t kMaxNameLength = 80;
    static constexpr std::size_t kMaxVillageLength = 80;
    static constexpr std::size_t kMaxEmailLength = 120;

private:
    std::optional<MemberChange> refuseUnlessAllowed(const StaffSession* actor, const char* action);
    MemberError readForm(const MemberForm& form, storage::MemberDetails& details);
    void countWrongPin(const Member& member, Identification& result);

    storage::MemberStore store_;
    storage::BoardStore posts_;
    const Clock& clock_;
    StaffService& staff_;
    PinHasher hasher_;
    PinPolicy policy_;
};

}  // namespace vk::services::board
