// « Contact et rappels » at the assistant's desk: a patient's phone, e-mail and yes to reminders, typed on the
// kiosk's own keypad and keyboard, a bad address refused on screen, and the view fitting every size.
#include "kiosk/screens/health/health_screens.h"
#include "kiosk/services/health/health_area.h"
#include "kiosk/services/health/local_days.h"
#include "ui_fixture.h"

#include <cstdlib>
#include <filesystem>

using namespace vk;
using vk::test::UiFixture;

namespace {

services::health::HealthServices& health(UiFixture& f) { return f.runtime.area<services::health::HealthServices>(); }

// The first booked appointment of today, its patient having given no contact and no yes yet.
storage::Appointment firstBooked(UiFixture& f) {
    for (const auto& a : health(f).appointments.day(services::health::localDay(f.clock.nowMs())))
        if (a.status == storage::AppointmentStatus::Booked) {
            const auto& commandLine = services::systemActor(services::SystemActor::CommandLine);
            REQUIRE(health(f).appointments.setContact(&commandLine, a.id, {"", "", false}).ok());
            return *health(f).appointments.find(a.id);
        }
    FAIL("the demo village has no booked appointment today");
    return {};
}

void press(UiFixture& f, const std::string& prefix, const std::string& keys) {
    for (const char key : keys) f.tap(prefix + key);
}

void openContact(UiFixture& f, const storage::Appointment& a) {
    f.signIn("Claire Moreau", "2580");
    f.tap("staff.home.appointments");
    f.tap("desk.contact." + a.id);
    REQUIRE(f.kiosk.shows(i18n::tr("desk.contact_title")));
}

// Inside the display, no words cut or spilling from their button, no two words drawn over one another.
void expectContactViewFits(UiFixture& f, int width, int height) {
    const auto& items = f.kiosk.drawn();
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& item = items[i];
        INFO(width << "x" << height << " " << i18n::currentLanguage() << " " << item.id << ": " << item.text);
        CHECK_FALSE(item.overflows);
        CHECK((item.min.x >= 0 && item.min.y >= 0));
        CHECK((item.max.x <= width + 0.5f && item.max.y <= height + 0.5f));
        for (std::size_t j = i + 1; j < items.size(); ++j) {
            const auto& other = items[j];
            if (item.text.empty() || other.text.empty()) continue;
            const bool apartX = item.max.x <= other.min.x + 2.0f || other.max.x <= item.min.x + 2.0f;
            const bool apartY = item.max.y <= other.min.y + 2.0f || other.max.y <= item.min.y + 2.0f;
            INFO("drawn over " << other.id << ": " << other.text);
            CHECK((apartX || apartY));
        }
    }
}

}  // namespace

TEST_CASE("the assistant records a patient's phone, e-mail and yes to reminders, and a bad address is refused on screen",
          "[ui][health][desk][reminders]") {
    UiFixture f;
    const storage::Appointment a = firstBooked(f);
    openContact(f, a);
    bool headingShown = false;
    for (const auto& item : f.kiosk.drawn()) headingShown |= item.text.find(a.surname) != std::string::npos;
    CHECK(headingShown);

    // The phone on the keypad, the address on the keyboard (its @ on the symbols page).
    f.tap("desk.contact.phone");
    press(f, "pad.", "0612345678");
    f.tap("desk.contact.email");
    press(f, "kbd.", "marie");
    f.tap("desk.contact.consent");
    f.tap("desk.contact.save");
    CHECK(f.kiosk.shows("Cette adresse e-mail n’est pas valable (nom@exemple.fr)."));
    CHECK_FALSE(health(f).appointments.find(a.id)->reminderConsent);

    f.tap("kbd.symbols");
    f.tap("kbd.@");
    f.tap("kbd.letters");
    press(f, "kbd.", "example.fr");
    f.kiosk.frames(2);
    if (const char* dir = std::getenv("VK_SCREENSHOT_DIR"))
        CHECK(f.kiosk.savePng(std::filesystem::path(dir) / "health-desk-consent.png"));
    f.tap("desk.contact.save");
    CHECK(f.kiosk.shows("Contact et rappels enregistrés."));
    CHECK(f.kiosk.shows("Rappels par SMS"));
    const auto saved = *health(f).appointments.find(a.id);
    CHECK(saved.reminderConsent);
    CHECK(saved.phone == "0612345678");
    CHECK(saved.email == "marie@example.fr");
    std::size_t audited = 0;
    for (const auto& entry : f.runtime.staff.recentAudit(100))
        audited += entry.action == "health.appointment.contact" && entry.actorName == "Claire Moreau";
    CHECK(audited == 1);
}

TEST_CASE("« Contact et rappels » fits at 1024×600, 1280×800 and 1920×1080 in French and English",
          "[ui][health][desk][reminders][layout]") {
    for (const char* language : {"fr", "en"})
        for (const auto& [width, height] : {std::pair{1024, 600}, std::pair{1280, 800}, std::pair{1920, 1080}}) {
            services::KioskConfig config;
            config.language = language;
            UiFixture f(width, height, config);
            const storage::Appointment a = firstBooked(f);
            openContact(f, a);
            f.tap("desk.contact.consent");
            f.kiosk.frames(2);
            expectContactViewFits(f, width, height);
            f.tap("desk.contact.email");
            f.kiosk.frames(2);
            expectContactViewFits(f, width, height);
            if (const char* dir = std::getenv("VK_REVIEW_DIR"))  // every size, to look at while working on it
                CHECK(f.kiosk.savePng(std::filesystem::path(dir) / ("health-desk-consent-" + std::string(language) +
                                                                    "-" + std::to_string(width) + ".png")));
        }
}

TEST_CASE("a number from abroad is typed with « + » in front on the desk's keypad, and « + » goes nowhere else",
          "[ui][health][desk][reminders]") {
    UiFixture f;
    const storage::Appointment a = firstBooked(f);
    openContact(f, a);
    f.tap("desk.contact.phone");
    f.tap("pad.plus");
    press(f, "pad.", "41");
    f.tap("pad.plus");  // not after a digit: nothing
    press(f, "pad.", "791234567");
    f.kiosk.frames(2);
    if (const char* dir = std::getenv("VK_SCREENSHOT_DIR"))
        CHECK(f.kiosk.savePng(std::filesystem::path(dir) / "health-desk-phone-abroad.png"));
    f.tap("desk.contact.consent");
    f.tap("desk.contact.save");
    CHECK(f.kiosk.shows("Contact et rappels enregistrés."));
    const auto saved = *health(f).appointments.find(a.id);
    CHECK(saved.phone == "+41791234567");
    CHECK(saved.reminderConsent);
    // Erased back to nothing, « + » may start the number again.
    f.tap("desk.contact." + a.id);
    f.tap("desk.contact.phone");
    for (int i = 0; i < 12; ++i) f.tap("pad.backspace");
    f.tap("pad.plus");
    press(f, "pad.", "33612345678");
    f.tap("desk.contact.save");
    CHECK(health(f).appointments.find(a.id)->phone == "+33612345678");
}
