#include "hardware/reader_events.h"
#include "kiosk/services/demo_data.h"
#include "kiosk/services/health/local_days.h"
#include "ui_fixture.h"

using namespace vk;
using vk::test::UiFixture;

namespace {

void typeDigits(UiFixture& f, const std::string& digits) {
    for (const char digit : digits) f.tap(std::string("pad.") + digit);
}

void checkInByBirthDate(UiFixture& f, const std::string& ddmmyyyy, const std::string& letters) {
    f.tap("home.tile.health");
    f.tap("health.check_in");
    f.tap("check_in.by_birth_date");
    typeDigits(f, ddmmyyyy);
    f.tap("pad.ok");
    for (const char letter : letters) f.tap(std::string("kbd.") + static_cast<char>(std::tolower(letter)));
    f.tap("kbd.done");
}

}  // namespace

TEST_CASE("the health screen shows this week's doctor, the hours and the coming weeks", "[ui][health]") {
    UiFixture f;
    f.tap("home.tile.health");
    CHECK(f.kiosk.state().screen == app::ScreenId::Health);
    // Saturday: "this week" is the coming one, with the first demo doctor.
    CHECK(f.kiosk.shows("Dr Marie Lefort"));
    CHECK(f.kiosk.shows("9 h – 12 h"));
    CHECK(f.kiosk.shows("Pas de consultation aujourd’hui"));
    CHECK(f.kiosk.shows("Dr Karim Benali"));
    CHECK(f.kiosk.shows("1 jour(s) de fermeture"));
}

TEST_CASE("a resident checks in with birth date and two letters, and gets a ticket", "[ui][health][check-in]") {
    UiFixture f;
    checkInByBirthDate(f, "14031950", "MO");
    CHECK(f.kiosk.state().checkIn.step == app::CheckInForm::Step::Result);
    CHECK(f.kiosk.shows("C’est noté, vous êtes enregistré."));
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
    // A second check-in gives the same number back, and prints nothing more.
    f.tap("check_in.finish");
    checkInByBirthDate(f, "14031950", "MOU");
    CHECK(f.kiosk.shows("Vous êtes déjà enregistré."));
    CHECK(f.kiosk.shows("M-001"));
    CHECK(printer.lastReceipts().size() == 1);
}

TEST_CASE("a birth date that matches nobody gets a kind message and a way to the assistant", "[ui][health][check-in]") {
    UiFixture f;
    checkInByBirthDate(f, "01011901", "XY");
    CHECK(f.kiosk.shows("Nous ne trouvons pas votre rendez-vous d’aujourd’hui."));
    CHECK(f.kiosk.shows("L’assistante médicale peut vous aider"));
    f.tap("check_in.retry");
    CHECK(f.kiosk.state().checkIn.step == app::CheckInForm::Step::Choose);
    f.tap("check_in.see_assistant");
    CHECK(f.kiosk.shows("L’assistante va s’occuper de vous"));
}

TEST_CASE("a resident checks in with the code of the appointment", "[ui][health][check-in]") {
    UiFixture f;
    const std::string today = services::health::localDay(f.clock.nowMs());
    std::string code;
    for (const auto& a : f.runtime.appointments.day(today))
        if (a.surname == "Nguyen") code = a.code.value_or("");
    REQUIRE(code.size() >= 4);
    f.advanceSeconds(60 * 60);  // Thi Nguyen's appointment is at 13:00; its check-in opens at 12:00
    f.tap("home.tile.health");
    f.tap("health.check_in");
    f.tap("check_in.by_code");
    for (const char c : code) f.tap(std::string("code.") + c);
    f.tap("code.ok");
    CHECK(f.kiosk.shows("C’est noté, vous êtes enregistré."));
    CHECK(f.kiosk.shows("T. N."));
}

TEST_CASE("a patient's card checks them in from the health screen (simulated reader)", "[ui][health][card]") {
    UiFixture f;
    const std::string today = services::health::localDay(f.clock.nowMs());
    std::string id;
    for (const auto& a : f.runtime.appointments.day(today))
        if (a.surname == "Moulin") id = a.id;
    REQUIRE(f.runtime.checkIn.linkCard(nullptr, id, "04A1B2C3D4").ok());
    f.tap("home.tile.health");
    hardware::SimulatedReader(f.runtime.readers).presentCard("04A1B2C3D4");
    f.kiosk.frames(2);
    CHECK(f.kiosk.state().screen == app::ScreenId::HealthCheckIn);
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
    CHECK(f.runtime.rota.today().delayMinutes == 15);
    f.tap("waiting.calling_screen");
    CHECK(f.kiosk.state().screen == app::ScreenId::HealthCalling);
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
    CHECK(f.runtime.rota.today().status == services::health::TodayStatus::Open);
}

TEST_CASE("an impossible time on the rota editor is refused with a message", "[ui][health][rota][bad-input]") {
    UiFixture f;
    addTodaysHours(f, "2575", "2600");
    CHECK(f.kiosk.shows("Heure invalide"));
    const std::string saturday = services::health::localDay(f.clock.nowMs());
    CHECK(f.runtime.rota.weeks(saturday, 1).front().days[5].hours.empty());
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
    f.tap("kbd.m");
    f.tap("kbd.o");
    expectNothingPrivate("letters");
    f.tap("kbd.done");
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
    f.tap("common.back");
    f.tap("staff.home.sign_out");
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
    for (const auto& a : f.runtime.appointments.day(services::health::localDay(f.clock.nowMs())))
        booked |= a.surname == "Blanc" && a.givenName == "Rose" && a.birthDate == std::optional<std::string>("1955-02-02") &&
                  services::health::localTime(a.startsAt) == "16:15";
    CHECK(booked);
}
