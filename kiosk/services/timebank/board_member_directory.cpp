#include "kiosk/services/timebank/timebank_area.h"

namespace vk::services::timebank {
namespace {

// Until the board's members are here (branch h-board), the time bank knows no member: every transfer is refused as
// UnknownPayer. Tests and the command line's tests pass their own directory.
class NoMembers final : public MemberDirectory {
public:
    std::optional<TimeBankMember> find(const std::string&) override { return std::nullopt; }
    std::optional<TimeBankMember> byCard(const std::string&) override { return std::nullopt; }
    std::optional<TimeBankMember> byNameAndPin(const std::string&, const std::string&) override { return std::nullopt; }
};

}  // namespace

std::unique_ptr<MemberDirectory> makeBoardMemberDirectory(const AreaContext& context) {
    (void)context;
    return std::make_unique<NoMembers>();
}

}  // namespace vk::services::timebank
