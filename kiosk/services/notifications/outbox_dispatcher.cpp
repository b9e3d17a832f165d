#include "kiosk/services/notifications/outbox_dispatcher.h"

#include "net/mail_message.h"
#include "net/sms_gateway.h"
#include "net/smtp_sender.h"

namespace vk::services::notifications {
namespace {

using storage::OutboxChannel;

net::SmtpSettings smtpSettings(const EmailSettings& email) {
    net::SmtpSettings smtp;
    smtp.url = email.smtpUrl;
    smtp.username = email.username;
    smtp.password = email.password;
    smtp.caFile = email.caFile;
    smtp.connectTimeout = std::chrono::milliseconds(std::min(email.timeoutSeconds, 10) * 1000);
    smtp.timeout = std::chrono::seconds(email.timeoutSeconds);
    return smtp;
}

net::SmsGatewaySettings gatewaySettings(const SmsSettings& sms) {
    net::SmsGatewaySettings gateway;
    gateway.url = sms.url;
    gateway.method = sms.method;
    gateway.headers = sms.headers;
    gateway.bodyTemplate = sms.bodyTemplate;
    gateway.connectTimeout = std::chrono::milliseconds(std::min(sms.timeoutSeconds, 5) * 1000);
    gateway.timeout = std::chrono::seconds(sms.timeoutSeconds);
    return gateway;
}

}  // namespace

OutboxDispatcher::OutboxDispatcher(storage::Database& db, const NotificationSettings& settings,
                                   std::string senderName, const Clock& clock, storage::OutboxRetryPolicy policy,
                                   const std::atomic<bool>* cancel)
    : db_(db), store_(db), settings_(settings), senderName_(std::move(senderName)), clock_(clock),
      policy_(policy), cancel_(cancel) {}

bool OutboxDispatcher::canSend(OutboxChannel channel) const {
    return channel == OutboxChannel::Email ? settings_.email.configured() : settings_.sms.configured();
}

std::optional<std::int64_t> OutboxDispatcher::nextAttemptAt() {
    std::optional<std::int64_t> next;
    for (const OutboxChannel channel : {OutboxChannel::Email, OutboxChannel::Sms}) {
        if (!canSend(channel)) continue;
        const auto due = store_.nextAttemptAt(channel);
        if (due && (!next || *due < *next)) next = due;
    }
    return next;
}

DispatchReport OutboxDispatcher::sendDue(int limit, const std::function<bool()>& stopRequested) {
    DispatchReport report;
    std::vector<storage::OutboxMessage> due;
    const std::int64_t now = clock_.nowMs();
    for (const OutboxChannel channel : {OutboxChannel::Email, OutboxChannel::Sms})
        if (canSend(channel))
            for (auto& message : store_.due(now, limit, channel)) due.push_back(std::move(message));
    for (const storage::OutboxMessage& message : due) {
        if (static_cast<int>(report.messages.size()) >= limit || (stopRequested && stopRequested())) break;
        DispatchedMessage result = sendOne(message);
        if (result.state == storage::OutboxState::Sending) continue;  // taken by another sender meanwhile
        if (result.state == storage::OutboxState::Sent) ++report.sent;
        else if (result.state == storage::OutboxState::Failed) ++report.failed;
        else ++report.retrying;
        report.messages.push_back(std::move(result));
    }
    return report;
}

DispatchedMessage OutboxDispatcher::sendOne(const storage::OutboxMessage& due) {
    DispatchedMessage result{due.id, due.channel, storage::OutboxState::Sending, due.attempts, {}, 0};
    // Claimed (and committed) before the first byte leaves: a kill from here on leaves it 'sending', and the
    // next start sends it again under the same id.
    const std::optional<storage::OutboxMessage> claimed = store_.claim(due.id, clock_.nowMs());
    if (!claimed) return result;
    result.attempts = claimed->attempts;

    net::DeliveryResult delivery;
    if (claimed->channel == OutboxChannel::Email) {
        net::MailMessage mail;
        mail.fromAddress = settings_.email.from;
        mail.fromName = settings_.email.fromName.empty() ? senderName_ : settings_.email.fromName;
        mail.toAddress = claimed->recipient;
        mail.subject = claimed->subject;
        mail.body = claimed->body;
        mail.messageId = net::outboxMessageId(claimed->id, db_.kioskId());
        mail.dateMs = claimed->createdAt;
        net::SmtpSettings smtp = smtpSettings(settings_.email);
        smtp.cancel = cancel_;
        delivery = net::SmtpSender(std::move(smtp)).send(mail);
    } else {
        net::SmsGatewaySettings gateway = gatewaySettings(settings_.sms);
        gateway.cancel = cancel_;
        delivery = net::SmsGateway(std::move(gateway))
                       .send(claimed->id, claimed->recipient, claimed->body, clock_.nowMs());
    }

    const std::int64_t now = clock_.nowMs();
    if (delivery.outcome == net::DeliveryOutcome::Sent) {
        store_.markSent(claimed->id, now);
        result.state = storage::OutboxState::Sent;
        return result;
    }
    std::optional<std::int64_t> retryAfter;
    if (delivery.retryAfter) retryAfter = delivery.retryAfter->count();
    result.state = store_.markFailedTry(claimed->id,
                                        delivery.outcome == net::DeliveryOutcome::Permanent
                                            ? storage::DeliveryFailure::Permanent
                                            : storage::DeliveryFailure::Transient,
                                        delivery.error, now, policy_, retryAfter);
    result.error = delivery.error;
    if (const auto stored = store_.find(claimed->id)) result.nextAttemptAt = stored->nextAttemptAt;
    return result;
}

}  // namespace vk::services::notifications
