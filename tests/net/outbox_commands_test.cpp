// `outbox list / send / retry / cancel` called as the command line calls them, and the [notifications] sections.

#include "kiosk/cli/outbox_commands.h"
#include "kiosk/services/kiosk_config.h"
#include "kiosk/services/kiosk_runtime.h"
#include "kiosk/services/notifications/notifications_area.h"
#include "loopback_servers.h"
#include "storage/outbox_store.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

using namespace vk;
using services::notifications::NotificationSettings;
using test::contains;

namespace {

struct CommandRun {
    int code = 0;
    std::string out;
    std::string err;
};

CommandRun run(services::KioskRuntime& runtime, const std::vector<std::string>& arguments) {
    std::istringstream in;
    std::ostringstream out;
    std::ostringstream err;
    const int code = cli::runOutboxCommand(runtime, cli::parseCommandArguments(arguments), in, out, err);
    return {code, out.str(), err.str()};
}

services::RuntimeOptions inMemory() {
    services::RuntimeOptions options;
    options.inMemoryDatabase = true;
    options.pinStrength = services::PinHasher::Strength::FastForTests;
    return options;
}

std::string queue(services::KioskRuntime& runtime, storage::OutboxChannel channel, const std::string& recipient) {
    storage::OutgoingMessage message{channel, recipient, "Votre colis", "Votre colis est arrivé.", "parcel.arrival",
                                     "", ""};
    return *storage::OutboxStore(runtime.database).enqueue(message, runtime.clock.nowMs());
}

}  // namespace

TEST_CASE("outbox list --json gives each message's state and the counts, and says why nothing is sent",
          "[cli][outbox]") {
    services::KioskRuntime runtime(services::KioskConfig{}, inMemory());
    const std::string id = queue(runtime, storage::OutboxChannel::Sms, "+33612345678");
    const auto listed = run(runtime, {"list", "--json"});
    CHECK(listed.code == 0);
    const auto json = nlohmann::json::parse(listed.out);
    CHECK(json["counts"]["pending"] == 1);
    REQUIRE(json["messages"].size() == 1);
    CHECK(json["messages"][0]["id"] == id);
    CHECK(json["messages"][0]["state"] == "pending");
    CHECK(contains(listed.err, "SMS are not sent: [notifications.sms] url is not set"));

    const auto sent = run(runtime, {"send"});
    CHECK(sent.code == 0);  // nothing could be tried, nothing failed
    CHECK(contains(sent.out, "0 sent, 0 failed (0 given up), 1 still pending"));
    CHECK(runtime.staff.recentAudit(1).front().action == "notifications.send");
}

TEST_CASE("outbox send exits 1 and names the message when a try failed", "[cli][outbox][net]") {
    services::KioskConfig config;
    // Nothing listens on port 9 of the loopback: refused at once.
    config.areas.get<NotificationSettings>().sms.url = "http://127.0.0.1:9/send";
    services::KioskRuntime runtime(config, inMemory());
    const std::string id = queue(runtime, storage::OutboxChannel::Sms, "+33612345678");
    const auto sent = run(runtime, {"send", "--json"});
    CHECK(sent.code == 1);
    const auto json = nlohmann::json::parse(sent.out);
    CHECK(json["sent"] == 0);
    CHECK(json["retrying"] == 1);
    CHECK(json["still_pending"] == 1);
    CHECK(json["messages"][0]["id"] == id);
    CHECK(contains(json["messages"][0]["error"].get<std::string>(), "could not be reached"));
}

TEST_CASE("outbox retry and cancel act on a waiting message only, and are audited", "[cli][outbox]") {
    services::KioskRuntime runtime(services::KioskConfig{}, inMemory());
    const std::string id = queue(runtime, storage::OutboxChannel::Email, "a@example.fr");
    CHECK(run(runtime, {"retry", id}).code == 0);
    CHECK(runtime.staff.recentAudit(1).front().action == "notifications.retry");
    CHECK(run(runtime, {"cancel", id}).code == 0);
    CHECK(runtime.staff.recentAudit(1).front().action == "notifications.cancel");
    const auto again = run(runtime, {"cancel", id});
    CHECK(again.code == 1);
    CHECK(contains(again.err, "no pending or failed message"));
    CHECK(run(runtime, {"retry"}).code == 2);
    CHECK(run(runtime, {"frobnicate"}).code == 2);
}

TEST_CASE("the [notifications] sections are read, the password from its file only", "[config][outbox]") {
    test::TempFolder folder("outbox-config");
    test::writeFile(folder / "smtp-password", "s3cret\n");
    const auto load = services::parseConfig(
        "[notifications.email]\nsmtp_url = \"smtps://mail.example.fr:465\"\nfrom = \"relais@example.fr\"\n"
        "username = \"relais\"\npassword_file = \"" + (folder / "smtp-password").string() + "\"\n\n"
        "[notifications.sms]\nurl = \"https://sms.example.fr/send\"\n"
        "headers = [\"Authorization: Bearer abc\", \"Content-Type: application/json\"]\n"
        "body_template = '{\"to\": \"{phone}\", \"text\": \"{text}\"}'\n",
        "kiosk.toml");
    CHECK(load.problems.empty());
    const auto& settings = load.config.areas.get<NotificationSettings>();
    CHECK(settings.email.configured());
    CHECK(settings.email.password == "s3cret");
    CHECK(settings.sms.configured());
    CHECK(settings.sms.headers.size() == 2);
}

TEST_CASE("a missing password file, a header with a line break and a wrong scheme are named",
          "[config][outbox][bad-input]") {
    const auto load = services::parseConfig(
        "[notifications.email]\nsmtp_url = \"http://mail.example.fr\"\nfrom = \"relais@example.fr\"\n"
        "password_file = \"/nonexistent/smtp-password\"\n\n"
        "[notifications.sms]\nurl = \"https://sms.example.fr/send\"\nheaders = [\"X-A: 1\\r\\nX-B: 2\"]\n"
        "typo = 1\n",
        "kiosk.toml");
    std::string all;
    for (const auto& problem : load.problems) all += services::describeProblem(problem, load.source) + "\n";
    INFO(all);
    CHECK(contains(all, "key notifications.email.smtp_url: must start with smtps://"));
    CHECK(contains(all, "key notifications.email.password_file: cannot be read"));
    CHECK(contains(all, "key notifications.sms.headers: an item holds a line break"));
    CHECK(contains(all, "key notifications.sms.typo: is not a known setting"));
    const auto& settings = load.config.areas.get<NotificationSettings>();
    CHECK_FALSE(settings.email.configured());
    CHECK_FALSE(settings.sms.configured());
}
