#pragma once
// The members the time bank moves minutes between, as the time bank needs them: an id, a name to print, and the
// two ways the counter identifies one (a card, or a name and a short PIN). The members themselves (who they are,
// their consent, their PIN) belong to the board (kiosk/services/board/); the time bank only keys its ledger by
// their ids and asks this interface, so that the ledger can be tested and run without the board.

#include <cstdint>
#include <optional>
#include <string>

namespace vk::services::timebank {

struct TimeBankMember {
    std::string id;    // the board's member id (UUIDv7)
    std::string name;  // as the member is called at the counter, for the screen and the receipts
};

struct NameAndPinLookup {
    std::optional<TimeBankMember> member;  // nothing for a wrong PIN or an unknown name, alike
    std::int64_t lockedUntil = 0;          // ms UTC, when too many wrong PINs lock that name for a while
};

class MemberDirectory {
public:
    virtual ~MemberDirectory() = default;
    virtual std::optional<TimeBankMember> find(const std::string& memberId) = 0;
    // The member whose card has this UID (hexadecimal, as the reader gives it).
    virtual std::optional<TimeBankMember> byCard(const std::string& cardUidHex) = 0;
    // The member of that name with that PIN. Wrong PINs count towards a lockout, as the board's do.
    virtual NameAndPinLookup byNameAndPin(const std::string& name, const std::string& pin) = 0;
};

}  // namespace vk::services::timebank
