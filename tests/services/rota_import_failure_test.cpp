// Rota imports that meet an event the database cannot take, or a database that cannot take anything: the kiosk
// carries on, the previous rota stays whole, and staff are told why.

#include "services/full_disk.h"
#include "kiosk/services/user_text.h"
#include "rota_test_support.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <ctime>

using namespace vk::services;
using namespace vk::services::health;

namespace {

using vk::test::calendar;
using vk::test::hoursEvent;

// The report that first showed the abort: nine lines, one all-day event, no name.
const std::string kNamelessVisit =
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "PRODID:-//test//FR\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:nameless\r\n"
    "DTSTART;VALUE=DATE:20261125\r\n"
    "SUMMARY:\r\n"
    "END:VEVENT\r\n"
    "END:VCALENDAR\r\n";

std::string visitEvent(const std::string& uid, const std::string& day, const std::string& summaryLine) {
    return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTART;VALUE=DATE:" + day + "\r\n" + summaryLine + "END:VEVENT\r\n";
}

// "YYYYMMDD" of the d-th day from Monday 23 November 2026.
std::string localDayOf(int d) {
    std::tm day{};
    day.tm_year = 2026 - 1900;
    day.tm_mon = 10;
    day.tm_mday = 23 + d;
    day.tm_hour = 12;
    std::mktime(&day);
    char text[16];
    std::strftime(text, sizeof text, "%Y%m%d", &day);
    return text;
}

// Consultation hours every day for twelve weeks, with long names: far more than the free corners of a page.
std::string bigFeed() {
    std::string events;
    for (int d = 0; d < 84; ++d) {
        const std::string day = localDayOf(d);
        events += hoursEvent("big-am-" + std::to_string(d), day, "0900", "1200", "Dr " + std::string(100, 'M'));
        events += hoursEvent("big-pm-" + std::to_string(d), day, "1400", "1800", "Dr " + std::string(100, 'P'));
    }
    return calendar(events);
}

struct RotaFixture : vk::test::RotaTestBase {
    const std::string goodFeed = calendar(hoursEvent("mon-am", "20261123", "0900", "1200") +
                                          hoursEvent("mon-pm", "20261123", "1400", "1730") +
                                          hoursEvent("tue-am", "20261124", "0900", "1200") +
                                          visitEvent("visit-roche", "20261123", "SUMMARY:Dr Anne Roche\r\n"));

    // What residents would see of the coming fortnight, as one line per entry.
    std::vector<std::string> shown() {
        std::vector<std::string> lines;
        for (const auto& week : rota.weeks("2026-11-23", 2)) {
            for (const auto& visit : week.visits) lines.push_back("visit " + visit.doctorName + " " + visit.firstDay);
            for (const auto& day : week.days) {
                for (const auto& h : day.hours) lines.push_back(day.day + " " + h.opens + "-" + h.closes);
                if (day.closure) lines.push_back(day.day + " closed");
            }
        }
        return lines;
    }
    int count(const std::string& sql) { return db.sql().execAndGet(sql).getInt(); }
};

}  // namespace

TEST_CASE("an all-day event without a name is left out and listed, and the kiosk carries on", "[rota][bad-input]") {
    RotaFixture f;
    RotaImportReport report;
    REQUIRE_NOTHROW(report = f.rota.importCalendar(kNamelessVisit, "rota.ics"));
    CHECK(report.applied);
    CHECK_FALSE(report.change.any());
    REQUIRE(report.skipped.size() == 1);
    CHECK(report.skipped[0].uid == "nameless");
    CHECK_THAT(report.skipped[0].reason, Catch::Contains("2026-11-25") && Catch::Contains("SUMMARY"));
    CHECK(f.count("SELECT count(*) FROM rota_visit") == 0);

    // The assistant, who will not read the import report in a running kiosk, finds it on the staff home screen.
    const auto notices = f.notices.open();
    REQUIRE(notices.size() == 1);
    CHECK_THAT(notices[0].message, Catch::Contains("laisse de côté 1 événement") && Catch::Contains("nameless"));
}

TEST_CASE("a nameless visit among good events costs only itself", "[rota][bad-input]") {
    RotaFixture f;
    const std::string feed = calendar(hoursEvent("mon-am", "20261123", "0900", "1200") +
                                      visitEvent("visit-roche", "20261123", "SUMMARY:Dr Anne Roche\r\n") +
                                      visitEvent("visit-blank", "20261124", "SUMMARY:   \r\n") +
                                      visitEvent("visit-none", "20261125", ""));
    const RotaImportReport report = f.rota.importCalendar(feed, "rota.ics");
    REQUIRE(report.applied);
    CHECK(report.change.added == 2);
    CHECK(report.skipped.size() == 2);
    CHECK(f.shown() == std::vector<std::string>{"visit Dr Anne Roche 2026-11-23", "2026-11-23 09:00-12:00"});
}

TEST_CASE("a weekly nameless visit is reported once, not once a week", "[rota][bad-input]") {
    RotaFixture f;
    const std::string feed =
        calendar(hoursEvent("mon-am", "20261123", "0900", "1200") +
                 "BEGIN:VEVENT\r\nUID:weekly-blank\r\nDTSTART;VALUE=DATE:20261125\r\nRRULE:FREQ=WEEKLY;COUNT=10\r\n"
                 "SUMMARY:\r\nEND:VEVENT\r\n");
    const RotaImportReport report = f.rota.importCalendar(feed, "rota.ics");
    REQUIRE(report.applied);
    REQUIRE(report.skipped.size() == 1);
    CHECK_THAT(report.skipped[0].reason, Catch::Contains("2026-11-25"));
}

TEST_CASE("summaries that are empty once cleaned, huge or full of control characters never stop an import",
          "[rota][bad-input]") {
    struct Case {
        const char* what;
        std::string summaryLine;
        bool visit;  // imported as a visit (true) or left out and listed (false)
    };
    const std::vector<Case> cases{
        {"no SUMMARY", "", false},
        {"an empty SUMMARY", "SUMMARY:\r\n", false},
        {"spaces only", "SUMMARY:     \r\n", false},
        {"escaped line breaks only", "SUMMARY:\\n\\n\\n\r\n", false},
        {"control characters only", "SUMMARY:\x01\x02\x03\x1b\x7f\r\n", false},
        {"a 10 kB name", "SUMMARY:Dr " + std::string(10 * 1024, 'A') + "\r\n", true},
        {"a 10 kB name of accented letters", "SUMMARY:" + [] {
             std::string name;
             for (int i = 0; i < 5 * 1024; ++i) name += "\xC3\xA9";  // é: the cut must not split one
             return name;
         }() + "\r\n", true},
        {"control characters in a name", "SUMMARY:Dr\x07 Anne\x1b Roche\x08\r\n", true},
        {"invalid UTF-8", "SUMMARY:\xff\xfe Dr Roche\r\n", true},
        {"a NUL byte", std::string("SUMMARY:Dr \0Roche\r\n", 19), true},
    };
    for (const Case& c : cases) {
        INFO(c.what);
        RotaFixture f;
        RotaImportReport report;
        REQUIRE_NOTHROW(report = f.rota.importCalendar(
                            calendar(hoursEvent("mon-am", "20261123", "0900", "1200") +
                                     visitEvent("visit", "20261125", c.summaryLine)),
                            "rota.ics"));
        REQUIRE(report.applied);
        const auto visits = f.rota.weeks("2026-11-23", 1).front().visits;
        if (!c.visit) {
            CHECK(visits.empty());
            CHECK(report.skipped.size() == 1);
            continue;
        }
        REQUIRE(visits.size() == 1);
        const std::string& name = visits[0].doctorName;
        CHECK_FALSE(name.empty());
        CHECK(name.size() <= 120);
        CHECK(cleanUserText(name, 120) == name);  // no control character, valid UTF-8
    }
}

TEST_CASE("a database error in the middle of an import rolls all of it back and keeps the previous rota",
          "[rota][storage-failure]") {
    RotaFixture f;
    REQUIRE(f.rota.importCalendar(f.goodFeed, "rota.ics").applied);
    const auto before = f.shown();
    const int auditLines = f.count("SELECT count(*) FROM audit_log");

    // The new feed moves Tuesday's hours, adds Wednesday and a closure; the closure is the last thing written, and
    // the database refuses it after everything else is already in.
    const std::string changed = calendar(hoursEvent("mon-am", "20261123", "0800", "1200") +
                                         hoursEvent("wed-am", "20261125", "0900", "1200") +
                                         "BEGIN:VEVENT\r\nUID:closed-fri\r\nDTSTART;VALUE=DATE:20261127\r\n"
                                         "SUMMARY:Fermé (formation)\r\nEND:VEVENT\r\n");
    f.db.sql().exec("CREATE TRIGGER test_refuse BEFORE INSERT ON rota_closure "
                    "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
    RotaImportReport report;
    REQUIRE_NOTHROW(report = f.rota.importCalendar(changed, "https://user:secret@agenda.example.fr/rota.ics?token=x"));
    CHECK_FALSE(report.applied);
    CHECK_FALSE(report.change.any());
    CHECK_THAT(report.error, Catch::Contains("refused") && Catch::Contains("nothing was imported"));

    CHECK(f.shown() == before);
    CHECK(f.count("SELECT count(*) FROM audit_log") == auditLines);  // no audit line for an import that did not happen
    const auto notices = f.notices.open();
    REQUIRE_FALSE(notices.empty());
    CHECK_THAT(notices.back().message, Catch::Contains("n’a pas pu être mis à jour depuis agenda.example.fr") &&
                                           Catch::Contains("nothing was imported") && !Catch::Contains("secret"));

    f.db.sql().exec("DROP TRIGGER test_refuse");
    const RotaImportReport retried = f.rota.importCalendar(changed, "rota.ics");
    REQUIRE(retried.applied);
    CHECK(f.shown() != before);
}

TEST_CASE("a feed answer the database cannot take comes back as a failed report, with the feed's state kept",
          "[rota][feed][storage-failure]") {
    RotaFixture f;
    const std::string url = "https://agenda.example.fr/rota.ics";
    vk::net::HttpResponse good;
    good.outcome = vk::net::HttpOutcome::Ok;
    good.body = f.goodFeed;
    good.etag = "\"v1\"";
    REQUIRE(f.rota.applyFeedResponse(url, good).applied);

    f.db.sql().exec("CREATE TRIGGER test_refuse BEFORE INSERT ON rota_hours "
                    "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
    vk::net::HttpResponse next = good;
    next.body = calendar(hoursEvent("thu-am", "20261126", "0900", "1200"));
    next.etag = "\"v2\"";
    RotaImportReport report;
    REQUIRE_NOTHROW(report = f.rota.applyFeedResponse(url, next));
    CHECK_FALSE(report.applied);
    const auto state = f.rota.feedState(url);
    REQUIRE(state);
    CHECK(state->etag == "\"v1\"");  // the next request still asks about the copy the kiosk shows
    CHECK(state->lastGoodBody == f.goodFeed);
    REQUIRE(state->lastError);
    CHECK_THAT(*state->lastError, Catch::Contains("nothing was imported"));
    CHECK(f.rota.feedRequest(url).ifNoneMatch == "\"v1\"");
}

TEST_CASE("on a full disk a rota import is refused as such, nothing is half-written, and it works once space is back",
          "[rota][storage-failure][full-disk]") {
    RotaFixture f;
    REQUIRE(f.rota.importCalendar(f.goodFeed, "rota.ics").applied);
    const auto before = f.shown();
    const int rows = f.count("SELECT count(*) FROM rota_hours");

    vk::testing::fillDisk(f.db);
    RotaImportReport report;
    REQUIRE_NOTHROW(report = f.rota.importCalendar(bigFeed(), "rota.ics"));
    CHECK_FALSE(report.applied);
    CHECK_THAT(report.error, Catch::Contains("disk is full"));
    CHECK(f.count("SELECT count(*) FROM rota_hours") == rows);
    CHECK(f.shown() == before);

    // The kiosk itself goes on reading its rota, and a feed answer on the full disk is refused the same way.
    vk::net::HttpResponse answer;
    answer.outcome = vk::net::HttpOutcome::Ok;
    answer.body = bigFeed();
    REQUIRE_NOTHROW(report = f.rota.applyFeedResponse("https://agenda.example.fr/rota.ics", answer));
    CHECK_FALSE(report.applied);
    CHECK_THAT(report.error, Catch::Contains("disk is full"));
    CHECK_NOTHROW(f.rota.today());

    vk::testing::freeDisk(f.db);
    const RotaImportReport later = f.rota.importCalendar(bigFeed(), "rota.ics");
    REQUIRE(later.applied);
    CHECK(later.change.added == 168);
    CHECK(f.rota.weeks("2026-11-23", 1).front().days[6].hours.size() == 2);
}
