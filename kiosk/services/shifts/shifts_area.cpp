#include "kiosk/services/shifts/shifts_area.h"

#include "kiosk/services/kiosk_config.h"
#include "kiosk/services/board/member_registry.h"
#include "kiosk/services/timebank/timebank_area.h"

namespace vk::services::shifts {
namespace {

void readShiftsSettings(SettingsReader& reader, AreaSettings& areas) {
    ShiftsSettings& settings = areas.get<ShiftsSettings>();
    reader.integer("monthly_commitment_minutes", settings.monthlyCommitmentMinutes, 0, 10000, "minutes");
}

std::unique_ptr<AreaServices> makeShiftsServices(const AreaContext& context) {
    return std::make_unique<ShiftsServices>(context);
}

// The report runs from the command line with no kiosk running: it reads the time from the system.
class ReportShiftsUsage final : public impact::UsageSource {
public:
    explicit ReportShiftsUsage(storage::Database& db) : source_(db, clock_) {}
    std::vector<impact::ServiceUse> usesBetween(const std::string& fromDay, const std::string& toDay) const override {
        return source_.usesBetween(fromDay, toDay);
    }

private:
    SystemClock clock_;
    ShiftsUsageSource source_;
};

std::unique_ptr<impact::UsageSource> makeShiftsUsageSource(storage::Database& db) {
    return std::make_unique<ReportShiftsUsage>(db);
}

}  // namespace

ShiftsServices::ShiftsServices(const AreaContext& context, std::unique_ptr<timebank::MemberDirectory> members)
    : settings(context.config.areas.get<ShiftsSettings>()),
      members_(members ? std::move(members)
                       : timebank::makeBoardMemberDirectory(context.database, context.clock, context.staff)),
      db_(context.database),
      clock_(context.clock),
      staff_(context.staff),
      shifts(context.database, context.clock, context.staff, *members_, settings.monthlyCommitmentMinutes) {}

bool ShiftsServices::poll(std::int64_t nowMs) {
    if (nowMs < nextRoundMs_) return false;
    nextRoundMs_ = nowMs + 60'000;
    board::MemberRegistry registry(db_, clock_, staff_, staff_.pinHasher(), staff_.policy());
    return shifts.queueReminders([&](const std::string& memberId) {
               MemberContact contact;
               if (const auto member = registry.find(memberId)) {
                   contact.phone = member->phone.value_or("");
                   contact.email = member->email.value_or("");
               }
               return contact;
           }) > 0;
}

AreaDefinition shiftsArea() {
    return {"shifts", "shifts", &readShiftsSettings, {}, &makeShiftsServices, &makeShiftsUsageSource};
}

}  // namespace vk::services::shifts
