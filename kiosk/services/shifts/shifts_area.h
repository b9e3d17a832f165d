#pragma once
// The participative grocery's volunteer shifts as an area (docs/shifts.md): its [shifts] section, its services
// and what the impact report counts of it (service "grocery", kind "volunteer_hours").

#include "kiosk/services/area.h"
#include "kiosk/services/shifts/volunteer_shifts.h"
#include "kiosk/services/timebank/member_directory.h"

#include <memory>

namespace vk::services::shifts {

// The [shifts] section of kiosk.toml (docs/configuration.md).
struct ShiftsSettings {
    // What each member gives a month unless the coordinator set their own commitment.
    int monthlyCommitmentMinutes = kDefaultMonthlyCommitmentMinutes;
};

class ShiftsServices : public AreaServices {
public:
    // `members` null: the board's members (the time bank's directory of them), as the orders do.
    explicit ShiftsServices(const AreaContext& context, std::unique_ptr<timebank::MemberDirectory> members = nullptr);
    timebank::MemberDirectory& members() { return *members_; }

    // Once a minute: tomorrow's reminders (VolunteerShifts::queueReminders), to the board's phone or e-mail.
    bool poll(std::int64_t nowMs) override;
    std::int64_t nextDueMs() const override { return nextRoundMs_; }

    const ShiftsSettings settings;

private:
    std::unique_ptr<timebank::MemberDirectory> members_;
    storage::Database& db_;
    const Clock& clock_;
    StaffService& staff_;
    std::int64_t nextRoundMs_ = 0;

public:
    VolunteerShifts shifts;
};

AreaDefinition shiftsArea();

}  // namespace vk::services::shifts
