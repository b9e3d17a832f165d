#include "kiosk/services/health/local_days.h"
#include "rota_test_support.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <ctime>

using namespace vk::services;
using namespace vk::services::health;

namespace {

using vk::test::calendar;
using vk::test::hoursEvent;
using vk::test::kMondayMorning;

struct RotaFixture : vk::test::RotaTestBase {
    StaffSession assistant{"a", "Claire", StaffRole::MedicalAssistant, 0};
    StaffSession cafe{"c", "Julien", StaffRole::CafeManager, 0};
    const std::string goodFeed = calendar(hoursEvent("mon-am", "20261123", "0900", "1200") +
                                          hoursEvent("mon-pm", "20261123", "1400", "1730") +
                                          hoursEvent("tue-am", "20261124", "0900", "1200"));
};

}  // namespace

TEST_CASE("an imported calendar becomes this week's hours, the same import again changes nothing", "[rota]") {
    RotaFixture f;
    const RotaImportReport first = f.rota.importCalendar(f.goodFeed, "rota.ics");
    REQUIRE(first.applied);
    CHECK(first.change.added == 3);
    const auto week = f.rota.weeks("2026-11-23", 1).front();
    REQUIRE(week.days[0].hours.size() == 2);
    CHECK(week.days[0].hours[0].opens == "09:00");
    CHECK(week.days[0].hours[1].closes == "17:30");
    CHECK(week.days[1].hours.size() == 1);

    const RotaImportReport again = f.rota.importCalendar(f.goodFeed, "rota.ics");
    REQUIRE(again.applied);
    CHECK_FALSE(again.change.any());
}

TEST_CASE("a garbled calendar never replaces the last good rota, and staff are told why", "[rota][bad-input]") {
    RotaFixture f;
    REQUIRE(f.rota.importCalendar(f.goodFeed, "rota.ics").applied);
    for (const std::string& bad : {std::string("<html><body>502 Bad Gateway</body></html>"), std::string(4096, '\x07'),
                                   std::string("")}) {
        const RotaImportReport report = f.rota.importCalendar(bad, "rota.ics");
        CHECK_FALSE(report.applied);
        CHECK_FALSE(report.error.empty());
    }
    CHECK(f.rota.weeks("2026-11-23", 1).front().days[0].hours.size() == 2);
    const auto notices = f.notices.open();
    REQUIRE_FALSE(notices.empty());
    CHECK_THAT(notices.back().message, Catch::Contains("n’a pas pu être mis à jour") &&
                                           Catch::Contains("Le dernier planning reçu reste affiché"));
}

TEST_CASE("a calendar that suddenly holds nothing for the coming weeks is refused", "[rota][bad-input]") {
    RotaFixture f;
    REQUIRE(f.rota.importCalendar(f.goodFeed, "rota.ics").applied);
    // Only events in 1900 and 3000: valid iCalendar, nothing usable.
    const std::string absurd = calendar(hoursEvent("old", "19000105", "0900", "1200") + hoursEvent("far", "30000105", "0900", "1200"));
    const RotaImportReport report = f.rota.importCalendar(absurd, "rota.ics");
    CHECK_FALSE(report.applied);
    CHECK_THAT(report.error, Catch::Contains("no usable event"));
    CHECK(f.rota.weeks("2026-11-23", 1).front().days[0].hours.size() == 2);
}

TEST_CASE("an import that changes a coming week leaves a notice naming the week", "[rota]") {
    RotaFixture f;
    REQUIRE(f.rota.importCalendar(f.goodFeed, "rota.ics").applied);
    for (const auto& notice : f.notices.open()) f.notices.acknowledge(f.assistant, notice.seq);
    const std::string moved = calendar(hoursEvent("mon-am", "20261123", "1000", "1200") +
                                       hoursEvent("mon-pm", "20261123", "1400", "1730") +
                                       hoursEvent("tue-am", "20261124", "0900", "1200"));
    const RotaImportReport report = f.rota.importCalendar(moved, "rota.ics");
    REQUIRE(report.applied);
    CHECK(report.change.updated == 1);
    const auto notices = f.notices.open();
    REQUIRE(notices.size() == 1);
    CHECK_THAT(notices[0].message, Catch::Contains("du lundi 23 au vendredi 27 novembre"));
}

TEST_CASE("feed answers: 304 keeps the rota, a network failure is reported, validators are sent back", "[rota][feed]") {
    RotaFixture f;
    const std::string url = "https://agenda.example.org/private/abc123secret/rota.ics";
    vk::net::HttpResponse ok;
    ok.outcome = vk::net::HttpOutcome::Ok;
    ok.status = 200;
    ok.body = f.goodFeed;
    ok.etag = "\"v1\"";
    REQUIRE(f.rota.applyFeedResponse(url, ok).applied);
    CHECK(f.rota.feedRequest(url).ifNoneMatch == std::optional<std::string>("\"v1\""));

    vk::net::HttpResponse notModified;
    notModified.outcome = vk::net::HttpOutcome::NotModified;
    notModified.status = 304;
    CHECK(f.rota.applyFeedResponse(url, notModified).applied);

    vk::net::HttpResponse dead;
    dead.outcome = vk::net::HttpOutcome::Timeout;
    dead.message = "the server did not answer within 15 s";
    const RotaImportReport failed = f.rota.applyFeedResponse(url, dead);
    CHECK_FALSE(failed.applied);
    CHECK(f.rota.weeks("2026-11-23", 1).front().days[0].hours.size() == 2);
    const auto state = f.rota.feedState(url);
    REQUIRE(state);
    CHECK(state->lastError == std::optional<std::string>(dead.message));
    CHECK(state->lastGoodBody == std::optional<std::string>(f.goodFeed));
    // The notice says what failed, but not the feed's secret address.
    const auto notices = f.notices.open();
    REQUIRE_FALSE(notices.empty());
    CHECK_THAT(notices.back().message, Catch::Contains("agenda.example.org") && Catch::Contains("15 s"));
    for (const auto& notice : notices) CHECK(notice.message.find("abc123secret") == std::string::npos);
}

TEST_CASE("a failure repeated every hour is one notice until someone reads it", "[rota][feed]") {
    RotaFixture f;
    vk::net::HttpResponse dead;
    dead.outcome = vk::net::HttpOutcome::NetworkError;
    dead.message = "could not connect to the server";
    for (int hour = 0; hour < 5; ++hour) {
        f.rota.applyFeedResponse("https://agenda.example.org/rota.ics", dead);
        f.clock.advanceMs(3'600'000);
    }
    CHECK(f.notices.open().size() == 1);
}

TEST_CASE("today's state follows the clock, the sessions, a delay and an early closing", "[rota]") {
    RotaFixture f;
    REQUIRE(f.rota.importCalendar(f.goodFeed, "rota.ics").applied);
    CHECK(f.rota.today().status == TodayStatus::OpensLater);
    CHECK(f.rota.today().time == "09:00");
    f.clock.advanceMs(2 * 3'600'000);  // 10:00
    CHECK(f.rota.today().status == TodayStatus::Open);
    CHECK(f.rota.today().time == "12:00");
    REQUIRE(f.rota.announce(f.assistant, 20, "") == RotaEditError::None);
    CHECK(f.rota.today().delayMinutes == 20);
    REQUIRE(f.rota.announce(f.assistant, 0, "11:00") == RotaEditError::None);
    CHECK(f.rota.today().time == "11:00");
    CHECK(f.rota.today().closesEarly);
    f.clock.advanceMs(3 * 3'600'000);  // 13:00: the afternoon was cut by the early closing
    CHECK(f.rota.today().status == TodayStatus::Over);
    REQUIRE(f.rota.announce(f.assistant, 0, "") == RotaEditError::None);
    CHECK(f.rota.today().status == TodayStatus::Reopens);
    CHECK(f.rota.today().doctors == std::vector<std::string>{"Dr Anne Roche"});
}

TEST_CASE("a closure wins over the hours of its days", "[rota]") {
    RotaFixture f;
    REQUIRE(f.rota.importCalendar(f.goodFeed, "rota.ics").applied);
    REQUIRE(f.rota.addClosure(f.assistant, "2026-11-23", "2026-11-23", "Férié") == RotaEditError::None);
    CHECK(f.rota.today().status == TodayStatus::Closure);
    CHECK(f.rota.today().reason == "Férié");
    CHECK_FALSE(f.rota.weeks("2026-11-23", 1).front().days[0].open());
}

TEST_CASE("only the medical assistant and admins edit the rota, bad days and times are refused", "[rota][bad-input]") {
    RotaFixture f;
    CHECK(f.rota.addHours(f.cafe, "2026-11-25", "09:00", "12:00") == RotaEditError::NotAllowed);
    CHECK(f.rota.addHours(f.assistant, "2026-02-30", "09:00", "12:00") == RotaEditError::BadDay);
    CHECK(f.rota.addHours(f.assistant, "2026-11-25", "25:75", "26:00") == RotaEditError::BadTime);
    CHECK(f.rota.addHours(f.assistant, "2026-11-25", "12:00", "09:00") == RotaEditError::BadRange);
    CHECK(f.rota.addVisit(f.assistant, "\x1b\x07", "", "2026-11-23", "2026-11-27") == RotaEditError::NameInvalid);
    CHECK(f.rota.addHours(f.assistant, "2026-11-25", "09:00", "12:00") == RotaEditError::None);
    CHECK(f.rota.weeks("2026-11-23", 1).front().days[2].hours.size() == 1);
    CHECK(f.staff.recentAudit(1).front().action == "rota.hours.add");
}

TEST_CASE("staff edits survive a feed import, feed rows are the feed's", "[rota]") {
    RotaFixture f;
    REQUIRE(f.rota.addHours(f.assistant, "2026-11-25", "09:00", "12:00") == RotaEditError::None);
    REQUIRE(f.rota.importCalendar(f.goodFeed, "rota.ics").applied);
    REQUIRE(f.rota.importCalendar(calendar(hoursEvent("thu", "20261126", "0900", "1200")), "rota.ics").applied);
    const auto week = f.rota.weeks("2026-11-23", 1).front();
    CHECK(week.days[0].hours.empty());           // the feed dropped Monday
    CHECK(week.days[2].hours.size() == 1);       // the assistant's Wednesday stays
    CHECK(week.days[3].hours.size() == 1);
}

TEST_CASE("a feed address shows its host only", "[rota][privacy]") {
    CHECK(RotaService::describeSource("https://user:pw@agenda.example.org/p/secret.ics?token=x") == "agenda.example.org");
    CHECK(RotaService::describeSource("/var/lib/rota.ics") == "/var/lib/rota.ics");
}

TEST_CASE("local days: weeks, weekends and the daylight-saving change", "[rota][days]") {
    RotaFixture f;
    CHECK(mondayOf("2026-11-22") == "2026-11-16");
    CHECK(displayedWeekMonday("2026-11-21") == "2026-11-23");  // Saturday: next week
    CHECK(displayedWeekMonday("2026-11-20") == "2026-11-16");
    CHECK(addDays("2026-12-31", 1) == "2027-01-01");
    CHECK(addDays("2028-02-28", 1) == "2028-02-29");
    CHECK_FALSE(isValidDay("2026-02-30"));
    CHECK_FALSE(isValidTime("24:00"));
    // 25 October 2026: 02:00 to 03:00 happens twice in Paris; 09:00 is 08:00 UTC after the change.
    CHECK(localToUnixMs("2026-10-26", "09:00") == std::optional<std::int64_t>(1'793'001'600'000));
}
