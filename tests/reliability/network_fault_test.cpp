// Faults from the network, for the feeds the kiosk fetches and the e-mails it sends: a server that accepts the
// connection and never answers (a firewall that drops, a frozen box), and one that closes it at once (a reset).
// Each gives its message, stores nothing wrong, keeps what was there, and the next try goes through once the
// far end is back. The far ends are made here, on 127.0.0.1; the mail server that works is the outbox tests' own
// (tests/net/smtp_test_server.py, Debian's python3-aiosmtpd).

#include "kiosk/services/health/health_area.h"
#include "kiosk/services/health/rota_service.h"
#include "kiosk/services/kiosk_runtime.h"
#include "kiosk/services/notifications/notifications_area.h"
#include "net/http_client.h"
#include "net/loopback_servers.h"
#include "skip.h"
#include "storage/outbox_store.h"
#include "storage/rota_store.h"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

using namespace vk;
using namespace std::chrono_literals;

namespace {

constexpr std::int64_t kStart = 1'796'000'000'000;  // 2026-11-30 00:53:20 UTC

// A TCP server on 127.0.0.1 that misbehaves: Hang accepts and holds every connection without a byte (until the
// test ends); Reset accepts and closes each one at once with a reset (SO_LINGER 0), before any greeting.
class BadServer {
public:
    enum class Mode { Hang, Reset };
    explicit BadServer(Mode mode) : mode_(mode) {
        listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (listener_ < 0 || ::bind(listener_, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
            ::listen(listener_, 16) != 0 ||
            ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0)
            throw std::runtime_error("no loopback socket");
        port_ = ntohs(address.sin_port);
        thread_ = std::thread([this] { run(); });
    }
    ~BadServer() {
        stopping_ = true;
        thread_.join();
        for (const int held : held_) ::close(held);
        ::close(listener_);
    }
    int port() const { return port_; }
    int accepted() const { return accepted_.load(); }

private:
    void run() {
        while (!stopping_) {
            pollfd waiting{listener_, POLLIN, 0};
            if (::poll(&waiting, 1, 50) <= 0) continue;
            const int connection = ::accept(listener_, nullptr, nullptr);
            if (connection < 0) continue;
            ++accepted_;
            if (mode_ == Mode::Reset) {
                const linger abort{1, 0};
                ::setsockopt(connection, SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
                ::close(connection);
            } else {
                held_.push_back(connection);
            }
        }
    }

    Mode mode_;
    int listener_ = -1;
    int port_ = 0;
    std::atomic<bool> stopping_{false};
    std::atomic<int> accepted_{0};
    std::vector<int> held_;
    std::thread thread_;
};

const std::string kRota =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//FR\r\n"
    "BEGIN:VEVENT\r\nUID:v1\r\nDTSTART;VALUE=DATE:20261202\r\nSUMMARY:Dr Anne Roche\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:v2\r\nDTSTART;VALUE=DATE:20261203\r\nSUMMARY:Dr Paul Vidal\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n";

struct Kiosk {
    explicit Kiosk(const std::string& name, services::notifications::NotificationSettings mail = {})
        : folder(name), clock(kStart) {
        config.dataDir = folder / "data";
        config.areas.get<services::notifications::NotificationSettings>() = std::move(mail);
        services::RuntimeOptions options;
        options.pinStrength = services::PinHasher::Strength::FastForTests;
        options.clock = &clock;
        runtime = std::make_unique<services::KioskRuntime>(config, options);
    }
    int count(const char* sql) { return runtime->database.sql().execAndGet(sql).getInt(); }

    test::TempFolder folder;
    services::ManualClock clock;
    services::KioskConfig config;
    std::unique_ptr<services::KioskRuntime> runtime;
};

// The rota as the feed worker fetches it, with a short timeout: the worker's own is 15 s, which only makes the
// test slower, not different.
services::health::RotaImportReport fetchRota(services::health::RotaService& rota, const std::string& url) {
    net::HttpRequest request = rota.feedRequest(url);
    request.timeout = 1500ms;
    request.connectTimeout = 1500ms;
    return rota.applyFeedResponse(url, net::HttpClient().get(request));
}

services::notifications::NotificationSettings mailTo(int port, const test::TestCertificate* certificate) {
    services::notifications::NotificationSettings settings;
    settings.email.smtpUrl = "smtp://127.0.0.1:" + std::to_string(port);
    settings.email.from = "relais@cafe-saint-aubin.fr";
    if (certificate) settings.email.caFile = certificate->cert;
    settings.email.timeoutSeconds = 2;
    return settings;
}

std::string enqueueMail(Kiosk& kiosk) {
    storage::OutgoingMessage message;
    message.channel = storage::OutboxChannel::Email;
    message.recipient = "jeanne.moulin@example.fr";
    message.subject = "Votre colis est arrivé";
    message.body = "Il vous attend au café.";
    message.purpose = "parcel.arrival";
    return *storage::OutboxStore(kiosk.runtime->database).enqueue(message, kiosk.clock.nowMs());
}

}  // namespace

TEST_CASE("a rota feed that accepts and never answers, or resets at once, keeps the rota and says why",
          "[reliability][faults][net]") {
    Kiosk kiosk("rota-feed-faults");
    auto& rota = kiosk.runtime->area<services::health::HealthServices>().rota;
    REQUIRE(rota.importCalendar(kRota, "rota.ics").applied);
    const int visits = kiosk.count("SELECT count(*) FROM rota_visit");
    REQUIRE(visits == 2);

    for (const auto mode : {BadServer::Mode::Hang, BadServer::Mode::Reset}) {
        BadServer server(mode);
        const std::string url = "http://127.0.0.1:" + std::to_string(server.port()) + "/rota.ics";
        const auto report = fetchRota(rota, url);
        CHECK_FALSE(report.applied);
        CHECK_FALSE(report.error.empty());
        CHECK(server.accepted() >= 1);
        // The rota shown stays the one that was there, and the feed's state says what went wrong.
        CHECK(kiosk.count("SELECT count(*) FROM rota_visit") == visits);
        const auto state = rota.feedState(url);
        REQUIRE(state);
        REQUIRE(state->lastError);
        CHECK_FALSE(state->lastError->empty());
    }
    CHECK(kiosk.runtime->database.sql().execAndGet("PRAGMA integrity_check").getString() == "ok");
}

TEST_CASE("a mail server that accepts and never answers, or resets at once, keeps the e-mail for the next try",
          "[reliability][faults][net][outbox]") {
    if (!test::haveAiosmtpd() || !test::haveOpenssl())
        return test::skip("needs /usr/bin/python3 with aiosmtpd and openssl (./install-deps.sh --tests)");
    for (const auto mode : {BadServer::Mode::Hang, BadServer::Mode::Reset}) {
        auto server = std::make_unique<BadServer>(mode);
        Kiosk kiosk(mode == BadServer::Mode::Hang ? "smtp-hang" : "smtp-reset", mailTo(server->port(), nullptr));
        auto& outbox = kiosk.runtime->area<services::notifications::NotificationServices>();
        const std::string id = enqueueMail(kiosk);

        const auto tried = outbox.sendDueNow();
        CHECK(tried.retrying == 1);
        CHECK(tried.sent == 0);
        const auto message = storage::OutboxStore(kiosk.runtime->database).find(id);
        REQUIRE(message);
        CHECK(message->state == storage::OutboxState::Pending);
        CHECK(message->attempts == 1);
        CHECK_FALSE(message->lastError.empty());
        CHECK(server->accepted() >= 1);
        server.reset();

        // The mail server is back (a real one, on another port: the kiosk's settings are read at start).
        test::TempFolder mailFolder(std::string("smtp-back-") + (mode == BadServer::Mode::Hang ? "hang" : "reset"));
        const auto certificate = test::makeTestCertificate(mailFolder.path());
        test::SmtpTestServer back(mailFolder.path(), test::SmtpTestServer::Tls::StartTls, &certificate);
        kiosk.runtime.reset();
        kiosk.config.areas.get<services::notifications::NotificationSettings>() = mailTo(back.port(), &certificate);
        services::RuntimeOptions options;
        options.pinStrength = services::PinHasher::Strength::FastForTests;
        options.clock = &kiosk.clock;
        kiosk.runtime = std::make_unique<services::KioskRuntime>(kiosk.config, options);
        kiosk.clock.advanceMs(10 * 60'000);
        CHECK(kiosk.runtime->area<services::notifications::NotificationServices>().sendDueNow().sent == 1);
        CHECK(back.messages().size() == 1);
        CHECK(storage::OutboxStore(kiosk.runtime->database).find(id)->state == storage::OutboxState::Sent);
    }
}

TEST_CASE("the running kiosk keeps answering while its mail server hangs, and stops without waiting for it",
          "[reliability][faults][net][outbox]") {
    BadServer server(BadServer::Mode::Hang);
    auto settings = mailTo(server.port(), nullptr);
    settings.email.timeoutSeconds = 60;  // the worker would wait a minute: closing must not
    Kiosk kiosk("smtp-hang-running", settings);
    auto& outbox = kiosk.runtime->area<services::notifications::NotificationServices>();
    kiosk.runtime->startBackgroundWork([] {});
    const std::string id = enqueueMail(kiosk);
    outbox.wake();
    REQUIRE(test::eventually([&] { return server.accepted() >= 1; }, 10s));
    // The loop's work goes on on its own thread while the send hangs on the worker's.
    for (int i = 0; i < 5; ++i) {
        kiosk.clock.advanceMs(1000);
        kiosk.runtime->pollAreas(kiosk.clock.nowMs());
    }
    CHECK(kiosk.count("SELECT count(*) FROM outbox_message") == 1);
    kiosk.runtime->stop();
    CHECK_FALSE(outbox.workerRunning());
    // Cut short, not lost: it waits for the next start.
    const auto message = storage::OutboxStore(kiosk.runtime->database).find(id);
    REQUIRE(message);
    CHECK((message->state == storage::OutboxState::Pending || message->state == storage::OutboxState::Sending));
    CHECK(storage::OutboxStore(kiosk.runtime->database).requeueInterrupted(kiosk.clock.nowMs()) >= 0);
    CHECK(storage::OutboxStore(kiosk.runtime->database).find(id)->state == storage::OutboxState::Pending);
}
