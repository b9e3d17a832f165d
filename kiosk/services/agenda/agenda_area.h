#pragma once
// The café's agenda as an area: events, sign-ups and their waiting lists, tickets, reminders the day before and
// the import of an iCalendar feed (docs/agenda.md).

#include "kiosk/services/agenda/agenda_settings.h"
#include "kiosk/services/agenda/event_agenda.h"
#include "kiosk/services/area.h"
#include "kiosk/services/timebank/member_directory.h"

#include "storage/staff_notice_store.h"

#include <memory>

namespace vk::net {
class FetchWorker;
struct HttpResponse;
}  // namespace vk::net

namespace vk::services::agenda {

class AgendaServices : public AreaServices {
public:
    // `members` null: the board's members (the time bank's directory of them).
    explicit AgendaServices(const AreaContext& context, std::unique_ptr<timebank::MemberDirectory> members = nullptr);
    ~AgendaServices() override;

    // With [agenda] feed_url: the worker that fetches the feed.
    void startBackgroundWork(std::function<void()> wake) override;
    // Once a minute: the reminders of tomorrow's events, once [agenda] reminder_time has passed; every
    // feed_refresh_minutes, the feed fetched and, once it came back, imported.
    bool poll(std::int64_t nowMs) override;
    std::int64_t nextDueMs() const override;
    void stop() override;

    // Imports one answer of the feed as the agenda feed: a feed that could not be fetched or read leaves the
    // agenda as it was and a staff notice naming its host; events it cancelled leave one saying who was told.
    ImportReport applyFeedResponse(const net::HttpResponse& response);

    timebank::MemberDirectory& members() { return *members_; }

    const AgendaSettings settings;

private:
    std::unique_ptr<timebank::MemberDirectory> members_;
    std::int64_t nextRoundMs_ = 0;
    const Clock& clock_;
    storage::StaffNoticeStore notices_;
    std::unique_ptr<net::FetchWorker> feedFetcher_;
    std::int64_t nextFeedFetchMs_ = 0;
    std::optional<std::string> feedEtag_;  // the last answer's validators: an unchanged feed costs a 304
    std::optional<std::string> feedLastModified_;

public:
    EventAgenda agenda;
};

AreaDefinition agendaArea();

}  // namespace vk::services::agenda
