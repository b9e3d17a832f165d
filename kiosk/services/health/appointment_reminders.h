#pragma once
// Messages to patients who said yes to them (docs/health.md, « Reminders and delay notices »): a reminder the day
// before, and a notice when the assistant announces that the doctor is running late. They go through the outbox as
// the volunteer shifts' reminders do: each is queued in the same transaction as the bookkeeping that makes it go
// once, even across a restart; by SMS to the patient's phone, else by e-mail. A message says who sends it, the day
// and time, and how to cancel — never the reason of the visit, the doctor or anything else the booking carries, and
// not the patient's name: a phone is often shared, and an SMS shows on a locked screen.

#include "kiosk/services/clock.h"
#include "kiosk/services/staff_service.h"
#include "storage/appointment_store.h"
#include "storage/outbox_store.h"

#include <optional>
#include <string>

namespace vk::services::health {

struct ReminderSettings {
    bool enabled = true;
    std::string sendFrom = "18:00";  // the day before, reminders go from this local time on
    int delayNoticeHours = 3;        // a delay is told to patients booked within this many hours; 0: never
    std::string centreName;          // who the messages are from; empty: « Centre de santé de <village> »
    std::string villageName;
    std::string centrePhone;         // the number to call to cancel; empty: « prévenez le centre »
    std::string language = "fr";     // the kiosk's language, whatever a visitor chose on screen meanwhile
};

inline constexpr const char* kReminderPurpose = "health.reminder";
inline constexpr const char* kDelayNoticePurpose = "health.delay_notice";

// What goes to the patient of `appointment`: SMS to a phone that can take one, else the e-mail; nothing when the
// patient gave neither (or said no). Subject and body are left to the caller.
std::optional<storage::OutgoingMessage> messageTo(const storage::Appointment& appointment);

class AppointmentReminders {
public:
    // A later announcement is told again only when the delay changed by at least this much.
    static constexpr int kDelayChangeWorthTelling = 15;

    AppointmentReminders(storage::Database& db, const Clock& clock, StaffService& staff, ReminderSettings settings);

    // A reminder missed the evening before (the kiosk was off) goes the same morning from this time, worded « today »,
    // for an appointment at least this far ahead.
    static constexpr const char* kSameDayFrom = "08:00";
    static constexpr std::int64_t kSameDayNoticeMs = 2 * 60 * 60 * 1000;

    // From settings.sendFrom on: one reminder for each of tomorrow's booked appointments whose patient said yes and
    // gave a phone or an e-mail, once (reminder_sent_at; a moved appointment is reminded again of its new time).
    // Never for a cancelled or removed one, nor for one that has begun. From kSameDayFrom, one for each of today's
    // still kSameDayNoticeMs ahead that was booked, with the yes, before yesterday's sendFrom and got none (the
    // kiosk was off that evening). Returns how many were queued.
    int queueDayBefore();

    // The assistant announced today's delay (0: cleared, which tells nobody): a notice with the new expected time to
    // each patient who said yes, booked from now to settings.delayNoticeHours ahead (today) and not arrived; again
    // later only when the delay changed by kDelayChangeWorthTelling minutes or more, the older notice withdrawn if it
    // still waits. Audited under `actor` when anyone was told. Runs in the caller's transaction when there is one.
    int noticeDelay(const StaffSession& actor, int delayMinutes);

    // Messages still waiting in the outbox (a gateway down, retrying) that have become pointless are cancelled: the
    // appointment was cancelled, moved, removed or the patient arrived, or its time (with the delay) has passed.
    // So a reminder is never delivered after the appointment. Returns how many.
    int withdrawPointless();

    const ReminderSettings& settings() const { return settings_; }

private:
    void enqueue(storage::OutgoingMessage message, std::int64_t nowMs);
    // Queues the reminder of `appointment` and marks it sent, in one transaction; `today` words it for today.
    bool queueReminder(const storage::Appointment& appointment, std::int64_t now, bool today);

    storage::Database& db_;
    storage::AppointmentStore store_;
    const Clock& clock_;
    StaffService& staff_;
    ReminderSettings settings_;
};

}  // namespace vk::services::health
