#include "kiosk/services/health/health_area.h"

#include "kiosk/services/impact/counted_uses.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/kiosk_config.h"
#include "kiosk/services/notifications/message_recipients.h"
#include "kiosk/i18n/translations.h"
#include "net/fetch_worker.h"

#include <iostream>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string_view>

namespace vk::services::health {
namespace {

constexpr const char* kBookingTag = "booking:";

RotaSettings rotaSettings(const KioskConfig& config) {
    RotaSettings settings;
    settings.timeZone = effectiveTimeZone(config);
    settings.usualHours = config.areas.get<HealthSettings>().usualHours;
    return settings;
}

bool isClock(std::string_view text) {
    return text.size() == 5 && text[2] == ':' && std::isdigit(static_cast<unsigned char>(text[0])) != 0 &&
           std::isdigit(static_cast<unsigned char>(text[1])) != 0 &&
           std::isdigit(static_cast<unsigned char>(text[3])) != 0 &&
           std::isdigit(static_cast<unsigned char>(text[4])) != 0 && text.substr(0, 2) <= "23" && text[3] <= '5';
}

// "09:00-12:00" (a hyphen or an en dash between the two times) → a session; nothing when it is not one.
std::optional<ConsultationSession> readSession(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    if (text.size() < 11) return std::nullopt;
    const std::string_view opens = text.substr(0, 5);
    std::string_view rest = text.substr(5);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (rest.starts_with("-")) {
        rest.remove_prefix(1);
    } else if (rest.starts_with("\xE2\x80\x93")) {
        rest.remove_prefix(3);
    } else {
        return std::nullopt;
    }
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (!isClock(opens) || !isClock(rest) || rest <= opens) return std::nullopt;
    return ConsultationSession{std::string(opens), std::string(rest)};
}

void readUsualHours(SettingsReader& reader, HealthSettings& settings) {
    if (!reader.has("usual_hours")) return;
    std::vector<std::string> written;
    reader.textList("usual_hours", written, 6, 40);
    std::vector<ConsultationSession> sessions;
    for (const std::string& item : written) {
        const auto session = readSession(item);
        if (!session) {
            reader.problem("usual_hours", "\"" + item + "\" is not a session such as \"09:00-12:00\"");
            return;
        }
        if (!sessions.empty() && session->opens < sessions.back().closes) {
            reader.problem("usual_hours", "sessions must be in order and must not overlap");
            return;
        }
        sessions.push_back(*session);
    }
    if (sessions.empty()) {
        reader.problem("usual_hours", "needs at least one session such as \"09:00-12:00\"");
        return;
    }
    settings.usualHours = std::move(sessions);
}

ReminderSettings reminderSettings(const KioskConfig& config) {
    const HealthSettings& health = config.areas.get<HealthSettings>();
    ReminderSettings settings;
    settings.enabled = health.reminders;
    settings.sendFrom = health.reminderTime;
    settings.delayNoticeHours = health.delayNoticeHours;
    settings.centreName = health.centreName;
    settings.centrePhone = health.centrePhone;
    settings.villageName = config.villageName;
    settings.language = config.language;
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
    if (reader.has("calling_display")) {
        std::string callingDisplay = "auto";
        reader.text("calling_display", callingDisplay, 10);
        if (const auto choice = parseDisplayChoice(callingDisplay))
            settings.callingDisplay = *choice;
        else
            reader.problem("calling_display", "must be \"auto\", \"off\" or a display number such as \"1\"");
    }
    readUsualHours(reader, settings);
    reader.textList("booking_feed_urls", settings.bookingFeedUrls, 20, 2000);
    for (const std::string& url : settings.bookingFeedUrls) {
        if (!url.starts_with("https://") && !url.starts_with("http://")) {
            reader.problem("booking_feed_urls", "each must be an http:// or https:// address");
            settings.bookingFeedUrls.clear();
            break;
        }
    }
    reader.boolean("reminders", settings.reminders);
    reader.text("reminder_time", settings.reminderTime, 5);
    if (!isValidTime(settings.reminderTime)) {
        reader.problem("reminder_time", "must be a time such as \"18:00\"");
        settings.reminderTime = HealthSettings{}.reminderTime;
    }
    reader.integer("delay_notice_hours", settings.delayNoticeHours, 0, 12, "hours");
    reader.text("centre_name", settings.centreName, 80);
    reader.text("centre_phone", settings.centrePhone, 40);
    if (!settings.centrePhone.empty() && !notifications::smsNumber(settings.centrePhone)) {
        reader.problem("centre_phone", "must be a phone number such as \"04 75 00 00 00\"");
        settings.centrePhone.clear();
    }
}

std::unique_ptr<AreaServices> makeHealthServices(const AreaContext& context) {
    return std::make_unique<HealthServices>(context);
}

// What the impact report counts of this area (docs/impact.md).
std::unique_ptr<impact::UsageSource> makeHealthUsageSource(storage::Database& db) {
    return impact::usesCountedBy(db, &storage::countCheckIns, {{"", "doctor", "check_ins"}});
}

}  // namespace

HealthServices::HealthServices(const AreaContext& context)
    : settings(context.config.areas.get<HealthSettings>()),
      rota(context.database, context.clock, context.staff, rotaSettings(context.config)),
      appointments(context.database, context.clock, context.staff),
      checkIn(context.database, context.clock, context.staff, checkInPolicy(settings)),
      waitingRoom(context.database, context.clock, context.staff, checkInPolicy(settings)),
      waitingList(context.database, context.clock, context.staff),
      reminders(context.database, context.clock, context.staff, reminderSettings(context.config)),
      timeZone_(effectiveTimeZone(context.config)),
      notices_(context.database),
      clock_(context.clock) {
    rota.setDelayListener([this](const StaffSession& actor, int delayMinutes) {
        reminders.noticeDelay(actor, delayMinutes);
    });
}

HealthServices::~HealthServices() { stop(); }

void HealthServices::startBackgroundWork(std::function<void()> wake) {
    if ((settings.rotaFeedUrl.empty() && settings.bookingFeedUrls.empty()) || rotaFetcher_) return;
    rotaFetcher_ = std::make_unique<net::FetchWorker>();
    rotaFetcher_->setWakeCallback(std::move(wake));
}

bool HealthServices::poll(std::int64_t nowMs) {
    if (nowMs >= nextReminderRoundMs_) {
        nextReminderRoundMs_ = nowMs + 60'000;
        reminders.withdrawPointless();
        reminders.queueDayBefore();
    }
    if (!rotaFetcher_) return false;
    if (nowMs >= nextRotaFetchMs_) {
        nextRotaFetchMs_ = nowMs + static_cast<std::int64_t>(settings.rotaRefreshMinutes) * 60'000;
        if (!settings.rotaFeedUrl.empty()) rotaFetcher_->request("rota", rota.feedRequest(settings.rotaFeedUrl));
        for (std::size_t i = 0; i < settings.bookingFeedUrls.size(); ++i) {
            net::HttpRequest request;
            request.url = settings.bookingFeedUrls[i];
            rotaFetcher_->request(kBookingTag + std::to_string(i), std::move(request));
        }
    }
    bool changed = false;
    while (auto fetched = rotaFetcher_->take()) {
        if (fetched->tag == "rota") {
            rota.applyFeedResponse(settings.rotaFeedUrl, fetched->response);
        } else if (fetched->tag.starts_with(kBookingTag)) {
            const std::size_t index = std::stoul(fetched->tag.substr(std::string_view(kBookingTag).size()));
            if (index < settings.bookingFeedUrls.size())
                applyBookingFeedResponse(settings.bookingFeedUrls[index], fetched->response);
        }
        changed = true;
    }
    return changed;
}

ImportReport HealthServices::applyBookingFeedResponse(const std::string& url, const net::HttpResponse& response) {
    ImportReport report;
    if (response.outcome == net::HttpOutcome::NotModified) return report;
    if (response.outcome != net::HttpOutcome::Ok) {
        report.failure = response.message;
    } else {
        report = appointments.importBookingFeed(&systemActor(SystemActor::BookingFeed), response.body, url, timeZone_);
    }
    try {
        const std::string host = RotaService::describeSource(url);
        if (!report.failure.empty()) {
            notices_.add("health", i18n::trf("health.notice.booking_feed_failed", {{"source", host}, {"reason", report.failure}}),
                         clock_.nowMs());
        } else if (!report.cancelled.empty() || !report.unmatched.empty()) {
            // The assistant calls the waiting list for each freed slot; a booking she could not follow needs her.
            notices_.add("health",
                         i18n::trf("health.notice.booking_feed_changes",
                                   {{"source", host},
                                    {"cancelled", std::to_string(report.cancelled.size())},
                                    {"unmatched", std::to_string(report.unmatched.size())}}),
                         clock_.nowMs());
        }
    } catch (const std::exception& e) {
        std::cerr << "village-kiosk: booking feed " << RotaService::describeSource(url) << ": " << report.failure
                  << " (and the staff notice could not be stored: " << e.what() << ")\n";
    }
    return report;
}

std::int64_t HealthServices::nextDueMs() const {
    return std::min(rotaFetcher_ ? nextRotaFetchMs_ : kNever, nextReminderRoundMs_);
}

void HealthServices::stop() { rotaFetcher_.reset(); }

AreaDefinition healthArea() {
    return {"health",
            "health",
            &readHealthSettings,
            {{"appointments_days", 30}, {"patient_cards_days", 365}, {"waiting_list_days", 30}},
            &makeHealthServices,
            &makeHealthUsageSource};
}

}  // namespace vk::services::health
