#include "kiosk/services/health/rota_calendar.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace vk::services::health;

namespace {

const CalendarWindow kNovember{"2026-11-01", "2026-11-30"};
const CalendarWindow kWinterAndSpring{"2026-10-01", "2027-04-30"};

std::string readFixture(const std::string& name) {
    std::ifstream in(std::string(VK_SOURCE_DIR) + "/tests/services/fixtures/" + name, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    REQUIRE(!text.str().empty());
    return text.str();
}

RotaCalendar importOk(const std::string& text, const CalendarWindow& window = kNovember,
                      const std::string& zone = "Europe/Paris") {
    const RotaCalendarResult result = parseRotaCalendar(text, window, zone);
    INFO(result.error);
    REQUIRE(result.ok);
    CHECK(result.error.empty());
    return result.calendar;
}

std::vector<ImportedHours> hoursOf(const RotaCalendar& calendar, const std::string& uid) {
    std::vector<ImportedHours> out;
    for (const ImportedHours& h : calendar.hours) {
        if (h.sourceKey == uid || h.sourceKey.rfind(uid + "@", 0) == 0) out.push_back(h);
    }
    return out;
}

const ImportedHours* hoursOn(const RotaCalendar& calendar, const std::string& uid, const std::string& day) {
    for (const ImportedHours& h : calendar.hours) {
        if ((h.sourceKey == uid || h.sourceKey.rfind(uid + "@", 0) == 0) && h.day == day) return &h;
    }
    return nullptr;
}

std::string openingOn(const RotaCalendar& calendar, const std::string& uid, const std::string& day) {
    const ImportedHours* h = hoursOn(calendar, uid, day);
    return h == nullptr ? "none" : h->opens + "-" + h->closes;
}

std::vector<std::string> daysOf(const std::vector<ImportedHours>& hours) {
    std::vector<std::string> days;
    for (const ImportedHours& h : hours) days.push_back(h.day);
    return days;
}

std::string skipReason(const RotaCalendar& calendar, const std::string& uid) {
    for (const SkippedEvent& s : calendar.skipped) {
        if (s.uid == uid) return s.reason;
    }
    return "";
}

std::string withCrlf(const std::string& lf) {
    std::string out;
    for (const char c : lf) {
        if (c == '\n') out += '\r';
        out += c;
    }
    return out;
}

std::string calendarOf(const std::string& events) {
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Village Kiosk//Tests//FR\r\n" + events + "END:VCALENDAR\r\n";
}

std::string timedEvent(const std::string& uid, const std::string& start, const std::string& end,
                       const std::string& summary, const std::string& extra = "") {
    std::string text = "BEGIN:VEVENT\r\n";
    if (!uid.empty()) text += "UID:" + uid + "\r\n";
    text += "DTSTART;TZID=Europe/Paris:" + start + "\r\nDTEND;TZID=Europe/Paris:" + end + "\r\n";
    text += "SUMMARY:" + summary + "\r\n" + extra + "END:VEVENT\r\n";
    return text;
}

bool isValidUtf8(const std::string& text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
        if (length == 0 || i + length > text.size()) return false;
        for (std::size_t k = 1; k < length; ++k) {
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
        }
        i += length;
    }
    return true;
}

}  // namespace

TEST_CASE("a weekly 09:00-12:00 surgery in Paris time stays 09:00-12:00 across both clock changes",
          "[rota-calendar][time-zone]") {
    // The Olson name alone (system zoneinfo), and Outlook's Windows name with its VTIMEZONE in the file.
    for (const std::string fixture : {"rota_weekly_paris.ics", "rota_weekly_outlook.ics"}) {
        INFO(fixture);
        const RotaCalendar calendar = importOk(readFixture(fixture), kWinterAndSpring);
        const std::string uid = fixture == "rota_weekly_paris.ics" ? "surgery-lefebvre" : "surgery-lefebvre-outlook";
        CHECK(openingOn(calendar, uid, "2026-10-19") == "09:00-12:00");
        CHECK(openingOn(calendar, uid, "2026-10-26") == "09:00-12:00");  // the day after clocks go back
        CHECK(openingOn(calendar, uid, "2027-03-22") == "09:00-12:00");
        CHECK(openingOn(calendar, uid, "2027-03-29") == "09:00-12:00");  // the day after clocks go forward
        CHECK(hoursOf(calendar, uid).size() == 30);                      // every Monday, 5 Oct to 26 Apr
        CHECK(hoursOn(calendar, uid, "2026-10-26")->doctorName == "Dr Camille Lefebvre");
        CHECK(calendar.skipped.empty());
    }
}

TEST_CASE("an event written in UTC shows the right local hour before and after each clock change",
          "[rota-calendar][time-zone]") {
    const RotaCalendar calendar = importOk(readFixture("rota_weekly_utc.ics"), kWinterAndSpring);
    CHECK(openingOn(calendar, "nurse-moreau", "2026-10-19") == "10:00-12:00");  // summer time, UTC+2
    CHECK(openingOn(calendar, "nurse-moreau", "2026-10-26") == "09:00-11:00");  // winter time, UTC+1
    CHECK(openingOn(calendar, "nurse-moreau", "2027-03-22") == "09:00-11:00");
    CHECK(openingOn(calendar, "nurse-moreau", "2027-03-29") == "10:00-12:00");
    CHECK(hoursOn(calendar, "nurse-moreau", "2026-10-26")->sourceKey == "nurse-moreau@2026-10-26T09:00");
}

TEST_CASE("hours are given in the kiosk's own time zone, a floating time is taken as local",
          "[rota-calendar][time-zone]") {
    const RotaCalendar london = importOk(readFixture("rota_weekly_paris.ics"), kWinterAndSpring, "Europe/London");
    CHECK(openingOn(london, "surgery-lefebvre", "2026-10-19") == "08:00-11:00");
    CHECK(openingOn(london, "surgery-lefebvre", "2026-10-26") == "08:00-11:00");

    const std::string zones = readFixture("rota_zones.ics");
    CHECK(openingOn(importOk(zones), "floating-garnier", "2026-11-04") == "14:00-17:00");
    CHECK(openingOn(importOk(zones, kNovember, "America/Cayenne"), "floating-garnier", "2026-11-04") ==
          "14:00-17:00");
}

TEST_CASE("a VTIMEZONE in the feed is used even under a name no database knows", "[rota-calendar][time-zone]") {
    // 09:00 at UTC+4 is 05:00 UTC, 06:00 in Paris in November.
    const RotaCalendar calendar = importOk(readFixture("rota_zones.ics"));
    CHECK(openingOn(calendar, "teleconsultation-reunion", "2026-11-05") == "06:00-07:00");
}

TEST_CASE("an event in a time zone nobody defines is left out and reported, the others still import",
          "[rota-calendar][time-zone][bad-input]") {
    const RotaCalendar calendar = importOk(readFixture("rota_zones.ics"));
    CHECK(hoursOf(calendar, "unknown-zone").empty());
    CHECK_THAT(skipReason(calendar, "unknown-zone"), Catch::Contains("Mars/Olympus_Mons"));
    // A TZID that climbs out of the zone database is never opened as a file.
    CHECK(hoursOf(calendar, "zone-outside-database").empty());
    CHECK_THAT(skipReason(calendar, "zone-outside-database"), Catch::Contains("unknown time zone"));
    CHECK(hoursOf(calendar, "floating-garnier").size() == 1);
}

namespace {

// A VTIMEZONE whose one part changes to `offsetTo` by `rule`, from `start`.
std::string zoneOf(const std::string& tzid, const std::string& start, const std::string& rule,
                   const std::string& offsetTo = "+0100") {
    return "BEGIN:VTIMEZONE\r\nTZID:" + tzid + "\r\nBEGIN:STANDARD\r\nDTSTART:" + start +
           "\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:" + offsetTo + "\r\nRRULE:" + rule +
           "\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";
}

std::string eventIn(const std::string& uid, const std::string& tzid) {
    return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTART;TZID=" + tzid + ":20261105T090000\r\nDTEND;TZID=" + tzid +
           ":20261105T120000\r\nSUMMARY:Dr Lefebvre\r\nEND:VEVENT\r\n";
}

}  // namespace

TEST_CASE("a VTIMEZONE libical would spend hours on is set aside: the import ends, an event in it is reported or "
          "read in the system's zone of that name",
          "[rota-calendar][time-zone][bad-input]") {
    std::string manyRules = "BEGIN:VTIMEZONE\r\nTZID:Many Rules\r\n";
    for (int i = 0; i < 65; ++i)
        manyRules += "BEGIN:STANDARD\r\nDTSTART:20200101T030000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100\r\n"
                     "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n";
    manyRules += "END:VTIMEZONE\r\n";
    const std::string feed = calendarOf(
        // What the fuzzer found: a part changing every second of February, walked by libical second by second.
        zoneOf("Broken Secondly", "20261105T090000", "FREQ=SECONDLY;BYMONTH=2") +
        // A date that never comes, looked for year after year.
        zoneOf("Never Date", "19700101T030000", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30") +
        // Under a name the system knows, a daily change to UTC+5: the system's Paris stands in for it.
        zoneOf("Europe/Paris", "19700101T000000", "FREQ=DAILY", "+0500") + manyRules +
        // Outlook's zone from 1601, as every Outlook feed has it: kept.
        zoneOf("Heure de Paris", "16010101T030000", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU") +
        eventIn("secondly-zone", "Broken Secondly") + eventIn("never-date-zone", "Never Date") +
        eventIn("paris-daily-zone", "Europe/Paris") + eventIn("many-rules-zone", "Many Rules") +
        eventIn("kept-zone", "Heure de Paris"));
    const RotaCalendar calendar = importOk(feed);
    for (const std::string uid : {"secondly-zone", "never-date-zone", "many-rules-zone"}) {
        INFO(uid);
        CHECK(hoursOf(calendar, uid).empty());
        CHECK_THAT(skipReason(calendar, uid), Catch::Contains("no usable VTIMEZONE"));
    }
    CHECK(openingOn(calendar, "paris-daily-zone", "2026-11-05") == "09:00-12:00");
    CHECK(openingOn(calendar, "kept-zone", "2026-11-05") == "09:00-12:00");
}

TEST_CASE("a night duty running past midnight is cut at 23:59 on its first day", "[rota-calendar]") {
    const RotaCalendar calendar = importOk(readFixture("rota_zones.ics"));
    CHECK(openingOn(calendar, "night-duty-roux", "2026-11-07") == "20:00-23:59");
    CHECK(hoursOn(calendar, "night-duty-roux", "2026-11-08") == nullptr);
}

TEST_CASE("a weekday rule with UNTIL drops its EXDATE and adds its RDATE", "[rota-calendar][recurrence]") {
    const RotaCalendar calendar = importOk(readFixture("rota_recurrence.ics"));
    const std::vector<std::string> expected = {"2026-11-02", "2026-11-03", "2026-11-05", "2026-11-06", "2026-11-09",
                                               "2026-11-12", "2026-11-13", "2026-11-18"};
    CHECK(daysOf(hoursOf(calendar, "cabinet-fontaine")) == expected);
    CHECK(openingOn(calendar, "cabinet-fontaine", "2026-11-18") == "08:30-12:30");
    CHECK(hoursOn(calendar, "cabinet-fontaine", "2026-11-10") == nullptr);
}

TEST_CASE("a COUNT rule stops after its count", "[rota-calendar][recurrence]") {
    const RotaCalendar calendar = importOk(readFixture("rota_recurrence.ics"));
    const std::vector<std::string> expected = {"2026-11-04", "2026-11-11", "2026-11-18"};
    CHECK(daysOf(hoursOf(calendar, "kine-mercier")) == expected);
}

TEST_CASE("a moved occurrence replaces the original and a cancelled one disappears", "[rota-calendar][recurrence]") {
    const RotaCalendar calendar = importOk(readFixture("rota_recurrence.ics"));
    const std::vector<std::string> expected = {"2026-11-03", "2026-11-12", "2026-11-24"};
    CHECK(daysOf(hoursOf(calendar, "dentist-girard")) == expected);
    const ImportedHours* moved = hoursOn(calendar, "dentist-girard", "2026-11-12");
    REQUIRE(moved != nullptr);
    CHECK(moved->opens == "10:00");
    CHECK(moved->sourceKey == "dentist-girard@2026-11-10T14:00");  // the occurrence it replaces
    CHECK(calendar.skipped.empty());
}

TEST_CASE("a series begun years ago is expanded only inside the window", "[rota-calendar][recurrence]") {
    const std::string feed =
        calendarOf(timedEvent("daily-since-2016", "20160104T090000", "20160104T100000", "Permanence",
                              "RRULE:FREQ=DAILY\r\n"));
    const RotaCalendar calendar = importOk(feed);
    const auto hours = hoursOf(calendar, "daily-since-2016");
    REQUIRE(hours.size() == 30);
    CHECK(hours.front().day == "2026-11-01");
    CHECK(hours.back().day == "2026-11-30");
    CHECK(calendar.skipped.empty());
}

TEST_CASE("a series with more than 1000 occurrences in the window is capped, and the cap is reported",
          "[rota-calendar][recurrence][bad-input]") {
    const std::string feed =
        calendarOf(timedEvent("daily-forever", "20260101T090000", "20260101T100000", "Permanence",
                              "RRULE:FREQ=DAILY\r\n"));
    const RotaCalendar calendar = importOk(feed, {"2026-01-01", "2030-12-31"});
    CHECK(hoursOf(calendar, "daily-forever").size() == 1000);
    CHECK_THAT(skipReason(calendar, "daily-forever"), Catch::Contains("1000"));
}

TEST_CASE("rules repeating more often than daily are refused and the import still ends",
          "[rota-calendar][recurrence][bad-input]") {
    const RotaCalendar calendar = importOk(readFixture("rota_hostile_dates.ics"));
    CHECK_THAT(skipReason(calendar, "every-second"), Catch::Contains("more often than daily"));
    CHECK_THAT(skipReason(calendar, "every-second-in-february"), Catch::Contains("more often than daily"));
    CHECK(hoursOf(calendar, "every-second").empty());
    // A rule that never matches (31 April) leaves only DTSTART, its first occurrence by RFC 5545.
    CHECK(daysOf(hoursOf(calendar, "never-april-31")) == std::vector<std::string>{"2026-11-05"});
}

TEST_CASE("all-day events become visits or closures, DTEND is exclusive", "[rota-calendar][all-day]") {
    const RotaCalendar calendar = importOk(readFixture("rota_all_day.ics"), {"2026-11-01", "2026-12-31"});

    REQUIRE(calendar.visits.size() == 3);
    const ImportedVisit& dupont = calendar.visits[0];
    CHECK(dupont.sourceKey == "visit-dupont");
    CHECK(dupont.doctorName == "Dr Marc Dupont");
    CHECK(dupont.doctorTitle == "Cardiologue");  // the first line of the description
    CHECK(dupont.firstDay == "2026-11-16");
    CHECK(dupont.lastDay == "2026-11-18");
    CHECK(calendar.visits[1].sourceKey == "visit-lambert");  // no DTEND: one day
    CHECK(calendar.visits[1].firstDay == "2026-11-20");
    CHECK(calendar.visits[1].lastDay == "2026-11-20");
    CHECK(calendar.visits[2].sourceKey == "visit-ferre");  // "fermé" further in the summary is no closure
    CHECK(calendar.visits[2].doctorTitle == "Pédiatre");

    REQUIRE(calendar.closures.size() == 5);
    CHECK(calendar.closures[0].sourceKey == "closure-toussaint");
    CHECK(calendar.closures[0].firstDay == "2026-11-01");
    CHECK(calendar.closures[0].lastDay == "2026-11-02");
    CHECK(calendar.closures[0].reason == "Fermé (Toussaint)");
    CHECK(calendar.closures[1].sourceKey == "closure-wednesdays@2026-11-04");
    CHECK(calendar.closures[2].sourceKey == "closure-wednesdays@2026-11-11");
    CHECK(calendar.closures[3].sourceKey == "closure-formation");  // CATEGORIES:…,Fermeture
    CHECK(calendar.closures[4].sourceKey == "closure-noel");       // « CONGÉS », capitals and all
    CHECK(calendar.closures[4].lastDay == "2026-12-27");
    CHECK(calendar.hours.empty());
}

TEST_CASE("a visit overlapping the start of the window is kept whole", "[rota-calendar][all-day]") {
    const RotaCalendar calendar = importOk(readFixture("rota_all_day.ics"), {"2026-11-18", "2026-11-18"});
    REQUIRE(calendar.visits.size() == 1);
    CHECK(calendar.visits[0].firstDay == "2026-11-16");
    CHECK(calendar.visits[0].lastDay == "2026-11-18");
    CHECK(calendar.closures.empty());
}

TEST_CASE("folded lines, a BOM, LF or CRLF line ends and escaped commas all read the same",
          "[rota-calendar][format]") {
    const std::string lf = readFixture("rota_folded_bom_lf.ics");
    REQUIRE(lf.substr(0, 3) == "\xEF\xBB\xBF");
    REQUIRE(lf.find('\r') == std::string::npos);
    for (const std::string& text : {lf, withCrlf(lf)}) {
        const RotaCalendar calendar = importOk(text);
        REQUIRE(calendar.hours.size() == 1);
        CHECK(calendar.hours[0].doctorName == "Dr Anne-Laure Le Goff, médecin généraliste; remplaçante");
        CHECK(calendar.hours[0].day == "2026-11-05");
        CHECK(calendar.hours[0].opens == "09:00");  // its TZID was folded mid-word
        CHECK(calendar.hours[0].closes == "12:30");
        REQUIRE(calendar.visits.size() == 1);
        CHECK(calendar.visits[0].doctorTitle == "Ophtalmologue, spécialiste de la rétine; sur rendez-vous");
    }
}

TEST_CASE("names are trimmed, stripped of control characters and cut at 120 bytes on a character boundary",
          "[rota-calendar][format][bad-input]") {
    std::string longName = "Dr ";
    while (longName.size() < 400) longName += "Éloïse ";
    const std::string feed = calendarOf(
        timedEvent("long", "20261105T090000", "20261105T100000", "   Dr\x07 Zoé\x1b[31m Martin  ") +
        "BEGIN:VEVENT\r\nUID:longer\r\nDTSTART;VALUE=DATE:20261106\r\nSUMMARY:" + longName +
        "\r\nDESCRIPTION:" + longName + "\r\nEND:VEVENT\r\n" +
        "BEGIN:VEVENT\r\nUID:long-closure\r\nDTSTART;VALUE=DATE:20261107\r\nSUMMARY:Fermé " + longName + longName +
        "\r\nEND:VEVENT\r\n");
    const RotaCalendar calendar = importOk(feed);
    REQUIRE(calendar.hours.size() == 1);
    CHECK(calendar.hours[0].doctorName == "Dr Zoé[31m Martin");
    REQUIRE(calendar.visits.size() == 1);
    CHECK(calendar.visits[0].doctorName.size() <= 120);
    CHECK(calendar.visits[0].doctorName.size() > 110);
    CHECK(isValidUtf8(calendar.visits[0].doctorName));
    CHECK(calendar.visits[0].doctorTitle.size() <= 120);
    CHECK(isValidUtf8(calendar.visits[0].doctorTitle));
    REQUIRE(calendar.closures.size() == 1);
    CHECK(calendar.closures[0].reason.size() <= 200);
    CHECK(calendar.closures[0].reason.size() > 190);
    CHECK(isValidUtf8(calendar.closures[0].reason));
}

TEST_CASE("text that is not an iCalendar feed is refused with a reason", "[rota-calendar][bad-input]") {
    std::string garbage;
    for (int i = 0; i < 4096; ++i) garbage += static_cast<char>((i * 7919 + 13) % 256);
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"", "empty"},
        {"\xEF\xBB\xBF \r\n", "empty"},
        {garbage, "not an iCalendar"},
        {"<!DOCTYPE html>\n<html><body><h1>502 Bad Gateway</h1></body></html>\n", "web page"},
        {"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "no events"},
        {"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:cut\r\nDTSTART:20261105T090000Z\r\n", "cut short"},
        {std::string("BEGIN:VCALENDAR\r\n\0\0\0", 20), "cut short"},
    };
    for (const auto& [text, why] : cases) {
        INFO(why);
        const RotaCalendarResult result = parseRotaCalendar(text, kNovember, "Europe/Paris");
        CHECK_FALSE(result.ok);
        CHECK_THAT(result.error, Catch::Contains(why));
        CHECK(result.calendar.hours.empty());
    }
}

TEST_CASE("a bad window or an unknown kiosk time zone is an error, not an empty rota", "[rota-calendar][bad-input]") {
    const std::string feed = readFixture("rota_weekly_paris.ics");
    CHECK_FALSE(parseRotaCalendar(feed, {"2026-11-31", "2026-12-01"}, "Europe/Paris").ok);
    CHECK_FALSE(parseRotaCalendar(feed, {"2026-12-01", "2026-11-01"}, "Europe/Paris").ok);
    CHECK_FALSE(parseRotaCalendar(feed, {"1 Nov", "2026-12-01"}, "Europe/Paris").ok);
    const RotaCalendarResult lost = parseRotaCalendar(feed, kNovember, "Europe/Atlantis");
    CHECK_FALSE(lost.ok);
    CHECK_THAT(lost.error, Catch::Contains("Europe/Atlantis"));
    CHECK_FALSE(parseRotaCalendar(feed, kNovember, "../../../etc/passwd").ok);
}

TEST_CASE("events dated 1900 or 3000, without a start, ending before they start or with an unreadable rule are "
          "reported, the rest imports",
          "[rota-calendar][bad-input]") {
    const RotaCalendarResult result =
        parseRotaCalendar(readFixture("rota_hostile_dates.ics"), kNovember, "Europe/Paris");
    REQUIRE(result.ok);
    const RotaCalendar& calendar = result.calendar;
    CHECK_THAT(skipReason(calendar, "dated-1900"), Catch::Contains("1900-11-12"));
    CHECK_THAT(skipReason(calendar, "dated-3000"), Catch::Contains("3000-11-12"));
    CHECK_THAT(skipReason(calendar, "no-start"), Catch::Contains("DTSTART"));
    CHECK_THAT(skipReason(calendar, "backwards"), Catch::Contains("ends before it starts"));
    CHECK_THAT(skipReason(calendar, "bad-rule"), Catch::Contains("RRULE"));
    CHECK(hoursOf(calendar, "bad-rule").empty());
    // An ordinary past event is simply outside the window: nothing to report.
    CHECK(skipReason(calendar, "last-summer").empty());
    CHECK(openingOn(calendar, "good-one", "2026-11-06") == "09:00-12:00");
}

TEST_CASE("a 5 MB feed of repeated events is read to the end within bounds", "[rota-calendar][bad-input]") {
    std::string events;
    int count = 0;
    while (events.size() < 5 * 1024 * 1024) {
        const int day = 1 + count % 30;
        const std::string date = "202611" + std::string(day < 10 ? "0" : "") + std::to_string(day);
        events += timedEvent("repeat-" + std::to_string(count), date + "T090000", date + "T120000",
                             "Dr Répété " + std::to_string(count),
                             "DESCRIPTION:Un texte de remplissage pour grossir le fichier\\, encore et encore.\r\n");
        ++count;
    }
    // The same event again and again under one UID.
    for (int i = 0; i < 200; ++i)
        events += timedEvent("same-uid", "20261105T140000", "20261105T150000", "Dr Doublon");
    const RotaCalendarResult result = parseRotaCalendar(calendarOf(events), kNovember, "Europe/Paris");
    REQUIRE(result.ok);
    const std::size_t imported = result.calendar.hours.size();
    CHECK(imported == std::min<std::size_t>(static_cast<std::size_t>(count) + 1, 20'000));
    CHECK(result.calendar.skipped.size() <= 201);
    if (static_cast<std::size_t>(count) > 20'000) {
        CHECK(std::any_of(result.calendar.skipped.begin(), result.calendar.skipped.end(),
                          [](const SkippedEvent& s) { return s.reason.find("20000") != std::string::npos; }));
    }
}

TEST_CASE("an event repeated under the same UID and start is imported once and reported", "[rota-calendar]") {
    const std::string once = timedEvent("twice", "20261105T140000", "20261105T150000", "Dr Doublon");
    const RotaCalendar calendar = importOk(calendarOf(once + once));
    CHECK(hoursOf(calendar, "twice").size() == 1);
    CHECK_THAT(skipReason(calendar, "twice"), Catch::Contains("twice"));
}

TEST_CASE("source keys: the UID, UID@local start for an occurrence, a stable hash without a UID",
          "[rota-calendar][source-key]") {
    const std::string feed = calendarOf(timedEvent("", "20261105T090000", "20261105T100000", "Dr Sans UID") +
                                        timedEvent("", "20261105T090000", "20261105T100000", "Dr Autre") +
                                        timedEvent("single", "20261106T090000", "20261106T100000", "Dr Unique"));
    const RotaCalendar first = importOk(feed);
    const RotaCalendar again = importOk(feed);
    REQUIRE(first.hours.size() == 3);
    REQUIRE(again.hours.size() == 3);
    const std::string& keyA = first.hours[0].sourceKey;
    const std::string& keyB = first.hours[1].sourceKey;
    CHECK(keyA.rfind("nouid-", 0) == 0);
    CHECK(keyA.size() == 6 + 32);
    CHECK(keyA != keyB);
    CHECK(keyA == again.hours[0].sourceKey);
    CHECK(keyB == again.hours[1].sourceKey);
    CHECK(first.hours[2].sourceKey == "single");

    const RotaCalendar weekly = importOk(readFixture("rota_weekly_paris.ics"));
    CHECK(hoursOn(weekly, "surgery-lefebvre", "2026-11-23")->sourceKey == "surgery-lefebvre@2026-11-23T09:00");
}

TEST_CASE("the rota comes out sorted by day, then opening time", "[rota-calendar]") {
    const std::string feed = calendarOf(timedEvent("c", "20261110T140000", "20261110T170000", "Dr C") +
                                        timedEvent("a", "20261103T140000", "20261103T170000", "Dr A") +
                                        timedEvent("d", "20261110T083000", "20261110T120000", "Dr D") +
                                        timedEvent("b", "20261103T090000", "20261103T120000", "Dr B"));
    const RotaCalendar calendar = importOk(feed);
    std::vector<std::string> order;
    for (const ImportedHours& h : calendar.hours) order.push_back(h.sourceKey);
    CHECK(order == std::vector<std::string>{"b", "a", "d", "c"});

    const RotaCalendar allDay = importOk(readFixture("rota_all_day.ics"), {"2026-11-01", "2026-12-31"});
    CHECK(std::is_sorted(allDay.visits.begin(), allDay.visits.end(),
                         [](const ImportedVisit& x, const ImportedVisit& y) { return x.firstDay < y.firstDay; }));
    CHECK(std::is_sorted(allDay.closures.begin(), allDay.closures.end(),
                         [](const ImportedClosure& x, const ImportedClosure& y) { return x.firstDay < y.firstDay; }));
}
