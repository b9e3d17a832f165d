#include "kiosk/screens/notifications/notifications_screens.h"
#include "kiosk/services/notifications/notifications_area.h"
#include "storage/outbox_store.h"
#include "ui_fixture.h"

using namespace vk;
using vk::test::UiFixture;

namespace {

std::optional<storage::OutboxMessage> demoMessageIn(UiFixture& f, storage::OutboxState state) {
    for (const auto& message : storage::OutboxStore(f.runtime.database).recent(10))
        if (message.state == state) return message;
    return std::nullopt;
}

}  // namespace

TEST_CASE("the café manager sees the messages, why they wait, and sends a failed one again", "[ui][outbox]") {
    UiFixture f;
    f.signIn("Julien Girard", "1357");
    f.tap("staff.home.messages");
    CHECK(f.kiosk.state().screen == screens::kOutboxMessagesScreen);
    CHECK(f.kiosk.shows("Messages aux habitants"));
    CHECK(f.kiosk.shows("Envoyé"));
    CHECK(f.kiosk.shows("En échec · 3 essais"));
    // Nothing is configured in the demo: the list says so instead of failing quietly.
    CHECK(f.kiosk.shows("Les SMS ne partent pas : l’envoi de SMS n’est pas réglé. Appelez le technicien."));

    const auto failed = demoMessageIn(f, storage::OutboxState::Failed);
    REQUIRE(failed);
    f.tap("notifications.retry." + failed->id);
    CHECK(f.kiosk.shows("Le message va repartir tout de suite."));
    CHECK(storage::OutboxStore(f.runtime.database).find(failed->id)->state == storage::OutboxState::Pending);
    CHECK(f.runtime.staff.recentAudit(1).front().action == "notifications.retry");
    // A sent message has no button: it cannot be sent twice from here.
    const auto sent = demoMessageIn(f, storage::OutboxState::Sent);
    REQUIRE(sent);
    CHECK_FALSE(f.kiosk.find("notifications.retry." + sent->id));
}

TEST_CASE("the medical assistant has no messages tool and no public screen shows a phone number", "[ui][outbox]") {
    UiFixture f;
    f.signIn("Claire Moreau", "2580");
    CHECK_FALSE(f.kiosk.find("staff.home.messages"));
    f.tap("staff.home.sign_out");
    for (const auto& item : f.kiosk.drawn()) CHECK(item.text.find("+336") == std::string::npos);
}
