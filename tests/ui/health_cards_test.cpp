// Patients' cards: the assistant links one at the desk (« Lier une carte »), and the card alone then checks the
// patient in at the kiosk, with the simulated reader and through the real PC/SC stack (pcscd and vsmartcard's
// virtual reader).
#include "hardware/pcsc_reader.h"
#include "hardware/reader_events.h"
#include "kiosk/screens/devices/devices_screens.h"
#include "kiosk/screens/health/health_screens.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/services/audit_sentences.h"
#include "kiosk/services/health/health_area.h"
#include "kiosk/services/health/local_days.h"
#include "ui_fixture.h"
#include "virtual_pcsc.h"

#include <cstdlib>
#include <filesystem>

using namespace vk;
using vk::test::expectEverythingFits;
using vk::test::UiFixture;

namespace {

services::health::HealthServices& health(UiFixture& f) { return f.runtime.area<services::health::HealthServices>(); }

// The demo patient Jeanne Moulin's appointment of today: in its check-in window on the test clock, with a birth date.
storage::Appointment moulin(UiFixture& f) {
    for (const auto& a : health(f).appointments.day(services::health::localDay(f.clock.nowMs())))
        if (a.surname == "Moulin") return a;
    FAIL("the demo village has no appointment for Jeanne Moulin today");
    return {};
}

int count(UiFixture& f, const std::string& sql) { return f.runtime.database.sql().execAndGet(sql).getInt(); }
int linkedCards(UiFixture& f) { return count(f, "SELECT count(*) FROM patient_card"); }

std::vector<storage::AuditEntry> audited(UiFixture& f, const std::string& action) {
    std::vector<storage::AuditEntry> entries;
    for (const auto& entry : f.runtime.staff.recentAudit(1000))
        if (entry.action == action) entries.push_back(entry);
    return entries;
}

// Anything drawn that holds these words, whatever else is around them.
bool drawnAnywhere(UiFixture& f, const std::string& words) {
    for (const auto& item : f.kiosk.drawn())
        if (item.text.find(words) != std::string::npos) return true;
    return false;
}

void openCardLinking(UiFixture& f, const storage::Appointment& appointment) {
    f.tap("staff.home.appointments");
    f.tap("desk.edit." + appointment.id);
    f.tap("desk.link_card");
}

void present(UiFixture& f, hardware::SimulatedReader& reader, const std::string& uid) {
    reader.presentCard(uid);
    f.kiosk.frames(2);
}

// From the linking step back to the home screen, signed out, as the assistant leaves the desk.
void finishAndSignOut(UiFixture& f) {
    f.tap("desk.link_card.finish");
    f.tap("common.back");  // the form, to the list
    f.tap("common.back");  // the list, to the staff home
    f.tap("staff.home.sign_out");
    REQUIRE(f.kiosk.state().screen == app::kHomeScreen);
    REQUIRE_FALSE(f.kiosk.state().staff);
}

void checkNoNameOnTheTicket(UiFixture& f, const std::string& ticket) {
    CHECK(f.kiosk.shows(ticket));
    CHECK_FALSE(drawnAnywhere(f, "Moulin"));
    CHECK_FALSE(drawnAnywhere(f, "Jeanne"));
    REQUIRE(f.runtime.previewPrinter);
    const auto receipts = f.runtime.previewPrinter->lastReceipts();
    REQUIRE_FALSE(receipts.empty());
    bool hasNumber = false;
    for (const auto& line : receipts.back().lines) {
        hasNumber |= line.text == ticket;
        CHECK(line.text.find("Moulin") == std::string::npos);
        CHECK(line.text.find("Jeanne") == std::string::npos);
    }
    CHECK(hasNumber);
}

void capture(UiFixture& f, const std::string& name) {
    if (const char* dir = std::getenv("VK_SCREENSHOT_DIR"))
        CHECK(f.kiosk.savePng(std::filesystem::path(dir) / (name + ".png")));
}

}  // namespace

TEST_CASE("the assistant links a patient's card at the desk, and the screen shows only its last four digits",
          "[ui][health][card][desk]") {
    UiFixture f;
    const storage::Appointment appointment = moulin(f);
    f.signIn("Claire Moreau", "2580");
    openCardLinking(f, appointment);
    CHECK(f.kiosk.shows("Présentez la carte du patient sur le lecteur"));
    CHECK(f.kiosk.shows("Carte de Moulin Jeanne"));
    CHECK(f.kiosk.find("desk.link_card.cancel"));

    hardware::SimulatedReader reader(f.runtime.readers);
    present(f, reader, "04C0FFEE1234");
    CHECK(f.kiosk.shows("C’est fait : carte …1234 liée à Moulin Jeanne."));
    CHECK_FALSE(drawnAnywhere(f, "C0FFEE"));
    CHECK(linkedCards(f) == 1);
    const auto links = audited(f, "health.card.link");
    REQUIRE(links.size() == 1);
    CHECK_THAT(services::auditSentence(links[0]), Catch::StartsWith("Carte liée au patient du rendez-vous du ") &&
                                                      Catch::EndsWith(services::health::localTime(appointment.startsAt)));
    CHECK(services::auditSentence(links[0]).find("Moulin") == std::string::npos);

    // The step asked for one card: the next read goes nowhere, and the link stays as it was.
    present(f, reader, "04BADBADBAD1");
    CHECK(f.kiosk.shows("carte …1234 liée"));
    CHECK(linkedCards(f) == 1);
    f.tap("desk.link_card.finish");
    CHECK(f.kiosk.find("desk.save"));
    CHECK(f.kiosk.state().staff->displayName == "Claire Moreau");
}

TEST_CASE("a staff card, a barcode or a garbled read at the linking step gets a message and links nothing",
          "[ui][health][card][desk]") {
    UiFixture f;
    const auto& commandLine = services::systemActor(services::SystemActor::CommandLine);
    REQUIRE(f.runtime.staff.assignCard(&commandLine, f.accountId("Julien Girard"), std::string("0A0B0C0D")).ok());
    const storage::Appointment appointment = moulin(f);
    f.signIn("Claire Moreau", "2580");
    openCardLinking(f, appointment);
    hardware::SimulatedReader reader(f.runtime.readers);

    present(f, reader, "0A0B0C0D");
    CHECK(f.kiosk.shows("C’est une carte du personnel : elle ne peut pas être liée à un patient."));
    // Nobody was signed in or out by it: the assistant is still at her desk.
    CHECK(f.kiosk.state().screen == screens::kAppointmentDeskScreen);
    REQUIRE(f.kiosk.state().staff);
    CHECK(f.kiosk.state().staff->displayName == "Claire Moreau");

    reader.scanBarcode("3760123456789");
    f.kiosk.frames(2);
    CHECK(f.kiosk.shows("Le lecteur a lu un code-barres, pas une carte."));

    for (const std::string& garbled : {std::string("04A1\x07\x1b[2J"), std::string(), std::string(5000, 'F'),
                                       std::string("\xC3\xA9\xC3\xA9")}) {
        INFO("a read of " << garbled.size() << " bytes");
        present(f, reader, garbled);
        CHECK(f.kiosk.shows("Carte mal lue : le lecteur n’a pas donné de numéro valable."));
        CHECK(f.kiosk.shows("Présentez la carte du patient sur le lecteur"));
    }
    CHECK(linkedCards(f) == 0);
    CHECK(audited(f, "health.card.link").empty());
    CHECK(health(f).appointments.find(appointment.id)->status == storage::AppointmentStatus::Booked);

    // Nothing was lost: the patient's own card is linked afterwards, on the same step.
    present(f, reader, "04D00D5EA7");
    CHECK(f.kiosk.shows("carte …5EA7 liée à Moulin Jeanne"));
    CHECK(linkedCards(f) == 1);
}

TEST_CASE("without a birth date the desk says why a card cannot be linked", "[ui][health][card][desk]") {
    UiFixture f;
    f.signIn("Claire Moreau", "2580");
    services::health::AppointmentInput input;
    input.day = services::health::localDay(f.clock.nowMs());
    input.time = "11:45";  // first on the list, before the demo's appointments of the day
    input.surname = "Sansdate";
    input.givenName = "Paul";
    const auto added = health(f).appointments.add(&*f.kiosk.state().staff, input);
    REQUIRE(added.ok());
    f.tap("staff.home.appointments");
    f.tap("desk.edit." + added.appointment->id);
    f.tap("desk.link_card");
    CHECK(f.kiosk.shows("Sans date de naissance enregistrée, pas de carte : enregistrez-la d’abord."));
    CHECK_FALSE(f.kiosk.shows("Présentez la carte du patient"));
    // A card shown now is not taken for this patient.
    hardware::SimulatedReader reader(f.runtime.readers);
    present(f, reader, "04A1B2C3D4E5F6");
    CHECK(linkedCards(f) == 0);
    CHECK(f.kiosk.find("desk.save"));
}

TEST_CASE("a card read on the desk when it asked for none goes nowhere", "[ui][health][card][desk]") {
    UiFixture f;
    const auto& commandLine = services::systemActor(services::SystemActor::CommandLine);
    REQUIRE(f.runtime.staff.assignCard(&commandLine, f.accountId("Julien Girard"), std::string("0A0B0C0D")).ok());
    const storage::Appointment appointment = moulin(f);
    REQUIRE(health(f).checkIn.linkCard(&commandLine, appointment.id, "04C0FFEE1234").ok());
    f.signIn("Claire Moreau", "2580");
    f.tap("staff.home.appointments");
    hardware::SimulatedReader reader(f.runtime.readers);
    // The patient's own linked card, on the list and on the form: no check-in from a staff screen.
    present(f, reader, "04C0FFEE1234");
    f.tap("desk.edit." + appointment.id);
    present(f, reader, "04C0FFEE1234");
    CHECK(health(f).appointments.find(appointment.id)->status == storage::AppointmentStatus::Booked);
    // A staff card signs nobody in or out here.
    present(f, reader, "0A0B0C0D");
    CHECK(f.kiosk.state().screen == screens::kAppointmentDeskScreen);
    REQUIRE(f.kiosk.state().staff);
    CHECK(f.kiosk.state().staff->displayName == "Claire Moreau");
    CHECK(f.kiosk.find("desk.save"));
    CHECK(linkedCards(f) == 1);
}

TEST_CASE("« Simuler une carte » at the linking step links the demo card on a kiosk without a reader",
          "[ui][health][card][desk]") {
    UiFixture f;
    REQUIRE_FALSE(f.services.nfcReader);
    REQUIRE_FALSE(f.services.keyboardReader);
    f.signIn("Claire Moreau", "2580");
    openCardLinking(f, moulin(f));
    CHECK(f.kiosk.shows("Aucun lecteur de cartes n’est configuré sur cette borne"));
    f.tap("desk.link_card.simulate");
    CHECK(f.kiosk.shows("C’est fait : carte …F1B2 liée à Moulin Jeanne."));
    CHECK(linkedCards(f) == 1);
}

TEST_CASE("a card linked at the desk checks its patient in at the kiosk once, with a ticket that names no one "
          "(simulated reader)",
          "[ui][health][card][check-in]") {
    UiFixture f;
    const storage::Appointment appointment = moulin(f);
    hardware::SimulatedReader reader(f.runtime.readers);
    f.signIn("Claire Moreau", "2580");
    openCardLinking(f, appointment);
    present(f, reader, "04C0FFEE1234");
    REQUIRE(f.kiosk.shows("liée à Moulin Jeanne"));
    finishAndSignOut(f);

    f.tap("home.tile.health");
    f.tap("health.check_in");
    present(f, reader, "04C0FFEE1234");
    CHECK(f.kiosk.state().screen == screens::kCheckInScreen);
    CHECK(f.kiosk.shows("C’est noté : votre arrivée est enregistrée."));
    checkNoNameOnTheTicket(f, "M-001");
    CHECK(health(f).appointments.find(appointment.id)->status == storage::AppointmentStatus::Arrived);

    // The same card again: the same ticket, given back as a copy; no second arrival, no second number.
    f.tap("check_in.finish");
    f.tap("home.tile.health");
    present(f, reader, "04C0FFEE1234");
    CHECK(f.kiosk.shows("Votre arrivée était déjà enregistrée."));
    checkNoNameOnTheTicket(f, "M-001");
    CHECK(f.runtime.previewPrinter->lastReceipts().back().duplicate);
    CHECK_FALSE(f.kiosk.shows("M-002"));
    CHECK(count(f, "SELECT count(*) FROM appointment WHERE ticket IS NOT NULL") == 1);
    CHECK(audited(f, "health.check_in").size() == 1);
}

TEST_CASE("a card read through PC/SC is linked at the desk and then checks its patient in (pcscd, virtual reader)",
          "[ui][health][card][pcsc][vpcd]") {
    const vk::test::VirtualPcscStack stack;
    if (vk::test::stopsHere(stack.obstacle())) return;
    UiFixture f;
    // What the runtime starts when [devices] nfc is on: a PC/SC reader posting into the kiosk's reader mailbox.
    hardware::PcscReaderOptions options;
    options.readerNameFilter = vk::test::kVirtualReaderName;
    options.statusWait = std::chrono::milliseconds(200);
    options.retryInterval = std::chrono::milliseconds(100);
    hardware::PcscReader nfc(f.runtime.readers, options);
    if (!vk::test::eventually([&] { return nfc.connected(); }) && vk::test::stopsHere(stack.noReader(nfc.status())))
        return;
    const std::vector<std::uint8_t> uid{0x04, 0x5C, 0x1E, 0x77, 0x2A, 0x90, 0x81};
    // The reader's thread posts; the kiosk takes the read at its next frame, as its loop would.
    const auto drawsSoon = [&](const std::string& words) {
        return vk::test::eventually([&] {
            f.kiosk.frame();
            return f.kiosk.shows(words);
        });
    };

    const storage::Appointment appointment = moulin(f);
    f.signIn("Claire Moreau", "2580");
    openCardLinking(f, appointment);
    {
        vk::test::VirtualCard card(stack.port(), uid);
        if (!vk::test::eventually([&] { return card.connected(); }) && vk::test::stopsHere(stack.portClosed())) return;
        INFO(nfc.status());
        REQUIRE(drawsSoon("C’est fait : carte …9081 liée à Moulin Jeanne."));
    }
    CHECK(linkedCards(f) == 1);
    finishAndSignOut(f);

    f.tap("home.tile.health");
    f.tap("health.check_in");
    {
        vk::test::VirtualCard card(stack.port(), uid);
        INFO(nfc.status());
        REQUIRE(drawsSoon("C’est noté : votre arrivée est enregistrée."));
    }
    checkNoNameOnTheTicket(f, "M-001");
    CHECK(health(f).appointments.find(appointment.id)->status == storage::AppointmentStatus::Arrived);
}

TEST_CASE("the card linking step fits at 1024x600, 1280x800 and 1920x1080 in both languages", "[ui][health][card][layout]") {
    for (const char* language : {"fr", "en"})
        for (const auto& [width, height] : {std::pair{1024, 600}, std::pair{1280, 800}, std::pair{1920, 1080}}) {
            services::KioskConfig config;
            config.language = language;
            UiFixture f(width, height, config);
            const auto& commandLine = services::systemActor(services::SystemActor::CommandLine);
            REQUIRE(f.runtime.staff.assignCard(&commandLine, f.accountId("Julien Girard"), std::string("0A0B0C0D")).ok());
            services::health::AppointmentInput input;
            input.day = services::health::localDay(f.clock.nowMs());
            input.time = "11:45";
            input.surname = "Sansdate";
            const auto undated = health(f).appointments.add(&commandLine, input);
            REQUIRE(undated.ok());
            INFO(language << " at " << width << "x" << height);
            const bool docsPicture = std::string(language) == "fr" && width == 1280;
            f.signIn("Claire Moreau", "2580");
            f.tap("staff.home.appointments");
            f.tap("desk.edit." + undated.appointment->id);
            f.tap("desk.link_card");
            expectEverythingFits(f, width, height, "no birth date");
            f.tap("desk.edit_cancel");
            f.tap("common.back");  // the list, to the staff home

            openCardLinking(f, moulin(f));
            expectEverythingFits(f, width, height, "waiting for the card");
            if (docsPicture) capture(f, "health-link-card");
            hardware::SimulatedReader reader(f.runtime.readers);
            present(f, reader, "0A0B0C0D");
            expectEverythingFits(f, width, height, "a staff card refused");
            present(f, reader, "04C0FFEE1234");
            expectEverythingFits(f, width, height, "linked");
            if (docsPicture) capture(f, "health-link-card-linked");
        }
}

TEST_CASE("the device panel's simulated card reaches the open panel and is used for nothing else",
          "[ui][health][card][devices]") {
    UiFixture f;
    const storage::Appointment appointment = moulin(f);
    const auto& commandLine = services::systemActor(services::SystemActor::CommandLine);
    // Even a card linked to a patient: on a staff screen the read is the screen's, and the panel only shows it.
    REQUIRE(health(f).checkIn.linkCard(&commandLine, appointment.id, "04A1B2C3D4E5F6").ok());
    f.signIn("Technicien Asso", "739182");
    f.tap("staff.home.devices");
    f.tap("devices.simulate_card");
    CHECK(f.kiosk.shows("Dernière carte lue : 04A1B2C3D4E5F6"));
    CHECK(f.kiosk.state().screen == screens::kDevicePanelScreen);
    CHECK(f.kiosk.state().staff);
    CHECK(health(f).appointments.find(appointment.id)->status == storage::AppointmentStatus::Booked);
}

TEST_CASE("a garbled card read at the resident check-in says the card was misread and checks no one in",
          "[ui][health][card][check-in][bad-input]") {
    for (const char* language : {"fr", "en"}) {
        services::KioskConfig config;
        config.language = language;
        UiFixture f(1024, 600, config);
        INFO(language);
        f.kiosk.state().largeText = true;
        f.tap("home.tile.health");
        hardware::SimulatedReader reader(f.runtime.readers);
        present(f, reader, std::string("04A1\x07\x1b[2J") + std::string(300, 'Z'));
        CHECK(f.kiosk.state().screen == screens::kCheckInScreen);
        CHECK(f.kiosk.shows(std::string(language) == "fr" ? "Carte mal lue : présentez-la à nouveau."
                                                          : "Card misread: hold it on the reader again."));
        CHECK_FALSE(f.kiosk.shows("M-001"));
        expectEverythingFits(f, 1024, 600, "a misread card, in large text");
        CHECK(count(f, "SELECT count(*) FROM appointment WHERE ticket IS NOT NULL") == 0);
    }
}
