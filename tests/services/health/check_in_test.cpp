#include "kiosk/services/audit_sentences.h"
#include "services/health/health_fixture.h"

#include "hardware/reader_events.h"

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

using namespace vk::services;
using namespace vk::services::health;
using namespace vk::services::health::testing;

TEST_CASE("surnames are compared in capitals without accents, spaces, hyphens or apostrophes", "[health][check-in]") {
    CHECK(surnameKey("Lefèvre-Dupont") == "LEFEVREDUPONT");
    CHECK(surnameKey("d'Œillet") == "DOEILLET");
    CHECK(surnameKey("O’Brien") == "OBRIEN");
    CHECK(surnameKey("  van der Berg ") == "VANDERBERG");
    CHECK(surnameKey("Françoise Müller-Ñúñez") == "FRANCOISEMULLERNUNEZ");
    CHECK(surnameKey("Straße") == "STRASSE");
    CHECK(surnameKey("Le\xCC\x81vy") == "LEVY");  // L, e + combining acute, vy: a name typed on a Mac
    CHECK(surnameKey("Țăranu Łukasz") == "TARANULUKASZ");
    CHECK(surnameKey("-- '") == "");
    CHECK(initials("Marie", "Dupont") == "M. D.");
    CHECK(initials("Émilie", "Œuvray") == "E. O.");
    CHECK(initials("", "Dupont") == "D.");
}

TEST_CASE("Lefèvre-Dupont checks in with « LE » or « lef » and her birth date", "[health][check-in]") {
    HealthFixture f;
    f.add("10:30", "Lefèvre-Dupont", "Marie", "1950-02-01");
    f.setTime("10:00");

    SECTION("LE, birth date as on the booking") {
        const CheckInResult result = f.checkIn.byBirthDate("1950-02-01", "LE");
        REQUIRE(result.outcome == CheckInOutcome::CheckedIn);
        REQUIRE(result.view);
        CHECK(result.view->ticket == "M-001");
        CHECK(result.view->initials == "M. L.");
        CHECK(result.view->time == "10:30");
    }
    SECTION("lef, birth date the French way") {
        const CheckInResult result = f.checkIn.byBirthDate("01/02/1950", "lef");
        REQUIRE(result.outcome == CheckInOutcome::CheckedIn);
        CHECK(result.view->ticket == "M-001");
    }
    SECTION("with the accent typed") {
        CHECK(f.checkIn.byBirthDate("1950-02-01", "Lefè").outcome == CheckInOutcome::CheckedIn);
    }
    SECTION("the whole name with its hyphen") {
        CHECK(f.checkIn.byBirthDate("1950-02-01", "lefevre-dup").outcome == CheckInOutcome::CheckedIn);
    }
}

TEST_CASE("a second check-in gives the same ticket back", "[health][check-in]") {
    HealthFixture f;
    f.add("10:30", "Lefèvre-Dupont", "Marie", "1950-02-01");
    f.setTime("10:00");
    REQUIRE(f.checkIn.byBirthDate("1950-02-01", "LE").outcome == CheckInOutcome::CheckedIn);
    f.clock.advanceMs(2 * kMinute);
    const CheckInResult again = f.checkIn.byBirthDate("1950-02-01", "lefevre");
    CHECK(again.outcome == CheckInOutcome::AlreadyCheckedIn);
    REQUIRE(again.view);
    CHECK(again.view->ticket == "M-001");
    CHECK(f.count("SELECT last_number FROM queue_counter") == 1);
}

TEST_CASE("wrong letters, a wrong birth date or too few letters never check anyone in", "[health][check-in]") {
    HealthFixture f;
    const Appointment marie = f.add("10:30", "Lefèvre-Dupont", "Marie", "1950-02-01");
    f.setTime("10:00");
    CHECK(f.checkIn.byBirthDate("1950-02-01", "DU").outcome == CheckInOutcome::NoMatch);  // not the first letters
    CHECK(f.checkIn.byBirthDate("1950-02-02", "LE").outcome == CheckInOutcome::NoMatch);
    CHECK(f.checkIn.byBirthDate("1950-02-01", "L").outcome == CheckInOutcome::InvalidInput);
    CHECK(f.checkIn.byBirthDate("1950-02-01", "-'").outcome == CheckInOutcome::InvalidInput);
    CHECK(f.checkIn.byBirthDate("1950-02-30", "LE").outcome == CheckInOutcome::InvalidInput);
    CHECK(f.checkIn.byBirthDate("", "LE").outcome == CheckInOutcome::InvalidInput);
    CHECK(f.statusOf(marie.id) == AppointmentStatus::Booked);
}

TEST_CASE("the window opens exactly 60 minutes before and closes exactly 30 minutes after", "[health][check-in]") {
    HealthFixture f;
    f.add("10:30", "Early", "Anne", "1960-01-01");
    f.add("10:30", "Late", "Bruno", "1960-01-02");

    f.clock.setMs(at(kDay, "09:30") - 1);
    const CheckInResult oneMsEarly = f.checkIn.byBirthDate("1960-01-01", "EA");
    CHECK(oneMsEarly.outcome == CheckInOutcome::TooEarly);
    CHECK(oneMsEarly.minutesUntilOpen == 1);
    CHECK_FALSE(oneMsEarly.view);
    f.setTime("09:30");
    CHECK(f.checkIn.byBirthDate("1960-01-01", "EA").outcome == CheckInOutcome::CheckedIn);

    f.setTime("11:00");
    CHECK(f.checkIn.byBirthDate("1960-01-02", "LA").outcome == CheckInOutcome::CheckedIn);
}

TEST_CASE("one millisecond after the window it is too late, long before it says how long to wait", "[health][check-in]") {
    HealthFixture f;
    f.add("10:30", "Late", "Bruno", "1960-01-02");
    f.setTime("08:00");
    const CheckInResult early = f.checkIn.byBirthDate("1960-01-02", "LA");
    CHECK(early.outcome == CheckInOutcome::TooEarly);
    CHECK(early.minutesUntilOpen == 90);
    f.clock.setMs(at(kDay, "11:00") + 1);
    CHECK(f.checkIn.byBirthDate("1960-01-02", "LA").outcome == CheckInOutcome::TooLate);
}

TEST_CASE("the window comes from the policy", "[health][check-in]") {
    HealthFixture f;
    f.add("10:30", "Late", "Bruno", "1960-01-02");
    CheckIn strict(f.db, f.clock, f.staff, CheckInPolicy{15, 5, "G", "W"});
    f.setTime("10:14");
    CHECK(strict.byBirthDate("1960-01-02", "LA").outcome == CheckInOutcome::TooEarly);
    f.setTime("10:15");
    const CheckInResult result = strict.byBirthDate("1960-01-02", "LA");
    CHECK(result.outcome == CheckInOutcome::CheckedIn);
    CHECK(result.view->ticket == "G-001");
}

TEST_CASE("two patients with the same birth date and first letters: the kiosk never guesses", "[health][check-in]") {
    HealthFixture f;
    const Appointment martin = f.add("10:30", "Martin", "Jeanne", "1944-07-14");
    const Appointment marchand = f.add("10:45", "Marchand", "Louis", "1944-07-14");
    f.setTime("10:20");
    CHECK(f.checkIn.byBirthDate("1944-07-14", "MAR").outcome == CheckInOutcome::SeveralMatches);
    CHECK(f.statusOf(martin.id) == AppointmentStatus::Booked);
    CHECK(f.statusOf(marchand.id) == AppointmentStatus::Booked);
    CHECK(f.count("SELECT count(*) FROM queue_counter") == 0);

    const CheckInResult more = f.checkIn.byBirthDate("1944-07-14", "MART");
    CHECK(more.outcome == CheckInOutcome::CheckedIn);
    CHECK(f.statusOf(martin.id) == AppointmentStatus::Arrived);
    CHECK(f.statusOf(marchand.id) == AppointmentStatus::Booked);
}

TEST_CASE("twins with the same surname are sent to the desk, even with the whole name", "[health][check-in]") {
    HealthFixture f;
    f.add("10:30", "Bernard", "Léo", "2015-03-03");
    f.add("10:30", "Bernard", "Lina", "2015-03-03");
    f.setTime("10:20");
    CHECK(f.checkIn.byBirthDate("2015-03-03", "bernard").outcome == CheckInOutcome::SeveralMatches);
}

TEST_CASE("a cancelled appointment, or one marked no-show, says so", "[health][check-in]") {
    HealthFixture f;
    const Appointment cancelled = f.add("10:30", "Petit", "Rose", "1970-05-05");
    const Appointment missed = f.add("08:30", "Roux", "Hugo", "1971-06-06");
    REQUIRE(f.book.cancel(&f.assistant, cancelled.id).ok());
    f.setTime("09:05");
    REQUIRE(f.room.markNoShow(&f.assistant, missed.id).ok());
    CHECK(f.checkIn.byBirthDate("1970-05-05", "PE").outcome == CheckInOutcome::Cancelled);
    CHECK(f.checkIn.byBirthDate("1971-06-06", "RO").outcome == CheckInOutcome::TooLate);
    CHECK(f.checkIn.byCode(*cancelled.code).outcome == CheckInOutcome::Cancelled);
}

TEST_CASE("the appointment code checks in, in any case and with spaces", "[health][check-in]") {
    HealthFixture f;
    const Appointment rose = f.add("10:30", "Petit", "Rose", "1970-05-05");
    REQUIRE(rose.code);
    std::string typed = *rose.code;
    for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    typed.insert(3, " - ");
    f.setTime("10:00");
    const CheckInResult result = f.checkIn.byCode(typed);
    REQUIRE(result.outcome == CheckInOutcome::CheckedIn);
    CHECK(result.view->initials == "R. P.");
    CHECK(result.view->time == "10:30");
    CHECK(f.checkIn.byCode(*rose.code).outcome == CheckInOutcome::AlreadyCheckedIn);
    CHECK(f.checkIn.byCode("ZZZZZZ").outcome == CheckInOutcome::NoMatch);
    CHECK(f.checkIn.byCode("  ").outcome == CheckInOutcome::InvalidInput);
    CHECK(f.checkIn.byCode("'; DROP TABLE appointment; --").outcome == CheckInOutcome::NoMatch);
}

TEST_CASE("a code for another day is too early or too late, not a check-in", "[health][check-in]") {
    HealthFixture f;
    const Appointment tomorrow = f.add("10:30", "Petit", "Rose", "1970-05-05", "2030-06-13");
    const Appointment yesterday = f.add("10:30", "Roux", "Hugo", "1971-06-06", "2030-06-11");
    f.setTime("10:00");
    const CheckInResult early = f.checkIn.byCode(*tomorrow.code);
    CHECK(early.outcome == CheckInOutcome::TooEarly);
    CHECK(early.minutesUntilOpen == 23 * 60 + 30);  // from 10:00 today to 09:30 tomorrow
    CHECK(f.checkIn.byCode(*yesterday.code).outcome == CheckInOutcome::TooLate);
    // Looked up by birth date, only today's appointments count.
    CHECK(f.checkIn.byBirthDate("1970-05-05", "PE").outcome == CheckInOutcome::NoMatch);
}

TEST_CASE("a card linked by the assistant checks its patient in next time (simulated reader)", "[health][check-in][card]") {
    HealthFixture f;
    vk::hardware::ReaderEventQueue readers;
    vk::hardware::SimulatedReader reader(readers);
    const Appointment first = f.add("10:30", "Lefèvre-Dupont", "Marie", "1950-02-01");

    reader.presentCard("04A1B2C3D4E5F6");
    const auto unknown = readers.take();
    REQUIRE(unknown);
    f.setTime("10:00");
    CHECK(f.checkIn.byCard(unknown->value).outcome == CheckInOutcome::NoMatch);

    REQUIRE(f.checkIn.linkCard(&f.assistant, first.id, unknown->value).ok());
    CHECK(f.audit("health.card.link").size() == 1);
    // The card is kept as a digest only.
    CHECK(f.count("SELECT count(*) FROM patient_card WHERE card_digest LIKE '%04A1B2%' COLLATE NOCASE") == 0);
    CHECK(f.count("SELECT count(*) FROM patient_card") == 1);

    const CheckInResult today = f.checkIn.byCard(unknown->value);
    CHECK(today.outcome == CheckInOutcome::CheckedIn);

    // A week later, a new appointment: the card alone is enough.
    const Appointment next = f.add("14:00", "Lefèvre-Dupont", "Marie", "1950-02-01", "2030-06-19");
    f.clock.setMs(at("2030-06-19", "13:50"));
    reader.presentCard("04 a1 b2 c3 d4 e5 f6");  // another reader formats the same UID differently
    const CheckInResult nextWeek = f.checkIn.byCard(readers.take()->value);
    REQUIRE(nextWeek.outcome == CheckInOutcome::CheckedIn);
    CHECK(nextWeek.view->time == "14:00");
    CHECK(f.statusOf(next.id) == AppointmentStatus::Arrived);
    CHECK(f.checkIn.byCard("DEADBEEF").outcome == CheckInOutcome::NoMatch);
    CHECK(f.checkIn.byCard("").outcome == CheckInOutcome::InvalidInput);
}

TEST_CASE("only the assistant links a card, and only to a patient with a birth date", "[health][check-in][card]") {
    HealthFixture f;
    const Appointment withBirth = f.add("10:30", "Petit", "Rose", "1970-05-05");
    const Appointment without = f.add("10:45", "Roux", "Hugo", "");
    CHECK(f.checkIn.linkCard(&f.cafe, withBirth.id, "04A1").error == HealthError::NotAllowed);
    CHECK(f.audit("health.refused").size() == 1);
    CHECK(f.checkIn.linkCard(&f.assistant, without.id, "04A1").error == HealthError::NoBirthDate);
    CHECK(f.checkIn.linkCard(&f.assistant, "nope", "04A1").error == HealthError::NotFound);
    CHECK(f.checkIn.linkCard(&f.assistant, withBirth.id, "xyz").error == HealthError::CardInvalid);
    CHECK(f.count("SELECT count(*) FROM patient_card") == 0);
}

TEST_CASE("a staff card or a garbled read is never linked to a patient, and checks no one in", "[health][check-in][card]") {
    HealthFixture f;
    const Appointment booked = f.add("10:30", "Petit", "Rose", "1970-05-05");
    f.setTime("10:15");
    REQUIRE(f.staff.assignCard(&systemActor(SystemActor::CommandLine), f.assistant.accountId, std::string("0A0B0C0D")).ok());
    CHECK(f.checkIn.linkCard(&f.assistant, booked.id, "0a:0b:0c:0d").error == HealthError::StaffCard);
    const std::string garbled[] = {"", "04A1\x07\x1b[2J", "04A1;DROP", std::string(5000, 'A'), "\xC3\xA9\xC3\xA9"};
    for (const std::string& read : garbled) {
        INFO("read of " << read.size() << " bytes");
        CHECK(f.checkIn.linkCard(&f.assistant, booked.id, read).error == HealthError::CardInvalid);
        CHECK(f.checkIn.byCard(read).outcome == CheckInOutcome::InvalidInput);
    }
    CHECK(f.count("SELECT count(*) FROM patient_card") == 0);
    CHECK(f.audit("health.card.link").empty());
    CHECK(f.statusOf(booked.id) == AppointmentStatus::Booked);
    // The same appointment takes a real card afterwards: nothing was lost.
    REQUIRE(f.checkIn.linkCard(&f.assistant, booked.id, "04:A1:B2:C3").ok());
    CHECK(f.checkIn.byCard("04A1B2C3").outcome == CheckInOutcome::CheckedIn);
}

TEST_CASE("tickets count per day and prefix, restart the next day and never repeat", "[health][check-in][ticket]") {
    HealthFixture f;
    f.add("10:00", "Alpha", "A", "1980-01-01");
    f.add("10:10", "Bravo", "B", "1980-01-02");
    f.add("10:20", "Charlie", "C", "1980-01-03");
    f.add("10:00", "Delta", "D", "1980-01-04", "2030-06-13");
    f.setTime("09:30");
    CHECK(f.checkIn.byBirthDate("1980-01-02", "BR").view->ticket == "M-001");
    CHECK(f.room.addWalkIn(&f.assistant, {"Echo", "E", ""}).appointment->ticket == "S-001");
    CHECK(f.checkIn.byBirthDate("1980-01-01", "AL").view->ticket == "M-002");
    CHECK(f.checkIn.byBirthDate("1980-01-03", "CH").view->ticket == "M-003");
    CHECK(f.room.addWalkIn(&f.assistant, {"Foxtrot", "", ""}).appointment->ticket == "S-002");

    f.clock.setMs(at("2030-06-13", "09:45"));
    CHECK(f.checkIn.byBirthDate("1980-01-04", "DE").view->ticket == "M-001");
    CHECK(f.room.addWalkIn(&f.assistant, {"Golf", "", ""}).appointment->ticket == "S-001");

    CHECK(f.count("SELECT count(*) FROM appointment WHERE ticket IS NOT NULL") == 7);
    CHECK(f.count("SELECT count(*) FROM (SELECT DISTINCT date(starts_at / 1000, 'unixepoch', 'localtime'), ticket "
                  "FROM appointment WHERE ticket IS NOT NULL)") == 7);
    CHECK(f.count("SELECT last_number FROM queue_counter WHERE day = '2030-06-12' AND prefix = 'M'") == 3);
}

TEST_CASE("what a check-in shows and audits names nobody", "[health][check-in][privacy]") {
    HealthFixture f;
    f.add("10:30", "Lefèvre-Dupont", "Marie", "1950-02-01");
    f.setTime("10:00");
    const CheckInResult result = f.checkIn.byBirthDate("1950-02-01", "LE");
    REQUIRE(result.view);
    for (const std::string& shown : {result.view->ticket, result.view->initials, result.view->time}) {
        CHECK(shown.find("Lef") == std::string::npos);
        CHECK(shown.find("Marie") == std::string::npos);
        CHECK(shown.find("1950") == std::string::npos);
    }
    const auto entries = f.audit("health.check_in");
    REQUIRE(entries.size() == 1);
    CHECK(vk::services::auditValuesOf(entries[0].detail) == vk::services::AuditValues{{"ticket", "M-001"}});
    CHECK_FALSE(entries[0].actorId);
}

TEST_CASE("check-in lookups use an index, never a scan of the table", "[health][check-in][index]") {
    HealthFixture f;
    const auto plans = vk::storage::AppointmentStore(f.db).checkInQueryPlans();
    REQUIRE(plans.size() == 3);
    CHECK_THAT(plans[0], Catch::Contains("appointment_check_in"));
    CHECK_THAT(plans[1], Catch::Contains("appointment_code"));
    CHECK_THAT(plans[2], Catch::Contains("PRIMARY KEY"));
    for (const std::string& plan : plans) {
        CHECK_THAT(plan, !Catch::Contains("SCAN"));
        CHECK_THAT(plan, !Catch::Contains("TEMP B-TREE"));  // the index gives the order too
    }
}

namespace {

// Sets the process's time zone for one test and puts the previous one back.
class ScopedTimeZone {
public:
    explicit ScopedTimeZone(const char* zone) {
        if (const char* previous = std::getenv("TZ")) previous_ = previous;
        setenv("TZ", zone, 1);
        tzset();
    }
    ~ScopedTimeZone() {
        if (previous_)
            setenv("TZ", previous_->c_str(), 1);
        else
            unsetenv("TZ");
        tzset();
    }
    ScopedTimeZone(const ScopedTimeZone&) = delete;
    ScopedTimeZone& operator=(const ScopedTimeZone&) = delete;

private:
    std::optional<std::string> previous_;
};

}  // namespace

TEST_CASE("on the night the clocks go forward, appointments keep their wall-clock time", "[health][check-in][dst]") {
    const ScopedTimeZone paris("Europe/Paris");
    const DayRange shortDay = localDayRange("2030-03-31");
    CHECK(shortDay.toMs - shortDay.fromMs == 23 * 60 * kMinute);
    HealthFixture f;
    const Appointment a = f.add("10:30", "Roux", "Hugo", "1971-06-06", "2030-03-31");
    CHECK(localTime(a.startsAt) == "10:30");
    f.clock.setMs(at("2030-03-31", "09:30"));
    const CheckInResult result = f.checkIn.byBirthDate("1971-06-06", "RO");
    REQUIRE(result.outcome == CheckInOutcome::CheckedIn);
    CHECK(result.view->time == "10:30");
    CHECK(f.count("SELECT count(*) FROM queue_counter WHERE day = '2030-03-31'") == 1);
}

TEST_CASE("someone else's misses never refuse the next patient who types correctly", "[health][check-in][privacy]") {
    HealthFixture f;
    f.add("10:30", "Moreau", "Jeanne", "1950-03-14");
    f.setTime("10:00");
    for (int attempt = 0; attempt < 30; ++attempt)
        CHECK(f.checkIn.byBirthDate("1901-01-" + std::string(attempt < 9 ? "0" : "") + std::to_string(attempt % 28 + 1), "ZZ")
                  .outcome == CheckInOutcome::NoMatch);
    CHECK(f.checkIn.byBirthDate("1950-03-14", "MO").outcome == CheckInOutcome::CheckedIn);
}

TEST_CASE("many misses in an hour leave one notice for the assistant, and check-in stays open", "[health][check-in][privacy]") {
    HealthFixture f;
    f.setTime("10:00");
    const CheckInPolicy policy;
    auto alerts = [&] {
        return f.count("SELECT count(*) FROM staff_notice WHERE area = 'health' AND acknowledged_at IS NULL");
    };
    for (int attempt = 0; attempt < policy.missesBeforeAlert - 1; ++attempt) f.checkIn.byCode("XXXXXX");
    CHECK(alerts() == 0);
    f.checkIn.byBirthDate("1901-01-01", "ZZ");
    CHECK(alerts() == 1);
    // Further misses within the hour do not repeat it.
    for (int attempt = 0; attempt < 10; ++attempt) f.checkIn.byCode("XXXXXX");
    CHECK(alerts() == 1);
    CHECK(f.count("SELECT count(*) FROM audit_log WHERE action = 'health.check_in_misses'") == 1);
}

TEST_CASE("a person's misses make them wait a little longer each time, from the third on", "[health][check-in]") {
    CheckInAttempts attempts;
    const std::int64_t now = 1'000'000;
    attempts.noteMiss(now);
    attempts.noteMiss(now);
    CHECK(attempts.secondsToWait(now) == 0);
    attempts.noteMiss(now);
    CHECK(attempts.secondsToWait(now) == 5);
    CHECK(attempts.secondsToWait(now + 5'000) == 0);
    attempts.noteMiss(now);
    CHECK(attempts.secondsToWait(now) == 10);
    for (int i = 0; i < 10; ++i) attempts.noteMiss(now);
    CHECK(attempts.secondsToWait(now) == 60);  // capped: a person is slowed, never locked out
}

TEST_CASE("a birth date is checked as it is typed, each slip named", "[health][check-in][bad-input]") {
    CHECK(checkBirthDigits("", 2026) == BirthDateProblem::Incomplete);
    CHECK(checkBirthDigits("1", 2026) == BirthDateProblem::Incomplete);
    CHECK(checkBirthDigits("4", 2026) == BirthDateProblem::DayInvalid);  // no day starts with 4
    CHECK(checkBirthDigits("00", 2026) == BirthDateProblem::DayInvalid);
    CHECK(checkBirthDigits("32", 2026) == BirthDateProblem::DayInvalid);
    CHECK(checkBirthDigits("142", 2026) == BirthDateProblem::MonthInvalid);
    CHECK(checkBirthDigits("1413", 2026) == BirthDateProblem::MonthInvalid);
    CHECK(checkBirthDigits("14033", 2026) == BirthDateProblem::YearInvalid);
    CHECK(checkBirthDigits("140318", 2026) == BirthDateProblem::YearInvalid);
    CHECK(checkBirthDigits("1403195", 2026) == BirthDateProblem::Incomplete);
    CHECK(checkBirthDigits("14031950", 2026) == BirthDateProblem::None);
    CHECK(checkBirthDigits("14032030", 2026) == BirthDateProblem::YearInvalid);  // not born yet
    CHECK(checkBirthDigits("14031890", 2026) == BirthDateProblem::YearInvalid);  // 136 years old
    CHECK(checkBirthDigits("31041950", 2026) == BirthDateProblem::NoSuchDay);
    CHECK(checkBirthDigits("29021951", 2026) == BirthDateProblem::NoSuchDay);
    CHECK(checkBirthDigits("29021952", 2026) == BirthDateProblem::None);
}

TEST_CASE("a resident asking for the assistant leaves her a notice that names no one", "[health][check-in][privacy]") {
    HealthFixture f;
    f.setTime("10:42");
    f.checkIn.askForHelp(HelpReason::NotFound);
    CHECK(f.count("SELECT count(*) FROM staff_notice WHERE area = 'health.help' AND acknowledged_at IS NULL") == 1);
    const std::string message = f.db.sql().execAndGet("SELECT message FROM staff_notice").getString();
    CHECK_THAT(message, Catch::Contains("10 h 42"));
    CHECK_THAT(message, Catch::Contains("introuvable"));
    CHECK(f.count("SELECT count(*) FROM audit_log WHERE action = 'health.help_requested' AND "
                  "json_extract(detail, '$.reason_key') = 'check_in.help_reason.not_found'") == 1);
}

TEST_CASE("misses spread over more than the alert window leave no notice", "[health][check-in]") {
    HealthFixture f;
    for (int attempt = 0; attempt < 20; ++attempt) {
        CHECK(f.checkIn.byBirthDate("1901-01-01", "ZZ").outcome == CheckInOutcome::NoMatch);
        f.clock.advanceMs(6 * 60 * 1000);
    }
    CHECK(f.count("SELECT count(*) FROM staff_notice WHERE area = 'health'") == 0);
}
