// Pictures of the screens, written when VK_SCREENSHOT_DIR is set (the `screenshots` target sets it to
// docs/screenshots). Without it the same screens are drawn and checked, and nothing is written.

#include "hardware/reader_events.h"
#include "kiosk/services/health/health_area.h"
#include "kiosk/services/health/local_days.h"
#include "ui_fixture.h"

#include <cstdlib>
#include <filesystem>
#include <set>

using namespace vk;
using vk::test::UiFixture;

namespace {

void capture(app::HeadlessKiosk& kiosk, const char* name) {
    kiosk.frames(2);
    // A drawn screen has text and shapes: many colours, not a blank page.
    std::set<std::uint32_t> colours;
    for (int y = 0; y < kiosk.height(); y += 7)
        for (int x = 0; x < kiosk.width(); x += 7) colours.insert(kiosk.pixel(x, y));
    INFO(name);
    CHECK(colours.size() > 8);
    const char* dir = std::getenv("VK_SCREENSHOT_DIR");
    if (!dir) return;
    CHECK(kiosk.savePng(std::filesystem::path(dir) / (std::string(name) + ".png")));
}

}  // namespace

TEST_CASE("screenshots of the home screen, the keyboard and the staff PIN pad", "[screenshots]") {
    {
        UiFixture f;
        capture(f.kiosk, "home");
        f.tap("home.tile.info");
        capture(f.kiosk, "village-info");
        f.tap("common.back");
    }
    {
        UiFixture f;
        f.tap("home.staff_entry");
        capture(f.kiosk, "staff-sign-in");
        f.tap("staff.sign_in.account." + f.accountId("Claire Moreau"));
        f.tap("pad.2");
        f.tap("pad.5");
        capture(f.kiosk, "staff-pin-pad");
    }
    {
        // Five wrong PINs: the pad gives way to the lock and when it ends.
        UiFixture f;
        f.tap("home.staff_entry");
        f.tap("staff.sign_in.account." + f.accountId("Julien Girard"));
        for (int attempt = 0; attempt < 5; ++attempt) {
            for (const char* key : {"pad.9", "pad.9", "pad.9", "pad.9", "pad.ok"}) f.tap(key);
            f.kiosk.frames(5);
        }
        CHECK_FALSE(f.kiosk.find("pad.1"));
        capture(f.kiosk, "staff-pin-locked");
    }
    {
        UiFixture f;
        f.signIn("Technicien Asso", "739182");
        capture(f.kiosk, "staff-home");
        f.tap("staff.home.accounts");
        capture(f.kiosk, "staff-accounts");
        f.tap("common.back");
        f.kiosk.drag(640, 600, 640, 300, 8);
        f.kiosk.frame();
        f.tap("staff.home.audit");
        capture(f.kiosk, "staff-audit");
        f.tap("common.back");
        f.tap("staff.home.accounts");
        f.tap("staff.accounts.add");
        for (const char* key : {"kbd.é", "kbd.l", "kbd.o", "kbd.d", "kbd.i", "kbd.e", "kbd.space", "kbd.shift", "kbd.c",
                                "kbd.œ", "kbd.u", "kbd.r"})
            f.tap(key);
        capture(f.kiosk, "keyboard");
    }
    {
        UiFixture f;
        f.tap("home.tile.health");
        capture(f.kiosk, "health");
        f.tap("health.check_in");
        capture(f.kiosk, "check-in");
        f.tap("check_in.by_birth_date");
        for (const char* key : {"pad.1", "pad.4", "pad.0", "pad.3", "pad.1", "pad.9"}) f.tap(key);
        capture(f.kiosk, "check-in-birth-date");
        for (const char* key : {"pad.5", "pad.0", "pad.ok", "letters.M", "letters.O", "letters.ok"}) f.tap(key);
        capture(f.kiosk, "check-in-ticket");
        f.tap("check_in.finish");
        f.signIn("Claire Moreau", "2580");
        f.tap("staff.home.waiting_room");
        capture(f.kiosk, "waiting-room");
        f.tap("waiting.add_appointment");
        for (const char* key : {"kbd.b", "kbd.l", "kbd.a", "kbd.n", "kbd.c", "kbd.done", "kbd.r", "kbd.o", "kbd.s", "kbd.e",
                                "kbd.done", "pad.0", "pad.2"})
            f.tap(key);
        capture(f.kiosk, "add-appointment");
        f.tap("waiting.new.cancel");
        f.tap("waiting.call_next");
        f.tap("waiting.delay.30");
        f.tap("waiting.calling_screen");
        capture(f.kiosk, "calling-screen");
        f.tap("common.back");  // the calling screen ended the staff session
        f.tap("home.tile.health");
        CHECK(f.kiosk.shows("Le médecin a environ 30 min de retard. Merci de votre patience."));
        capture(f.kiosk, "health-delay");
        f.tap("common.back");
        f.signIn("Claire Moreau", "2580");
        f.tap("staff.home.rota");
        capture(f.kiosk, "staff-rota");
        f.tap("common.back");
        f.tap("staff.home.sign_out");
        f.signIn("Technicien Asso", "739182");
        f.tap("staff.home.devices");
        f.tap("devices.print_test");
        capture(f.kiosk, "device-panel");
        f.tap("common.back");
        f.tap("staff.home.messages");
        capture(f.kiosk, "messages");
    }
    {
        // Check-in that forgives: a slip named as it is typed, the letters pad, what was typed read back, the
        // assistant told, and the question before the idle return.
        UiFixture f(1024, 600);
        f.tap("home.tile.health");
        f.tap("health.check_in");
        f.tap("check_in.by_birth_date");
        for (const char* key : {"pad.1", "pad.4", "pad.1", "pad.3"}) f.tap(key);
        capture(f.kiosk, "check-in-birth-date-slip");
        for (const char* key : {"pad.backspace", "pad.backspace", "pad.0", "pad.3", "pad.1", "pad.9", "pad.5", "pad.0", "pad.ok", "letters.M"}) f.tap(key);
        capture(f.kiosk, "check-in-letters");
        for (const char* key : {"letters.A", "letters.ok"}) f.tap(key);
        capture(f.kiosk, "check-in-not-found");
        f.tap("check_in.ask_assistant");
        capture(f.kiosk, "check-in-assistant-told");
        f.advanceSeconds(f.runtime.config.idleTimeoutSeconds - 12);
        capture(f.kiosk, "more-time-question");
        f.tap("shell.more_time.no");
        f.signIn("Claire Moreau", "2580");
        f.tap("staff.home.waiting_room");
        capture(f.kiosk, "waiting-room-help");
        for (const auto& item : f.kiosk.drawn())
            if (item.id.starts_with("waiting.no_show.")) {
                f.tap(item.id);
                break;
            }
        CHECK(f.kiosk.shows("Oui, absent"));
        for (const auto& item : f.kiosk.drawn()) {
            INFO(item.id << " " << item.text);
            CHECK_FALSE(item.overflows);
        }
        capture(f.kiosk, "waiting-room-confirm-no-show");
    }
    {
        // The assistant's desk: the day's appointments, one being corrected, one cancelled with whom to call.
        UiFixture f;
        f.signIn("Claire Moreau", "2580");
        auto& health = f.runtime.area<services::health::HealthServices>();
        const services::StaffSession assistant = *f.kiosk.state().staff;
        health.waitingList.add(&assistant, {"Garnier", "Louise", "06 48 21 77 30", "", "les matins"});
        health.waitingList.add(&assistant, {"Perrin", "Marc", "07 61 05 93 12", "", "après 16 h"});
        f.tap("staff.home.appointments");
        f.tap("desk.waiting_list");
        capture(f.kiosk, "staff-waiting-list");
        f.tap("waiting_list.appointments");
        capture(f.kiosk, "staff-appointments");
        std::string later;
        for (const auto& a : health.appointments.day(services::health::localDay(f.clock.nowMs())))
            if (later.empty() && a.status == storage::AppointmentStatus::Booked && a.startsAt > f.clock.nowMs() + 1'800'000)
                later = a.id;
        REQUIRE_FALSE(later.empty());
        f.tap("desk.edit." + later);
        capture(f.kiosk, "staff-appointment-edit");
        f.tap("desk.edit_cancel");
        f.tap("desk.cancel." + later);
        f.tap("desk.cancel_confirm." + later);
        CHECK(f.kiosk.shows("Créneau libre"));
        capture(f.kiosk, "staff-appointment-freed-slot");
    }
    {
        UiFixture f(1024, 600);
        capture(f.kiosk, "home-1024x600");
    }
    {
        services::KioskConfig config;
        i18n::setLanguage("fr");
        app::HeadlessKiosk kiosk(nullptr, config, 1280, 800);
        kiosk.state().outOfOrder =
            "the database « /var/lib/village-kiosk/village-kiosk.db » is damaged or is not a village-kiosk database";
        capture(kiosk, "out-of-order");
    }
    {
        // A new installation (docs/install.md, "First start"): its home with nothing of a demo village, no staff
        // account yet, the first admin asked for, then signed in.
        UiFixture f(1280, 800, {}, false);
        capture(f.kiosk, "first-start-home");
        f.tap("home.staff_entry");
        for (const char* key : {"kbd.a", "kbd.n", "kbd.n", "kbd.e"}) f.tap(key);
        capture(f.kiosk, "first-admin");
        f.tap("kbd.done");
        for (const char* key : {"pad.4", "pad.8", "pad.2", "pad.6", "pad.1", "pad.9"}) f.tap(key);
        capture(f.kiosk, "first-admin-pin");
        f.tap("pad.ok");
        for (const char* key : {"pad.4", "pad.8", "pad.2", "pad.6", "pad.1", "pad.9"}) f.tap(key);
        f.tap("pad.ok");
        REQUIRE(f.runtime.staff.accounts().size() == 1);
        capture(f.kiosk, "first-admin-created");
        f.tap("staff.sign_in.account." + f.runtime.staff.accounts()[0].id);
        for (const char* key : {"pad.4", "pad.8", "pad.2", "pad.6", "pad.1", "pad.9"}) f.tap(key);
        f.tap("pad.ok");
        CHECK(f.kiosk.state().staff);
        capture(f.kiosk, "first-start-staff-home");
    }
    {
        // A failure while the kiosk works (here a database that refuses writes): « Réessayer ».
        UiFixture f;
        f.kiosk.state().fault = "attempt to write a readonly database";
        f.kiosk.state().faultAtMs = f.clock.nowMs();
        f.kiosk.frames(2);
        capture(f.kiosk, "fault-retry");
    }
}

TEST_CASE("screenshots of the relay point: pickup by code, intake, shelf, counter, returns, drop-off",
          "[screenshots][parcels]") {
    UiFixture f;
    f.tap("home.tile.parcels");
    for (const char c : std::string("K7M4")) f.tap(std::string("parcels.key.") + c);
    capture(f.kiosk, "parcels-pickup");
    f.tap("parcels.key.P");
    f.tap("parcels.key.Q");
    f.tap("parcels.key.ok");
    capture(f.kiosk, "parcels-pickup-counter");
    f.tap("parcels.pickup.finish");
    f.signIn("Julien Girard", "1357");
    f.tap("staff.home.parcels");
    hardware::SimulatedReader(f.runtime.readers).scanBarcode("6A99999999999");
    f.kiosk.frames(2);
    for (const char* key : {"kbd.r", "kbd.o", "kbd.s", "kbd.e", "kbd.space", "kbd.shift", "kbd.m", "kbd.a", "kbd.r",
                            "kbd.t", "kbd.i", "kbd.n"})
        f.tap(key);
    capture(f.kiosk, "parcels-intake");
    // Not pictured once saved: the pickup code is random, and the picture would change at every run.
    f.tap("parcels.intake.save");
    f.tap("parcels.tab.shelf");
    capture(f.kiosk, "parcels-shelf");
    f.tap("parcels.tab.counter");
    f.tap("parcels.counter.request.K7M4PQ");
    f.tap("parcels.counter.id_checked");
    capture(f.kiosk, "parcels-counter");
    f.tap("parcels.tab.returns");
    capture(f.kiosk, "parcels-returns");
    f.tap("parcels.tab.outgoing");
    capture(f.kiosk, "parcels-outgoing");
}

TEST_CASE("screenshots of the postal counter: a sale in progress and the closing report", "[screenshots][postal]") {
    UiFixture f;
    f.signIn("Julien Girard", "1357");
    f.tap("staff.home.postal_sale");
    for (const char* tap : {"postal.item.lettre_verte", "postal.item.lettre_verte", "postal.item.lettre_internationale",
                            "postal.card"})
        f.tap(tap);
    capture(f.kiosk, "postal-sale");
    f.tap("postal.item.recommande_ar");
    for (const char* key : {"kbd.1", "kbd.letters", "kbd.a", "kbd.symbols", "kbd.2", "kbd.3"}) f.tap(key);
    capture(f.kiosk, "postal-registered-letter");
    f.tap("postal.letter.cancel");
    f.tap("postal.open_closing");
    capture(f.kiosk, "postal-closing");
    f.tap("postal.close");
    capture(f.kiosk, "postal-closing-confirm");
}

TEST_CASE("screenshots in large text at 1024×600", "[screenshots][large-text]") {
    UiFixture f(1024, 600);
    f.tap("home.large_text");
    capture(f.kiosk, "large-text-home");
    f.tap("home.tile.health");
    capture(f.kiosk, "large-text-health");
    f.tap("health.check_in");
    capture(f.kiosk, "large-text-check-in");
    f.tap("check_in.by_code");
    capture(f.kiosk, "large-text-check-in-code");
    f.kiosk.ui().returnHome("finished");
    f.kiosk.frames(2);
    f.tap("home.tile.parcels");
    capture(f.kiosk, "large-text-parcels-pickup");
    f.tap("common.back");
    f.tap("home.tile.board");
    capture(f.kiosk, "large-text-board");
}
