// Migration 0017: a patient's e-mail and yes to messages, and the bookkeeping that sends each reminder once. The
// rules (who is reminded, when, with what words) are tests/services/health/appointment_reminders_test.cpp.

#include "storage/appointment_store.h"
#include "storage/database.h"
#include "storage/retention.h"

#include <catch2/catch.hpp>

using namespace vk::storage;

namespace {

constexpr std::int64_t kDay = 24LL * 60 * 60 * 1000;
constexpr std::int64_t kNow = 1'900'000'000'000;

NewAppointment booking(std::int64_t startsAt, bool consent) {
    NewAppointment appointment;
    appointment.details.startsAt = startsAt;
    appointment.details.surname = "Dupont";
    appointment.details.surnameKey = "DUPONT";
    appointment.details.phone = "06 12 34 56 78";
    appointment.details.email = "marie.dupont@example.fr";
    appointment.reminderConsent = consent;
    return appointment;
}

}  // namespace

TEST_CASE("an appointment keeps its e-mail and the time its patient said yes, and forgets it on a no",
          "[storage][appointments][reminders]") {
    Database db = Database::openInMemory();
    AppointmentStore store(db);
    const Appointment a = store.insert(booking(kNow + kDay, true), kNow);
    CHECK(a.email == "marie.dupont@example.fr");
    CHECK(a.reminderConsent);
    CHECK(a.reminderConsentAt == kNow);

    // Saying yes again keeps when it was first given; a no clears it; a new yes is dated anew.
    store.setContact(a.id, a.phone, a.email, true, kNow + 1000);
    CHECK(store.find(a.id)->reminderConsentAt == kNow);
    store.setReminderConsent(a.id, false, kNow + 2000);
    CHECK_FALSE(store.find(a.id)->reminderConsent);
    CHECK_FALSE(store.find(a.id)->reminderConsentAt);
    store.setReminderConsent(a.id, true, kNow + 3000);
    CHECK(store.find(a.id)->reminderConsentAt == kNow + 3000);
}

TEST_CASE("only booked appointments whose patient said yes are looked at for messages", "[storage][appointments][reminders]") {
    Database db = Database::openInMemory();
    AppointmentStore store(db);
    const Appointment yes = store.insert(booking(kNow + kDay, true), kNow);
    store.insert(booking(kNow + kDay + 60'000, false), kNow);
    const Appointment cancelled = store.insert(booking(kNow + kDay + 120'000, true), kNow);
    store.changeStatus(cancelled.id, AppointmentStatus::Booked, AppointmentStatus::Cancelled, kNow);
    const auto found = store.consentingBetween(kNow, kNow + 2 * kDay);
    REQUIRE(found.size() == 1);
    CHECK(found[0].id == yes.id);
}

TEST_CASE("a moved appointment forgets the reminder and the delay notice sent for its old time", "[storage][appointments][reminders]") {
    Database db = Database::openInMemory();
    AppointmentStore store(db);
    const Appointment a = store.insert(booking(kNow + kDay, true), kNow);
    store.markReminderSent(a.id, kNow);
    store.markDelayNotice(a.id, 30, kNow);
    AppointmentDetails same{a.startsAt, a.surname, "Marie", a.surnameKey, a.birthDate, a.phone, a.code, a.email};
    store.updateDetails(a.id, same, kNow + 1);  // a new given name, the same time: still reminded
    CHECK(store.find(a.id)->reminderSentAt == kNow);
    CHECK(store.find(a.id)->delayNoticeMinutes == 30);

    AppointmentDetails moved = same;
    moved.startsAt += 2 * kDay;
    store.updateDetails(a.id, moved, kNow + 2);
    const auto after = *store.find(a.id);
    CHECK_FALSE(after.reminderSentAt);
    CHECK_FALSE(after.delayNoticeMinutes);
    CHECK_FALSE(after.delayNoticeSentAt);
    CHECK(after.email == "marie.dupont@example.fr");
}

TEST_CASE("retention erases a patient's e-mail and consent with the appointment", "[storage][retention][reminders]") {
    Database db = Database::openInMemory();
    AppointmentStore store(db);
    store.insert(booking(kNow - 40 * kDay, true), kNow - 41 * kDay);
    const Appointment recent = store.insert(booking(kNow - 2 * kDay, true), kNow - 3 * kDay);
    purgeExpired(db, {{"appointments_days", 30}}, kNow);
    CHECK(db.sql().execAndGet("SELECT count(*) FROM appointment WHERE email IS NOT NULL").getInt() == 1);
    CHECK(db.sql().execAndGet("SELECT count(*) FROM appointment WHERE reminder_consent = 1").getInt() == 1);
    CHECK(store.find(recent.id));
}

TEST_CASE("the schema refuses an e-mail longer than an address can be", "[storage][appointments][bad-input]") {
    Database db = Database::openInMemory();
    AppointmentStore store(db);
    NewAppointment tooLong = booking(kNow, true);
    tooLong.details.email = std::string(250, 'a') + "@b.fr";
    CHECK_THROWS(store.insert(tooLong, kNow));
    CHECK(db.sql().execAndGet("SELECT count(*) FROM appointment").getInt() == 0);
}
