// The network's tour dates as the running kiosk reads them: on the agenda area's own timer, with a staff notice
// when the feed fails or cancels events, and the people signed up to a cancelled one told as if the café had
// cancelled it.
#include "services/agenda/agenda_fixture.h"

#include "kiosk/services/agenda/agenda_area.h"
#include "kiosk/services/kiosk_runtime.h"
#include "net/http_client.h"
#include "storage/staff_notice_store.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

using namespace vk;
using namespace vk::services;
using namespace vk::services::agenda;
using namespace vk::services::agenda::testing;

namespace {

std::string tourDates() {
    std::ifstream file(std::filesystem::path(VK_SOURCE_DIR) / "tests/services/fixtures/agenda_tour_dates.ics",
                       std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    REQUIRE_FALSE(text.str().empty());
    return text.str();
}

// The concert of 4 July called off by the network.
std::string concertCancelled() {
    std::string text = tourDates();
    text.replace(text.find("STATUS:CONFIRMED"), 16, "STATUS:CANCELLED");
    return text;
}

std::vector<storage::StaffNotice> agendaNotices(storage::Database& db) {
    std::vector<storage::StaffNotice> found;
    for (const auto& notice : storage::StaffNoticeStore(db).open())
        if (notice.area == "agenda") found.push_back(notice);
    return found;
}

struct FeedKiosk {
    explicit FeedKiosk(const std::string& feedUrl) {
        config.demoData = false;
        config.areas.get<AgendaSettings>().feedUrl = feedUrl;
        runtime = std::make_unique<KioskRuntime>(config, RuntimeOptions{true, PinHasher::Strength::FastForTests, &clock});
    }
    AgendaServices& agenda() { return runtime->area<AgendaServices>(); }
    net::HttpResponse answer(net::HttpOutcome outcome, std::string body) {
        net::HttpResponse response;
        response.outcome = outcome;
        response.body = std::move(body);
        response.message = outcome == net::HttpOutcome::Ok ? "" : "the server did not answer";
        return response;
    }

    ManualClock clock{at(kToday, "10:00")};
    KioskConfig config;
    std::unique_ptr<KioskRuntime> runtime;
};

}  // namespace

TEST_CASE("an event the feed cancels tells those signed up who left a phone, as the café's own cancelling does",
          "[agenda][ical]") {
    AgendaFixture f;
    REQUIRE(f.book.importFeed(&f.manager, tourDates()).added == 3);
    const auto concert = f.book.between("2030-07-04", "2030-07-04");
    REQUIRE(concert.size() == 1);
    f.signedUp(f.member(f.denise, concert.front().id));
    f.signedUp(f.member(kAnne, concert.front().id));  // no phone nor e-mail: cannot be told
    REQUIRE(f.outbox().empty());

    const ImportReport report = f.book.importFeed(&f.manager, concertCancelled());
    REQUIRE(report.ok());
    CHECK(report.cancelled == 1);
    CHECK(report.told == 1);
    REQUIRE(f.outbox().size() == 1);
    CHECK(f.outbox().front().purpose == "agenda.event_cancelled");
    CHECK(f.outbox().front().body.find("Concert de l'harmonie") != std::string::npos);
    // The same feed again: already cancelled, nobody told twice.
    const ImportReport again = f.book.importFeed(&f.manager, concertCancelled());
    CHECK(again.cancelled == 0);
    CHECK(again.told == 0);
    CHECK(f.outbox().size() == 1);
}

TEST_CASE("the agenda feed's answers: imported as the agenda feed, a failure or a web page leaves the agenda and a "
          "notice, a cancellation a notice with who was told",
          "[agenda][ical][runtime][bad-input]") {
    FeedKiosk kiosk("https://tournees.example/agenda.ics?token=s3cr3t");
    AgendaServices& agenda = kiosk.agenda();

    const ImportReport first = agenda.applyFeedResponse(kiosk.answer(net::HttpOutcome::Ok, tourDates()));
    REQUIRE(first.ok());
    CHECK(first.added == 3);
    const auto imports = kiosk.runtime->staff.recentAudit(100);
    bool byTheFeed = false;
    for (const auto& entry : imports) byTheFeed |= entry.action == "agenda.import" && entry.actorName == "agenda feed";
    CHECK(byTheFeed);
    CHECK(agendaNotices(kiosk.runtime->database).empty());

    const int events = kiosk.runtime->database.sql().execAndGet("SELECT count(*) FROM agenda_event").getInt();
    CHECK_FALSE(agenda.applyFeedResponse(kiosk.answer(net::HttpOutcome::NetworkError, "")).ok());
    CHECK_FALSE(agenda.applyFeedResponse(kiosk.answer(net::HttpOutcome::Ok, "<!DOCTYPE html><html></html>")).ok());
    CHECK(agenda.applyFeedResponse(kiosk.answer(net::HttpOutcome::NotModified, "")).ok());
    CHECK(kiosk.runtime->database.sql().execAndGet("SELECT count(*) FROM agenda_event").getInt() == events);
    auto notices = agendaNotices(kiosk.runtime->database);
    REQUIRE(notices.size() == 2);
    for (const auto& notice : notices) {
        CHECK(notice.message.find("tournees.example") != std::string::npos);
        CHECK(notice.message.find("s3cr3t") == std::string::npos);
    }

    const ImportReport cancelled = agenda.applyFeedResponse(kiosk.answer(net::HttpOutcome::Ok, concertCancelled()));
    CHECK(cancelled.cancelled == 1);
    notices = agendaNotices(kiosk.runtime->database);
    REQUIRE(notices.size() == 3);
    CHECK(notices.back().message.find("1") != std::string::npos);
}

TEST_CASE("the running kiosk fetches the agenda feed on its timer, and a dead one leaves a notice",
          "[agenda][ical][runtime][bad-input]") {
    // Nothing listens there: each fetch is refused at once, on the worker's thread.
    FeedKiosk kiosk("http://127.0.0.1:9/agenda.ics");
    CHECK(kiosk.agenda().nextDueMs() == 0);
    std::atomic<int> wakes{0};
    kiosk.runtime->startBackgroundWork([&wakes] { ++wakes; });
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (agendaNotices(kiosk.runtime->database).empty() && std::chrono::steady_clock::now() < deadline) {
        kiosk.runtime->pollAreas(kiosk.clock.nowMs());
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK(agendaNotices(kiosk.runtime->database).size() == 1);
    CHECK(wakes.load() >= 1);
    // The next fetch is feed_refresh_minutes later, not at the next poll.
    CHECK(kiosk.agenda().nextDueMs() <= kiosk.clock.nowMs() + 60'000);
    kiosk.clock.advanceMs(60'000);
    kiosk.runtime->pollAreas(kiosk.clock.nowMs());
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    kiosk.runtime->pollAreas(kiosk.clock.nowMs());
    CHECK(agendaNotices(kiosk.runtime->database).size() == 1);
    kiosk.runtime->stop();
}
