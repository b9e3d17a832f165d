// The outbox against real servers started on 127.0.0.1 by the test: an SMTP server (aiosmtpd) over STARTTLS and
// SMTPS with a certificate made by the test, and an SMS gateway that fails, hangs and rate-limits. Time is a
// ManualClock: a retry "in a minute" is a clock moved by a minute, not a wait.

#include "kiosk/services/kiosk_runtime.h"
#include "kiosk/services/notifications/notifications_area.h"
#include "loopback_servers.h"
#include "services/full_disk.h"
#include "skip.h"
#include "storage/outbox_store.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <memory>

using namespace vk;
using services::notifications::NotificationServices;
using services::notifications::NotificationSettings;
using storage::OutboxChannel;
using storage::OutboxState;
using test::contains;

namespace {

constexpr std::int64_t kStart = 1'796'000'000'000;  // 2026-11-30 00:53:20 UTC

struct OutboxFixture {
    explicit OutboxFixture(const std::string& name, NotificationSettings settings = {})
        : folder(name), clock(kStart) {
        config.dataDir = folder / "data";
        config.villageName = "Café de Saint-Aubin";
        config.areas.get<NotificationSettings>() = std::move(settings);
        makeRuntime();
    }
    void makeRuntime() {
        runtime.reset();
        services::RuntimeOptions options;
        options.pinStrength = services::PinHasher::Strength::FastForTests;
        options.clock = &clock;
        runtime = std::make_unique<services::KioskRuntime>(config, options);
    }
    NotificationServices& notifications() { return runtime->area<NotificationServices>(); }
    storage::OutboxStore store() { return storage::OutboxStore(runtime->database); }
    std::string enqueue(OutboxChannel channel, const std::string& recipient, const std::string& subject,
                        const std::string& body) {
        storage::OutgoingMessage message;
        message.channel = channel;
        message.recipient = recipient;
        message.subject = subject;
        message.body = body;
        message.purpose = "parcel.arrival";
        return *store().enqueue(message, clock.nowMs());
    }
    OutboxState stateOf(const std::string& id) { return store().find(id)->state; }

    test::TempFolder folder;
    services::ManualClock clock;
    services::KioskConfig config;
    std::unique_ptr<services::KioskRuntime> runtime;
};

NotificationSettings emailTo(int port, const std::string& scheme, const test::TestCertificate& certificate) {
    NotificationSettings settings;
    settings.email.smtpUrl = scheme + "://127.0.0.1:" + std::to_string(port);
    settings.email.from = "relais@cafe-saint-aubin.fr";
    settings.email.caFile = certificate.cert;
    settings.email.timeoutSeconds = 10;
    return settings;
}

NotificationSettings smsTo(const test::SmsGatewayServer& gateway, int timeoutSeconds = 10) {
    NotificationSettings settings;
    settings.sms.url = gateway.url();
    settings.sms.headers = {"Content-Type: application/json", "Authorization: Bearer test-token"};
    settings.sms.bodyTemplate = R"({"to": "{phone}", "message": "{text}"})";
    settings.sms.timeoutSeconds = timeoutSeconds;
    return settings;
}

// Decodes the message's headers and body with Python's own e-mail parser, as a mail reader would.
std::string decodedByPython(const test::TempFolder& folder, const std::string& raw) {
    const auto eml = folder / "decode.eml";
    const auto decoded = folder / "decoded.txt";
    test::writeFile(eml, raw);
    const std::string command =
        "/usr/bin/python3 -c \"import email,email.policy,sys; m=email.message_from_binary_file(open(sys.argv[1],'rb'),"
        "policy=email.policy.default); open(sys.argv[2],'w',encoding='utf-8').write(m['Subject']+'\\n'+"
        "m.get_content())\" '" + eml.string() + "' '" + decoded.string() + "'";
    if (std::system(command.c_str()) != 0) return "(python could not parse the message)";
    return test::readFile(decoded);
}

bool linesFit(const std::string& raw) {
    std::size_t start = 0;
    while (start < raw.size()) {
        const auto end = raw.find("\r\n", start);
        if (end == std::string::npos) return raw.size() - start <= 78;
        if (end - start > 78) return false;
        if (raw.find('\n', start) < end) return false;  // a bare LF
        start = end + 2;
    }
    return true;
}

}  // namespace

TEST_CASE("an e-mail goes once over STARTTLS with a password, its French subject and text intact",
          "[net][outbox]") {
    if (!test::haveAiosmtpd() || !test::haveOpenssl())
        return test::skip("needs python3-aiosmtpd and openssl (./install-deps.sh --tests)");
    test::TempFolder folder("outbox-starttls");
    const auto certificate = test::makeTestCertificate(folder.path());
    test::SmtpTestServer server(folder.path(), test::SmtpTestServer::Tls::StartTls, &certificate,
                                {"--user", "relais", "--password", "s3cret"});
    NotificationSettings settings = emailTo(server.port(), "smtp", certificate);
    settings.email.username = "relais";
    settings.email.password = "s3cret";
    OutboxFixture f("outbox-starttls-kiosk", settings);
    const std::string body = "Bonjour Mme Lefèvre,\nVotre colis est arrivé au café. Frais : 0 €.\n"
                             "Un cœur sur la porte : c'est ouvert.\n.\nÀ bientôt !";
    const std::string id =
        f.enqueue(OutboxChannel::Email, "marie.lefevre@example.fr", "« Votre colis » est arrivé", body);

    const auto report = f.notifications().sendDueNow();
    CHECK(report.sent == 1);
    CHECK(f.stateOf(id) == OutboxState::Sent);
    CHECK(f.notifications().sendDueNow().messages.empty());  // nothing due any more: sent once
    const auto messages = server.messages();
    REQUIRE(messages.size() == 1);
    const std::string& raw = messages[0];
    CHECK(contains(raw, "Message-ID: <" + id + "@"));
    CHECK(contains(raw, ".village-kiosk>"));
    CHECK(contains(raw, "Content-Type: text/plain; charset=UTF-8"));
    CHECK(contains(raw, "=?UTF-8?B?"));
    CHECK(linesFit(raw));
    const std::string decoded = decodedByPython(folder, raw);
    CHECK(contains(decoded, "« Votre colis » est arrivé\n"));
    CHECK(contains(decoded, "Mme Lefèvre"));
    CHECK(contains(decoded, "0 €"));
    CHECK(contains(decoded, "Un cœur sur la porte"));
    CHECK(contains(decoded, "\n.\n"));  // a line of a single dot is text, not the end of DATA
}

TEST_CASE("an e-mail goes over SMTPS, and not to a server whose certificate we do not trust", "[net][outbox]") {
    if (!test::haveAiosmtpd() || !test::haveOpenssl())
        return test::skip("needs python3-aiosmtpd and openssl (./install-deps.sh --tests)");
    test::TempFolder folder("outbox-smtps");
    const auto certificate = test::makeTestCertificate(folder.path());
    test::SmtpTestServer server(folder.path(), test::SmtpTestServer::Tls::Smtps, &certificate);

    test::TempFolder other("outbox-smtps-other");
    const auto stranger = test::makeTestCertificate(other.path());
    OutboxFixture f("outbox-smtps-kiosk", emailTo(server.port(), "smtps", stranger));
    const std::string id = f.enqueue(OutboxChannel::Email, "a@example.fr", "Colis", "Votre colis est là.");
    const auto refused = f.notifications().sendDueNow();
    CHECK(refused.sent == 0);
    CHECK(f.stateOf(id) == OutboxState::Pending);
    CHECK(contains(f.store().find(id)->lastError, "certificate"));
    CHECK(server.messages().empty());

    f.config.areas.get<NotificationSettings>().email.caFile = certificate.cert;
    f.makeRuntime();
    f.clock.advanceMs(60'000);
    CHECK(f.notifications().sendDueNow().sent == 1);
    CHECK(server.messages().size() == 1);
}

TEST_CASE("a plain SMTP server without STARTTLS gets no message", "[net][outbox]") {
    if (!test::haveAiosmtpd()) return test::skip("needs python3-aiosmtpd (./install-deps.sh --tests)");
    test::TempFolder folder("outbox-plain");
    test::SmtpTestServer server(folder.path(), test::SmtpTestServer::Tls::None, nullptr);
    NotificationSettings settings;
    settings.email.smtpUrl = "smtp://127.0.0.1:" + std::to_string(server.port());
    settings.email.from = "relais@cafe.fr";
    OutboxFixture f("outbox-plain-kiosk", settings);
    const std::string id = f.enqueue(OutboxChannel::Email, "a@example.fr", "Colis", "Votre colis est là.");
    const auto report = f.notifications().sendDueNow();
    CHECK(report.sent == 0);
    CHECK(server.messages().empty());
    CHECK(contains(f.store().find(id)->lastError, "STARTTLS"));
}

TEST_CASE("with the mail server down the e-mail waits, then goes once when it is back", "[net][outbox]") {
    if (!test::haveAiosmtpd() || !test::haveOpenssl())
        return test::skip("needs python3-aiosmtpd and openssl (./install-deps.sh --tests)");
    test::TempFolder folder("outbox-down");
    const auto certificate = test::makeTestCertificate(folder.path());
    auto server = std::make_unique<test::SmtpTestServer>(folder.path(), test::SmtpTestServer::Tls::StartTls,
                                                         &certificate);
    const int port = server->port();
    server->stop();  // the port is closed: "network down"
    OutboxFixture f("outbox-down-kiosk", emailTo(port, "smtp", certificate));
    const std::string id = f.enqueue(OutboxChannel::Email, "a@example.fr", "Colis", "Votre colis est là.");

    auto report = f.notifications().sendDueNow();
    CHECK(report.retrying == 1);
    auto message = f.store().find(id);
    CHECK(message->state == OutboxState::Pending);
    CHECK(message->nextAttemptAt == kStart + 60'000);  // the first retry a minute later
    f.clock.advanceMs(30'000);
    CHECK(f.notifications().sendDueNow().messages.empty());  // not due yet
    f.clock.advanceMs(30'000);
    CHECK(f.notifications().sendDueNow().retrying == 1);
    CHECK(f.store().find(id)->nextAttemptAt == f.clock.nowMs() + 120'000);  // then two minutes

    // The server comes back (on another port: the test cannot take the old one back; the kiosk is told).
    test::SmtpTestServer back(folder.path(), test::SmtpTestServer::Tls::StartTls, &certificate);
    f.config.areas.get<NotificationSettings>() = emailTo(back.port(), "smtp", certificate);
    f.makeRuntime();
    f.clock.advanceMs(120'000);
    report = f.notifications().sendDueNow();
    CHECK(report.sent == 1);
    CHECK(back.messages().size() == 1);
    CHECK(f.store().find(id)->attempts == 3);
}

TEST_CASE("a mail server that says 451 is tried again, one that refuses the recipient gives up after 3 tries",
          "[net][outbox]") {
    if (!test::haveAiosmtpd() || !test::haveOpenssl())
        return test::skip("needs python3-aiosmtpd and openssl (./install-deps.sh --tests)");
    test::TempFolder folder("outbox-refused");
    const auto certificate = test::makeTestCertificate(folder.path());
    test::SmtpTestServer server(folder.path(), test::SmtpTestServer::Tls::StartTls, &certificate, {"--busy", "1"});
    OutboxFixture f("outbox-refused-kiosk", emailTo(server.port(), "smtp", certificate));
    const std::string busy = f.enqueue(OutboxChannel::Email, "a@example.fr", "Colis", "Votre colis est là.");
    CHECK(f.notifications().sendDueNow().retrying == 1);
    CHECK(contains(f.store().find(busy)->lastError, "451"));
    f.clock.advanceMs(60'000);
    CHECK(f.notifications().sendDueNow().sent == 1);

    const std::string refused = f.enqueue(OutboxChannel::Email, "refuse@example.fr", "Colis", "Votre colis est là.");
    for (int i = 0; i < 3; ++i) {
        f.notifications().sendDueNow();
        f.clock.advanceMs(3'600'000);
    }
    const auto message = f.store().find(refused);
    CHECK(message->state == OutboxState::Failed);
    CHECK(message->attempts == 3);
    CHECK(contains(message->lastError, "550"));
    CHECK(server.messages().size() == 1);
}

TEST_CASE("an SMS goes to the gateway as JSON with the message id as Idempotency-Key", "[net][outbox]") {
    if (!std::filesystem::exists(test::kPython)) return test::skip("needs /usr/bin/python3");
    test::TempFolder folder("outbox-sms");
    test::SmsGatewayServer gateway(folder.path());
    OutboxFixture f("outbox-sms-kiosk", smsTo(gateway));
    const std::string id = f.enqueue(OutboxChannel::Sms, "+33612345678", "",
                                     "Votre colis \"Packeta\" est arrivé.\nCode : K7P2");
    CHECK(f.notifications().sendDueNow().sent == 1);
    const auto requests = gateway.requests();
    REQUIRE(requests.size() == 1);
    const auto request = nlohmann::json::parse(requests[0]);
    CHECK(request["method"] == "POST");
    CHECK(request["headers"]["idempotency-key"] == id);
    CHECK(request["headers"]["authorization"] == "Bearer test-token");
    const auto body = nlohmann::json::parse(request["body"].get<std::string>());
    CHECK(body["to"] == "+33612345678");
    CHECK(body["message"] == "Votre colis \"Packeta\" est arrivé.\nCode : K7P2");
}

TEST_CASE("a gateway that answers 500 then 200 gets the SMS on the retry, under the same key", "[net][outbox]") {
    if (!std::filesystem::exists(test::kPython)) return test::skip("needs /usr/bin/python3");
    test::TempFolder folder("outbox-sms-500");
    test::SmsGatewayServer gateway(folder.path());
    gateway.plan("500\n");
    OutboxFixture f("outbox-sms-500-kiosk", smsTo(gateway));
    const std::string id = f.enqueue(OutboxChannel::Sms, "+33612345678", "", "Votre colis est arrivé.");
    CHECK(f.notifications().sendDueNow().retrying == 1);
    CHECK(contains(f.store().find(id)->lastError, "500"));
    f.clock.advanceMs(60'000);
    CHECK(f.notifications().sendDueNow().sent == 1);
    const auto requests = gateway.requests();
    REQUIRE(requests.size() == 2);
    CHECK(nlohmann::json::parse(requests[0])["headers"]["idempotency-key"] == id);
    CHECK(nlohmann::json::parse(requests[1])["headers"]["idempotency-key"] == id);
}

TEST_CASE("a gateway that answers 429 with Retry-After is asked again after that wait, not before",
          "[net][outbox]") {
    if (!std::filesystem::exists(test::kPython)) return test::skip("needs /usr/bin/python3");
    test::TempFolder folder("outbox-sms-429");
    test::SmsGatewayServer gateway(folder.path());
    gateway.plan("429 300\n");
    OutboxFixture f("outbox-sms-429-kiosk", smsTo(gateway));
    const std::string id = f.enqueue(OutboxChannel::Sms, "+33612345678", "", "Votre colis est arrivé.");
    CHECK(f.notifications().sendDueNow().retrying == 1);
    CHECK(f.store().find(id)->nextAttemptAt == kStart + 300'000);  // five minutes, not the one of the backoff
    f.clock.advanceMs(299'000);
    CHECK(f.notifications().sendDueNow().messages.empty());
    f.clock.advanceMs(1'000);
    CHECK(f.notifications().sendDueNow().sent == 1);
    CHECK(gateway.requests().size() == 2);
}

TEST_CASE("a gateway that answers 400 is believed after 3 tries and the message is failed", "[net][outbox]") {
    if (!std::filesystem::exists(test::kPython)) return test::skip("needs /usr/bin/python3");
    test::TempFolder folder("outbox-sms-400");
    test::SmsGatewayServer gateway(folder.path());
    gateway.plan("400\n400\n400\n");
    OutboxFixture f("outbox-sms-400-kiosk", smsTo(gateway));
    const std::string id = f.enqueue(OutboxChannel::Sms, "+33612345678", "", "Votre colis est arrivé.");
    int givenUp = 0;
    for (int i = 0; i < 3; ++i) {
        givenUp += f.notifications().sendDueNow().failed;
        f.clock.advanceMs(3'600'000);
    }
    CHECK(givenUp == 1);
    CHECK(f.stateOf(id) == OutboxState::Failed);
    CHECK(f.notifications().sendDueNow().messages.empty());
    CHECK(gateway.requests().size() == 3);
}

TEST_CASE("a gateway that hangs costs the timeout, and the SMS goes on the retry", "[net][outbox][bad-input]") {
    if (!std::filesystem::exists(test::kPython)) return test::skip("needs /usr/bin/python3");
    test::TempFolder folder("outbox-sms-hang");
    test::SmsGatewayServer gateway(folder.path());
    gateway.plan("hang\n");
    OutboxFixture f("outbox-sms-hang-kiosk", smsTo(gateway, 2));
    const std::string id = f.enqueue(OutboxChannel::Sms, "+33612345678", "", "Votre colis est arrivé.");
    CHECK(f.notifications().sendDueNow().retrying == 1);
    CHECK(contains(f.store().find(id)->lastError, "within"));
    f.clock.advanceMs(60'000);
    CHECK(f.notifications().sendDueNow().sent == 1);
    const auto requests = gateway.requests();
    REQUIRE(requests.size() == 2);
    CHECK(nlohmann::json::parse(requests[1])["headers"]["idempotency-key"] == id);
}

TEST_CASE("outbox send killed mid-send is sent after a restart under the same Idempotency-Key",
          "[net][outbox][cli]") {
    if (!std::filesystem::exists(test::kPython)) return test::skip("needs /usr/bin/python3");
    test::TempFolder folder("outbox-kill");
    test::SmsGatewayServer gateway(folder.path());
    gateway.plan("hang\n");
    const auto config = folder / "kiosk.toml";
    test::writeFile(config, "[kiosk]\ndata_dir = \"" + (folder / "data").string() +
                                "\"\n\n[notifications.sms]\nurl = \"" + gateway.url() +
                                "\"\ntimeout_seconds = 60\n");
    std::string id;
    {
        auto load = services::loadConfigFile(config);
        REQUIRE(load.usable());
        services::KioskRuntime runtime(load.config);
        storage::OutgoingMessage message{OutboxChannel::Sms, "+33612345678", "", "Votre colis est arrivé.",
                                         "parcel.arrival", "", "parcel:1:arrival:sms"};
        id = *storage::OutboxStore(runtime.database).enqueue(message, storage::nowUnixMs());
    }
    {
        test::ChildProcess sender({VK_KIOSK_BINARY, "--config", config.string(), "outbox", "send"},
                                  folder / "first-send.log");
        REQUIRE(test::eventually([&] { return gateway.requests().size() == 1; }, std::chrono::milliseconds(20000)));
        sender.kill();  // SIGKILL while the gateway holds the request
    }
    test::ChildProcess again({VK_KIOSK_BINARY, "--config", config.string(), "outbox", "send", "--json"},
                             folder / "second-send.log");
    CHECK(again.wait() == 0);
    const auto output = test::readFile(folder / "second-send.log");
    INFO(output);
    CHECK(contains(output, "\"sent\":1"));
    const auto requests = gateway.requests();
    REQUIRE(requests.size() == 2);
    CHECK(nlohmann::json::parse(requests[0])["headers"]["idempotency-key"] == id);
    CHECK(nlohmann::json::parse(requests[1])["headers"]["idempotency-key"] == id);
}

TEST_CASE("the worker thread sends a message as soon as it is woken after the enqueue", "[net][outbox]") {
    if (!std::filesystem::exists(test::kPython)) return test::skip("needs /usr/bin/python3");
    test::TempFolder folder("outbox-worker");
    test::SmsGatewayServer gateway(folder.path());
    OutboxFixture f("outbox-worker-kiosk", smsTo(gateway));
    std::atomic<int> uiWakes{0};
    f.runtime->startBackgroundWork([&uiWakes] { ++uiWakes; });
    REQUIRE(f.notifications().workerRunning());
    const std::string id = f.enqueue(OutboxChannel::Sms, "+33612345678", "", "Votre colis est arrivé.");
    f.notifications().wake();
    CHECK(test::eventually([&] { return gateway.requests().size() == 1; }));
    CHECK(test::eventually([&] { return uiWakes.load() > 0; }));
    CHECK(f.runtime->pollAreas(f.clock.nowMs()));  // the staff screen is told something changed
    CHECK(f.stateOf(id) == OutboxState::Sent);
    f.runtime->stop();
}

TEST_CASE("with no channel configured messages stay pending and say why", "[outbox]") {
    OutboxFixture f("outbox-unconfigured");
    const std::string email = f.enqueue(OutboxChannel::Email, "a@example.fr", "Colis", "Votre colis est là.");
    const std::string sms = f.enqueue(OutboxChannel::Sms, "+33612345678", "", "Votre colis est là.");
    const auto report = f.notifications().sendDueNow();
    CHECK(report.messages.empty());
    CHECK(f.stateOf(email) == OutboxState::Pending);
    CHECK(f.stateOf(sms) == OutboxState::Pending);
    CHECK(f.store().find(email)->attempts == 0);
    CHECK(f.notifications().channelProblem(OutboxChannel::Email) == "notifications.email_not_configured");
    CHECK(f.notifications().channelProblem(OutboxChannel::Sms) == "notifications.sms_not_configured");
}

TEST_CASE("closing the kiosk while the gateway hangs cuts the send short, and the message waits for next time",
          "[net][outbox]") {
    if (!std::filesystem::exists(test::kPython)) return test::skip("needs /usr/bin/python3");
    test::TempFolder folder("outbox-stop");
    test::SmsGatewayServer gateway(folder.path());
    gateway.plan("hang\n");
    OutboxFixture f("outbox-stop-kiosk", smsTo(gateway, 60));
    f.runtime->startBackgroundWork([] {});
    const std::string id = f.enqueue(OutboxChannel::Sms, "+33612345678", "", "Votre colis est arrivé.");
    f.notifications().wake();
    REQUIRE(test::eventually([&] { return gateway.requests().size() == 1; }));
    f.runtime->stop();  // without the cut, this would wait for the 60 s timeout
    const auto message = f.store().find(id);
    CHECK(message->state == OutboxState::Pending);
    CHECK(contains(message->lastError, "cancelled"));
}

TEST_CASE("a full disk loses no message: one sent meanwhile is recorded, or sent again under its key once freed",
          "[net][outbox][bad-input]") {
    if (!std::filesystem::exists(test::kPython)) return test::skip("needs /usr/bin/python3");
    test::TempFolder folder("outbox-full-disk");
    test::SmsGatewayServer gateway(folder.path());
    OutboxFixture f("outbox-full-disk-kiosk", smsTo(gateway));
    const std::string id = f.enqueue(OutboxChannel::Sms, "+33612345678", "", "Votre colis est arrivé.");
    vk::testing::fillDisk(f.runtime->database);
    bool threw = false;
    try {
        f.notifications().sendDueNow();
    } catch (const std::exception&) {
        threw = true;  // the state could not be written: the message is left as it was
    }
    vk::testing::freeDisk(f.runtime->database);
    f.makeRuntime();  // the kiosk restarted once space was freed
    f.notifications().sendDueNow();
    CHECK(f.stateOf(id) == OutboxState::Sent);
    const auto requests = gateway.requests();
    REQUIRE_FALSE(requests.empty());
    CHECK(requests.size() <= 2);
    for (const auto& request : requests) CHECK(nlohmann::json::parse(request)["headers"]["idempotency-key"] == id);
    INFO("the first pass " << (threw ? "could not record its result" : "recorded its result"));
    CHECK((threw ? requests.size() == 2 : requests.size() == 1));
}
