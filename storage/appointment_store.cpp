#include "storage/appointment_store.h"

#include "storage/record_id.h"
#include "storage/transaction.h"

#include <SQLiteCpp/Statement.h>

#include <array>
#include <cstdio>
#include <utility>

namespace vk::storage {
namespace {

constexpr std::array<std::pair<AppointmentStatus, std::string_view>, 6> kStatusKeys{{
    {AppointmentStatus::Booked, "booked"},
    {AppointmentStatus::Arrived, "arrived"},
    {AppointmentStatus::InConsultation, "in_consultation"},
    {AppointmentStatus::Done, "done"},
    {AppointmentStatus::NoShow, "no_show"},
    {AppointmentStatus::Cancelled, "cancelled"},
}};

constexpr std::array<std::pair<AppointmentSource, std::string_view>, 3> kSourceKeys{{
    {AppointmentSource::Staff, "staff"},
    {AppointmentSource::Csv, "csv"},
    {AppointmentSource::Ical, "ical"},
}};

constexpr const char* kSelectAppointment =
    "SELECT id, starts_at, surname, given_name, surname_key, birth_date, phone, code, walk_in, status, ticket, "
    "arrived_at, called_at, finished_at, source, source_key, created_at, updated_at, source_feed, source_starts_at, "
    "email, reminder_consent, reminder_consent_at, reminder_sent_at, delay_notice_minutes, delay_notice_sent_at "
    "FROM appointment ";

// The lookups a resident's check-in makes; checkInQueryPlans() explains these very strings.
constexpr const char* kWhereBirthDate =
    "WHERE birth_date = ? AND starts_at >= ? AND starts_at < ? AND deleted_at IS NULL ORDER BY starts_at";
constexpr const char* kWhereCode = "WHERE code = ? AND deleted_at IS NULL";
constexpr const char* kSelectCard =
    "SELECT card_digest, surname_key, birth_date, created_at FROM patient_card WHERE card_digest = ?";

std::optional<std::string> optionalText(SQLite::Statement& row, int column) {
    if (row.getColumn(column).isNull()) return std::nullopt;
    return row.getColumn(column).getString();
}

std::optional<std::int64_t> optionalTime(SQLite::Statement& row, int column) {
    if (row.getColumn(column).isNull()) return std::nullopt;
    return row.getColumn(column).getInt64();
}

AppointmentSource sourceFromKey(std::string_view key) {
    for (const auto& [value, text] : kSourceKeys)
        if (text == key) return value;
    return AppointmentSource::Staff;
}

Appointment readAppointment(SQLite::Statement& row) {
    Appointment appointment;
    appointment.id = row.getColumn(0).getString();
    appointment.startsAt = row.getColumn(1).getInt64();
    appointment.surname = row.getColumn(2).getString();
    appointment.givenName = row.getColumn(3).getString();
    appointment.surnameKey = row.getColumn(4).getString();
    appointment.birthDate = optionalText(row, 5);
    appointment.phone = optionalText(row, 6);
    appointment.code = optionalText(row, 7);
    appointment.walkIn = row.getColumn(8).getInt() != 0;
    appointment.status = statusFromKey(row.getColumn(9).getString()).value_or(AppointmentStatus::Booked);
    appointment.ticket = optionalText(row, 10);
    appointment.arrivedAt = optionalTime(row, 11);
    appointment.calledAt = optionalTime(row, 12);
    appointment.finishedAt = optionalTime(row, 13);
    appointment.source = sourceFromKey(row.getColumn(14).getString());
    appointment.sourceKey = optionalText(row, 15);
    appointment.createdAt = row.getColumn(16).getInt64();
    appointment.updatedAt = row.getColumn(17).getInt64();
    appointment.sourceFeed = optionalText(row, 18);
    appointment.sourceStartsAt = optionalTime(row, 19);
    appointment.email = optionalText(row, 20);
    appointment.reminderConsent = row.getColumn(21).getInt() != 0;
    appointment.reminderConsentAt = optionalTime(row, 22);
    appointment.reminderSentAt = optionalTime(row, 23);
    if (!row.getColumn(24).isNull()) appointment.delayNoticeMinutes = row.getColumn(24).getInt();
    appointment.delayNoticeSentAt = optionalTime(row, 25);
    return appointment;
}

std::vector<Appointment> readAll(SQLite::Statement& query) {
    std::vector<Appointment> appointments;
    while (query.executeStep()) appointments.push_back(readAppointment(query));
    return appointments;
}

void bindOptional(SQLite::Statement& statement, int index, const std::optional<std::string>& value) {
    if (value)
        statement.bind(index, *value);
    else
        statement.bind(index);
}

}  // namespace

std::string_view statusKey(AppointmentStatus status) {
    for (const auto& [value, key] : kStatusKeys)
        if (value == status) return key;
    return "booked";
}

std::optional<AppointmentStatus> statusFromKey(std::string_view key) {
    for (const auto& [value, text] : kStatusKeys)
        if (text == key) return value;
    return std::nullopt;
}

std::string_view sourceKey(AppointmentSource source) {
    for (const auto& [value, key] : kSourceKeys)
        if (value == source) return key;
    return "staff";
}

void AppointmentStore::inTransaction(const std::function<void()>& work) { storage::inTransaction(db_, work); }

void AppointmentStore::insertRow(const std::string& id, const NewAppointment& appointment, std::int64_t nowMs) {
    const AppointmentDetails& d = appointment.details;
    SQLite::Statement insert(db_.sql(),
                             "INSERT INTO appointment(id, origin_kiosk, starts_at, surname, given_name, surname_key, "
                             "birth_date, phone, code, walk_in, source, source_key, created_at, updated_at, "
                             "source_feed, source_starts_at, email, reminder_consent, reminder_consent_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, id);
    insert.bind(2, db_.kioskId());
    insert.bind(3, d.startsAt);
    insert.bind(4, d.surname);
    insert.bind(5, d.givenName);
    insert.bind(6, d.surnameKey);
    bindOptional(insert, 7, d.birthDate);
    bindOptional(insert, 8, d.phone);
    bindOptional(insert, 9, d.code);
    insert.bind(10, appointment.walkIn ? 1 : 0);
    insert.bind(11, std::string(sourceKey(appointment.source)));
    bindOptional(insert, 12, appointment.sourceKey);
    insert.bind(13, nowMs);
    insert.bind(14, nowMs);
    bindOptional(insert, 15, appointment.sourceFeed);
    if (appointment.source == AppointmentSource::Staff)
        insert.bind(16);
    else
        insert.bind(16, d.startsAt);
    bindOptional(insert, 17, d.email);
    insert.bind(18, appointment.reminderConsent ? 1 : 0);
    if (appointment.reminderConsent)
        insert.bind(19, nowMs);
    else
        insert.bind(19);
    insert.exec();
}

Appointment AppointmentStore::insert(const NewAppointment& appointment, std::int64_t nowMs) {
    const std::string id = newRecordId(nowMs);
    insertRow(id, appointment, nowMs);
    return *find(id);
}

Appointment AppointmentStore::insertArrived(const NewAppointment& appointment, const std::string& day,
                                            const std::string& prefix, std::int64_t nowMs) {
    const std::string id = newRecordId(nowMs);
    storage::inTransaction(db_, [&] {
        insertRow(id, appointment, nowMs);
        SQLite::Statement arrive(db_.sql(),
                                 "UPDATE appointment SET status = 'arrived', ticket = ?, arrived_at = ? WHERE id = ?");
        arrive.bind(1, takeTicket(day, prefix));
        arrive.bind(2, nowMs);
        arrive.bind(3, id);
        arrive.exec();
    });
    return *find(id);
}

std::optional<Appointment> AppointmentStore::find(const std::string& id) {
    SQLite::Statement query(db_.sql(), std::string(kSelectAppointment) + "WHERE id = ? AND deleted_at IS NULL");
    query.bind(1, id);
    if (!query.executeStep()) return std::nullopt;
    return readAppointment(query);
}

std::optional<Appointment> AppointmentStore::findByCode(const std::string& code) {
    SQLite::Statement query(db_.sql(), std::string(kSelectAppointment) + kWhereCode);
    query.bind(1, code);
    if (!query.executeStep()) return std::nullopt;
    return readAppointment(query);
}

std::optional<Appointment> AppointmentStore::findBySource(AppointmentSource source, const std::string& key) {
    SQLite::Statement query(db_.sql(), std::string(kSelectAppointment) +
                                           "WHERE source = ? AND source_key = ? AND deleted_at IS NULL");
    query.bind(1, std::string(sourceKey(source)));
    query.bind(2, key);
    if (!query.executeStep()) return std::nullopt;
    return readAppointment(query);
}

std::vector<Appointment> AppointmentStore::findByBirthDate(const std::string& birthDate, std::int64_t fromMs,
                                                           std::int64_t toMs) {
    SQLite::Statement query(db_.sql(), std::string(kSelectAppointment) + kWhereBirthDate);
    query.bind(1, birthDate);
    query.bind(2, fromMs);
    query.bind(3, toMs);
    return readAll(query);
}

std::vector<Appointment> AppointmentStore::startingBetween(std::int64_t fromMs, std::int64_t toMs) {
    SQLite::Statement query(db_.sql(), std::string(kSelectAppointment) +
                                           "WHERE starts_at >= ? AND starts_at < ? AND deleted_at IS NULL "
                                           "ORDER BY starts_at, id");
    query.bind(1, fromMs);
    query.bind(2, toMs);
    return readAll(query);
}

std::vector<Appointment> AppointmentStore::waitingInCallOrder(std::int64_t fromMs, std::int64_t toMs) {
    SQLite::Statement query(db_.sql(), std::string(kSelectAppointment) +
                                           "WHERE starts_at >= ? AND starts_at < ? AND deleted_at IS NULL "
                                           "AND status = 'arrived' "
                                           "ORDER BY CASE WHEN walk_in = 1 THEN arrived_at ELSE starts_at END, "
                                           "arrived_at, id");
    query.bind(1, fromMs);
    query.bind(2, toMs);
    return readAll(query);
}

std::optional<Appointment> AppointmentStore::lastCalled(std::int64_t fromMs, std::int64_t toMs) {
    SQLite::Statement query(db_.sql(), std::string(kSelectAppointment) +
                                           "WHERE starts_at >= ? AND starts_at < ? AND deleted_at IS NULL "
                                           "AND status = 'in_consultation' ORDER BY called_at DESC, id DESC LIMIT 1");
    query.bind(1, fromMs);
    query.bind(2, toMs);
    if (!query.executeStep()) return std::nullopt;
    return readAppointment(query);
}

std::vector<Appointment> AppointmentStore::fromSource(AppointmentSource source,
                                                     const std::optional<std::string>& feed, std::int64_t fromMs) {
    SQLite::Statement query(db_.sql(), std::string(kSelectAppointment) +
                                           "WHERE source = ? AND source_key IS NOT NULL AND starts_at >= ? "
                                           "AND (? IS NULL OR source_feed = ?) AND deleted_at IS NULL "
                                           "ORDER BY starts_at, id");
    query.bind(1, std::string(sourceKey(source)));
    query.bind(2, fromMs);
    bindOptional(query, 3, feed);
    bindOptional(query, 4, feed);
    return readAll(query);
}

void AppointmentStore::setSourceStartsAt(const std::string& id, std::int64_t sourceStartsAt, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(), "UPDATE appointment SET source_starts_at = ?, updated_at = ? "
                                        "WHERE id = ? AND deleted_at IS NULL");
    update.bind(1, sourceStartsAt);
    update.bind(2, nowMs);
    update.bind(3, id);
    update.exec();
}

void AppointmentStore::updateDetails(const std::string& id, const AppointmentDetails& details, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(),
                             "UPDATE appointment SET "
                             "reminder_sent_at = CASE WHEN starts_at = ?1 THEN reminder_sent_at END, "
                             "delay_notice_minutes = CASE WHEN starts_at = ?1 THEN delay_notice_minutes END, "
                             "delay_notice_sent_at = CASE WHEN starts_at = ?1 THEN delay_notice_sent_at END, "
                             "starts_at = ?1, surname = ?2, given_name = ?3, surname_key = ?4, birth_date = ?5, "
                             "phone = ?6, code = ?7, email = ?8, updated_at = ?9 WHERE id = ?10 AND deleted_at IS NULL");
    update.bind(1, details.startsAt);
    update.bind(2, details.surname);
    update.bind(3, details.givenName);
    update.bind(4, details.surnameKey);
    bindOptional(update, 5, details.birthDate);
    bindOptional(update, 6, details.phone);
    bindOptional(update, 7, details.code);
    bindOptional(update, 8, details.email);
    update.bind(9, nowMs);
    update.bind(10, id);
    update.exec();
}

void AppointmentStore::setContact(const std::string& id, const std::optional<std::string>& phone,
                                  const std::optional<std::string>& email, bool reminderConsent, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(), "UPDATE appointment SET phone = ?, email = ?, updated_at = ? "
                                        "WHERE id = ? AND deleted_at IS NULL");
    bindOptional(update, 1, phone);
    bindOptional(update, 2, email);
    update.bind(3, nowMs);
    update.bind(4, id);
    update.exec();
    setReminderConsent(id, reminderConsent, nowMs);
}

void AppointmentStore::setReminderConsent(const std::string& id, bool reminderConsent, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(),
                             "UPDATE appointment SET reminder_consent = ?1, updated_at = ?2, reminder_consent_at = "
                             "CASE WHEN ?1 = 0 THEN NULL WHEN reminder_consent = 1 THEN reminder_consent_at ELSE ?2 END "
                             "WHERE id = ?3 AND deleted_at IS NULL");
    update.bind(1, reminderConsent ? 1 : 0);
    update.bind(2, nowMs);
    update.bind(3, id);
    update.exec();
}

std::vector<Appointment> AppointmentStore::consentingBetween(std::int64_t fromMs, std::int64_t toMs) {
    SQLite::Statement query(db_.sql(), std::string(kSelectAppointment) +
                                           "WHERE reminder_consent = 1 AND deleted_at IS NULL AND starts_at >= ? "
                                           "AND starts_at < ? AND status = 'booked' AND walk_in = 0 "
                                           "ORDER BY starts_at, id");
    query.bind(1, fromMs);
    query.bind(2, toMs);
    return readAll(query);
}

void AppointmentStore::markReminderSent(const std::string& id, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(), "UPDATE appointment SET reminder_sent_at = ?1, updated_at = ?1 "
                                        "WHERE id = ?2 AND deleted_at IS NULL");
    update.bind(1, nowMs);
    update.bind(2, id);
    update.exec();
}

void AppointmentStore::markDelayNotice(const std::string& id, int delayMinutes, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(), "UPDATE appointment SET delay_notice_minutes = ?1, delay_notice_sent_at = ?2, "
                                        "updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL");
    update.bind(1, delayMinutes);
    update.bind(2, nowMs);
    update.bind(3, id);
    update.exec();
}

bool AppointmentStore::changeStatus(const std::string& id, AppointmentStatus from, AppointmentStatus to,
                                    std::int64_t nowMs) {
    // Back to waiting forgets the call, so that the calling screen no longer shows the ticket as called.
    SQLite::Statement update(
        db_.sql(),
        "UPDATE appointment SET status = ?1, updated_at = ?2, "
        "called_at = CASE WHEN ?1 = 'in_consultation' THEN ?2 WHEN ?1 = 'arrived' THEN NULL ELSE called_at END, "
        "finished_at = CASE WHEN ?1 IN ('done', 'no_show', 'cancelled') THEN ?2 ELSE finished_at END "
        "WHERE id = ?3 AND status = ?4 AND deleted_at IS NULL");
    update.bind(1, std::string(statusKey(to)));
    update.bind(2, nowMs);
    update.bind(3, id);
    update.bind(4, std::string(statusKey(from)));
    return update.exec() == 1;
}

std::string AppointmentStore::takeTicket(const std::string& day, const std::string& prefix) {
    SQLite::Statement next(db_.sql(),
                           "INSERT INTO queue_counter(day, prefix, last_number) VALUES (?, ?, 1) "
                           "ON CONFLICT(day, prefix) DO UPDATE SET last_number = last_number + 1 "
                           "RETURNING last_number");
    next.bind(1, day);
    next.bind(2, prefix);
    next.executeStep();
    const int number = next.getColumn(0).getInt();
    char digits[16];
    std::snprintf(digits, sizeof digits, "%03d", number);
    return prefix + "-" + digits;
}

std::optional<std::string> AppointmentStore::checkIn(const std::string& id, const std::string& day,
                                                     const std::string& prefix, std::int64_t nowMs) {
    struct NotBooked {};
    std::string ticket;
    try {
        storage::inTransaction(db_, [&] {
            ticket = takeTicket(day, prefix);
            SQLite::Statement arrive(db_.sql(),
                                     "UPDATE appointment SET status = 'arrived', ticket = ?, arrived_at = ?, "
                                     "updated_at = ? WHERE id = ? AND status = 'booked' AND deleted_at IS NULL");
            arrive.bind(1, ticket);
            arrive.bind(2, nowMs);
            arrive.bind(3, nowMs);
            arrive.bind(4, id);
            if (arrive.exec() != 1) throw NotBooked{};  // rolls the ticket counter back
        });
    } catch (const NotBooked&) {
        return std::nullopt;
    }
    return ticket;
}

void AppointmentStore::linkCard(const std::string& digest, const std::string& surnameKey,
                                const std::string& birthDate, std::int64_t nowMs) {
    SQLite::Statement upsert(db_.sql(),
                             "INSERT INTO patient_card(card_digest, surname_key, birth_date, created_at) "
                             "VALUES (?, ?, ?, ?) ON CONFLICT(card_digest) DO UPDATE SET "
                             "surname_key = excluded.surname_key, birth_date = excluded.birth_date, "
                             "created_at = excluded.created_at");
    upsert.bind(1, digest);
    upsert.bind(2, surnameKey);
    upsert.bind(3, birthDate);
    upsert.bind(4, nowMs);
    upsert.exec();
}

std::optional<PatientCard> AppointmentStore::findCard(const std::string& digest) {
    SQLite::Statement query(db_.sql(), kSelectCard);
    query.bind(1, digest);
    if (!query.executeStep()) return std::nullopt;
    return PatientCard{query.getColumn(0).getString(), query.getColumn(1).getString(),
                       query.getColumn(2).getString(), query.getColumn(3).getInt64()};
}

std::vector<std::string> AppointmentStore::checkInQueryPlans() {
    std::vector<std::string> plans;
    const std::string lookups[] = {std::string(kSelectAppointment) + kWhereBirthDate,
                                   std::string(kSelectAppointment) + kWhereCode, kSelectCard};
    for (const std::string& lookup : lookups) {
        SQLite::Statement explain(db_.sql(), "EXPLAIN QUERY PLAN " + lookup);
        std::string plan;
        while (explain.executeStep()) {
            if (!plan.empty()) plan += "; ";
            plan += explain.getColumn(3).getString();
        }
        plans.push_back(plan);
    }
    return plans;
}

}  // namespace vk::storage
