#include "hardware/reader_events.h"
#include "kiosk/screens/health/health_screens.h"
#include "kiosk/services/demo_data.h"
#include "kiosk/services/health/health_area.h"
#include "kiosk/services/staff/staff_settings.h"
#include "kiosk/services/health/local_days.h"
#include "ui_fixture.h"

using namespace vk;
using vk::test::UiFixture;

namespace {

services::health::HealthServices& health(UiFixture& f) { return f.runtime.area<services::health::HealthServices>(); }

void typeDigits(UiFixture& f, const std::string& digits) {
    for (const char digit : digits) f.tap(std::string("pad.") + digit);
}

void checkInByBirthDate(UiFixture& f, const std::string& ddmmyyyy, const std::string& letters) {
    f.tap("home.tile.health");
    f.tap("health.check_in");
    f.tap("check_in.by_birth_date");
    typeDigits(f, ddmmyyyy);
    f.tap("pad.ok");
    for (const char letter : letters) f.tap(std::string("letters.") + static_cast<char>(std::toupper(letter)));
    f.tap("letters.ok");
}

}  // namespace

TEST_CASE("the health screen shows this week's doctor, the hours and the coming weeks", "[ui][health]") {
    UiFixture f;
    f.tap("home.tile.health");
    CHECK(f.kiosk.state().screen == screens::kHealthScreen);
    // Saturday: "this week" is the coming one, with the first demo doctor.
    CHECK(f.kiosk.shows("Dr Marie Lefort"));
    CHECK(f.kiosk.shows("9 h – 12 h"));
    CHECK(f.kiosk.shows("Pas de consultation aujourd’hui"));
    CHECK(f.kiosk.shows("Dr Karim Benali"));
    CHECK(f.kiosk.shows("1 jour de fermeture"));
}

TEST_CASE("a resident checks in with birth date and two letters, and gets a ticket", "[ui][health][check-in]") {
    UiFixture f;
    checkInByBirthDate(f, "14031950", "MO");
    CHECK(f.kiosk.shows("C’est noté : votre arrivée est enregistrée."));
    CHECK(f.kiosk.shows("M-001"));
    CHECK(f.kiosk.shows("J. M."));
    // The ticket went to the printer, with the number and no name.
    REQUIRE(f.runtime.previewPrinter);
    auto& printer = *f.runtime.previewPrinter;
    const auto receipts = printer.lastReceipts();
    REQUIRE(receipts.size() == 1);
    bool hasNumber = false;
    for (const auto& line : receipts[0].lines) {
        hasNumber |= line.text == "M-001";
        CHECK(line.text.find("Moulin") == std::string::npos);
        CHECK(line.text.find("Jeanne") == std::string::npos);
    }
    CHECK(hasNumber);
    CHECK_FALSE(receipts[0].duplicate);
    // A second check-in gives the same number back and prints it again, marked as a copy, as the screen says.
    f.tap("check_in.finish");
    checkInByBirthDate(f, "14031950", "MOU");
    CHECK(f.kiosk.shows("Votre arrivée était déjà enregistrée."));
    CHECK(f.kiosk.shows("M-001"));
    CHECK(f.kiosk.shows("Une copie de votre ticket s’imprime."));
    REQUIRE(printer.lastReceipts().size() == 2);
    CHECK(printer.lastReceipts().back().duplicate);
}

int openHelpNotices(UiFixture& f) {
    return f.runtime.database.sql()
        .execAndGet("SELECT count(*) FROM staff_notice WHERE area = 'health.help' AND acknowledged_at IS NULL")
        .getInt();
}

TEST_CASE("a birth date that matches nobody is read back, and the assistant can be told", "[ui][health][check-in]") {
    UiFixture f;
    checkInByBirthDate(f, "01011931", "XY");
    CHECK(f.kiosk.shows("Nous ne trouvons pas votre rendez-vous d’aujourd’hui."));
    // What was typed, as people say it, so that a slip is seen.
    CHECK(f.kiosk.shows("Vous avez tapé : 1er janvier 1931, XY"));
    f.tap("check_in.retry");
    CHECK(f.kiosk.find("pad.ok"));  // back to the birth date, not to the start
    f.tap("common.back");
    f.tap("check_in.see_assistant");
    CHECK(f.kiosk.shows("L’assistante est prévenue"));
    CHECK(openHelpNotices(f) == 1);
}

TEST_CASE("a resident's call for help shows in the waiting room until the assistant says she saw it", "[ui][health][check-in][waiting-room]") {
    UiFixture f;
    checkInByBirthDate(f, "01011931", "XY");
    f.tap("check_in.ask_assistant");
    CHECK(f.kiosk.shows("L’assistante est prévenue"));
    f.tap("check_in.finish");
    f.signIn("Claire Moreau", "2580");
    f.tap("staff.home.waiting_room");
    CHECK(f.kiosk.shows("rendez-vous introuvable"));
    std::string seen;
    for (const auto& item : f.kiosk.drawn())
        if (item.id.starts_with("waiting.help.seen.")) seen = item.id;
    REQUIRE_FALSE(seen.empty());
    f.tap(seen);
    CHECK_FALSE(f.kiosk.shows("rendez-vous introuvable"));
    CHECK(openHelpNotices(f) == 0);
}

TEST_CASE("a birth date is checked as it is typed, and OK says what is missing", "[ui][health][check-in][bad-input]") {
    UiFixture f;
    f.tap("home.tile.health");
    f.tap("health.check_in");
    f.tap("check_in.by_birth_date");
    f.tap("pad.ok");
    CHECK(f.kiosk.shows("Tapez d’abord votre date de naissance"));
    typeDigits(f, "3");
    typeDigits(f, "2");
    CHECK(f.kiosk.shows("Le jour va de 01 à 31."));
    f.tap("pad.backspace");
    typeDigits(f, "113");
    CHECK(f.kiosk.shows("Le mois va de 01 (janvier) à 12 (décembre)."));
    f.tap("pad.backspace");
    typeDigits(f, "2195");
    f.tap("pad.ok");
    CHECK(f.kiosk.shows("Il manque encore 1 chiffres"));
    typeDigits(f, "0");
    f.tap("pad.ok");
    // On to the letters, on a pad of letters only, with the count wanted.
    CHECK(f.kiosk.shows("Les 2 ou 3 premières lettres de votre nom de famille"));
    CHECK(f.kiosk.shows("_ _ _"));
    CHECK_FALSE(f.kiosk.find("kbd.space"));
    f.tap("letters.M");
    f.tap("letters.ok");
    CHECK(f.kiosk.shows("Tapez au moins 2 lettres"));
    f.tap("letters.O");
    CHECK(f.kiosk.shows("M O _"));
}

TEST_CASE("misses slow down the person typing with a countdown, and the next visitor starts afresh", "[ui][health][check-in]") {
    UiFixture f;
    checkInByBirthDate(f, "01011931", "XY");
    for (int miss = 0; miss < 2; ++miss) {
        f.tap("check_in.retry");
        typeDigits(f, "01011931");
        f.tap("pad.ok");
        f.tap("letters.X");
        f.tap("letters.Y");
        f.tap("letters.ok");
    }
    // The third miss: a short wait before the next try, counted down.
    CHECK(f.kiosk.shows("Corriger dans 5 s"));
    f.advanceSeconds(5);
    CHECK(f.kiosk.shows("Corriger"));
    CHECK_FALSE(f.kiosk.shows("Corriger dans"));
    // The next person is not slowed down: Jeanne Moulin checks in at once.
    f.tap("check_in.finish");
    checkInByBirthDate(f, "14031950", "MO");
    CHECK(f.kiosk.shows("M-001"));
}

TEST_CASE("before the idle return wipes a half-typed check-in, the kiosk asks whether more time is needed", "[ui][shell][idle]") {
    UiFixture f;
    f.tap("home.tile.health");
    f.tap("health.check_in");
    f.tap("check_in.by_birth_date");
    typeDigits(f, "1403");
    f.advanceSeconds(f.runtime.config.idleTimeoutSeconds - 15);
    CHECK(f.kiosk.shows("Voulez-vous plus de temps ?"));
    CHECK(f.kiosk.shows("Sans réponse, retour à l’accueil dans 15 s."));
    f.advanceSeconds(10);
    CHECK(f.kiosk.shows("Sans réponse, retour à l’accueil dans 5 s."));
    // The question answered, the screen comes back as it was left.
    const auto* yes = f.kiosk.find("shell.more_time.yes");
    REQUIRE(yes);
    f.kiosk.tapAt(yes->center().x, yes->center().y);
    CHECK_FALSE(f.kiosk.shows("Voulez-vous plus de temps ?"));
    CHECK(f.kiosk.shows("14 / 03 / ____"));
    f.advanceSeconds(f.runtime.config.idleTimeoutSeconds - 30);
    CHECK(f.kiosk.find("pad.ok"));
    // Unanswered, the question comes back, and its countdown ends at home.
    f.advanceSeconds(25);
    CHECK(f.kiosk.shows("Voulez-vous plus de temps ?"));
    f.advanceSeconds(21);
    CHECK(f.kiosk.state().screen == app::kHomeScreen);
}

TEST_CASE("a resident checks in with the code of the appointment", "[ui][health][check-in]") {
    UiFixture f;
    const std::string today = services::health::localDay(f.clock.nowMs());
    std::string code;
    for (const auto& a : health(f).appointments.day(today))
        if (a.surname == "Nguyen") code = a.code.value_or("");
    REQUIRE(code.size() >= 4);
    f.advanceSeconds(60 * 60);  // Thi Nguyen's appointment is at 13:00; its check-in opens at 12:00
    f.tap("home.tile.health");
    f.tap("health.check_in");
    f.tap("check_in.by_code");
    for (const char c : code) f.tap(std::string("code.") + c);
    f.tap("code.ok");
    CHECK(f.kiosk.shows("C’est noté : votre arrivée est enregistrée."));
    CHECK(f.kiosk.shows("T. N."));
}

TEST_CASE("a patient's card checks them in from the health screen (simulated reader)", "[ui][health][card]") {
    UiFixture f;
    const std::string today = services::health::localDay(f.clock.nowMs());
    std::string id;
    for (const auto& a : health(f).appointments.day(today))
        if (a.surname == "Moulin") id = a.id;
    REQUIRE(health(f).checkIn.linkCard(&services::systemActor(services::SystemActor::CommandLine), id, "04A1B2C3D4").ok());
    f.tap("home.tile.health");
    hardware::SimulatedReader(f.runtime.readers).presentCard("04A1B2C3D4");
    f.kiosk.frames(2);
    CHECK(f.kiosk.state().screen == screens::kCheckInScreen);
    CHECK(f.kiosk.shows("M-001"));
}

TEST_CASE("the assistant calls the next patient and the calling screen shows the ticket only", "[ui][health][waiting-room]") {
    UiFixture f;
    checkInByBirthDate(f, "14031950", "MO");
    f.tap("check_in.finish");
    f.signIn("Claire Moreau", "2580");
    f.tap("staff.home.waiting_room");
    CHECK(f.kiosk.shows("Moulin Jeanne"));  // staff screen: names are for the assistant
    f.tap("waiting.call_next");
    CHECK(f.kiosk.shows("M-001 appelé."));
    f.tap("waiting.delay.15");
    CHECK(health(f).rota.today().delayMinutes == 15);
    f.tap("waiting.calling_screen");
    CHECK(f.kiosk.state().screen == screens::kCallingScreen);
    CHECK(f.kiosk.shows("M-001"));
    CHECK(f.kiosk.shows("15 min de retard"));
    CHECK_FALSE(f.kiosk.shows("Moulin"));
}

// The assistant opens today's « + Horaires » form and types the two times on the keypad.
void addTodaysHours(UiFixture& f, const std::string& opens, const std::string& closes) {
    f.signIn("Claire Moreau", "2580");
    f.tap("staff.home.rota");
    // Saturday 21 November: the editor opens on the coming week, today is in the one before, and the weekend is
    // at the bottom of the week: back one week, then scroll the days up with a finger.
    f.tap("rota.edit.previous");
    f.kiosk.drag(600, 700, 600, 250, 8);
    f.tap("rota.edit.add_hours." + services::health::localDay(f.clock.nowMs()));
    typeDigits(f, opens);
    f.tap("pad.ok");
    typeDigits(f, closes);
    f.tap("pad.ok");
}

TEST_CASE("the assistant adds hours on the kiosk and residents see them", "[ui][health][rota]") {
    UiFixture f;
    addTodaysHours(f, "0930", "1200");
    CHECK(f.kiosk.shows("Planning enregistré."));
    CHECK(f.kiosk.shows("09:30–12:00"));
    CHECK(health(f).rota.today().status == services::health::TodayStatus::Open);
}

TEST_CASE("an impossible time on the rota editor is refused with a message", "[ui][health][rota][bad-input]") {
    UiFixture f;
    addTodaysHours(f, "2575", "2600");
    CHECK(f.kiosk.shows("Heure invalide"));
    const std::string saturday = services::health::localDay(f.clock.nowMs());
    CHECK(health(f).rota.weeks(saturday, 1).front().days[5].hours.empty());
}

// What ImGui drew on every screen a resident can reach, with the demo patients in the database and one of them
// checked in and called: no name, birth date or phone of a patient anywhere.
TEST_CASE("no patient name, birth date or phone is ever drawn on a public screen", "[ui][health][privacy]") {
    UiFixture f;
    std::vector<std::string> secrets;
    for (const auto& p : services::demoPatients()) {
        secrets.push_back(p.surname);
        secrets.push_back(p.givenName);
        secrets.push_back(p.phone);
        const std::string iso = p.birthDate;
        secrets.push_back(iso);
        secrets.push_back(iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4));
        secrets.push_back(iso.substr(8, 2) + iso.substr(5, 2) + iso.substr(0, 4));
    }
    auto expectNothingPrivate = [&](const char* where) {
        INFO(where);
        for (const auto& item : f.kiosk.drawn())
            for (const auto& secret : secrets) {
                INFO("drawn: " << item.text);
                CHECK(item.text.find(secret) == std::string::npos);
            }
    };
    expectNothingPrivate("home");
    f.tap("home.tile.health");
    expectNothingPrivate("health");
    f.tap("health.check_in");
    expectNothingPrivate("check-in choice");
    f.tap("check_in.by_birth_date");
    typeDigits(f, "1403195");
    expectNothingPrivate("birth date, half typed");
    f.tap("pad.0");
    f.tap("pad.ok");
    f.tap("letters.M");
    f.tap("letters.O");
    expectNothingPrivate("letters");
    f.tap("letters.ok");
    expectNothingPrivate("checked in");
    f.tap("check_in.finish");
    checkInByBirthDate(f, "30111988", "NG");
    expectNothingPrivate("second check-in");
    f.tap("check_in.finish");
    // Called in by the assistant, then the calling screen and the public screens again.
    f.signIn("Claire Moreau", "2580");
    f.tap("staff.home.waiting_room");
    f.tap("waiting.call_next");
    f.tap("waiting.calling_screen");
    expectNothingPrivate("calling screen");
    f.tap("common.back");
    CHECK(f.kiosk.state().screen == app::kHomeScreen);
    for (const char* tile : {"home.tile.info", "home.tile.parcels", "home.tile.board"}) {
        f.tap(tile);
        expectNothingPrivate(tile);
        f.tap("common.back");
    }
    // The ticket printed for a resident carries no name either.
    for (const auto& receipt : f.runtime.previewPrinter->lastReceipts())
        for (const auto& line : receipt.lines)
            for (const auto& secret : secrets) CHECK(line.text.find(secret) == std::string::npos);
}

TEST_CASE("the assistant books an appointment at the desk, a bad time is refused on screen", "[ui][health][waiting-room]") {
    UiFixture f;
    f.signIn("Claire Moreau", "2580");
    f.tap("staff.home.waiting_room");
    f.tap("waiting.add_appointment");
    for (const char* key : {"kbd.b", "kbd.l", "kbd.a", "kbd.n", "kbd.c"}) f.tap(key);
    f.tap("kbd.done");
    for (const char* key : {"kbd.r", "kbd.o", "kbd.s", "kbd.e"}) f.tap(key);
    f.tap("kbd.done");
    typeDigits(f, "02021955");
    f.tap("pad.ok");
    typeDigits(f, "9999");
    f.tap("waiting.new.save");
    CHECK(f.kiosk.shows("Heure invalide"));
    for (int i = 0; i < 4; ++i) f.tap("pad.backspace");
    typeDigits(f, "1615");
    f.tap("waiting.new.save");
    CHECK(f.kiosk.shows("Rendez-vous ajouté."));
    bool booked = false;
    for (const auto& a : health(f).appointments.day(services::health::localDay(f.clock.nowMs())))
        booked |= a.surname == "Blanc" && a.givenName == "Rose" && a.birthDate == std::optional<std::string>("1955-02-02") &&
                  services::health::localTime(a.startsAt) == "16:15";
    CHECK(booked);
}

TEST_CASE("the calling screen is public: it ends the staff session, goes back home, and stays up", "[ui][health][privacy]") {
    UiFixture f;
    checkInByBirthDate(f, "14031950", "MO");
    f.tap("check_in.finish");
    f.signIn("Claire Moreau", "2580");
    f.tap("staff.home.waiting_room");
    f.tap("waiting.call_next");
    f.tap("waiting.calling_screen");
    CHECK(f.kiosk.state().screen == screens::kCallingScreen);
    CHECK_FALSE(f.kiosk.state().staff);
    CHECK(f.runtime.staff.recentAudit(1).front().action == "staff.sign_out");
    // A patient left alone with it sees tickets long after both idle timeouts.
    const int longest = std::max(f.runtime.config.idleTimeoutSeconds,
                                 f.runtime.config.areas.get<services::StaffSettings>().idleTimeoutSeconds);
    f.advanceSeconds(longest + 60);
    CHECK(f.kiosk.state().screen == screens::kCallingScreen);
    CHECK(f.kiosk.shows("M-001"));
    // Its Back button leads home, and the waiting room asks for a PIN again.
    f.tap("common.back");
    CHECK(f.kiosk.state().screen == app::kHomeScreen);
    CHECK_FALSE(f.kiosk.shows("Moulin"));
    f.tap("home.staff_entry");
    CHECK(f.kiosk.find("staff.sign_in.account." + f.accountId("Claire Moreau")));
}

TEST_CASE("« Absent » asks for a confirmation before a patient leaves every list", "[ui][health][waiting-room]") {
    UiFixture f;
    f.advanceSeconds(5 * 60 * 60);  // the afternoon: the morning's appointments are past, a no-show is allowed
    f.signIn("Claire Moreau", "2580");
    f.tap("staff.home.waiting_room");
    std::string noShow;
    for (const auto& item : f.kiosk.drawn())
        if (item.id.starts_with("waiting.no_show.") && noShow.empty()) noShow = item.id;
    REQUIRE_FALSE(noShow.empty());
    const std::string appointmentId = noShow.substr(std::string("waiting.no_show.").size());
    const auto status = [&] {
        return f.runtime.database.sql()
            .execAndGet("SELECT status FROM appointment WHERE id = '" + appointmentId + "'")
            .getString();
    };
    f.tap(noShow);
    CHECK(f.kiosk.shows("Oui, absent"));
    CHECK(status() == "booked");
    f.tap("waiting.no_show_cancel." + appointmentId);
    CHECK_FALSE(f.kiosk.shows("Oui, absent"));
    CHECK(status() == "booked");
    f.tap(noShow);
    f.tap("waiting.no_show_confirm." + appointmentId);
    CHECK(status() == "no_show");
}
