// The seniors' meals, tapped through headless on the demo village (Saturday 21 November 2026): the café manager
// opens the day's meals, prints the kitchen's list and the drivers' lists, unticks someone absent and confirms
// the day; registers a recipient with the keyboard, a refused form keeping what was typed; reads the month's
// count per funder. Nothing of it is open without staff. Pictures go to VK_SCREENSHOT_DIR.

#include "hardware/escpos/printer_profiles.h"
#include "hardware/receipt_preview.h"
#include "kiosk/screens/meals/meals_screens.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/meals/meals_area.h"
#include "ui_fixture.h"

#include <cctype>
#include <cstdlib>
#include <filesystem>

using namespace vk;
using vk::test::UiFixture;

namespace {

services::meals::SeniorMeals& mealsOf(UiFixture& f) { return f.runtime.area<services::meals::MealsServices>().meals; }

void typeText(UiFixture& f, const std::string& text) {
    for (const char c : text) {
        if (c == ' ') f.tap("kbd.space");
        else f.tap(std::string("kbd.") + static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
}

void checkFits(UiFixture& f, const std::string& step) {
    f.kiosk.frames(2);
    for (const auto& item : f.kiosk.drawn()) {
        INFO(step << " at " << f.kiosk.width() << "x" << f.kiosk.height() << ": " << item.id << " « " << item.text << " »");
        CHECK_FALSE(item.overflows);
        CHECK(item.max.y <= static_cast<float>(f.kiosk.height()) + 0.5f);
        CHECK(item.max.x <= static_cast<float>(f.kiosk.width()) + 0.5f);
    }
}

void capture(UiFixture& f, const std::string& name) {
    checkFits(f, name);
    if (const char* dir = std::getenv("VK_SCREENSHOT_DIR"))
        CHECK(f.kiosk.savePng(std::filesystem::path(dir) / (name + ".png")));
}

}  // namespace

TEST_CASE("the meals screens are for the café manager and admins, never on the public screen", "[ui][meals]") {
    UiFixture f(1024, 600);
    for (const app::ScreenId id : {screens::kMealsDayScreen, screens::kMealsRegisterScreen, screens::kMealsCountScreen}) {
        const app::Screen* screen = f.kiosk.ui().screens().find(id);
        REQUIRE(screen);
        CHECK_FALSE(screen->allowed(std::nullopt));
        CHECK_FALSE(screen->isPublicDisplay());
    }
    f.kiosk.ui().openScreen(screens::kMealsRegisterScreen);
    f.kiosk.frames(2);
    CHECK(f.kiosk.state().screen == app::kHomeScreen);
    CHECK_FALSE(f.kiosk.shows("Germaine Lebrun"));
    f.signIn("Claire Moreau", "2580");  // the medical assistant
    CHECK_FALSE(f.kiosk.find("staff.home.meals"));
    f.kiosk.ui().openScreen(screens::kMealsRegisterScreen);
    f.kiosk.frames(2);
    CHECK(f.kiosk.state().screen != screens::kMealsRegisterScreen);
}

TEST_CASE("the manager prints the day's lists, unticks someone absent and confirms the day served", "[ui][meals][screenshots]") {
    UiFixture f(1024, 600);
    f.signIn("Julien Girard", "1357");
    f.tap("staff.home.meals");
    f.tap("meals.register.to_day");
    REQUIRE(f.kiosk.state().screen == screens::kMealsDayScreen);
    // Saturday: only Henri Bouvier, delivered. Monday has more: the screenshot is of Monday.
    CHECK(f.kiosk.shows("Henri Bouvier"));
    f.tap("meals.day.next");
    f.tap("meals.day.next");
    capture(f, "meals-day");
    CHECK(f.kiosk.shows("Germaine Lebrun"));
    const std::size_t before = f.runtime.previewPrinter->lastReceipts().size();
    f.tap("meals.day.print_kitchen");
    f.tap("meals.day.print_drivers");
    const auto receipts = f.runtime.previewPrinter->lastReceipts();
    REQUIRE(receipts.size() == before + 3);
    CHECK(receipts[before].kind == "meals_kitchen_list");
    CHECK(receipts[before + 1].kind == "meals_driver_round");
    CHECK(receipts[before + 2].kind == "meals_driver_round");
    if (const char* dir = std::getenv("VK_SCREENSHOT_DIR")) {
        const auto& paper = *hardware::escpos::findPrinterProfile("generic-80");
        CHECK(hardware::writePreviewPng(receipts[before], paper, std::filesystem::path(dir) / "meals-kitchen-list.png"));
        CHECK(hardware::writePreviewPng(receipts[before + 1], paper, std::filesystem::path(dir) / "meals-driver-round.png"));
    }
    f.tap("meals.day.serve");  // Monday has not come: nothing to confirm yet
    CHECK_FALSE(f.kiosk.find("meals.serve.confirm"));

    f.tap("meals.day.previous");
    f.tap("meals.day.previous");
    f.tap("meals.day.present.0");
    CHECK(f.kiosk.shows("Absent"));
    f.tap("meals.day.serve");
    capture(f, "meals-serve");
    CHECK(f.kiosk.shows("Repas servis : 0. Absents : 1."));
    f.tap("meals.serve.confirm");
    f.kiosk.frames(2);
    CHECK(f.kiosk.shows("C’est noté. Repas servis : 0. Absents : 1."));
    const auto served = mealsOf(f).serviceDay(services::health::localDay(f.clock.nowMs()));
    REQUIRE(served);
    CHECK(served->absent == 1);
    CHECK(served->confirmedBy == "Julien Girard");
}

TEST_CASE("the manager registers a recipient with the keyboard, and a form refused keeps what was typed",
          "[ui][meals][screenshots]") {
    UiFixture f(1024, 600);
    f.signIn("Julien Girard", "1357");
    f.tap("staff.home.meals");
    capture(f, "meals-register");
    f.tap("meals.register.new");
    f.tap("meals.register.mode_home");
    f.tap("meals.register.name");
    typeText(f, "Lucien");
    f.tap("kbd.done");
    capture(f, "meals-register-edit");
    // A delivery without an address is refused, and the name typed stays.
    f.tap("meals.register.save");
    f.kiosk.frames(2);
    CHECK(f.kiosk.shows("Une livraison à domicile demande une adresse (200 caractères au plus, sans caractères de contrôle)."));
    CHECK(f.kiosk.find("meals.register.name")->text.find("Lucien") != std::string::npos);
    f.tap("meals.register.address");
    typeText(f, "Lavoir");
    f.tap("kbd.done");
    f.tap("meals.register.save");
    f.kiosk.frames(2);
    CHECK(f.kiosk.shows("Enregistré : Lucien."));
    bool registered = false;
    for (const auto& r : mealsOf(f).recipients(&*f.kiosk.state().staff))
        registered |= r.details.name == "Lucien" && r.details.address == "Lavoir" &&
                      r.details.consentBy == "Julien Girard" && r.details.weekdays == 0x1f;
    CHECK(registered);
}

TEST_CASE("the month's count per funder shows the demo's days served", "[ui][meals][screenshots]") {
    UiFixture f(1024, 600);
    f.signIn("Julien Girard", "1357");
    f.tap("staff.home.meals");
    f.tap("meals.register.to_count");
    capture(f, "meals-count");
    CHECK(f.kiosk.shows("CCAS"));
    CHECK(f.kiosk.shows("Département"));
    CHECK(f.kiosk.shows("Tous financeurs"));
    f.tap("meals.count.next");
    CHECK(f.kiosk.shows("Aucun repas confirmé ce mois-ci."));
}

TEST_CASE("the meals screens fit at 1024x600 and 1920x1080 in both languages, with the form and the keyboard",
          "[ui][meals][layout]") {
    for (const char* language : {"fr", "en"})
        for (const auto& [width, height] : {std::pair{1024, 600}, std::pair{1920, 1080}}) {
            services::KioskConfig config;
            config.language = language;
            UiFixture f(width, height, config);
            f.signIn("Julien Girard", "1357");
            const std::string at = std::string(language) + " " + std::to_string(width);
            // The café manager's staff home, with the meals tool among the others.
            checkFits(f, "staff home " + at);
            f.tap("staff.home.meals");
            f.tap("meals.register.to_day");
            f.tap("meals.day.drivers_button");
            checkFits(f, "drivers " + at);
            f.tap("meals.drivers.done");
            f.tap("meals.day.next");
            f.tap("meals.day.next");
            checkFits(f, "day " + at);
            f.tap("meals.day.serve");  // Monday: not yet
            f.tap("meals.day.previous");
            f.tap("meals.day.previous");
            f.tap("meals.day.serve");
            checkFits(f, "serve " + at);
            f.tap("meals.serve.back");
            f.tap("common.back");  // the day's meals go back to the register
            REQUIRE(f.kiosk.state().screen == screens::kMealsRegisterScreen);
            f.tap("meals.register.recipient.2");
            checkFits(f, "edit " + at);
            f.tap("meals.register.remove");
            checkFits(f, "remove " + at);
            f.tap("meals.register.keep");
            f.tap("meals.register.address");
            checkFits(f, "keyboard " + at);
            f.tap("kbd.done");
            f.tap("common.back");
            f.tap("meals.register.to_count");
            f.tap("meals.count.previous");
            checkFits(f, "count " + at);
        }
}

TEST_CASE("in large text the meals screens still fit at 1024x600, in both languages", "[ui][meals][layout][large-text]") {
    for (const char* language : {"fr", "en"}) {
        services::KioskConfig config;
        config.language = language;
        UiFixture f(1024, 600, config);
        f.tap("home.large_text");
        f.signIn("Julien Girard", "1357");
        REQUIRE(f.kiosk.state().largeText);
        const std::string at = std::string(language) + " large text";
        f.tap("staff.home.meals");
        checkFits(f, "register " + at);
        f.tap("meals.register.recipient.2");
        checkFits(f, "edit " + at);
        f.tap("common.back");
        f.tap("meals.register.to_day");
        checkFits(f, "day " + at);
        f.tap("meals.day.drivers_button");
        checkFits(f, "drivers " + at);
        f.tap("meals.drivers.done");
        f.tap("meals.day.serve");
        checkFits(f, "serve " + at);
        f.tap("meals.serve.back");
        f.tap("common.back");
        f.tap("meals.register.to_count");
        f.tap("meals.count.previous");
        checkFits(f, "count " + at);
    }
}
