#include "hardware/reader_events.h"
#include "kiosk/i18n/dates.h"
#include "kiosk/screens/devices/devices_screens.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/services/audit_sentences.h"
#include "kiosk/services/staff/staff_settings.h"
#include "ui_fixture.h"

#include <regex>

using namespace vk;
using vk::test::UiFixture;

TEST_CASE("staff sign in with the right PIN and reach the staff area", "[ui][staff]") {
    UiFixture f;
    f.signIn("Technicien Asso", "739182");
    CHECK(f.kiosk.state().screen == screens::kStaffHomeScreen);
    REQUIRE(f.kiosk.state().staff);
    CHECK(f.kiosk.shows("Bonjour, Technicien Asso"));
    CHECK(f.kiosk.find("staff.home.accounts"));
    f.tap("staff.home.sign_out");
    CHECK(f.kiosk.state().screen == app::kHomeScreen);
    CHECK_FALSE(f.kiosk.state().staff);
    CHECK(f.runtime.staff.recentAudit(1).front().action == "staff.sign_out");
}

TEST_CASE("the PIN pad never shows the digits typed", "[ui][staff][privacy]") {
    UiFixture f;
    f.tap("home.staff_entry");
    f.tap("staff.sign_in.account." + f.accountId("Claire Moreau"));
    for (const char* key : {"pad.2", "pad.5", "pad.8"}) f.tap(key);
    REQUIRE(f.kiosk.find("staff.sign_in.pin"));
    CHECK(f.kiosk.find("staff.sign_in.pin")->text == "●●●");
    for (const auto& item : f.kiosk.drawn()) CHECK(item.text.find("258") == std::string::npos);
    // OK waits for at least four digits.
    f.tap("pad.ok");
    CHECK(f.kiosk.state().screen == screens::kStaffSignInScreen);
}

TEST_CASE("a wrong PIN says how many tries are left", "[ui][staff]") {
    UiFixture f;
    f.signIn("Claire Moreau", "0000");
    CHECK(f.kiosk.state().screen == screens::kStaffSignInScreen);
    CHECK_FALSE(f.kiosk.state().staff);
    CHECK(f.kiosk.shows("Code incorrect. Encore 4 essais"));
    REQUIRE(f.kiosk.find("staff.sign_in.pin"));
    CHECK(f.kiosk.find("staff.sign_in.pin")->text.empty());
}

TEST_CASE("five wrong PINs lock the entry, even against the right PIN, for the configured time", "[ui][staff][lockout]") {
    UiFixture f;
    f.tap("home.staff_entry");
    f.tap("staff.sign_in.account." + f.accountId("Claire Moreau"));
    for (int attempt = 0; attempt < 5; ++attempt) {
        for (const char* key : {"pad.1", "pad.1", "pad.1", "pad.1"}) f.tap(key);
        f.tap("pad.ok");
    }
    const std::string until = i18n::spokenClockTime(f.clock.nowMs() + 5 * 60 * 1000);
    CHECK(f.kiosk.shows("Trop d’essais : ce compte est bloqué jusqu’à " + until +
                        " (encore 5 min). Un administrateur peut le débloquer."));
    // The pad gives way to the lock: no digit can be typed.
    CHECK(f.kiosk.shows("Bloqué jusqu’à " + until));
    CHECK_FALSE(f.kiosk.find("pad.2"));
    CHECK_FALSE(f.kiosk.find("pad.ok"));
    CHECK_FALSE(f.kiosk.state().staff);

    // A new visitor at the kiosk meets the same lock.
    f.advanceSeconds(f.runtime.config.idleTimeoutSeconds + 1);
    f.tap("home.staff_entry");
    f.tap("staff.sign_in.account." + f.accountId("Claire Moreau"));
    CHECK_FALSE(f.kiosk.state().staff);
    CHECK(f.kiosk.shows("bloqué"));
    CHECK_FALSE(f.kiosk.find("pad.ok"));
    f.kiosk.ui().returnHome("test");

    // Five minutes later (the kiosk went home meanwhile), the lock has ended.
    f.advanceSeconds(5 * 60);
    CHECK(f.kiosk.state().screen == app::kHomeScreen);
    f.signIn("Claire Moreau", "2580");
    CHECK(f.kiosk.state().staff);
}

TEST_CASE("a staff card opens the PIN pad for its account (simulated reader)", "[ui][staff][card]") {
    UiFixture f;
    REQUIRE(f.runtime.staff.assignCard(&services::systemActor(services::SystemActor::CommandLine), f.accountId("Julien Girard"), std::string("04A1B2C3")).ok());
    hardware::SimulatedReader reader(f.runtime.readers);
    reader.presentCard("04A1B2C3");
    f.kiosk.frames(2);
    CHECK(f.kiosk.state().screen == screens::kStaffSignInScreen);
    CHECK(f.kiosk.shows("Julien Girard"));
    CHECK(f.kiosk.find("pad.ok"));
    CHECK_FALSE(f.kiosk.state().staff);  // the card alone signs no one in

    // An unknown card is ignored by staff mode.
    f.advanceSeconds(f.runtime.config.idleTimeoutSeconds + 1);
    reader.presentCard("DEADBEEF");
    f.kiosk.frames(2);
    CHECK(f.kiosk.state().screen == app::kHomeScreen);
}

TEST_CASE("an admin adds an account on the kiosk, typing on the on-screen keyboards", "[ui][staff][keyboard]") {
    UiFixture f;
    f.signIn("Technicien Asso", "739182");
    f.tap("staff.home.accounts");
    f.tap("staff.accounts.add");
    // Names start with a capital: shift is on, É comes from é.
    for (const char* key : {"kbd.é", "kbd.l", "kbd.o", "kbd.d", "kbd.i", "kbd.e", "kbd.space", "kbd.shift", "kbd.c",
                            "kbd.œ", "kbd.u", "kbd.r"})
        f.tap(key);
    CHECK(f.kiosk.shows("Élodie Cœur"));
    f.tap("staff.accounts.role.medical_assistant");
    f.tap("kbd.done");  // on to the PIN, on the numeric keypad
    for (const char* key : {"pad.4", "pad.8", "pad.2", "pad.6"}) f.tap(key);
    f.tap("pad.ok");
    CHECK(f.kiosk.shows("Compte de Élodie Cœur créé."));
    CHECK(f.runtime.staff.signInWithPin(f.accountId("Élodie Cœur"), "4826").outcome == services::LoginOutcome::SignedIn);
}

TEST_CASE("a too simple PIN is refused on screen and nothing is created", "[ui][staff][bad-input]") {
    UiFixture f;
    f.signIn("Technicien Asso", "739182");
    f.tap("staff.home.accounts");
    f.tap("staff.accounts.add");
    for (const char* key : {"kbd.é", "kbd.v", "kbd.e"}) f.tap(key);
    f.tap("staff.accounts.pin");
    for (const char* key : {"pad.1", "pad.2", "pad.3", "pad.4"}) f.tap(key);
    f.tap("pad.ok");
    CHECK(f.kiosk.shows("trop facile à deviner"));
    CHECK(f.runtime.staff.accounts().size() == 3);
}

TEST_CASE("staff without the admin role see no account management", "[ui][staff]") {
    UiFixture f;
    f.signIn("Julien Girard", "1357");
    CHECK(f.kiosk.state().staff);
    CHECK_FALSE(f.kiosk.find("staff.home.accounts"));
    CHECK_FALSE(f.kiosk.find("staff.home.audit"));
}

TEST_CASE("the idle timeout signs staff out and forgets a half-filled form", "[ui][staff][idle]") {
    UiFixture f;
    f.signIn("Technicien Asso", "739182");
    f.tap("staff.home.accounts");
    f.tap("staff.accounts.add");
    for (const char* key : {"kbd.m", "kbd.a", "kbd.r"}) f.tap(key);
    REQUIRE(f.kiosk.find("staff.accounts.name"));
    REQUIRE(f.kiosk.find("staff.accounts.name")->text == "Mar");

    f.advanceSeconds(f.runtime.config.areas.get<services::StaffSettings>().idleTimeoutSeconds + 1);
    CHECK(f.kiosk.state().screen == app::kHomeScreen);
    CHECK_FALSE(f.kiosk.state().staff);
    const auto last = f.runtime.staff.recentAudit(1).front();
    CHECK(last.action == "staff.sign_out");
    CHECK(services::auditSentence(last) == "Fermeture de l’espace personnel (personne n’a touché l’écran)");

    // Back in staff mode, the form starts empty.
    f.signIn("Technicien Asso", "739182");
    f.tap("staff.home.accounts");
    f.tap("staff.accounts.add");
    REQUIRE(f.kiosk.find("staff.accounts.name"));
    CHECK(f.kiosk.find("staff.accounts.name")->text.empty());
}

TEST_CASE("the admin reads the activity log on the kiosk", "[ui][staff][audit]") {
    UiFixture f;
    f.signIn("Claire Moreau", "9999");
    f.advanceSeconds(f.runtime.config.idleTimeoutSeconds + 1);
    f.signIn("Technicien Asso", "739182");
    // The admin's tools are more than the screen holds: the activity log is reached by dragging the list up.
    f.kiosk.drag(640, 600, 640, 300, 8);
    f.kiosk.frame();
    f.tap("staff.home.audit");
    CHECK(f.kiosk.state().screen == screens::kStaffAuditScreen);
    // Sentences in the admin's language, with names: never a record id, never the code's English.
    CHECK(f.kiosk.shows("Code incorrect tapé"));
    CHECK(f.kiosk.shows("Ouverture de l’espace personnel"));
    for (const auto& item : f.kiosk.drawn()) {
        INFO(item.text);
        CHECK(item.text.find("wrong PIN") == std::string::npos);
        CHECK_FALSE(std::regex_search(item.text, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-")));
        CHECK(item.max.x <= f.kiosk.width() + 0.5f);  // each sentence wraps inside its column
    }
}

TEST_CASE("the device panel prints a test receipt and shows it, an admin can simulate a card", "[ui][devices]") {
    UiFixture f;
    f.signIn("Technicien Asso", "739182");
    f.tap("staff.home.devices");
    CHECK(f.kiosk.state().screen == screens::kDevicePanelScreen);
    CHECK(f.kiosk.shows("Aucune imprimante configurée"));
    f.tap("devices.print_test");
    CHECK(f.kiosk.shows("Ticket d’essai envoyé."));
    REQUIRE(f.kiosk.find("devices.preview"));
    CHECK(f.kiosk.find("devices.preview")->max.y - f.kiosk.find("devices.preview")->min.y > 100.0f);
    REQUIRE(f.runtime.previewPrinter);
    CHECK(f.runtime.previewPrinter->lastReceipts().back().kind == "test");
    // The panel shows what a reader read last: the way a technician checks a reader, and the simulated one.
    f.tap("devices.simulate_card");
    CHECK(f.kiosk.shows("Dernière carte lue : 04A1B2C3D4E5F6"));
    f.tap("devices.simulate_barcode");
    CHECK(f.kiosk.shows("Dernier code-barres lu : 3760123456789"));
    CHECK(f.kiosk.state().screen == screens::kDevicePanelScreen);
}

TEST_CASE("the café manager sees the devices but not the health centre's tools", "[ui][devices]") {
    UiFixture f;
    f.signIn("Julien Girard", "1357");
    CHECK(f.kiosk.find("staff.home.devices"));
    CHECK_FALSE(f.kiosk.find("staff.home.waiting_room"));
    f.tap("staff.home.devices");
    CHECK_FALSE(f.kiosk.find("devices.simulate_card"));
}

TEST_CASE("a kiosk with no staff account asks for the first admin, on screen, and only then", "[ui][staff][security]") {
    UiFixture f(1280, 800, {}, false);
    REQUIRE(f.runtime.staff.accounts().empty());
    f.tap("home.staff_entry");
    CHECK(f.kiosk.shows("le premier compte administrateur"));
    for (const char* key : {"kbd.a", "kbd.n", "kbd.n", "kbd.e"}) f.tap(key);
    f.tap("kbd.done");
    // Four digits are not enough for an admin: OK stays off until the sixth.
    for (const char* key : {"pad.4", "pad.8", "pad.2", "pad.6"}) f.tap(key);
    REQUIRE(f.kiosk.find("pad.ok"));
    f.tap("pad.ok");
    CHECK(f.kiosk.shows("au moins 6 chiffres"));
    for (const char* key : {"pad.1", "pad.9"}) f.tap(key);
    f.tap("pad.ok");
    // A different second PIN starts the PIN again.
    for (const char* key : {"pad.4", "pad.8", "pad.2", "pad.6", "pad.1", "pad.0"}) f.tap(key);
    f.tap("pad.ok");
    CHECK(f.kiosk.shows("ne sont pas les mêmes"));
    CHECK(f.runtime.staff.accounts().empty());
    for (const char* key : {"pad.4", "pad.8", "pad.2", "pad.6", "pad.1", "pad.9"}) f.tap(key);
    f.tap("pad.ok");
    for (const char* key : {"pad.4", "pad.8", "pad.2", "pad.6", "pad.1", "pad.9"}) f.tap(key);
    f.tap("pad.ok");
    CHECK(f.kiosk.shows("Compte de Anne créé."));
    const auto accounts = f.runtime.staff.accounts();
    REQUIRE(accounts.size() == 1);
    CHECK(accounts[0].role == services::StaffRole::Admin);
    // Once an account exists, nobody else can make themselves the first admin.
    CHECK(f.runtime.staff.createFirstAdmin("Intrus", "135792").error == services::AccountError::NotAllowed);
    f.tap("staff.sign_in.account." + accounts[0].id);
    for (const char* key : {"pad.4", "pad.8", "pad.2", "pad.6", "pad.1", "pad.9"}) f.tap(key);
    f.tap("pad.ok");
    CHECK(f.kiosk.state().staff);
}

TEST_CASE("an admin sees a locked account and lifts the lock, audited", "[ui][staff][lockout]") {
    UiFixture f;
    f.tap("home.staff_entry");
    f.tap("staff.sign_in.account." + f.accountId("Claire Moreau"));
    for (int attempt = 0; attempt < 5; ++attempt) {
        for (const char* key : {"pad.1", "pad.1", "pad.1", "pad.1"}) f.tap(key);
        f.tap("pad.ok");
    }
    f.tap("staff.sign_in.other_person");
    f.tap("common.back");
    f.signIn("Technicien Asso", "739182");
    // The lock's notice comes first on the staff home; once read, the tools are all in view.
    CHECK(f.kiosk.shows("est bloqué jusqu’au"));
    for (const auto& item : f.kiosk.drawn())
        if (item.id.starts_with("staff.notice.ack.")) {
            f.tap(item.id);
            break;
        }
    f.tap("staff.home.accounts");
    const std::string id = f.accountId("Claire Moreau");
    CHECK(f.kiosk.shows("Bloqué après des codes faux, jusqu’à " + i18n::spokenClockTime(f.clock.nowMs() + 5 * 60 * 1000)));
    f.tap("staff.accounts.unlock." + id);
    CHECK(f.kiosk.shows("Le compte de Claire Moreau est débloqué."));
    CHECK_FALSE(f.kiosk.find("staff.accounts.unlock." + id));
    CHECK(f.runtime.database.sql().execAndGet("SELECT count(*) FROM audit_log WHERE action = 'staff.account.unlock'").getInt() == 1);
    f.tap("common.back");
    f.tap("staff.home.sign_out");
    f.signIn("Claire Moreau", "2580");
    CHECK(f.kiosk.state().staff);
}
