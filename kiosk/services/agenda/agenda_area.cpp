#include "kiosk/services/agenda/agenda_area.h"

#include "kiosk/services/health/local_days.h"
#include "kiosk/services/kiosk_config.h"
#include "kiosk/services/timebank/timebank_area.h"

namespace vk::services::agenda {
namespace {

constexpr std::int64_t kRoundIntervalMs = 60'000;

void readAgendaSettings(SettingsReader& reader, AreaSettings& areas) {
    AgendaSettings& settings = areas.get<AgendaSettings>();
    std::string reminder = settings.reminderTime;
    reader.text("reminder_time", reminder, 5);
    if (!health::isValidTime(reminder)) reader.problem("reminder_time", "must be a time written HH:MM");
    else settings.reminderTime = reminder;
    reader.boolean("print_ticket", settings.printTicket);
    reader.integer("imported_capacity", settings.importedCapacity, 0, EventAgenda::kMaxCapacity, "places");
    reader.integer("weeks_ahead", settings.weeksAhead, 1, 52, "weeks");
}

std::unique_ptr<AreaServices> makeAgendaServices(const AreaContext& context) {
    return std::make_unique<AgendaServices>(context);
}

}  // namespace

AgendaServices::AgendaServices(const AreaContext& context, std::unique_ptr<timebank::MemberDirectory> members)
    : settings(context.config.areas.get<AgendaSettings>()),
      members_(members ? std::move(members)
                       : timebank::makeBoardMemberDirectory(context.database, context.clock, context.staff)),
      agenda(context.database, context.clock, context.staff, *members_, context.printer, settings,
             context.config.villageName, effectiveTimeZone(context.config)) {}

bool AgendaServices::poll(std::int64_t nowMs) {
    if (nowMs < nextRoundMs_) return false;
    nextRoundMs_ = nowMs + kRoundIntervalMs;
    agenda.queueReminders();
    return false;
}

AreaDefinition agendaArea() {
    return {"agenda", "agenda", &readAgendaSettings, {{"agenda_signups_days", 400}}, &makeAgendaServices};
}

}  // namespace vk::services::agenda
