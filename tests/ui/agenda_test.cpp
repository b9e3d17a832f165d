// The café's agenda, tapped through headless on the demo village (Saturday 21 November 2026): a resident finds the
// digital workshop in two taps and signs up by name and code, and the ticket prints; a card signs up for the full
// cooking workshop and goes on its waiting list; the café manager signs up someone without a card at the counter,
// creates an event and gives a place back, which moves the waiting list up. Pictures go to VK_SCREENSHOT_DIR.

#include "hardware/escpos/printer_profiles.h"
#include "hardware/reader_events.h"
#include "hardware/receipt_preview.h"
#include "kiosk/screens/agenda/agenda_screens.h"
#include "kiosk/services/agenda/agenda_area.h"
#include "kiosk/services/health/local_days.h"
#include "ui_fixture.h"

#include <cctype>
#include <cstdlib>
#include <filesystem>

using namespace vk;
using vk::test::UiFixture;

namespace {

services::agenda::AgendaServices& agendaArea(UiFixture& f) {
    return f.runtime.area<services::agenda::AgendaServices>();
}

void typeText(UiFixture& f, const std::string& text) {
    for (const char c : text) {
        if (c == ' ') f.tap("kbd.space");
        else f.tap(std::string("kbd.") + static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
}

void typeDigits(UiFixture& f, const std::string& digits) {
    for (const char digit : digits) f.tap(std::string("pad.") + digit);
}

void checkFits(UiFixture& f, const char* step) {
    f.kiosk.frames(2);
    for (const auto& item : f.kiosk.drawn()) {
        INFO(step << " at " << f.kiosk.width() << "x" << f.kiosk.height() << ": " << item.id << " « " << item.text << " »");
        CHECK_FALSE(item.overflows);
        CHECK(item.max.y <= static_cast<float>(f.kiosk.height()) + 0.5f);
        CHECK(item.max.x <= static_cast<float>(f.kiosk.width()) + 0.5f);
    }
}

void capture(UiFixture& f, const char* name) {
    checkFits(f, name);
    if (const char* dir = std::getenv("VK_SCREENSHOT_DIR"))
        CHECK(f.kiosk.savePng(std::filesystem::path(dir) / (std::string(name) + ".png")));
}

// The index of the event of that title in the week shown.
std::string eventButton(UiFixture& f, const std::string& title) {
    for (const auto& item : f.kiosk.drawn())
        if (item.id.rfind("agenda.event.", 0) == 0 && item.text.rfind(title, 0) == 0) return item.id;
    FAIL("no event « " << title << " » in the week shown");
    return {};
}

std::optional<services::agenda::AgendaEvent> eventTitled(UiFixture& f, const std::string& title) {
    auto& book = agendaArea(f).agenda;
    const std::string monday = book.firstWeekShown();
    for (const auto& e : book.between(monday, services::health::addDays(monday, 13)))
        if (e.details.title == title) return e;
    return std::nullopt;
}

const std::string kDigital = "Atelier numérique : le smartphone sans peur";
const std::string kCooking = "Atelier cuisine : soupes d’hiver";

}  // namespace

TEST_CASE("a resident finds an event in two taps, signs up by name and code, and the ticket prints, and a double tap signs up once",
          "[ui][agenda][screenshots]") {
    UiFixture f(1024, 600);
    f.tap("home.tile.agenda");
    REQUIRE(f.kiosk.state().screen == screens::kAgendaWeekScreen);
    CHECK(f.kiosk.shows("Semaine du lundi 23 novembre"));
    CHECK(f.kiosk.shows("6 places libres"));
    CHECK(f.kiosk.shows("Complet : liste d’attente (2 en attente)"));
    // Nothing personal on the public page: counts, never who signed up.
    for (const char* name : {"Odette Renaud", "Marcel Roux", "Lucienne Fabre"}) CHECK_FALSE(f.kiosk.shows(name));
    capture(f, "agenda-week");
    f.tap(eventButton(f, kDigital));
    CHECK(f.kiosk.shows("Lieu : Café associatif, salle du fond"));
    CHECK(f.kiosk.shows("Gratuit"));
    capture(f, "agenda-event");

    f.tap("agenda.sign_up");
    checkFits(f, "who");
    typeText(f, "Paul Martin");
    f.tap("kbd.done");
    typeDigits(f, "8642");
    f.tap("pad.ok");
    REQUIRE(f.kiosk.shows("Vérifiez avant de confirmer"));
    CHECK(f.kiosk.shows("Inscrire Paul Martin à « " + kDigital + " »"));
    capture(f, "agenda-sign-up");
    const std::size_t printedBefore = f.runtime.previewPrinter->lastReceipts().size();
    const ui::DrawnItem* confirm = f.kiosk.find("agenda.confirm");
    REQUIRE(confirm);
    const ImVec2 tapAt = confirm->center();
    f.kiosk.tapAt(tapAt.x, tapAt.y);
    f.kiosk.tapAt(tapAt.x, tapAt.y);  // the finger again, where the button was
    f.kiosk.frames(2);
    CHECK(f.kiosk.shows("C’est noté, vous êtes inscrit !"));
    CHECK(f.kiosk.shows("Votre ticket s’imprime"));
    capture(f, "agenda-done");
    const auto receipts = f.runtime.previewPrinter->lastReceipts();
    REQUIRE(receipts.size() == printedBefore + 1);
    CHECK(receipts.back().kind == "agenda_ticket");
    if (const char* dir = std::getenv("VK_SCREENSHOT_DIR"))
        CHECK(hardware::writePreviewPng(receipts.back(), *hardware::escpos::findPrinterProfile("generic-80"),
                                        std::filesystem::path(dir) / "agenda-ticket.png"));
    const auto digital = eventTitled(f, kDigital);
    REQUIRE(digital);
    CHECK(digital->registered == 3);
    f.tap("agenda.finish");
    CHECK(f.kiosk.state().screen == app::kHomeScreen);
}

TEST_CASE("a card signs up for a full workshop: the waiting list, then a place when someone cancels at the counter",
          "[ui][agenda][waiting-list]") {
    UiFixture f(1280, 800);
    f.tap("home.tile.agenda");
    f.tap(eventButton(f, kCooking));
    CHECK(f.kiosk.shows("Complet"));
    f.tap("agenda.sign_up");
    hardware::SimulatedReader(f.runtime.readers).presentCard("04E5F6A7B8");  // Marcel Roux
    f.kiosk.frames(3);
    REQUIRE(f.kiosk.shows("Vérifiez avant de confirmer"));
    CHECK(f.kiosk.shows("liste d’attente"));
    f.tap("agenda.confirm");
    CHECK(f.kiosk.shows("Vous êtes sur la liste d’attente"));
    CHECK(f.kiosk.shows("n° 3"));
    f.tap("agenda.finish");

    f.signIn("Julien Girard", "1357");
    f.tap("staff.home.agenda");
    REQUIRE(f.kiosk.state().screen == screens::kAgendaEventsScreen);
    capture(f, "agenda-staff-events");
    const auto cooking = eventTitled(f, kCooking);
    REQUIRE(cooking);
    std::string row;
    for (const auto& item : f.kiosk.drawn())
        if (item.id.rfind("agenda.staff.event.", 0) == 0 && item.text.rfind(kCooking, 0) == 0) row = item.id;
    REQUIRE_FALSE(row.empty());
    f.tap(row);
    CHECK(f.kiosk.shows("Lucienne Fabre"));
    capture(f, "agenda-staff-sign-ups");
    const auto marcel = agendaArea(f).agenda.signUpsOf(&*f.kiosk.state().staff, cooking->id).back();
    CHECK(marcel.name == "Marcel Roux");
    CHECK(marcel.state == services::agenda::SignUpState::Waiting);
    f.tap("agenda.staff.cancel_sign_up.0");  // Lucienne Fabre, the first to sign up
    f.kiosk.frames(2);
    CHECK(f.kiosk.shows("prend la place"));
    const auto after = agendaArea(f).agenda.event(cooking->id);
    CHECK(after->registered == 3);
    CHECK(after->waiting == 2);
}

TEST_CASE("at the counter the manager signs up someone without a card by name and phone", "[ui][agenda][counter]") {
    UiFixture f(1024, 600);
    f.signIn("Julien Girard", "1357");
    f.tap("staff.home.agenda");
    f.tap("agenda.staff.counter");
    REQUIRE(f.kiosk.state().screen == screens::kAgendaWeekScreen);
    f.tap(eventButton(f, "Quiz musical"));
    f.tap("agenda.sign_up");
    f.tap("agenda.someone_else");
    typeText(f, "Gerard Blanc");
    f.tap("kbd.done");
    checkFits(f, "phone");
    typeDigits(f, "0611223344");
    f.tap("pad.ok");
    checkFits(f, "counter confirm");
    CHECK(f.kiosk.shows("Inscrire Gerard blanc à « Quiz musical »"));  // the keyboard capitalises the first letter only
    CHECK(f.kiosk.shows("Participation : 3,00 €"));
    f.tap("agenda.confirm");
    CHECK(f.kiosk.shows("Un rappel vous sera envoyé la veille."));
    const auto quiz = eventTitled(f, "Quiz musical");
    REQUIRE(quiz);
    const auto signUps = agendaArea(f).agenda.signUpsOf(&*f.kiosk.state().staff, quiz->id);
    REQUIRE(signUps.size() == 1);
    CHECK(signUps.front().phone == "0611223344");
    CHECK(signUps.front().source == services::agenda::SignUpSource::Counter);
}

TEST_CASE("the manager creates an event with the keyboard and the steps, and it shows in the week", "[ui][agenda][staff]") {
    UiFixture f(1024, 600);
    f.signIn("Julien Girard", "1357");
    f.tap("staff.home.agenda");
    f.tap("agenda.staff.new");
    f.tap("agenda.staff.title");
    typeText(f, "Belote");
    f.tap("kbd.done");
    f.tap("agenda.staff.capacity_plus");
    f.tap("agenda.staff.price_plus");
    capture(f, "agenda-staff-edit");
    f.tap("agenda.staff.save");
    f.kiosk.frames(2);
    CHECK(f.kiosk.shows("Événement enregistré."));
    CHECK(f.kiosk.shows("Participation : 0,50 €"));
    const std::string today = services::health::localDay(f.clock.nowMs());
    bool found = false;
    for (const auto& e : agendaArea(f).agenda.between(today, services::health::addDays(today, 14)))
        found |= e.details.title == "Belote" && e.details.capacity == 13 && e.details.priceCents == 50;
    CHECK(found);
}
