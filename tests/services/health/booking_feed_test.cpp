// Appointments kept in step with the booking tool: its iCalendar feed (one per practitioner) and its CSV export
// with a booking id, reconciled by the source's own id.
#include "health_fixture.h"

#include "kiosk/services/health/booking_calendar.h"
#include "kiosk/services/health/health_area.h"
#include "kiosk/services/kiosk_runtime.h"
#include "storage/staff_notice_store.h"

#include <atomic>
#include <thread>

#include <chrono>
#include <fstream>
#include <sstream>

using namespace vk::services::health;
using namespace vk::services::health::testing;

namespace {

std::string readFixture(const std::string& name) {
    std::ifstream in(std::string(VK_SOURCE_DIR) + "/tests/services/fixtures/" + name, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    REQUIRE(!text.str().empty());
    return text.str();
}

// The feeds are written in Paris time, in June (UTC+2), whatever the zone of the machine running the tests.
std::int64_t paris(const std::string& day, const std::string& time) {
    const int y = std::stoi(day.substr(0, 4));
    const unsigned m = static_cast<unsigned>(std::stoi(day.substr(5, 2)));
    const unsigned d = static_cast<unsigned>(std::stoi(day.substr(8, 2)));
    const std::chrono::sys_days date{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
    const std::int64_t minutes = std::stoi(time.substr(0, 2)) * 60 + std::stoi(time.substr(3, 2)) - 120;
    return date.time_since_epoch().count() * 86'400'000LL + minutes * kMinute;
}

const std::string kFeed = "https://agenda-sante.example/ical/dr-lefebvre?token=s3cr3t";
const std::string kOtherFeed = "https://agenda-sante.example/ical/dr-garnier?token=0th3r";

std::optional<Appointment> bySource(HealthFixture& f, const std::string& uid) {
    vk::storage::AppointmentStore store(f.db);
    return store.findBySource(vk::storage::AppointmentSource::Ical, uid);
}

ImportReport importFeed(HealthFixture& f, const std::string& fixture, const std::string& address = kFeed) {
    const ImportReport report = f.book.importBookingFeed(&f.assistant, readFixture(fixture), address, "Europe/Paris");
    INFO(report.failure);
    REQUIRE(report.stored());
    return report;
}

}  // namespace

TEST_CASE("a booking feed is read: patient from the description or the summary, times in their zone, the reason of "
          "the visit never kept",
          "[health][booking-feed]") {
    const BookingCalendarResult parsed = parseBookingCalendar(readFixture("bookings_feed_before.ics"), "Europe/Paris");
    REQUIRE(parsed.ok);
    CHECK(parsed.skipped.empty());  // the all-day absence is passed over, not reported
    REQUIRE(parsed.bookings.size() == 7);
    const auto find = [&](const std::string& uid) -> const ImportedBooking& {
        for (const ImportedBooking& b : parsed.bookings)
            if (b.uid == uid) return b;
        FAIL("no booking " << uid);
        return parsed.bookings.front();
    };
    const ImportedBooking& marie = find("rdv-1001@agenda-sante.example");
    CHECK(marie.surname == "DUPONT");
    CHECK(marie.givenName == "Marie");
    CHECK(marie.birthDate == "14/03/1950");
    CHECK(marie.phone == "06 12 34 56 78");
    CHECK(marie.startsAtMs == paris(kDay, "09:00"));
    CHECK(find("rdv-1002@agenda-sante.example").givenName == "Jean");  // « – Vaccin grippe » is not a name
    CHECK(find("rdv-1002@agenda-sante.example").birthDate == "02/07/1961");
    CHECK(find("rdv-1003@agenda-sante.example").surname == "Bernard");
    CHECK(find("rdv-1003@agenda-sante.example").givenName == "Lucie");
    CHECK(find("rdv-1004@agenda-sante.example").email == "paul.roux@example.org");
    CHECK(find("rdv-1005@agenda-sante.example").startsAtMs == paris(kDay, "11:00"));  // 09:00 UTC in summer
    CHECK(find("rdv-1005@agenda-sante.example").givenName == "Emma");
    CHECK(find("rdv-1005@agenda-sante.example").code == "KX7M4P");
    CHECK(find("rdv-1006@agenda-sante.example").surname == "LAMBERT");
    CHECK(find("rdv-1006@agenda-sante.example").givenName == "Hugo");
    for (const ImportedBooking& b : parsed.bookings) {
        for (const std::string* field : {&b.surname, &b.givenName, &b.phone, &b.email, &b.code}) {
            CHECK(field->find("Renouvellement") == std::string::npos);
            CHECK(field->find("Vaccin") == std::string::npos);
            CHECK(field->find("dorsales") == std::string::npos);
            CHECK(field->find("consultation") == std::string::npos);
        }
    }
}

TEST_CASE("a booking feed's VTIMEZONE that libical would spend hours on is set aside, the booking read in the system's "
          "zone of that name",
          "[health][booking-feed][bad-input]") {
    // A part changing every second of February, walked second by second, under the name of a zone the system knows.
    const std::string feed =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Agenda//FR\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n"
        "BEGIN:STANDARD\r\nDTSTART:20261105T090000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0500\r\n"
        "RRULE:FREQ=SECONDLY;BYMONTH=2\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
        "BEGIN:VEVENT\r\nUID:rdv-2001@agenda-sante.example\r\nDTSTART;TZID=Europe/Paris:20261105T090000\r\n"
        "DTEND;TZID=Europe/Paris:20261105T091500\r\nSUMMARY:DUPONT Marie\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    const BookingCalendarResult parsed = parseBookingCalendar(feed, "Europe/Paris");
    REQUIRE(parsed.ok);
    REQUIRE(parsed.bookings.size() == 1);
    // 09:00 in Paris in November is 08:00 UTC.
    const std::int64_t expected =
        (std::chrono::sys_days{std::chrono::year{2026} / 11 / 5}.time_since_epoch().count() * 86400 + 8 * 3600) * 1000;
    CHECK(parsed.bookings.front().startsAtMs == expected);
}

TEST_CASE("a re-import of the feed moves, cancels and adds by UID, and reports what it could not follow",
          "[health][booking-feed]") {
    HealthFixture f;
    const ImportReport first = importFeed(f, "bookings_feed_before.ics");
    CHECK(first.added == 7);
    CHECK(first.problems.empty());
    const Appointment marie = *bySource(f, "rdv-1001@agenda-sante.example");
    CHECK(marie.startsAt == paris(kDay, "09:00"));
    CHECK(marie.birthDate == "1950-03-14");
    CHECK(marie.sourceFeed);
    CHECK(marie.sourceFeed->find("s3cr3t") == std::string::npos);  // the address (and its token) is not stored

    // Jean Martin checks in; at the desk, Emma Petit's time is corrected to 11:15.
    f.clock.setMs(paris(kDay, "09:20"));
    const Appointment jean = *bySource(f, "rdv-1002@agenda-sante.example");
    REQUIRE(f.room.markArrived(&f.assistant, jean.id).ok());
    const Appointment emma = *bySource(f, "rdv-1005@agenda-sante.example");
    REQUIRE(f.book.edit(&f.assistant, emma.id, {kDay, "11:15", "PETIT", "Emma", "12/12/2001", "", ""}).ok());

    f.clock.setMs(paris(kDay, "09:25"));  // before Jean Martin's 09:30
    const ImportReport second = importFeed(f, "bookings_feed_after.ics");
    // Marie Dupont moved to 11:30, Hugo Lambert to tomorrow 14:00.
    REQUIRE(second.moved.size() == 2);
    CHECK(second.moved[0].who == "M. D.");
    CHECK(second.moved[0].fromMs == paris(kDay, "09:00"));
    CHECK(second.moved[0].toMs == paris(kDay, "11:30"));
    CHECK(f.book.find(marie.id)->startsAt == paris(kDay, "11:30"));
    CHECK(bySource(f, "rdv-1006@agenda-sante.example")->startsAt == paris("2030-06-13", "14:00"));
    // Lucie Bernard cancelled there (STATUS:CANCELLED), Paul Roux removed there: both cancelled here.
    REQUIRE(second.cancelled.size() == 2);
    CHECK(bySource(f, "rdv-1003@agenda-sante.example")->status == AppointmentStatus::Cancelled);
    CHECK(bySource(f, "rdv-1004@agenda-sante.example")->status == AppointmentStatus::Cancelled);
    // Jean Martin is in the waiting room: removed there, but kept here and reported.
    REQUIRE(second.unmatched.size() == 1);
    CHECK(second.unmatched[0].sourceId == "rdv-1002@agenda-sante.example");
    CHECK_THAT(second.unmatched[0].reason, Catch::Contains("already checked in"));
    CHECK(f.statusOf(jean.id) == AppointmentStatus::Arrived);
    // The desk's correction stays: the tool's own time did not change.
    CHECK(f.book.find(emma.id)->startsAt == at(kDay, "11:15"));
    // Yesterday's booking dropped out of the feed as feeds do: it is not cancelled.
    CHECK(bySource(f, "rdv-0999@agenda-sante.example")->status == AppointmentStatus::Booked);
    CHECK(second.added == 1);  // Nina Fabre
    CHECK(f.count("SELECT count(*) FROM appointment") == 8);  // a moved booking is not a second booking

    CHECK(f.audit("health.appointment.move").size() == 2);
    CHECK(f.audit("health.appointment.cancel_from_source").size() == 2);
    for (const auto& entry : f.staff.recentAudit(100)) {
        CHECK(entry.detail.find("DUPONT") == std::string::npos);
        CHECK(entry.detail.find("Bernard") == std::string::npos);
    }

    SECTION("the same feed again changes nothing") {
        const ImportReport third = importFeed(f, "bookings_feed_after.ics");
        CHECK(third.moved.empty());
        CHECK(third.cancelled.empty());
        CHECK(third.added == 0);
        CHECK(third.unmatched.size() == 1);  // Jean Martin is still here and still not in the feed
    }
    SECTION("another practitioner's feed never cancels this one's bookings") {
        const std::string other = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:g-1@agenda-sante.example\r\n"
                                  "DTSTART;TZID=Europe/Paris:20300612T140000\r\nSUMMARY:Léo GIRARD\r\nEND:VEVENT\r\n"
                                  "END:VCALENDAR\r\n";
        const ImportReport report = f.book.importBookingFeed(&f.assistant, other, kOtherFeed, "Europe/Paris");
        CHECK(report.added == 1);
        CHECK(report.cancelled.empty());
        CHECK(f.book.find(marie.id)->status == AppointmentStatus::Booked);
    }
}

TEST_CASE("a booking feed that is not a calendar, or a refused actor, changes nothing", "[health][booking-feed][bad-input]") {
    HealthFixture f;
    importFeed(f, "bookings_feed_before.ics");
    for (const std::string bad : {"", "<html><body>Session expirée</body></html>", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n",
                                  "garbage\x01\x02"}) {
        const ImportReport report = f.book.importBookingFeed(&f.assistant, bad, kFeed, "Europe/Paris");
        CHECK_FALSE(report.stored());
        CHECK_FALSE(report.failure.empty());
    }
    CHECK(f.count("SELECT count(*) FROM appointment WHERE status = 'cancelled'") == 0);
    CHECK(f.book.importBookingFeed(&f.cafe, readFixture("bookings_feed_after.ics"), kFeed, "Europe/Paris").error ==
          HealthError::NotAllowed);
    CHECK(f.count("SELECT count(*) FROM appointment WHERE status = 'cancelled'") == 0);

    SECTION("events without a UID, repeating, or without a patient's name are reported and skipped") {
        const std::string feed =
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
            "BEGIN:VEVENT\r\nDTSTART:20300612T120000Z\r\nSUMMARY:Anne LEROY\r\nEND:VEVENT\r\n"
            "BEGIN:VEVENT\r\nUID:weekly\r\nDTSTART:20300612T120000Z\r\nRRULE:FREQ=WEEKLY\r\nSUMMARY:Anne LEROY\r\nEND:VEVENT\r\n"
            "BEGIN:VEVENT\r\nUID:nameless\r\nDTSTART:20300612T130000Z\r\nSUMMARY: \r\nEND:VEVENT\r\n"
            "END:VCALENDAR\r\n";
        const ImportReport report = f.book.importBookingFeed(&f.assistant, feed, kOtherFeed, "Europe/Paris");
        CHECK(report.stored());
        CHECK(report.added == 0);
        REQUIRE(report.problems.size() == 3);
        CHECK_THAT(report.problems[0].reason, Catch::Contains("UID"));
        CHECK_THAT(report.problems[1].reason, Catch::Contains("repeating"));
        CHECK_THAT(report.problems[2].reason, Catch::Contains("no patient's name"));
    }
}

TEST_CASE("a CSV with a booking id column is reconciled by that id: moved, removed, checked in", "[health][book][csv]") {
    HealthFixture f;
    const std::string before = "date;heure;nom;prénom;naissance;téléphone;code;id\r\n"
                               "12/06/2030;09:00;Dupont;Marie;14/03/1950;;;B-1\r\n"
                               "12/06/2030;09:30;Martin;Jean;02/07/1961;;;B-2\r\n"
                               "12/06/2030;10:00;Roux;Paul;05/05/1945;;;B-3\r\n"
                               "13/06/2030;09:00;Lambert;Hugo;30/09/1972;;;B-4\r\n";
    const ImportReport first = f.book.importCsv(&f.assistant, before);
    REQUIRE(first.stored());
    CHECK(first.added == 4);
    f.setTime("09:20");
    vk::storage::AppointmentStore store(f.db);
    const auto jean = store.findBySource(vk::storage::AppointmentSource::Csv, "B-2");
    REQUIRE(jean);
    REQUIRE(f.room.markArrived(&f.assistant, jean->id).ok());

    // Marie moved to 11:00; Jean and Paul no longer in the export; Hugo (the 13th) unchanged.
    const std::string after = "date;heure;nom;prénom;naissance;téléphone;code;id\r\n"
                              "12/06/2030;11:00;Dupont;Marie;14/03/1950;;;B-1\r\n"
                              "13/06/2030;09:00;Lambert;Hugo;30/09/1972;;;B-4\r\n";
    const ImportReport second = f.book.importCsv(&f.assistant, after);
    REQUIRE(second.stored());
    REQUIRE(second.moved.size() == 1);
    CHECK(second.moved[0].toMs == at(kDay, "11:00"));
    REQUIRE(second.cancelled.size() == 1);
    CHECK(second.cancelled[0].who == "P. R.");
    REQUIRE(second.unmatched.size() == 1);
    CHECK(second.unmatched[0].sourceId == "B-2");
    CHECK(second.unchanged == 1);
    CHECK(f.count("SELECT count(*) FROM appointment") == 4);

    SECTION("a file of other days cancels nothing on the days it does not cover") {
        const ImportReport third = f.book.importCsv(
            &f.assistant, "date;heure;nom;prénom;naissance;téléphone;code;id\r\n20/06/2030;09:00;Petit;Emma;;;;B-9\r\n");
        CHECK(third.cancelled.empty());
        CHECK(third.added == 1);
        CHECK(store.findBySource(vk::storage::AppointmentSource::Csv, "B-4")->status == AppointmentStatus::Booked);
    }
    SECTION("the same id twice in one file is reported, the first row kept") {
        const ImportReport twice = f.book.importCsv(&f.assistant, "date;heure;nom;prénom;naissance;téléphone;code;id\r\n"
                                                                  "12/06/2030;11:00;Dupont;Marie;14/03/1950;;;B-1\r\n"
                                                                  "12/06/2030;12:00;Dupont;Marie;14/03/1950;;;B-1\r\n");
        REQUIRE(twice.problems.size() == 1);
        CHECK(twice.problems[0].line == 3);
    }
}

TEST_CASE("booking feeds are fetched on the rota feed's worker, and a dead one leaves a notice naming its host only",
          "[health][booking-feed][runtime]") {
    vk::services::KioskConfig config;
    config.demoData = false;
    auto& settings = config.areas.get<HealthSettings>();
    settings.rotaFeedUrl = "http://127.0.0.1:9/rota.ics";
    // Nothing listens there: each fetch is refused at once, on the worker's thread.
    settings.bookingFeedUrls = {"http://127.0.0.1:9/ical/dr-lefebvre?token=s3cr3t", "http://127.0.0.2:9/ical/dr-garnier"};
    vk::services::KioskRuntime runtime(
        config, vk::services::RuntimeOptions{true, vk::services::PinHasher::Strength::FastForTests, nullptr});
    std::atomic<int> wakes{0};
    runtime.startBackgroundWork([&wakes] { ++wakes; });
    vk::storage::StaffNoticeStore notices(runtime.database);
    const auto bookingNotices = [&] {
        int found = 0;
        for (const auto& notice : notices.open()) {
            if (notice.area != "health") continue;
            CHECK(notice.message.find("s3cr3t") == std::string::npos);
            CHECK(notice.message.find("127.0.0.") != std::string::npos);
            ++found;
        }
        return found;
    };
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (bookingNotices() < 2 && std::chrono::steady_clock::now() < deadline) {
        runtime.pollAreas(runtime.clock.nowMs());
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK(bookingNotices() == 2);
    CHECK(wakes.load() >= 3);  // the rota and both booking feeds were answered by the one worker
    runtime.stop();
}

TEST_CASE("a booking feed's answer is applied as the fetch left it: a page of HTML changes nothing",
          "[health][booking-feed][runtime]") {
    vk::services::KioskConfig config;
    config.demoData = false;
    vk::services::KioskRuntime runtime(
        config, vk::services::RuntimeOptions{true, vk::services::PinHasher::Strength::FastForTests, nullptr});
    auto& health = runtime.area<HealthServices>();
    vk::net::HttpResponse ok;
    ok.outcome = vk::net::HttpOutcome::Ok;
    ok.body = readFixture("bookings_feed_before.ics");
    CHECK(health.applyBookingFeedResponse(kFeed, ok).added == 7);
    vk::net::HttpResponse html = ok;
    html.body = "<!DOCTYPE html><html><body>Connexion</body></html>";
    const ImportReport refused = health.applyBookingFeedResponse(kFeed, html);
    CHECK_FALSE(refused.failure.empty());
    CHECK(runtime.database.sql().execAndGet("SELECT count(*) FROM appointment WHERE status = 'booked'").getInt() == 7);
    vk::net::HttpResponse after = ok;
    after.body = readFixture("bookings_feed_after.ics");
    const ImportReport changed = health.applyBookingFeedResponse(kFeed, after);
    CHECK(changed.cancelled.size() == 4);  // all of the fixtures are still to come for the real clock
    bool noticed = false;
    for (const auto& notice : vk::storage::StaffNoticeStore(runtime.database).open())
        noticed |= notice.area == "health" && notice.message.find("4") != std::string::npos;
    CHECK(noticed);
}
