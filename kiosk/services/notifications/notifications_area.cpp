#include "kiosk/services/notifications/notifications_area.h"

#include "kiosk/services/kiosk_config.h"
#include "kiosk/services/staff_service.h"
#include "net/sms_gateway.h"
#include "net/smtp_sender.h"

#include <chrono>
#include <fstream>

namespace vk::services::notifications {
namespace {

using storage::OutboxChannel;

// The worker looks at the outbox at least this often, so that a message queued by a process that could not wake
// it (`parcels receive` on the command line) still goes within a minute.
constexpr std::int64_t kLongestSleepMs = 60'000;
// The loop's poll asks the database for due messages at most this often.
constexpr std::int64_t kDueCheckIntervalMs = 1'000;

bool mayManageMessages(const StaffSession* actor) {
    return actor != nullptr && (actor->role == StaffRole::CafeManager || actor->role == StaffRole::Admin);
}

void readEmail(SettingsReader& reader, EmailSettings& email) {
    reader.text("smtp_url", email.smtpUrl, 500);
    if (!email.smtpUrl.empty()) {
        if (auto reason = net::rejectSmtpUrl(email.smtpUrl)) {
            reader.problem("smtp_url", *reason);
            email.smtpUrl.clear();
        }
    }
    reader.text("from", email.from, 254);
    if (!email.from.empty() && !net::isPlainMailAddress(email.from)) {
        reader.problem("from", "must be a plain e-mail address such as relais@example.fr");
        email.from.clear();
    }
    reader.text("from_name", email.fromName, 80);
    for (const char c : email.fromName)
        if (static_cast<unsigned char>(c) < 0x20) {
            reader.problem("from_name", "must not hold a line break or a control character");
            email.fromName.clear();
            break;
        }
    reader.text("username", email.username, 254);
    reader.path("password_file", email.passwordFile);
    reader.path("ca_file", email.caFile);
    reader.integer("timeout_seconds", email.timeoutSeconds, 5, 300, "seconds");
    if (!email.smtpUrl.empty() && email.from.empty())
        reader.problem("from", "is needed to send e-mail (the sender's address)", false);
    if (!email.passwordFile.empty()) {
        std::ifstream file(email.passwordFile, std::ios::binary);
        std::string password;
        if (!file || !std::getline(file, password)) {
            email.problem = "the password file " + email.passwordFile.string() + " cannot be read";
            reader.problem("password_file", "cannot be read (" + email.passwordFile.string() +
                                                "); e-mail stays unsent until it can", false);
        } else {
            while (!password.empty() && (password.back() == '\r' || password.back() == ' ')) password.pop_back();
            email.password = password;
        }
    } else if (!email.username.empty()) {
        reader.problem("password_file", "is needed with a username (the password is never written in kiosk.toml)",
                       false);
        email.problem = "notifications.email.username is set without a password_file";
    }
    if (!email.caFile.empty() && !std::filesystem::exists(email.caFile)) {
        reader.problem("ca_file", "does not exist (" + email.caFile.string() + ")", false);
        email.problem = "the CA file " + email.caFile.string() + " does not exist";
    }
}

void readSms(SettingsReader& reader, SmsSettings& sms) {
    reader.text("url", sms.url, 2000);
    if (!sms.url.empty() && !sms.url.starts_with("https://") && !sms.url.starts_with("http://")) {
        reader.problem("url", "must be an http:// or https:// address");
        sms.url.clear();
    }
    reader.choice("method", sms.method, {"POST", "PUT", "GET"});
    reader.textList("headers", sms.headers, 20, 2000);
    for (const std::string& line : sms.headers)
        if (auto reason = net::rejectGatewayHeader(line)) {
            reader.problem("headers", "an item " + *reason);
            sms.headers.clear();
            sms.url.clear();
            break;
        }
    reader.text("body_template", sms.bodyTemplate, 4000);
    if (sms.method != "GET" && sms.bodyTemplate.find("{text}") == std::string::npos &&
        sms.url.find("{text}") == std::string::npos && reader.has("body_template"))
        reader.problem("body_template", "has no {text}: the SMS would be empty", false);
    reader.integer("timeout_seconds", sms.timeoutSeconds, 2, 120, "seconds");
}

void readNotificationSettings(SettingsReader& reader, AreaSettings& areas) {
    NotificationSettings& settings = areas.get<NotificationSettings>();
    if (auto email = reader.subsection("email")) {
        readEmail(*email, settings.email);
        email->reportUnknownKeys();
    }
    if (auto sms = reader.subsection("sms")) {
        readSms(*sms, settings.sms);
        sms->reportUnknownKeys();
    }
}

std::unique_ptr<AreaServices> makeNotificationServices(const AreaContext& context) {
    return std::make_unique<NotificationServices>(context);
}

}  // namespace

NotificationServices::NotificationServices(const AreaContext& context)
    : settings(context.config.areas.get<NotificationSettings>()), context_(context),
      senderName_(context.config.villageName) {}

NotificationServices::~NotificationServices() { stop(); }

void NotificationServices::startBackgroundWork(std::function<void()> wake) {
    const std::string file = context_.database.file().string();
    if (worker_.joinable() || file.empty() || file == ":memory:") return;
    wakeUi_ = std::move(wake);
    {
        std::lock_guard lock(mutex_);
        stopping_ = false;
    }
    cancelSend_ = false;
    // Before the thread starts: what a killed kiosk left half-sent is due again, under the same id.
    storage::OutboxStore(context_.database).requeueInterrupted(context_.clock.nowMs());
    worker_ = std::thread(&NotificationServices::run, this, file);
}

void NotificationServices::run(std::string databaseFile) {
    std::optional<storage::Database> db;
    try {
        db.emplace(storage::Database::open(databaseFile));
    } catch (const std::exception&) {
        return;  // the kiosk's own connection reports a database it cannot open
    }
    OutboxDispatcher dispatcher(*db, settings, senderName_, context_.clock, {}, &cancelSend_);
    const auto stopRequested = [this] {
        std::lock_guard lock(mutex_);
        return stopping_;
    };
    while (!stopRequested()) {
        std::optional<std::int64_t> next;
        try {
            const DispatchReport report = dispatcher.sendDue(100, stopRequested);
            if (report.anyTried()) {
                changed_ = true;
                if (wakeUi_) wakeUi_();
            }
            next = dispatcher.nextAttemptAt();
        } catch (const std::exception&) {
            // A busy or full database: the messages stay where they are; look again after the pause.
        }
        std::unique_lock lock(mutex_);
        std::int64_t waitMs = kLongestSleepMs;
        if (next) waitMs = std::clamp<std::int64_t>(*next - context_.clock.nowMs(), 0, kLongestSleepMs);
        wakeWorker_.wait_for(lock, std::chrono::milliseconds(waitMs), [this] { return wakeRequested_ || stopping_; });
        wakeRequested_ = false;
    }
}

void NotificationServices::wake() {
    {
        std::lock_guard lock(mutex_);
        wakeRequested_ = true;
    }
    wakeWorker_.notify_one();
}

bool NotificationServices::poll(std::int64_t nowMs) {
    if (workerRunning() && nowMs >= nextDueCheckMs_) {
        nextDueCheckMs_ = nowMs + kDueCheckIntervalMs;
        storage::OutboxStore store(context_.database);
        for (const OutboxChannel channel : {OutboxChannel::Email, OutboxChannel::Sms}) {
            if (channelProblem(channel)) continue;
            if (const auto due = store.nextAttemptAt(channel); due && *due <= nowMs) {
                wake();
                break;
            }
        }
    }
    return changed_.exchange(false);
}

void NotificationServices::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    cancelSend_ = true;
    wakeWorker_.notify_all();
    if (worker_.joinable()) worker_.join();
}

DispatchReport NotificationServices::sendDueNow() {
    if (workerRunning()) return {};
    storage::OutboxStore(context_.database).requeueInterrupted(context_.clock.nowMs());
    OutboxDispatcher dispatcher(context_.database, settings, senderName_, context_.clock);
    return dispatcher.sendDue();
}

std::vector<storage::OutboxMessage> NotificationServices::recent(int limit) {
    return storage::OutboxStore(context_.database).recent(limit);
}

storage::OutboxCounts NotificationServices::counts() { return storage::OutboxStore(context_.database).counts(); }

bool NotificationServices::retryNow(const StaffSession* actor, const std::string& id) {
    if (!mayManageMessages(actor)) {
        context_.staff.audit(actor, "notifications.refused", {{"attempt_key", "audit.attempt.retry_message"}});
        return false;
    }
    bool retried = false;
    context_.staff.inTransaction([&] {
        storage::OutboxStore outbox(context_.database);
        retried = outbox.retryNow(id, context_.clock.nowMs());
        if (const auto message = outbox.find(id); retried && message)
            context_.staff.audit(actor, "notifications.retry", {{"recipient", message->recipient}});
    });
    if (!retried) return false;
    wake();
    return true;
}

bool NotificationServices::cancel(const StaffSession* actor, const std::string& id) {
    if (!mayManageMessages(actor)) {
        context_.staff.audit(actor, "notifications.refused", {{"attempt_key", "audit.attempt.cancel_message"}});
        return false;
    }
    bool cancelled = false;
    context_.staff.inTransaction([&] {
        storage::OutboxStore outbox(context_.database);
        cancelled = outbox.cancel(id, context_.clock.nowMs());
        if (const auto message = outbox.find(id); cancelled && message)
            context_.staff.audit(actor, "notifications.cancel", {{"recipient", message->recipient}});
    });
    return cancelled;
}

std::optional<std::string> NotificationServices::channelProblem(OutboxChannel channel) const {
    if (channel == OutboxChannel::Email) {
        if (!settings.email.problem.empty()) return "notifications.email_problem";
        if (!settings.email.configured()) return "notifications.email_not_configured";
        return std::nullopt;
    }
    if (!settings.sms.configured()) return "notifications.sms_not_configured";
    return std::nullopt;
}

std::string NotificationServices::channelDetail(OutboxChannel channel) const {
    return channel == OutboxChannel::Email ? settings.email.problem : std::string();
}

AreaDefinition notificationsArea() {
    return {"notifications", "notifications", &readNotificationSettings, {{"outbox_days", 30}},
            &makeNotificationServices};
}

}  // namespace vk::services::notifications
