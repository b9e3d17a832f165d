#pragma once
// The café's agenda as an area: events, sign-ups and their waiting lists, tickets, reminders the day before and
// the import of an iCalendar feed (docs/agenda.md).

#include "kiosk/services/agenda/agenda_settings.h"
#include "kiosk/services/agenda/event_agenda.h"
#include "kiosk/services/area.h"
#include "kiosk/services/timebank/member_directory.h"

#include <memory>

namespace vk::services::agenda {

class AgendaServices : public AreaServices {
public:
    // `members` null: the board's members (the time bank's directory of them).
    explicit AgendaServices(const AreaContext& context, std::unique_ptr<timebank::MemberDirectory> members = nullptr);

    // Once a minute: the reminders of tomorrow's events, once [agenda] reminder_time has passed.
    bool poll(std::int64_t nowMs) override;
    std::int64_t nextDueMs() const override { return nextRoundMs_; }

    timebank::MemberDirectory& members() { return *members_; }

    const AgendaSettings settings;

private:
    std::unique_ptr<timebank::MemberDirectory> members_;
    std::int64_t nextRoundMs_ = 0;

public:
    EventAgenda agenda;
};

AreaDefinition agendaArea();

}  // namespace vk::services::agenda
