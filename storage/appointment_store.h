#pragma once
// Appointments, the patients' linked cards and the day's ticket counters. What a status change means, who may make
// it and how a patient is matched live in kiosk/services/health/; this file only stores what it is given, and
// keeps the steps that must not be split (a ticket number and the check-in it belongs to) in one transaction.

#include "storage/database.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vk::storage {

enum class AppointmentStatus { Booked, Arrived, InConsultation, Done, NoShow, Cancelled };

std::string_view statusKey(AppointmentStatus status);  // "booked", "arrived", "in_consultation"…
std::optional<AppointmentStatus> statusFromKey(std::string_view key);

enum class AppointmentSource { Staff, Csv, Ical };

std::string_view sourceKey(AppointmentSource source);  // "staff", "csv", "ical"

struct Appointment {
    std::string id;
    std::int64_t startsAt = 0;  // ms UTC; for a walk-in, when they came in
    std::string surname;
    std::string givenName;
    std::string surnameKey;
    std::optional<std::string> birthDate;  // "YYYY-MM-DD"
    std::optional<std::string> phone;
    std::optional<std::string> code;
    bool walkIn = false;
    AppointmentStatus status = AppointmentStatus::Booked;
    std::optional<std::string> ticket;  // "M-007", once arrived
    std::optional<std::int64_t> arrivedAt;
    std::optional<std::int64_t> calledAt;
    std::optional<std::int64_t> finishedAt;
    AppointmentSource source = AppointmentSource::Staff;
    std::optional<std::string> sourceKey;
    std::optional<std::string> sourceFeed;        // which feed or file kind it came from (see reconcile)
    std::optional<std::int64_t> sourceStartsAt;  // the time the source gave last
    std::int64_t createdAt = 0;
    std::int64_t updatedAt = 0;
    std::optional<std::string> email;
    // The patient's yes to reminders and delay notices, and when it was given. A phone or an e-mail is not one.
    bool reminderConsent = false;
    std::optional<std::int64_t> reminderConsentAt;
    std::optional<std::int64_t> reminderSentAt;      // the day-before reminder was queued
    std::optional<int> delayNoticeMinutes;           // the delay the last notice told of
    std::optional<std::int64_t> delayNoticeSentAt;
};

// What staff or an import may set; the status, ticket and times follow the waiting room.
struct AppointmentDetails {
    std::int64_t startsAt = 0;
    std::string surname;
    std::string givenName;
    std::string surnameKey;
    std::optional<std::string> birthDate;
    std::optional<std::string> phone;
    std::optional<std::string> code;
    std::optional<std::string> email;
};

struct NewAppointment {
    AppointmentDetails details;
    bool walkIn = false;
    AppointmentSource source = AppointmentSource::Staff;
    std::optional<std::string> sourceKey;
    std::optional<std::string> sourceFeed;
    bool reminderConsent = false;  // given now
};

struct PatientCard {
    std::string cardDigest;
    std::string surnameKey;
    std::string birthDate;
    std::int64_t createdAt = 0;
};

class AppointmentStore {
public:
    explicit AppointmentStore(Database& db) : db_(db) {}

    // Runs `work` in one transaction: committed if it returns, rolled back if it throws. Not re-entrant, and
    // insertArrived / checkIn open their own, so they are not called from inside.
    void inTransaction(const std::function<void()>& work);

    Appointment insert(const NewAppointment& appointment, std::int64_t nowMs);
    // A walk-in enters the waiting room at once: the row and its ticket (the next number of `day` for `prefix`)
    // are written together.
    Appointment insertArrived(const NewAppointment& appointment, const std::string& day, const std::string& prefix,
                              std::int64_t nowMs);

    std::optional<Appointment> find(const std::string& id);
    std::optional<Appointment> findByCode(const std::string& code);
    std::optional<Appointment> findBySource(AppointmentSource source, const std::string& key);
    // Live appointments of one birth date starting in [fromMs, toMs), by time (index appointment_check_in).
    std::vector<Appointment> findByBirthDate(const std::string& birthDate, std::int64_t fromMs, std::int64_t toMs);
    // Live appointments starting in [fromMs, toMs), by time.
    std::vector<Appointment> startingBetween(std::int64_t fromMs, std::int64_t toMs);
    // Arrived patients of [fromMs, toMs) in the order they are called: a booked patient at their appointment
    // time, a walk-in at their arrival, interleaved.
    std::vector<Appointment> waitingInCallOrder(std::int64_t fromMs, std::int64_t toMs);
    // The patient of [fromMs, toMs) most recently called in, if still in consultation.
    std::optional<Appointment> lastCalled(std::int64_t fromMs, std::int64_t toMs);

    // Live appointments of one source (and feed, when given) starting at or after fromMs, by time.
    std::vector<Appointment> fromSource(AppointmentSource source, const std::optional<std::string>& feed,
                                        std::int64_t fromMs);
    // What the source said last about the time, so that the next import tells its own moves from the desk's.
    void setSourceStartsAt(const std::string& id, std::int64_t sourceStartsAt, std::int64_t nowMs);

    // A new time forgets the reminder and delay notice sent for the old one, so that the patient hears of the new.
    void updateDetails(const std::string& id, const AppointmentDetails& details, std::int64_t nowMs);
    // The patient's phone, e-mail and yes to messages. A yes keeps the time it was first given; a no clears it.
    void setContact(const std::string& id, const std::optional<std::string>& phone,
                    const std::optional<std::string>& email, bool reminderConsent, std::int64_t nowMs);
    void setReminderConsent(const std::string& id, bool reminderConsent, std::int64_t nowMs);

    // Booked appointments starting in [fromMs, toMs) whose patient said yes to messages, by time (not walk-ins).
    std::vector<Appointment> consentingBetween(std::int64_t fromMs, std::int64_t toMs);
    void markReminderSent(const std::string& id, std::int64_t nowMs);
    void markDelayNotice(const std::string& id, int delayMinutes, std::int64_t nowMs);
    // Moves a live appointment from `from` to `to` (and stamps called_at / finished_at to match); false when it was
    // no longer in `from`. Not for booked → arrived, which needs a ticket: see checkIn.
    bool changeStatus(const std::string& id, AppointmentStatus from, AppointmentStatus to, std::int64_t nowMs);
    // booked → arrived with the next ticket of `day` for `prefix` ("M-007"), in one transaction; nullopt when the
    // appointment was no longer booked (nothing is written then, not even the counter).
    std::optional<std::string> checkIn(const std::string& id, const std::string& day, const std::string& prefix,
                                       std::int64_t nowMs);

    // Links (or re-links) a card digest to a patient; a card names one patient at a time.
    void linkCard(const std::string& digest, const std::string& surnameKey, const std::string& birthDate,
                  std::int64_t nowMs);
    std::optional<PatientCard> findCard(const std::string& digest);

    // SQLite's plan for each check-in lookup, so that a test can prove that none of them scans the table.
    std::vector<std::string> checkInQueryPlans();

private:
    std::string takeTicket(const std::string& day, const std::string& prefix);
    void insertRow(const std::string& id, const NewAppointment& appointment, std::int64_t nowMs);

    Database& db_;
};

}  // namespace vk::storage
