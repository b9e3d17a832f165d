#include "kiosk/services/agenda/event_calendar.h"
#include "services/agenda/agenda_fixture.h"

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace vk;
using namespace vk::services;
using namespace vk::services::agenda;
using namespace vk::services::agenda::testing;

namespace {

std::string tourDates() {
    std::ifstream file(std::filesystem::path(VK_SOURCE_DIR) / "tests/services/fixtures/agenda_tour_dates.ics", std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    REQUIRE_FALSE(text.str().empty());
    return text.str();
}

const ImportedEvent* byTitle(const EventCalendarResult& result, const std::string& title) {
    for (const auto& e : result.events)
        if (e.title == title) return &e;
    return nullptr;
}

bool leftOutFor(const std::vector<LeftOutEvent>& leftOut, const std::string& words) {
    for (const auto& l : leftOut)
        if (l.reason.find(words) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("the network's tour dates become events in local time, with title, place and description",
          "[agenda][ical]") {
    const EventCalendarResult result = parseEventCalendar(tourDates(), kToday, "2030-09-01", "Europe/Paris");
    REQUIRE(result.ok);
    REQUIRE(result.events.size() == 3);
    const ImportedEvent* theatre = byTitle(result, "Théâtre : Le Médecin malgré lui");
    REQUIRE(theatre);
    CHECK(theatre->day == "2030-06-20");
    CHECK(theatre->startsAt == "20:30");
    CHECK(theatre->endsAt == "22:20");
    CHECK(theatre->place == "Salle des fêtes de Saint-Aubin");
    CHECK(theatre->description.find("compagnie du Chariot") != std::string::npos);
    CHECK(theatre->description.find("<br>") == std::string::npos);
    const ImportedEvent* cinema = byTitle(result, "Cinéma en plein air");
    REQUIRE(cinema);
    CHECK(cinema->startsAt == "20:30");  // 18:30 UTC is 20:30 in Paris in June
    CHECK(cinema->endsAt == "22:30");
    // Last year's show is outside the window and says nothing; the rest are left out with a reason.
    CHECK(leftOutFor(result.leftOut, "without a readable UID"));
    CHECK(leftOutFor(result.leftOut, "all day"));
    CHECK(leftOutFor(result.leftOut, "repeats"));
    CHECK(result.leftOut.size() == 3);
}

TEST_CASE("an import adds the tour dates, a second one updates them, keeps the café's places and cancels",
          "[agenda][ical]") {
    AgendaFixture f;
    const ImportReport first = f.book.importFeed(&f.manager, tourDates());
    REQUIRE(first.ok());
    CHECK(first.added == 3);
    CHECK(first.leftOut.size() == 3);
    const auto imported = f.book.between("2030-06-20", "2030-06-20");
    REQUIRE(imported.size() == 1);
    EventForm places = {imported.front().details.title, imported.front().details.place, imported.front().details.description,
                        imported.front().details.day, imported.front().details.startsAt, imported.front().details.endsAt,
                        40, 500};
    REQUIRE(f.book.editEvent(&f.manager, imported.front().id, places).ok());

    std::string changed = tourDates();
    changed.replace(changed.find("DTSTART;TZID=Europe/Paris:20300620T203000"), 41,
                    "DTSTART;TZID=Europe/Paris:20300620T210000");
    changed.replace(changed.find("STATUS:CONFIRMED"), 16, "STATUS:CANCELLED");
    const ImportReport second = f.book.importFeed(&f.manager, changed);
    REQUIRE(second.ok());
    CHECK(second.added == 0);
    CHECK(second.updated == 1);
    CHECK(second.unchanged == 1);
    CHECK(second.cancelled == 1);
    const auto theatre = f.book.event(imported.front().id);
    CHECK(theatre->details.startsAt == "21:00");
    CHECK(theatre->details.capacity == 40);
    CHECK(theatre->details.priceCents == 500);
    CHECK(f.book.between("2030-07-04", "2030-07-04").front().cancelled());
    CHECK(f.audit("agenda.import").size() == 2);
}

TEST_CASE("a malformed feed changes nothing and says why", "[agenda][ical][bad-input]") {
    AgendaFixture f;
    const int before = f.count("SELECT count(*) FROM agenda_event");
    const std::string valid = tourDates();
    const std::vector<std::pair<std::string, std::string>> feeds = {
        {"", "The agenda feed is empty."},
        {"<html><body>Not found</body></html>", "The agenda feed is a web page (HTML), not an iCalendar file."},
        {"hello", "The agenda feed is not an iCalendar file (it does not start with BEGIN:VCALENDAR)."},
        {valid.substr(0, valid.size() / 2), "The agenda feed is cut short (no END:VCALENDAR); it may not have downloaded completely."},
        {"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "The agenda feed holds no events (VEVENT)."},
        {std::string(17 * 1024 * 1024, 'x'), "The agenda feed is larger than 16 MB; it was not read."},
    };
    for (const auto& [text, message] : feeds) {
        const ImportReport report = f.book.importFeed(&f.manager, text);
        INFO(message);
        CHECK_FALSE(report.ok());
        CHECK(report.error == message);
    }
    CHECK(f.count("SELECT count(*) FROM agenda_event") == before);
}

TEST_CASE("a hostile event is cut to size and cleaned: a 10 kB title, control characters, a NUL byte", "[agenda][ical][bad-input]") {
    std::string title = "Soirée" + std::string("\x1b[2J") + std::string(10 * 1024, 'x');
    std::string feed = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:hostile@example\r\n"
                       "DTSTART:20300620T180000Z\r\nDTEND:20300620T190000Z\r\nSUMMARY:" +
                       title + "\r\nLOCATION:Caf" + std::string(1, '\0') + "é\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    const EventCalendarResult result = parseEventCalendar(feed, kToday, "2030-09-01", "Europe/Paris");
    REQUIRE(result.ok);
    REQUIRE(result.events.size() == 1);
    CHECK(result.events.front().title.size() <= kMaxTitleBytes);
    CHECK(result.events.front().title.find('\x1b') == std::string::npos);
    CHECK(result.events.front().place == "Café");
    AgendaFixture f;
    CHECK(f.book.importFeed(&f.manager, feed).added == 1);
}
