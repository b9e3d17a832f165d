// A visiting doctor's week written as one timed event (Monday 08:30 to Friday 18:00), as Google Calendar, Outlook
// and Thunderbird export it, in the weeks the clocks change.
#include "kiosk/services/health/rota_calendar.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

using namespace vk::services::health;

namespace {

const CalendarWindow kAutumnToSpring{"2026-10-01", "2027-04-30"};

std::string readFixture(const std::string& name) {
    std::ifstream in(std::string(VK_SOURCE_DIR) + "/tests/services/fixtures/" + name, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    REQUIRE(!text.str().empty());
    return text.str();
}

RotaCalendar importOk(const std::string& text, const std::vector<ConsultationSession>& usual = defaultUsualHours()) {
    const RotaCalendarResult result = parseRotaCalendar(text, kAutumnToSpring, "Europe/Paris", usual);
    INFO(result.error);
    REQUIRE(result.ok);
    return result.calendar;
}

// The day's hours as "09:00-12:00 14:00-18:00", whichever event they come from.
std::string hoursOn(const RotaCalendar& calendar, const std::string& day) {
    std::string out;
    for (const ImportedHours& h : calendar.hours)
        if (h.day == day) out += (out.empty() ? "" : " ") + h.opens + "-" + h.closes;
    return out.empty() ? "closed" : out;
}

std::vector<std::string> visitsOf(const RotaCalendar& calendar, const std::string& name) {
    std::vector<std::string> out;
    for (const ImportedVisit& v : calendar.visits)
        if (v.doctorName == name) out.push_back(v.firstDay + ".." + v.lastDay);
    return out;
}

const ImportedVisit* visitStarting(const RotaCalendar& calendar, const std::string& day) {
    for (const ImportedVisit& v : calendar.visits)
        if (v.firstDay == day) return &v;
    return nullptr;
}

std::string calendarOf(const std::string& events) {
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Village Kiosk//Tests//FR\r\n" + events + "END:VCALENDAR\r\n";
}

std::string timedEvent(const std::string& uid, const std::string& start, const std::string& end,
                       const std::string& summary, const std::string& extra = "") {
    return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTART;TZID=Europe/Paris:" + start +
           "\r\nDTEND;TZID=Europe/Paris:" + end + "\r\nSUMMARY:" + summary + "\r\n" + extra + "END:VEVENT\r\n";
}

}  // namespace

TEST_CASE("a timed event over several days is the doctor's visit, open from its start to its end, usual hours "
          "between",
          "[rota-calendar][timed-visit]") {
    const RotaCalendar calendar = importOk(calendarOf(
        timedEvent("week-fabre", "20261116T083000", "20261120T180000", "Dr Inès Fabre", "DESCRIPTION:Gynécologue\r\n")));
    REQUIRE(calendar.visits.size() == 1);
    CHECK(calendar.visits[0].doctorName == "Dr Inès Fabre");
    CHECK(calendar.visits[0].doctorTitle == "Gynécologue");
    CHECK(calendar.visits[0].firstDay == "2026-11-16");
    CHECK(calendar.visits[0].lastDay == "2026-11-20");
    CHECK(calendar.visits[0].sourceKey == "week-fabre");
    CHECK(hoursOn(calendar, "2026-11-16") == "08:30-12:00 14:00-18:00");
    CHECK(hoursOn(calendar, "2026-11-17") == "09:00-12:00 14:00-18:00");
    CHECK(hoursOn(calendar, "2026-11-19") == "09:00-12:00 14:00-18:00");
    CHECK(hoursOn(calendar, "2026-11-20") == "09:00-12:00 14:00-18:00");
    CHECK(hoursOn(calendar, "2026-11-21") == "closed");
    for (const ImportedHours& h : calendar.hours) CHECK(h.doctorName == "Dr Inès Fabre");
    CHECK(calendar.skipped.empty());
}

TEST_CASE("the first and last days of a timed visit follow its own start and end times",
          "[rota-calendar][timed-visit]") {
    const RotaCalendar calendar = importOk(calendarOf(
        timedEvent("late-start", "20261116T150000", "20261118T110000", "Dr Zoé Martin") +
        timedEvent("to-midnight", "20261123T000000", "20261125T000000", "Dr Paul Roux") +
        timedEvent("long-evening", "20261130T080000", "20261201T193000", "Dr Ana Costa")));
    CHECK(hoursOn(calendar, "2026-11-16") == "15:00-18:00");  // the morning session is gone, the afternoon starts later
    CHECK(hoursOn(calendar, "2026-11-17") == "09:00-12:00 14:00-18:00");
    CHECK(hoursOn(calendar, "2026-11-18") == "09:00-11:00");  // the afternoon session is gone
    // Midnight to midnight: whole days, the 25th not included.
    CHECK(visitsOf(calendar, "Dr Paul Roux") == std::vector<std::string>{"2026-11-23..2026-11-24"});
    CHECK(hoursOn(calendar, "2026-11-23") == "09:00-12:00 14:00-18:00");
    CHECK(hoursOn(calendar, "2026-11-24") == "09:00-12:00 14:00-18:00");
    CHECK(hoursOn(calendar, "2026-11-25") == "closed");
    // An earlier start and a later end than usual stretch the first and last sessions.
    CHECK(hoursOn(calendar, "2026-11-30") == "08:00-12:00 14:00-18:00");
    CHECK(hoursOn(calendar, "2026-12-01") == "09:00-12:00 14:00-19:30");
}

TEST_CASE("a shorter timed event on a day of a visit sets that day's hours", "[rota-calendar][timed-visit]") {
    const RotaCalendar calendar = importOk(calendarOf(
        timedEvent("week", "20261116T083000", "20261120T180000", "Dr Inès Fabre") +
        timedEvent("wednesday-morning", "20261118T083000", "20261118T123000", "Dr Inès Fabre")));
    CHECK(hoursOn(calendar, "2026-11-17") == "09:00-12:00 14:00-18:00");
    CHECK(hoursOn(calendar, "2026-11-18") == "08:30-12:30");
    CHECK(visitsOf(calendar, "Dr Inès Fabre") == std::vector<std::string>{"2026-11-16..2026-11-20"});
}

TEST_CASE("the usual hours of a visit's days come from the settings", "[rota-calendar][timed-visit]") {
    const RotaCalendar calendar =
        importOk(calendarOf(timedEvent("week", "20261116T100000", "20261118T160000", "Dr Inès Fabre")),
                 {{"08:00", "13:00"}, {"15:00", "19:00"}});
    CHECK(hoursOn(calendar, "2026-11-16") == "10:00-13:00 15:00-19:00");
    CHECK(hoursOn(calendar, "2026-11-17") == "08:00-13:00 15:00-19:00");
    CHECK(hoursOn(calendar, "2026-11-18") == "08:00-13:00 15:00-16:00");
}

TEST_CASE("a night duty shorter than a day is still hours on its first day, and a long timed closure is a closure",
          "[rota-calendar][timed-visit]") {
    const RotaCalendar calendar = importOk(calendarOf(
        timedEvent("night", "20261116T200000", "20261117T080000", "Dr Paul Roux") +
        timedEvent("works", "20261123T120000", "20261126T140000", "Fermé pour travaux")));
    CHECK(hoursOn(calendar, "2026-11-16") == "20:00-23:59");
    CHECK(calendar.visits.empty());
    REQUIRE(calendar.closures.size() == 1);
    CHECK(calendar.closures[0].firstDay == "2026-11-23");
    CHECK(calendar.closures[0].lastDay == "2026-11-26");
    CHECK(calendar.closures[0].reason == "Fermé pour travaux");
}

TEST_CASE("a timed visit without a summary keeps its hours and is reported", "[rota-calendar][timed-visit]") {
    const RotaCalendar calendar = importOk(calendarOf(
        "BEGIN:VEVENT\r\nUID:nameless\r\nDTSTART;TZID=Europe/Paris:20261116T083000\r\n"
        "DTEND;TZID=Europe/Paris:20261117T180000\r\nEND:VEVENT\r\n"));
    CHECK(calendar.visits.empty());
    CHECK(hoursOn(calendar, "2026-11-17") == "09:00-12:00 14:00-18:00");
    REQUIRE(calendar.skipped.size() == 1);
    CHECK_THAT(calendar.skipped[0].reason, Catch::Contains("no doctor's name"));
}

TEST_CASE("a long description becomes a title cut at a word, never in the middle of one",
          "[rota-calendar][timed-visit][format]") {
    const RotaCalendar calendar = importOk(readFixture("rota_visits_thunderbird.ics"));
    const ImportedVisit* lambert = visitStarting(calendar, "2027-03-25");
    REQUIRE(lambert != nullptr);
    const std::string& title = lambert->doctorTitle;
    INFO(title);
    CHECK(title.size() <= 120);
    CHECK(title.rfind("Médecin généraliste remplaçant, consultations avec et sans rendez-vous, visites à domicile", 0) == 0);
    CHECK(title.ends_with("…"));
    // The word before « … » is whole: the text up to it is a prefix of the description followed by a space.
    const std::string kept = title.substr(0, title.size() - std::string("…").size());
    const std::string description = "Médecin généraliste remplaçant, consultations avec et sans rendez-vous, visites "
                                    "à domicile l’après-midi pour les personnes qui ne peuvent pas se déplacer";
    REQUIRE(description.size() > kept.size());
    CHECK(description.compare(0, kept.size(), kept) == 0);
    CHECK((description[kept.size()] == ' ' || description[kept.size()] == ','));
    // The phone number on the second line is not the title.
    CHECK(title.find("05 55") == std::string::npos);

    SECTION("a single word too long to cut at a space is cut on a character") {
        std::string word;
        while (word.size() < 300) word += "é";
        const RotaCalendar one = importOk(calendarOf(timedEvent("w", "20261116T090000", "20261117T180000", "Dr X",
                                                                "DESCRIPTION:" + word + "\r\n")));
        REQUIRE(one.visits.size() == 1);
        CHECK(one.visits[0].doctorTitle.size() <= 120);
        CHECK(one.visits[0].doctorTitle.ends_with("é…"));
    }
}

TEST_CASE("Google Calendar: a visit written in UTC across the October clock change, an HTML description, a weekly "
          "series with an exception across the March change",
          "[rota-calendar][timed-visit][time-zone]") {
    const RotaCalendar calendar = importOk(readFixture("rota_visits_google.ics"));
    CHECK(calendar.skipped.empty());
    // Thursday 22 October 08:30 (06:30 UTC, summer time) to Tuesday 27 October 18:00 (17:00 UTC, winter time).
    CHECK(visitsOf(calendar, "Dr Amélie Garnier") == std::vector<std::string>{"2026-10-22..2026-10-27"});
    CHECK(visitStarting(calendar, "2026-10-22")->doctorTitle == "Médecin généraliste");
    CHECK(hoursOn(calendar, "2026-10-22") == "08:30-12:00 14:00-18:00");
    CHECK(hoursOn(calendar, "2026-10-24") == "09:00-12:00");  // her Saturday morning, an event of its own
    CHECK(hoursOn(calendar, "2026-10-25") == "09:00-12:00 14:00-18:00");  // the day the clocks go back
    CHECK(hoursOn(calendar, "2026-10-26") == "09:00-12:00 14:00-18:00");
    CHECK(hoursOn(calendar, "2026-10-27") == "09:00-12:00 14:00-18:00");
    CHECK(hoursOn(calendar, "2026-10-28") == "closed");
    // Every Monday 08:30 to Friday 18:00, Paris time, from 1 March to 5 April, except the week of 15 March.
    CHECK(visitsOf(calendar, "Dr Hugo Mercier") ==
          std::vector<std::string>{"2027-03-01..2027-03-05", "2027-03-08..2027-03-12", "2027-03-22..2027-03-26",
                                   "2027-03-29..2027-04-02", "2027-04-05..2027-04-09"});
    CHECK(hoursOn(calendar, "2027-03-15") == "closed");
    CHECK(hoursOn(calendar, "2027-03-22") == "08:30-12:00 14:00-18:00");  // winter time
    CHECK(hoursOn(calendar, "2027-03-29") == "08:30-12:00 14:00-18:00");  // the day after the clocks go forward
    CHECK(hoursOn(calendar, "2027-04-02") == "09:00-12:00 14:00-18:00");
    CHECK(visitStarting(calendar, "2027-03-29")->sourceKey == "0a9s8d7f6g5h4j3k2l1q0w9e8r@google.com@2027-03-29T08:30");
    REQUIRE(calendar.closures.size() == 1);
    CHECK(calendar.closures[0].firstDay == "2026-11-11");
}

TEST_CASE("Outlook: a weekly visit under a Windows zone name, quoted, with an exception, across the October change",
          "[rota-calendar][timed-visit][time-zone]") {
    const RotaCalendar calendar = importOk(readFixture("rota_visits_outlook.ics"));
    CHECK(calendar.skipped.empty());
    CHECK(visitsOf(calendar, "Dr Inès Fabre") ==
          std::vector<std::string>{"2026-10-19..2026-10-23", "2026-10-26..2026-10-30", "2026-11-09..2026-11-13"});
    CHECK(visitStarting(calendar, "2026-10-19")->doctorTitle == "Gynécologue – consultations sur rendez-vous");
    CHECK(hoursOn(calendar, "2026-10-19") == "08:30-12:00 14:00-18:00");
    CHECK(hoursOn(calendar, "2026-10-26") == "08:30-12:00 14:00-18:00");  // the day after the clocks go back
    CHECK(hoursOn(calendar, "2026-10-30") == "09:00-12:00 14:00-18:00");
    CHECK(hoursOn(calendar, "2026-11-02") == "closed");
    REQUIRE(calendar.closures.size() == 1);
    CHECK(calendar.closures[0].reason == "Fermeture – Noël");
}

TEST_CASE("Thunderbird: a visit across the March change, a Saturday of its own, a weekly series with a UTC exception, "
          "with or without the VTIMEZONE",
          "[rota-calendar][timed-visit][time-zone]") {
    const std::string withZone = readFixture("rota_visits_thunderbird.ics");
    // The same feed relying on the system's zone database for Europe/Paris, as some servers publish it.
    const std::string withoutZone =
        std::regex_replace(withZone, std::regex("BEGIN:VTIMEZONE[\\s\\S]*?END:VTIMEZONE\r\n"), "");
    REQUIRE(withoutZone.find("VTIMEZONE") == std::string::npos);
    for (const std::string& feed : {withZone, withoutZone}) {
        const RotaCalendar calendar = importOk(feed);
        CHECK(calendar.skipped.empty());
        // Thursday 25 March 14:00 to Tuesday 30 March 12:00; the clocks go forward on Sunday the 28th.
        CHECK(visitsOf(calendar, "Dr Théo Lambert") == std::vector<std::string>{"2027-03-25..2027-03-30"});
        CHECK(hoursOn(calendar, "2027-03-25") == "14:00-18:00");
        CHECK(hoursOn(calendar, "2027-03-26") == "09:00-12:00 14:00-18:00");
        CHECK(hoursOn(calendar, "2027-03-27") == "09:00-12:30");
        CHECK(hoursOn(calendar, "2027-03-28") == "09:00-12:00 14:00-18:00");
        CHECK(hoursOn(calendar, "2027-03-29") == "09:00-12:00 14:00-18:00");
        CHECK(hoursOn(calendar, "2027-03-30") == "09:00-12:00");
        // Monday 08:30 to Wednesday 12:00 every week from 19 October to 16 November, except 9 November.
        CHECK(visitsOf(calendar, "Dr Léa Perrin") ==
              std::vector<std::string>{"2026-10-19..2026-10-21", "2026-10-26..2026-10-28", "2026-11-02..2026-11-04",
                                       "2026-11-16..2026-11-18"});
        CHECK(hoursOn(calendar, "2026-10-26") == "08:30-12:00 14:00-18:00");
        CHECK(hoursOn(calendar, "2026-10-28") == "09:00-12:00");
        CHECK(hoursOn(calendar, "2026-11-09") == "closed");
        REQUIRE(calendar.closures.size() == 1);
        CHECK(calendar.closures[0].lastDay == "2027-04-16");
    }
}

TEST_CASE("a timed visit is cut to the import window and a hundred-year one is refused", "[rota-calendar][timed-visit]") {
    const RotaCalendar calendar = importOk(calendarOf(
        timedEvent("overlaps-end", "20270428T090000", "20270505T180000", "Dr Zoé Martin") +
        timedEvent("century", "20261116T090000", "21261116T180000", "Dr Paul Roux")));
    CHECK(visitsOf(calendar, "Dr Zoé Martin") == std::vector<std::string>{"2027-04-28..2027-05-05"});
    CHECK(hoursOn(calendar, "2027-04-30") == "09:00-12:00 14:00-18:00");
    CHECK(hoursOn(calendar, "2027-05-01") == "closed");  // past the window: not imported
    CHECK(visitsOf(calendar, "Dr Paul Roux").empty());
    REQUIRE(calendar.skipped.size() == 1);
    CHECK(calendar.skipped[0].uid == "century");
}
