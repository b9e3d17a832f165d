#include "kiosk/services/board/member_registry.h"
#include "kiosk/services/timebank/timebank_area.h"

namespace vk::services::timebank {
namespace {

// The board's members, through a registry of the time bank's own on the same database: the board area keeps its
// members, the time bank only reads them (and counts wrong PINs through the registry, as the board does).
class BoardMembers final : public MemberDirectory {
public:
    BoardMembers(storage::Database& db, const Clock& clock, StaffService& staff)
        : registry_(db, clock, staff, staff.pinHasher(), staff.policy()) {}

    std::optional<TimeBankMember> find(const std::string& memberId) override {
        return of(registry_.find(memberId));
    }
    std::optional<TimeBankMember> byCard(const std::string& cardUidHex) override {
        return of(registry_.identifyByCard(cardUidHex).member);
    }
    NameAndPinLookup byNameAndPin(const std::string& name, const std::string& pin) override {
        const auto identification = registry_.identifyByNameAndPin(name, pin);
        if (identification.identified()) return {of(identification.member), 0};
        return {std::nullopt, identification.outcome == board::IdentifyOutcome::LockedOut ? identification.lockedUntil : 0};
    }

private:
    static std::optional<TimeBankMember> of(const std::optional<board::Member>& member) {
        if (!member) return std::nullopt;
        return TimeBankMember{member->id, member->displayName};
    }

    board::MemberRegistry registry_;
};

}  // namespace

std::unique_ptr<MemberDirectory> makeBoardMemberDirectory(storage::Database& db, const Clock& clock,
                                                          StaffService& staff) {
    return std::make_unique<BoardMembers>(db, clock, staff);
}

}  // namespace vk::services::timebank
