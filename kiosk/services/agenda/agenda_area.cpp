#include "kiosk/services/agenda/agenda_area.h"

#include "kiosk/services/impact/counted_uses.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/health/rota_service.h"
#include "kiosk/services/kiosk_config.h"
#include "kiosk/services/timebank/timebank_area.h"
#include "net/fetch_worker.h"

#include <iostream>

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
    std::string feed;
    reader.text("feed_url", feed, 2000);
    if (!feed.empty() && !feed.starts_with("https://") && !feed.starts_with("http://"))
        reader.problem("feed_url", "must be an http:// or https:// address");
    else settings.feedUrl = feed;
    reader.integer("feed_refresh_minutes", settings.feedRefreshMinutes, 15, 1440, "minutes");
}

std::unique_ptr<AreaServices> makeAgendaServices(const AreaContext& context) {
    return std::make_unique<AgendaServices>(context);
}

// What the impact report counts of this area (docs/impact.md).
std::unique_ptr<impact::UsageSource> makeAgendaUsageSource(storage::Database& db) {
    return impact::usesCountedBy(db, &storage::countEventSignUps, {{"", "events", "event_sign_ups"}});
}

}  // namespace

AgendaServices::AgendaServices(const AreaContext& context, std::unique_ptr<timebank::MemberDirectory> members)
    : settings(context.config.areas.get<AgendaSettings>()),
      members_(members ? std::move(members)
                       : timebank::makeBoardMemberDirectory(context.database, context.clock, context.staff)),
      clock_(context.clock),
      notices_(context.database),
      agenda(context.database, context.clock, context.staff, *members_, context.printer, settings,
             context.config.villageName, effectiveTimeZone(context.config)) {}

AgendaServices::~AgendaServices() { stop(); }

void AgendaServices::startBackgroundWork(std::function<void()> wake) {
    if (settings.feedUrl.empty() || feedFetcher_) return;
    feedFetcher_ = std::make_unique<net::FetchWorker>();
    feedFetcher_->setWakeCallback(std::move(wake));
}

bool AgendaServices::poll(std::int64_t nowMs) {
    if (nowMs >= nextRoundMs_) {
        nextRoundMs_ = nowMs + kRoundIntervalMs;
        agenda.queueReminders();
    }
    if (!feedFetcher_) return false;
    if (nowMs >= nextFeedFetchMs_) {
        nextFeedFetchMs_ = nowMs + static_cast<std::int64_t>(settings.feedRefreshMinutes) * 60'000;
        net::HttpRequest request;
        request.url = settings.feedUrl;
        request.ifNoneMatch = feedEtag_;
        request.ifModifiedSince = feedLastModified_;
        feedFetcher_->request("agenda", std::move(request));
    }
    bool changed = false;
    while (auto fetched = feedFetcher_->take()) {
        const ImportReport report = applyFeedResponse(fetched->response);
        changed = changed || report.added + report.updated + report.cancelled > 0;
    }
    return changed;
}

ImportReport AgendaServices::applyFeedResponse(const net::HttpResponse& response) {
    ImportReport report;
    if (response.outcome == net::HttpOutcome::NotModified) return report;
    if (response.outcome != net::HttpOutcome::Ok) {
        report.error = response.message;
    } else {
        report = agenda.importFeed(&systemActor(SystemActor::AgendaFeed), response.body);
        // Validators only from a feed that was imported: a broken one is fetched whole again next time.
        if (report.ok()) {
            feedEtag_ = response.etag;
            feedLastModified_ = response.lastModified;
        }
    }
    const std::string host = health::RotaService::describeSource(settings.feedUrl);
    try {
        if (!report.ok())
            notices_.add("agenda", i18n::trf("agenda.notice.feed_failed", {{"source", host}, {"reason", report.error}}),
                         clock_.nowMs());
        else if (report.cancelled > 0)
            notices_.add("agenda",
                         i18n::trf("agenda.notice.feed_cancelled", {{"source", host},
                                                                     {"cancelled", std::to_string(report.cancelled)},
                                                                     {"told", std::to_string(report.told)}}),
                         clock_.nowMs());
    } catch (const std::exception& e) {
        std::cerr << "village-kiosk: agenda feed " << host << ": " << (report.ok() ? "imported" : report.error)
                  << " (and the staff notice could not be stored: " << e.what() << ")\n";
    }
    return report;
}

std::int64_t AgendaServices::nextDueMs() const {
    return feedFetcher_ ? std::min(nextRoundMs_, nextFeedFetchMs_) : nextRoundMs_;
}

void AgendaServices::stop() { feedFetcher_.reset(); }

AreaDefinition agendaArea() {
    return {"agenda", "agenda", &readAgendaSettings, {{"agenda_signups_days", 400}}, &makeAgendaServices,
            &makeAgendaUsageSource};
}

}  // namespace vk::services::agenda
