#include "kiosk/services/health/health_area.h"

#include "kiosk/services/kiosk_config.h"
#include "net/fetch_worker.h"

namespace vk::services::health {
namespace {

RotaSettings rotaSettings(const KioskConfig& config) {
    RotaSettings settings;
    settings.timeZone = effectiveTimeZone(config);
    return settings;
}

CheckInPolicy checkInPolicy(const HealthSettings& settings) {
    CheckInPolicy policy;
    policy.earlyMinutes = settings.checkInEarlyMinutes;
    policy.lateMinutes = settings.checkInLateMinutes;
    policy.ticketPrefix = settings.ticketPrefix;
    policy.walkInPrefix = settings.walkInTicketPrefix;
    return policy;
}

void readHealthSettings(SettingsReader& reader, AreaSettings& areas) {
    HealthSettings& settings = areas.get<HealthSettings>();
    reader.text("rota_feed_url", settings.rotaFeedUrl, 2000);
    if (!settings.rotaFeedUrl.empty() && !settings.rotaFeedUrl.starts_with("https://") &&
        !settings.rotaFeedUrl.starts_with("http://")) {
        reader.problem("rota_feed_url", "must be an http:// or https:// address");
        settings.rotaFeedUrl.clear();
    }
    reader.integer("rota_refresh_minutes", settings.rotaRefreshMinutes, 5, 1440, "minutes");
    reader.integer("check_in_early_minutes", settings.checkInEarlyMinutes, 0, 240, "minutes");
    reader.integer("check_in_late_minutes", settings.checkInLateMinutes, 0, 240, "minutes");
    reader.text("ticket_prefix", settings.ticketPrefix, 3);
    reader.text("walk_in_ticket_prefix", settings.walkInTicketPrefix, 3);
}

std::unique_ptr<AreaServices> makeHealthServices(const AreaContext& context) {
    return std::make_unique<HealthServices>(context);
}

}  // namespace

HealthServices::HealthServices(const AreaContext& context)
    : settings(context.config.areas.get<HealthSettings>()),
      rota(context.database, context.clock, context.staff, rotaSettings(context.config)),
      appointments(context.database, context.clock, context.staff),
      checkIn(context.database, context.clock, context.staff, checkInPolicy(settings)),
      waitingRoom(context.database, context.clock, context.staff, checkInPolicy(settings)) {}

HealthServices::~HealthServices() { stop(); }

void HealthServices::startBackgroundWork(std::function<void()> wake) {
    if (settings.rotaFeedUrl.empty() || rotaFetcher_) return;
    rotaFetcher_ = std::make_unique<net::FetchWorker>();
    rotaFetcher_->setWakeCallback(std::move(wake));
}

bool HealthServices::poll(std::int64_t nowMs) {
    if (!rotaFetcher_) return false;
    if (nowMs >= nextRotaFetchMs_) {
        nextRotaFetchMs_ = nowMs + static_cast<std::int64_t>(settings.rotaRefreshMinutes) * 60'000;
        rotaFetcher_->request("rota", rota.feedRequest(settings.rotaFeedUrl));
    }
    bool changed = false;
    while (auto fetched = rotaFetcher_->take()) {
        rota.applyFeedResponse(settings.rotaFeedUrl, fetched->response);
        changed = true;
    }
    return changed;
}

std::int64_t HealthServices::nextDueMs() const { return rotaFetcher_ ? nextRotaFetchMs_ : kNever; }

void HealthServices::stop() { rotaFetcher_.reset(); }

AreaDefinition healthArea() {
    return {"health",
            "health",
            &readHealthSettings,
            {{"appointments_days", 30}, {"patient_cards_days", 365}},
            &makeHealthServices};
}

}  // namespace vk::services::health
