// Reminders the day before and delay notices (issue 11): who gets one, when, once, with which words, and what
// happens when the gateway is down. The store's side of it is tests/storage/appointment_reminders_store_test.cpp.
#include "health_fixture.h"

#include "kiosk/cli/admin_commands.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/services/health/appointment_reminders.h"
#include "kiosk/services/health/health_area.h"
#include "kiosk/services/health/rota_service.h"
#include "kiosk/services/kiosk_config.h"
#include "kiosk/services/kiosk_runtime.h"
#include "kiosk/services/notifications/message_recipients.h"
#include "kiosk/services/notifications/notifications_area.h"
#include "storage/outbox_store.h"

#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

using namespace vk::services::health;
using namespace vk::services::health::testing;
using vk::storage::OutboxChannel;
using vk::storage::OutboxMessage;
using vk::storage::OutboxState;

namespace {

const std::string kTomorrow = "2030-06-13";  // the fixture's today is Wednesday 2030-06-12

ReminderSettings centreSettings() {
    ReminderSettings settings;
    settings.villageName = "Saint-Aubin-des-Prés";
    settings.centrePhone = "04 75 00 00 00";
    return settings;
}

// The health fixture with the rota telling the reminders of each delay, as HealthServices wires them.
struct RemindersFixture : HealthFixture {
    explicit RemindersFixture(ReminderSettings settings = centreSettings()) : reminders(db, clock, staff, settings) {
        rota.setDelayListener([this](const vk::services::StaffSession& actor, int minutes) {
            reminders.noticeDelay(actor, minutes);
        });
    }

    Appointment booked(const std::string& day, const std::string& time, const std::string& surname,
                       const std::string& phone, const std::string& email, bool consent) {
        AppointmentInput input;
        input.day = day;
        input.time = time;
        input.surname = surname;
        input.givenName = "Marie";
        input.phone = phone;
        input.email = email;
        input.reminderConsent = consent;
        const AppointmentChange change = book.add(&assistant, input);
        INFO(static_cast<int>(change.error));
        REQUIRE(change.ok());
        return *change.appointment;
    }

    std::vector<OutboxMessage> outbox(const std::string& purpose, std::optional<OutboxState> state = {}) {
        std::vector<OutboxMessage> found;
        for (const OutboxMessage& message : vk::storage::OutboxStore(db).recent(1000))
            if (message.purpose == purpose && (!state || message.state == *state)) found.push_back(message);
        return found;
    }

    RotaService rota{db, clock, staff, RotaSettings{}};
    AppointmentReminders reminders;
};

std::string utcStamp(std::int64_t ms) {
    const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &utc);
    return text;
}

}  // namespace

TEST_CASE("the day before, a patient who said yes gets one SMS from the reminder time on, even across a restart",
          "[health][reminders]") {
    RemindersFixture f;
    const Appointment marie = f.booked(kTomorrow, "10:30", "Dupont", "06 12 34 56 78", "", true);
    f.setTime("17:59");
    CHECK(f.reminders.queueDayBefore() == 0);
    f.setTime("18:00");
    CHECK(f.reminders.queueDayBefore() == 1);
    const auto sent = f.outbox(kReminderPurpose);
    REQUIRE(sent.size() == 1);
    CHECK(sent[0].channel == OutboxChannel::Sms);
    CHECK(sent[0].recipient == "0612345678");
    CHECK(sent[0].relatedId == marie.id);

    f.setTime("19:00");
    CHECK(f.reminders.queueDayBefore() == 0);
    AppointmentReminders restarted(f.db, f.clock, f.staff, centreSettings());
    CHECK(restarted.queueDayBefore() == 0);
    CHECK(f.outbox(kReminderPurpose).size() == 1);
}

TEST_CASE("a reminder says who sends it, the day and time and how to cancel, in the kiosk's language", "[health][reminders]") {
    RemindersFixture f;
    f.booked(kTomorrow, "10:30", "Dupont", "06 12 34 56 78", "", true);
    f.setTime("18:30");
    vk::i18n::setLanguage("en");  // a visitor switched the screen to English a moment ago
    REQUIRE(f.reminders.queueDayBefore() == 1);
    CHECK(vk::i18n::currentLanguage() == "en");  // and the screen stays in English
    vk::i18n::setLanguage("fr");
    CHECK(f.outbox(kReminderPurpose)[0].body ==
          "Centre de santé de Saint-Aubin-des-Prés : rappel de votre rendez-vous demain, jeudi 13 juin 2030, à "
          "10 h 30. Pour annuler, appelez le 04 75 00 00 00.");
}

TEST_CASE("no reminder without a yes, for a cancelled appointment, nor for the day after tomorrow", "[health][reminders]") {
    RemindersFixture f;
    f.booked(kTomorrow, "09:00", "Sansoui", "06 11 11 11 11", "", false);
    const Appointment cancelled = f.booked(kTomorrow, "09:30", "Annule", "06 22 22 22 22", "", true);
    REQUIRE(f.book.cancel(&f.assistant, cancelled.id).ok());
    f.booked("2030-06-14", "09:00", "Apres", "06 33 33 33 33", "", true);
    f.setTime("20:00");
    CHECK(f.reminders.queueDayBefore() == 0);
    CHECK(f.outbox(kReminderPurpose).empty());
}

TEST_CASE("without a phone the reminder goes by e-mail, and a yes with neither waits for an address",
          "[health][reminders]") {
    RemindersFixture f;
    f.booked(kTomorrow, "11:00", "Courriel", "", "leon.courriel@example.fr", true);
    const Appointment later = f.booked(kTomorrow, "11:30", "Bientot", "", "", false);
    // The assistant gets the patient's yes before any address: nothing to send yet, and nothing marked sent.
    vk::storage::AppointmentStore(f.db).setReminderConsent(later.id, true, f.clock.nowMs());
    f.setTime("18:10");
    CHECK(f.reminders.queueDayBefore() == 1);
    const auto email = f.outbox(kReminderPurpose);
    REQUIRE(email.size() == 1);
    CHECK(email[0].channel == OutboxChannel::Email);
    CHECK(email[0].recipient == "leon.courriel@example.fr");
    CHECK_FALSE(email[0].subject.empty());
    REQUIRE(f.book.setContact(&f.assistant, later.id, {"07 00 00 00 01", "", true}).ok());
    f.setTime("18:11");
    CHECK(f.reminders.queueDayBefore() == 1);
}

TEST_CASE("health.reminders = false sends nothing, and the reminder time is the configured one", "[health][reminders][config]") {
    const std::string toml = "[health]\nreminders = false\nreminder_time = \"17:15\"\ndelay_notice_hours = 2\n"
                             "centre_name = \"Maison de santé des Prés\"\ncentre_phone = \"04 75 00 00 00\"\n";
    const vk::services::ConfigLoad load = vk::services::parseConfig(toml, "kiosk.toml");
    INFO((load.problems.empty() ? "" : load.problems.front().key + ": " + load.problems.front().message));
    REQUIRE(load.problems.empty());
    const HealthSettings& read = load.config.areas.get<HealthSettings>();
    CHECK_FALSE(read.reminders);
    CHECK(read.reminderTime == "17:15");
    CHECK(read.delayNoticeHours == 2);
    CHECK(read.centreName == "Maison de santé des Prés");

    ReminderSettings off = centreSettings();
    off.enabled = false;
    RemindersFixture f(off);
    f.booked(kTomorrow, "10:00", "Dupont", "06 12 34 56 78", "", true);
    f.setTime("23:00");
    CHECK(f.reminders.queueDayBefore() == 0);
    REQUIRE(f.rota.announce(f.assistant, 30, "") == RotaEditError::None);
    CHECK(f.db.sql().execAndGet("SELECT count(*) FROM outbox_message").getInt() == 0);

    ReminderSettings early = centreSettings();
    early.sendFrom = read.reminderTime;
    RemindersFixture g(early);
    g.booked(kTomorrow, "10:00", "Dupont", "06 12 34 56 78", "", true);
    g.setTime("17:14");
    CHECK(g.reminders.queueDayBefore() == 0);
    g.setTime("17:15");
    CHECK(g.reminders.queueDayBefore() == 1);
}

TEST_CASE("a reminder time or a centre phone that is not one is refused with its key", "[health][reminders][config][bad-input]") {
    for (const std::string& line : {std::string("reminder_time = \"6pm\""), std::string("reminder_time = \"25:00\""),
                                    std::string("centre_phone = \"appelez-nous\""),
                                    std::string("delay_notice_hours = 48")}) {
        INFO(line);
        const vk::services::ConfigLoad load = vk::services::parseConfig("[health]\n" + line + "\n", "kiosk.toml");
        REQUIRE_FALSE(load.problems.empty());
        CHECK_THAT(load.problems.front().key, Catch::Contains(line.substr(0, line.find(' '))));
    }
}

TEST_CASE("a moved appointment is reminded of its new day, and the reminder of the old one is withdrawn",
          "[health][reminders]") {
    RemindersFixture f;
    const Appointment a = f.booked(kTomorrow, "10:30", "Dupont", "06 12 34 56 78", "", true);
    f.setTime("18:05");
    REQUIRE(f.reminders.queueDayBefore() == 1);
    // Still waiting in the outbox (no gateway yet) when the assistant moves it to the day after.
    REQUIRE(f.book.edit(&f.assistant, a.id, {"2030-06-14", "09:00", "Dupont", "Marie", "", "06 12 34 56 78", ""}).ok());
    CHECK(f.reminders.withdrawPointless() == 1);
    CHECK(f.outbox(kReminderPurpose, OutboxState::Cancelled).size() == 1);
    f.clock.setMs(at(kTomorrow, "18:05"));
    CHECK(f.reminders.queueDayBefore() == 1);
    const auto pending = f.outbox(kReminderPurpose, OutboxState::Pending);
    REQUIRE(pending.size() == 1);
    CHECK_THAT(pending[0].body, Catch::Contains("9 h"));
}

TEST_CASE("announcing a delay tells the patients who said yes, booked in the next hours and not arrived, once",
          "[health][delay-notice]") {
    RemindersFixture f;
    f.setTime("09:00");
    const Appointment soon = f.booked(kDay, "10:00", "Bientot", "06 12 34 56 78", "", true);
    const Appointment here = f.booked(kDay, "10:30", "Arrivee", "06 22 33 44 55", "", true);
    f.booked(kDay, "11:00", "Sansoui", "06 98 76 54 32", "", false);
    f.booked(kDay, "13:30", "Tard", "06 55 55 55 55", "", true);   // beyond the three hours
    f.booked(kTomorrow, "09:15", "Demain", "06 66 66 66 66", "", true);
    REQUIRE(f.room.markArrived(&f.assistant, here.id).ok());

    REQUIRE(f.rota.announce(f.assistant, 30, "") == RotaEditError::None);
    const auto told = f.outbox(kDelayNoticePurpose);
    REQUIRE(told.size() == 1);
    CHECK(told[0].relatedId == soon.id);
    CHECK(told[0].body == "Centre de santé de Saint-Aubin-des-Prés : le médecin a environ 30 min de retard. Votre "
                          "rendez-vous de 10 h aura lieu vers 10 h 30. Pour annuler, appelez le 04 75 00 00 00.");
    const auto audited = f.audit("health.delay_notice");
    REQUIRE(audited.size() == 1);
    CHECK(audited[0].actorName == "Claire Moreau");

    // The same delay announced again, or one a little different, tells nobody again.
    REQUIRE(f.rota.announce(f.assistant, 30, "") == RotaEditError::None);
    REQUIRE(f.rota.announce(f.assistant, 40, "") == RotaEditError::None);
    CHECK(f.outbox(kDelayNoticePurpose).size() == 1);
    CHECK(f.audit("health.delay_notice").size() == 1);
}

TEST_CASE("a delay grown by 15 minutes is told again and replaces the notice still waiting, clearing it tells nobody",
          "[health][delay-notice]") {
    RemindersFixture f;
    f.setTime("09:00");
    f.booked(kDay, "10:00", "Bientot", "06 12 34 56 78", "", true);
    REQUIRE(f.rota.announce(f.assistant, 15, "") == RotaEditError::None);
    REQUIRE(f.rota.announce(f.assistant, 45, "") == RotaEditError::None);
    const auto waiting = f.outbox(kDelayNoticePurpose, OutboxState::Pending);
    REQUIRE(waiting.size() == 1);
    CHECK_THAT(waiting[0].body, Catch::Contains("vers 10 h 45"));
    CHECK(f.outbox(kDelayNoticePurpose, OutboxState::Cancelled).size() == 1);  // the 15 minutes one, never sent

    REQUIRE(f.rota.announce(f.assistant, 0, "") == RotaEditError::None);
    CHECK(f.outbox(kDelayNoticePurpose).size() == 2);
    CHECK(f.audit("health.delay_notice").size() == 2);
}

TEST_CASE("no message ever carries the reason of the visit, the doctor, a note or the patient's name",
          "[health][reminders][delay-notice][privacy]") {
    RemindersFixture f;
    f.setTime("08:30");
    REQUIRE(f.rota.addVisit(f.assistant, "Dr Élise Fabre", "Cardiologue", kDay, kTomorrow) == RotaEditError::None);
    // The booking tool's export with its reason and notes columns, and its feed with a « Motif » line.
    const std::string csv =
        "Date;Heure;Nom;Prénom;Naissance;Téléphone;Code;Id;E-mail;Motif;Notes;Rappels\n"
        "13/06/2030;10:30;Vasseur;Henri;1950-03-14;06 12 34 56 78;;B-1;;Suivi diabète;Insuline le matin;oui\n"
        "12/06/2030;10:00;Lemoine;Rose;1961-07-02;;;B-2;rose.lemoine@example.fr;Test VIH;Résultats à donner;oui\n";
    const ImportReport fromFile = f.book.importCsv(&f.assistant, csv);
    REQUIRE(fromFile.stored());
    REQUIRE(fromFile.added == 2);
    const std::string ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:rdv-77@agenda.example\r\nDTSTART:" +
                            utcStamp(at(kDay, "10:15")) +
                            "\r\nSUMMARY:Paul GIRARD - Dépression\r\nDESCRIPTION:Téléphone : 07 11 22 33 44\\nRappels : "
                            "oui\\nMotif : Arrêt de travail\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    const ImportReport fromFeed = f.book.importBookingFeed(&f.assistant, ics, "https://agenda.example/f", "UTC");
    REQUIRE(fromFeed.stored());
    REQUIRE(fromFeed.added == 1);

    REQUIRE(f.rota.announce(f.assistant, 30, "") == RotaEditError::None);
    f.setTime("18:00");
    REQUIRE(f.reminders.queueDayBefore() == 1);
    const auto messages = vk::storage::OutboxStore(f.db).recent(100);
    REQUIRE(messages.size() == 3);  // two delay notices today, one reminder for tomorrow
    for (const OutboxMessage& message : messages) {
        const std::string text = message.subject + "\n" + message.body;
        INFO(text);
        for (const char* secret : {"diabète", "Insuline", "VIH", "Résultats", "Dépression", "Arrêt", "Motif",
                                   "Cardiologue", "Fabre", "Vasseur", "Henri", "Lemoine", "Rose", "GIRARD", "Paul"})
            CHECK(text.find(secret) == std::string::npos);
    }
}

TEST_CASE("the assistant records a patient's phone, e-mail and yes, audited, and bad ones are refused with nothing stored",
          "[health][reminders][desk][bad-input]") {
    RemindersFixture f;
    const Appointment a = f.add("10:00", "Dupont", "Marie", "1950-03-14");
    CHECK(f.book.setContact(&f.assistant, a.id, {"06 12 34 56 78", "marie@example.fr", true}).ok());
    auto stored = *f.book.find(a.id);
    CHECK(stored.reminderConsent);
    CHECK(stored.reminderConsentAt == f.clock.nowMs());
    CHECK(stored.email == "marie@example.fr");
    REQUIRE(f.audit("health.appointment.contact").size() == 1);
    CHECK(f.audit("health.appointment.contact")[0].detail.find("Dupont") == std::string::npos);

    const auto refused = [&](ContactInput input) { return f.book.setContact(&f.assistant, a.id, input).error; };
    CHECK(refused({"pas de téléphone", "", true}) == HealthError::PhoneInvalid);
    CHECK(refused({"12 34", "", true}) == HealthError::PhoneInvalid);
    CHECK(refused({"", "marie@example.fr\r\nBcc: tous@example.fr", true}) == HealthError::EmailInvalid);
    CHECK(refused({"", "marie chez example.fr", true}) == HealthError::EmailInvalid);
    CHECK(refused({"", std::string(300, 'm') + "@example.fr", true}) == HealthError::EmailInvalid);
    CHECK(refused({"", "", true}) == HealthError::NoAddressForMessages);
    CHECK(f.book.setContact(&f.cafe, a.id, {"06 12 34 56 78", "", true}).error == HealthError::NotAllowed);
    stored = *f.book.find(a.id);
    CHECK(stored.phone == "06 12 34 56 78");
    CHECK(stored.email == "marie@example.fr");
    CHECK(f.audit("health.appointment.contact").size() == 1);

    // Withdrawn: kept contact, no consent, no time.
    CHECK(f.book.setContact(&f.assistant, a.id, {"06 12 34 56 78", "", false}).ok());
    stored = *f.book.find(a.id);
    CHECK_FALSE(stored.reminderConsent);
    CHECK_FALSE(stored.reminderConsentAt);
    CHECK_FALSE(stored.email);
}

TEST_CASE("the export's e-mail and consent columns are found by their header, and a bad contact is left out with a note",
          "[health][reminders][csv][bad-input]") {
    RemindersFixture f;
    const ImportReport report = f.book.importCsv(
        &f.assistant,
        "date;heure;nom;prénom;naissance;téléphone;Rappel SMS;code;Courriel\n"
        "13/06/2030;09:00;Oui;Anne;;06 12 34 56 78;Oui;;anne@example.fr\n"
        "13/06/2030;09:15;Non;Bea;;06 22 22 22 22;non;;\n"
        "13/06/2030;09:30;Rien;Carl;;06 33 33 33 33;;;\n"
        "13/06/2030;09:45;Flou;Dina;;06 44 44 44 44;peut-être;;\n"
        "13/06/2030;10:00;Mauvais;Eric;;\x1b[2Jappelez;oui;AB34CD;eric@@example\n");
    REQUIRE(report.stored());
    CHECK(report.added == 5);
    CHECK(report.problems.empty());
    REQUIRE(report.notes.size() == 3);
    CHECK(report.notes[0].line == 5);
    CHECK_THAT(report.notes[0].reason, Catch::Contains("peut-être"));
    CHECK(report.notes[1].line == 6);
    CHECK_THAT(report.notes[1].reason, Catch::Contains("phone"));
    CHECK_THAT(report.notes[2].reason, Catch::Contains("e-mail"));

    std::map<std::string, Appointment> bySurname;
    for (const Appointment& a : f.book.day(kTomorrow)) bySurname[a.surname] = a;
    CHECK(bySurname["Oui"].reminderConsent);
    CHECK(bySurname["Oui"].email == "anne@example.fr");
    CHECK_FALSE(bySurname["Non"].reminderConsent);
    CHECK_FALSE(bySurname["Rien"].reminderConsent);
    CHECK_FALSE(bySurname["Flou"].reminderConsent);
    CHECK(bySurname["Mauvais"].reminderConsent);
    CHECK_FALSE(bySurname["Mauvais"].phone);
    CHECK_FALSE(bySurname["Mauvais"].email);
    CHECK(bySurname["Mauvais"].code == "AB34CD");  // the code keeps its place among the other columns

    // Only the two patients who said yes and have an address are reminded (Eric said yes, but no address is left).
    f.setTime("18:00");
    CHECK(f.reminders.queueDayBefore() == 1);
}

TEST_CASE("a re-import keeps the contact the desk typed when the file has none, and a no in the file withdraws the yes",
          "[health][reminders][csv]") {
    RemindersFixture f;
    const std::string header = "date;heure;nom;prénom;naissance;téléphone;code;id;rappels\n";
    REQUIRE(f.book.importCsv(&f.assistant, header + "13/06/2030;09:00;Petit;Emma;;;;B-9;\n").added == 1);
    const Appointment emma = f.book.day(kTomorrow).front();
    REQUIRE(f.book.setContact(&f.assistant, emma.id, {"06 12 34 56 78", "emma@example.fr", true}).ok());

    const ImportReport again = f.book.importCsv(&f.assistant, header + "13/06/2030;09:00;Petit;Emma;;;;B-9;\n");
    CHECK(again.unchanged == 1);
    auto kept = *f.book.find(emma.id);
    CHECK(kept.phone == "06 12 34 56 78");
    CHECK(kept.email == "emma@example.fr");
    CHECK(kept.reminderConsent);

    const ImportReport withdrawn = f.book.importCsv(&f.assistant, header + "13/06/2030;09:00;Petit;Emma;;;;B-9;non\n");
    CHECK(withdrawn.updated == 1);
    CHECK_FALSE(f.book.find(emma.id)->reminderConsent);
}

TEST_CASE("in the booking feed only a « Rappels : oui » line is a yes: an attendee's address or a phone is not",
          "[health][reminders][booking-feed]") {
    RemindersFixture f;
    const auto event = [](const std::string& uid, const std::string& time, const std::string& lines) {
        return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTART:" + utcStamp(at(kTomorrow, time)) + "\r\n" + lines +
               "END:VEVENT\r\n";
    };
    const std::string ics =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" +
        event("a@x", "09:00",
              "SUMMARY:Alice ROUX\r\nORGANIZER:mailto:dr.fabre@cabinet.example\r\n"
              "ATTENDEE:mailto:dr.fabre@cabinet.example\r\nATTENDEE;CN=Alice Roux:mailto:alice@example.fr\r\n") +
        event("b@x", "09:30", "SUMMARY:Bruno ROUX\r\nDESCRIPTION:Téléphone : 06 12 34 56 78\r\n") +
        event("c@x", "10:00", "SUMMARY:Chloé ROUX\r\nDESCRIPTION:Portable : 06 98 76 54 32\\nRappels : oui\r\n") +
        "END:VCALENDAR\r\n";
    const ImportReport report = f.book.importBookingFeed(&f.assistant, ics, "https://agenda.example/f", "UTC");
    REQUIRE(report.stored());
    REQUIRE(report.added == 3);
    std::map<std::string, Appointment> byGiven;
    for (const Appointment& a : f.book.day(kTomorrow)) byGiven[a.givenName] = a;
    CHECK(byGiven["Alice"].email == "alice@example.fr");  // not the practitioner's own address
    CHECK_FALSE(byGiven["Alice"].reminderConsent);
    CHECK_FALSE(byGiven["Bruno"].reminderConsent);
    CHECK(byGiven["Chloé"].reminderConsent);
    f.setTime("18:00");
    CHECK(f.reminders.queueDayBefore() == 1);
    CHECK(f.outbox(kReminderPurpose)[0].recipient == "0698765432");
}

TEST_CASE("with the SMS gateway down a reminder stays queued and is retried, and is never sent after the appointment",
          "[health][reminders][outbox][bad-input]") {
    vk::services::ManualClock clock{at(kDay, "18:00")};
    vk::services::KioskConfig config;
    config.demoData = false;
    // Nothing listens there: every try is refused at once, as with a gateway that is down.
    config.areas.get<vk::services::notifications::NotificationSettings>().sms.url = "http://127.0.0.1:9/send";
    vk::services::KioskRuntime runtime(
        config, vk::services::RuntimeOptions{true, vk::services::PinHasher::Strength::FastForTests, &clock});
    auto& health = runtime.area<HealthServices>();
    auto& notifications = runtime.area<vk::services::notifications::NotificationServices>();
    const auto assistant = sessionOf(*runtime.staff.createAccount(&vk::services::systemActor(vk::services::SystemActor::CommandLine),
                                                                  "Claire Moreau", vk::services::StaffRole::MedicalAssistant,
                                                                  "2580")
                                          .account);
    AppointmentInput input{kTomorrow, "09:00", "Dupont", "Marie", "", "06 12 34 56 78", ""};
    input.reminderConsent = true;
    const auto added = health.appointments.add(&assistant, input);
    REQUIRE(added.ok());

    health.poll(clock.nowMs());  // the minute's round queues tomorrow's reminder
    vk::storage::OutboxStore outbox(runtime.database);
    const auto queued = outbox.pendingOfPurpose(kReminderPurpose);
    REQUIRE(queued.size() == 1);
    const std::string id = queued[0].id;

    for (int attempt = 1; attempt <= 3; ++attempt) {
        const auto report = notifications.sendDueNow();
        CHECK(report.retrying == 1);
        const auto message = *outbox.find(id);
        CHECK(message.state == OutboxState::Pending);
        CHECK(message.attempts == attempt);
        CHECK_FALSE(message.lastError.empty());
        clock.setMs(message.nextAttemptAt);
    }
    // The next morning the gateway is still down; the reminder waits until the appointment, then is withdrawn.
    clock.setMs(at(kTomorrow, "08:59"));
    health.poll(clock.nowMs());
    CHECK(outbox.find(id)->state == OutboxState::Pending);
    clock.setMs(at(kTomorrow, "09:00"));
    health.poll(clock.nowMs());
    CHECK(outbox.find(id)->state == OutboxState::Cancelled);
    CHECK(notifications.sendDueNow().messages.empty());
    CHECK(outbox.pendingOfPurpose(kReminderPurpose).empty());
}

TEST_CASE("the waiting room's delay announcement reaches the patients through the health area", "[health][delay-notice][runtime]") {
    vk::services::ManualClock clock{at(kDay, "09:00")};
    vk::services::KioskConfig config;
    config.demoData = false;
    config.areas.get<HealthSettings>().delayNoticeHours = 1;
    vk::services::KioskRuntime runtime(
        config, vk::services::RuntimeOptions{true, vk::services::PinHasher::Strength::FastForTests, &clock});
    auto& health = runtime.area<HealthServices>();
    const auto admin = sessionOf(*runtime.staff.createAccount(&vk::services::systemActor(vk::services::SystemActor::CommandLine),
                                                              "Admin", vk::services::StaffRole::Admin, "246810")
                                      .account);
    for (const char* time : {"09:30", "10:30"}) {
        AppointmentInput input{kDay, time, "Dupont", "Marie", "", "06 12 34 56 78", ""};
        input.reminderConsent = true;
        REQUIRE(health.appointments.add(&admin, input).ok());
    }
    REQUIRE(health.rota.announce(admin, 20, "") == RotaEditError::None);
    vk::storage::OutboxStore outbox(runtime.database);
    CHECK(outbox.pendingOfPurpose(kDelayNoticePurpose).size() == 1);  // 10:30 is beyond the hour configured
}

TEST_CASE("phone numbers and e-mail addresses are checked as people write them", "[notifications][bad-input]") {
    using vk::services::notifications::emailAddress;
    using vk::services::notifications::smsNumber;
    CHECK(smsNumber("06 12 34 56 78") == "0612345678");
    CHECK(smsNumber("06.12.34.56.78") == "0612345678");
    CHECK(smsNumber("+33 (0)6 12 34 56 78") == "+33612345678");
    CHECK(smsNumber(" +33 6-12-34-56-78 ") == "+33612345678");
    CHECK_FALSE(smsNumber(""));
    CHECK_FALSE(smsNumber("12345"));
    CHECK_FALSE(smsNumber("0612345678\n"));
    CHECK_FALSE(smsNumber("06 12 34 56 78 ou le soir"));
    CHECK_FALSE(smsNumber("1234567890123456"));
    CHECK_FALSE(smsNumber("06+12"));
    CHECK(emailAddress(" marie.dupont@example.fr ") == "marie.dupont@example.fr");
    CHECK_FALSE(emailAddress("marie@example"));
    CHECK_FALSE(emailAddress("@example.fr"));
    CHECK_FALSE(emailAddress("marie@@example.fr"));
    CHECK_FALSE(emailAddress("marie@example..fr"));
    CHECK_FALSE(emailAddress("Marie <marie@example.fr>"));
    CHECK_FALSE(emailAddress("marie@example.fr\r\nBcc: x@example.fr"));
    CHECK_FALSE(emailAddress(std::string(250, 'a') + "@b.fr"));
}

TEST_CASE("appointments import lists a contact it left out as a note and still imports the row", "[cli][health][reminders]") {
    vk::services::KioskConfig config;
    config.demoData = false;
    vk::services::KioskRuntime runtime(
        config, vk::services::RuntimeOptions{true, vk::services::PinHasher::Strength::FastForTests, nullptr});
    const auto file = std::filesystem::temp_directory_path() / ("vk-reminders-" + runtime.database.kioskId() + ".csv");
    {
        std::ofstream csv(file, std::ios::binary);
        csv << "date;heure;nom;prénom;naissance;téléphone;e-mail;rappels\n"
               "23/11/2030;09:00;Moulin;Jeanne;14/03/1950;0612345678;jeanne@@exemple;oui\n";
    }
    std::ostringstream out;
    std::ostringstream err;
    CHECK(vk::cli::runAppointmentsImport(runtime, file, out, err) == 0);
    std::filesystem::remove(file);
    CHECK_THAT(out.str(), Catch::Contains("1 added") && Catch::Contains("note (line 2): the e-mail"));
    const auto imported = runtime.area<HealthServices>().appointments.day("2030-11-23");
    REQUIRE(imported.size() == 1);
    CHECK(imported[0].reminderConsent);
    CHECK(imported[0].phone == "0612345678");
    CHECK_FALSE(imported[0].email);
}

TEST_CASE("a reminder missed because the kiosk was off that evening goes the same morning, worded for today",
          "[health][reminders]") {
    RemindersFixture f;
    // Booked with a yes on Wednesday morning; the kiosk is unplugged from Wednesday afternoon to Thursday morning.
    const Appointment afternoon = f.booked(kTomorrow, "14:00", "Dupont", "06 12 34 56 78", "", true);
    f.booked(kTomorrow, "09:30", "Tot", "06 22 22 22 22", "", true);  // under two hours after 08:00: too late
    f.clock.setMs(at(kTomorrow, "07:30"));
    // A booking made on Thursday morning for Thursday had no evening before: nothing for it.
    const Appointment sameDay = f.booked(kTomorrow, "15:00", "Jour", "06 33 33 33 33", "", true);
    CHECK(f.reminders.queueDayBefore() == 0);  // nobody is texted before 08:00

    f.clock.setMs(at(kTomorrow, "08:00"));
    CHECK(f.reminders.queueDayBefore() == 1);
    const auto sent = f.outbox(kReminderPurpose);
    REQUIRE(sent.size() == 1);
    CHECK(sent[0].relatedId == afternoon.id);
    CHECK(sent[0].body ==
          "Centre de santé de Saint-Aubin-des-Prés : rappel de votre rendez-vous aujourd’hui, jeudi 13 juin 2030, à "
          "14 h. Pour annuler, appelez le 04 75 00 00 00.");
    CHECK(sent[0].relatedId != sameDay.id);
    f.clock.setMs(at(kTomorrow, "09:00"));
    CHECK(f.reminders.queueDayBefore() == 0);  // once
    CHECK(f.outbox(kReminderPurpose).size() == 1);
}

TEST_CASE("a reminder sent the evening before is not sent again the next morning", "[health][reminders]") {
    RemindersFixture f;
    f.booked(kTomorrow, "14:00", "Dupont", "06 12 34 56 78", "", true);
    f.setTime("18:05");
    REQUIRE(f.reminders.queueDayBefore() == 1);
    f.clock.setMs(at(kTomorrow, "08:00"));
    CHECK(f.reminders.queueDayBefore() == 0);
    REQUIRE(f.outbox(kReminderPurpose).size() == 1);
    CHECK(f.outbox(kReminderPurpose)[0].body.find("demain") != std::string::npos);
}
