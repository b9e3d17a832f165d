#include "kiosk/services/health/appointment_reminders.h"

#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/services/health/appointment_book.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/notifications/message_recipients.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <vector>

namespace vk::services::health {
namespace {

constexpr std::int64_t kMinuteMs = 60'000;

// The words of a message are the kiosk's, not those of the visitor who switched the screen to English a moment
// ago. Messages are made on the loop's thread, the only one that draws, so the switch is never seen on screen.
class MessageLanguage {
public:
    explicit MessageLanguage(const std::string& language) : shown_(i18n::currentLanguage()) {
        i18n::setLanguage(language);
    }
    ~MessageLanguage() { i18n::setLanguage(shown_); }
    MessageLanguage(const MessageLanguage&) = delete;
    MessageLanguage& operator=(const MessageLanguage&) = delete;

private:
    std::string shown_;
};

std::string centreOf(const ReminderSettings& settings) {
    return settings.centreName.empty() ? i18n::trf("health.message.sender", {{"village", settings.villageName}})
                                       : settings.centreName;
}

std::string howToCancel(const ReminderSettings& settings) {
    return settings.centrePhone.empty() ? i18n::tr("health.message.cancel_desk")
                                        : i18n::trf("health.message.cancel_phone", {{"phone", settings.centrePhone}});
}

}  // namespace

std::optional<storage::OutgoingMessage> messageTo(const Appointment& appointment) {
    if (!appointment.reminderConsent) return std::nullopt;
    storage::OutgoingMessage message;
    message.relatedId = appointment.id;
    if (const auto number = notifications::smsNumber(appointment.phone.value_or(""))) {
        message.channel = storage::OutboxChannel::Sms;
        message.recipient = *number;
    } else if (const auto address = notifications::emailAddress(appointment.email.value_or(""))) {
        message.channel = storage::OutboxChannel::Email;
        message.recipient = *address;
    } else {
        return std::nullopt;
    }
    return message;
}

AppointmentReminders::AppointmentReminders(storage::Database& db, const Clock& clock, StaffService& staff,
                                           ReminderSettings settings)
    : db_(db), store_(db), clock_(clock), staff_(staff), settings_(std::move(settings)) {}

void AppointmentReminders::enqueue(storage::OutgoingMessage message, std::int64_t nowMs) {
    storage::OutboxStore(db_).enqueue(message, nowMs);
}

int AppointmentReminders::queueDayBefore() {
    if (!settings_.enabled) return 0;
    const std::int64_t now = clock_.nowMs();
    const std::string today = localDay(now);
    int queued = 0;
    if (localTime(now) >= settings_.sendFrom) {
        const DayRange tomorrow = localDayRange(addDays(today, 1));
        for (const Appointment& appointment : store_.consentingBetween(std::max(now, tomorrow.fromMs), tomorrow.toMs))
            queued += queueReminder(appointment, now, false) ? 1 : 0;
    }
    // The kiosk was off last evening (unplugged overnight, a power cut): this morning, a reminder worded « today »
    // for what it would have reminded then, while there is still time to come or to cancel. Not for a booking or a
    // yes made since: yesterday evening there was nothing to remind.
    if (localTime(now) >= kSameDayFrom) {
        const std::optional<std::int64_t> lastEvening = localToUnixMs(addDays(today, -1), settings_.sendFrom);
        const DayRange rest = localDayRange(today);
        for (const Appointment& appointment : store_.consentingBetween(now + kSameDayNoticeMs, rest.toMs)) {
            if (!lastEvening || appointment.createdAt > *lastEvening ||
                appointment.reminderConsentAt.value_or(appointment.createdAt) > *lastEvening)
                continue;
            queued += queueReminder(appointment, now, true) ? 1 : 0;
        }
    }
    return queued;
}

bool AppointmentReminders::queueReminder(const Appointment& appointment, std::int64_t now, bool today) {
    if (appointment.reminderSentAt) return false;
    auto message = messageTo(appointment);
    if (!message) return false;  // no address yet: the assistant may still add one this evening
    {
        const MessageLanguage language(settings_.language);
        const std::string centre = centreOf(settings_);
        const std::string day = i18n::longDate(appointment.startsAt);
        const std::string time = i18n::spokenClockTime(appointment.startsAt);
        const std::string cancel = howToCancel(settings_);
        const bool sms = message->channel == storage::OutboxChannel::Sms;
        const std::string key = today ? "health.message.reminder_today_" : "health.message.reminder_";
        if (!sms) message->subject = i18n::trf(key + "subject", {{"centre", centre}});
        message->body = i18n::trf(key + (sms ? "sms" : "email"),
                                  {{"centre", centre}, {"day", day}, {"time", time}, {"cancel", cancel}});
    }
    message->purpose = kReminderPurpose;
    // The time is in the key: a booking moved to another day is reminded of its new time.
    message->dedupeKey = "health:reminder:" + appointment.id + ":" + std::to_string(appointment.startsAt);
    staff_.inTransaction([&] {
        store_.markReminderSent(appointment.id, now);
        enqueue(*message, now);
    });
    return true;
}

int AppointmentReminders::noticeDelay(const StaffSession& actor, int delayMinutes) {
    if (!settings_.enabled || settings_.delayNoticeHours <= 0 || delayMinutes <= 0) return 0;
    const std::int64_t now = clock_.nowMs();
    // The announcement is today's: tomorrow's patients are not told of it, however near midnight.
    const std::int64_t until =
        std::min(now + static_cast<std::int64_t>(settings_.delayNoticeHours) * 60 * kMinuteMs,
                 localDayRange(localDay(now)).toMs);
    storage::OutboxStore outbox(db_);
    std::multimap<std::string, std::string> waitingNotices;  // appointment → its notice still in the outbox
    for (const auto& waiting : outbox.pendingOfPurpose(kDelayNoticePurpose))
        waitingNotices.emplace(waiting.relatedId, waiting.id);
    int told = 0;
    staff_.inTransaction([&] {
        for (const Appointment& appointment : store_.consentingBetween(now, until)) {
            if (appointment.delayNoticeMinutes &&
                std::abs(delayMinutes - *appointment.delayNoticeMinutes) < kDelayChangeWorthTelling)
                continue;
            auto message = messageTo(appointment);
            if (!message) continue;
            {
                const MessageLanguage language(settings_.language);
                const std::string centre = centreOf(settings_);
                const bool sms = message->channel == storage::OutboxChannel::Sms;
                if (!sms) message->subject = i18n::trf("health.message.delay_subject", {{"centre", centre}});
                message->body = i18n::trf(
                    sms ? "health.message.delay_sms" : "health.message.delay_email",
                    {{"centre", centre},
                     {"minutes", std::to_string(delayMinutes)},
                     {"time", i18n::spokenClockTime(appointment.startsAt)},
                     {"expected", i18n::spokenClockTime(appointment.startsAt + delayMinutes * kMinuteMs)},
                     {"cancel", howToCancel(settings_)}});
            }
            message->purpose = kDelayNoticePurpose;
            message->dedupeKey =
                "health:delay:" + appointment.id + ":" + std::to_string(delayMinutes) + ":" + std::to_string(now);
            // The patient needs the latest expected time, not a trail of them.
            const auto [first, last] = waitingNotices.equal_range(appointment.id);
            for (auto older = first; older != last; ++older) outbox.cancel(older->second, now);
            store_.markDelayNotice(appointment.id, delayMinutes, now);
            enqueue(*message, now);
            ++told;
        }
        if (told > 0)
            staff_.audit(&actor, "health.delay_notice",
                         {{"count", std::to_string(told)}, {"minutes", std::to_string(delayMinutes)}});
    });
    return told;
}

int AppointmentReminders::withdrawPointless() {
    const std::int64_t now = clock_.nowMs();
    storage::OutboxStore outbox(db_);
    int withdrawn = 0;
    const auto withdrawIf = [&](const char* purpose, auto&& pointless) {
        for (const storage::OutboxMessage& message : outbox.pendingOfPurpose(purpose)) {
            const auto appointment = store_.find(message.relatedId);
            if ((!appointment || appointment->status != AppointmentStatus::Booked || pointless(*appointment)) &&
                outbox.cancel(message.id, now))
                ++withdrawn;
        }
    };
    // A moved appointment has forgotten the reminder and notice sent for its old time.
    withdrawIf(kReminderPurpose,
               [&](const Appointment& a) { return !a.reminderSentAt || now >= a.startsAt; });
    withdrawIf(kDelayNoticePurpose, [&](const Appointment& a) {
        return !a.delayNoticeSentAt || now >= a.startsAt + a.delayNoticeMinutes.value_or(0) * kMinuteMs;
    });
    return withdrawn;
}

}  // namespace vk::services::health
