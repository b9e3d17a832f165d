// For everyone: read aloud, large text, contrast, the number of taps, words on every icon, time to read and
// touch targets measured in millimetres (docs/accessibility.md gives the figures these tests print).

#include "kiosk/app/kiosk_sound.h"
#include "kiosk/screens/board/board_screens.h"
#include "kiosk/screens/health/health_screens.h"
#include "kiosk/screens/parcels/parcels_screens.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/services/health/health_area.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/board/board_area.h"
#include "kiosk/services/shifts/shifts_area.h"
#include "kiosk/screens/shifts/shifts_screens.h"
#include "kiosk/ui/theme.h"
#include "tests/storage/temp_dir.h"
#include "ui_fixture.h"

#include <imgui.h>

#include <cmath>
#include <functional>
#include <map>
#include <cstdlib>
#include <iostream>

using namespace vk;
using vk::test::UiFixture;

namespace {

// The screens residents meet: anyone may open them, they are not the room's calling screen, and they are not the
// staff's door (the PIN pad).
std::vector<app::ScreenId> residentScreens(UiFixture& f) {
    std::vector<app::ScreenId> ids;
    for (const app::ScreenId& id : f.kiosk.ui().screens().ids()) {
        const app::Screen* screen = f.kiosk.ui().screens().find(id);
        if (screen->allowed(std::nullopt) && !screen->isPublicDisplay() && id != screens::kStaffSignInScreen)
            ids.push_back(id);
    }
    return ids;
}

// A point of the screen where no tappable widget was drawn (the page between widgets).
ImVec2 emptySpot(const UiFixture& f) {
    for (float y = f.kiosk.height() - 4.0f; y > 0; y -= 7.0f)
        for (float x = 4.0f; x < f.kiosk.width(); x += 9.0f) {
            bool onWidget = false;
            for (const auto& item : f.kiosk.drawn())
                onWidget |= item.tappable && x >= item.min.x - 12 && x <= item.max.x + 12 && y >= item.min.y - 12 &&
                            y <= item.max.y + 12;
            if (!onWidget) return ImVec2(x, y);
        }
    FAIL("no empty spot on the screen");
    return {};
}

services::health::HealthServices& health(UiFixture& f) { return f.runtime.area<services::health::HealthServices>(); }

}  // namespace

TEST_CASE("every resident screen offers « Écouter », reads what it declares, and any tap stops it", "[ui][a11y][speech]") {
    UiFixture f;
    const std::vector<app::ScreenId> ids = residentScreens(f);
    REQUIRE(ids.size() >= 7);
    for (const app::ScreenId& id : ids) {
        INFO(id.name);
        f.openScreen(id);
        REQUIRE(f.kiosk.find("common.listen"));
        CHECK(f.kiosk.shows("▶  Écouter"));
        const std::string words = f.kiosk.ui().spokenText();
        CHECK(words.size() > 10);
        f.tap("common.listen");
        CHECK(f.kiosk.ui().sound().reading());
        // What plays is those words: about a second for every 15 characters at 140 words a minute, give or take.
        const double seconds = f.kiosk.audio().last().seconds();
        CHECK(seconds > static_cast<double>(words.size()) / 40.0);
        CHECK(seconds < static_cast<double>(words.size()) / 5.0 + 2.0);
        CHECK(f.kiosk.shows("■  Arrêter"));
        // A finger anywhere, on a widget or not, silences it.
        const ImVec2 spot = emptySpot(f);
        f.kiosk.tapAt(spot.x, spot.y);
        CHECK_FALSE(f.kiosk.ui().sound().reading());
        CHECK(f.kiosk.state().screen == id);
        // « Arrêter » itself stops it, and does not start it again.
        f.tap("common.listen");
        REQUIRE(f.kiosk.ui().sound().reading());
        const int plays = f.kiosk.audio().playCount();
        f.tap("common.listen");
        CHECK_FALSE(f.kiosk.ui().sound().reading());
        CHECK(f.kiosk.audio().playCount() == plays);
    }
}

TEST_CASE("a visitor in English hears English", "[ui][a11y][speech]") {
    UiFixture f;
    f.tap("home.other_language");
    f.tap("home.tile.health");
    CHECK(f.kiosk.shows("▶  Listen"));
    CHECK(f.kiosk.ui().spokenText().find("check in") != std::string::npos);
    f.tap("common.listen");
    CHECK(f.kiosk.audio().last().seconds() > 3.0);
}

TEST_CASE("staff screens and the room's calling screen read nothing aloud", "[ui][a11y][speech]") {
    UiFixture f;
    const std::vector<app::ScreenId> residents = residentScreens(f);
    int staffScreens = 0;
    for (const app::ScreenId& id : f.kiosk.ui().screens().ids()) {
        if (std::find(residents.begin(), residents.end(), id) != residents.end()) continue;
        INFO(id.name);
        f.openScreen(id);
        CHECK(f.kiosk.ui().spokenText().empty());
        CHECK_FALSE(f.kiosk.find("common.listen"));
        ++staffScreens;
    }
    CHECK(staffScreens >= 10);
}

TEST_CASE("no resident screen reads a patient's name aloud, from the choice to the ticket", "[ui][a11y][speech]") {
    UiFixture f;
    std::vector<std::string> names;
    for (const auto& a : health(f).appointments.day(services::health::localDay(f.clock.nowMs()))) {
        names.push_back(a.surname);
        if (!a.givenName.empty()) names.push_back(a.givenName);
    }
    REQUIRE(names.size() >= 4);
    std::vector<std::string> heard;
    auto listen = [&] { heard.push_back(f.kiosk.ui().spokenText()); };
    f.tap("home.tile.health");
    listen();
    f.tap("health.check_in");
    listen();
    f.tap("check_in.by_birth_date");
    for (const char* key : {"pad.1", "pad.4", "pad.0", "pad.3", "pad.1", "pad.9", "pad.5", "pad.0", "pad.ok"}) f.tap(key);
    listen();
    for (const char* key : {"letters.M", "letters.O", "letters.ok"}) f.tap(key);
    listen();
    REQUIRE(f.kiosk.shows("C’est noté : votre arrivée est enregistrée."));
    CHECK(heard.back().find("M-00") != std::string::npos);  // the ticket's number is said
    for (const std::string& words : heard)
        for (const std::string& name : names) {
            INFO(words);
            CHECK(words.find(name) == std::string::npos);
        }
    f.kiosk.ui().openScreen(screens::kCallingScreen);
    CHECK(f.kiosk.ui().spokenText().empty());
}

TEST_CASE("without an audio device, or with reading turned off, « Écouter » is not offered", "[ui][a11y][speech]") {
    {
        UiFixture f(1280, 800, {}, true, false);
        CHECK_FALSE(f.kiosk.find("common.listen"));
        f.tap("home.tile.health");
        CHECK_FALSE(f.kiosk.find("common.listen"));
        CHECK_FALSE(f.kiosk.ui().sound().canReadAloud());
        CHECK(f.kiosk.audio().playCount() == 0);
    }
    services::KioskConfig config;
    config.sound.readAloud = false;
    UiFixture f(1280, 800, config);
    f.tap("home.tile.info");
    CHECK_FALSE(f.kiosk.find("common.listen"));
    // Large text is still there.
    f.tap("common.back");
    CHECK(f.kiosk.find("home.large_text"));
}

TEST_CASE("a resident's call for help sounds the chime on the assistant's waiting room at once, and once", "[ui][a11y][chime]") {
    for (const bool chimeOn : {true, false}) {
        INFO("help_chime = " << chimeOn);
        services::KioskConfig config;
        config.sound.helpChime = chimeOn;
        UiFixture f(1280, 800, config);
        f.signIn("Claire Moreau", "2580");
        f.tap("staff.home.waiting_room");
        f.kiosk.frames(2);
        CHECK(f.kiosk.ui().sound().chimesPlayed() == 0);  // what was there before she came is not news
        health(f).checkIn.askForHelp(services::health::HelpReason::Asked);
        // At the next frame, with no time gone by: not at the minute's reload.
        f.kiosk.frames(1);
        CHECK(f.kiosk.ui().sound().chimesPlayed() == (chimeOn ? 1 : 0));
        f.kiosk.frames(1);
        bool noticeShown = false;  // with its « Vu » button
        for (const auto& item : f.kiosk.drawn()) noticeShown |= item.id.rfind("waiting.help.seen.", 0) == 0;
        CHECK(noticeShown);
        CHECK(f.kiosk.ui().sound().chimesPlayed() == (chimeOn ? 1 : 0));
        if (chimeOn) {
            CHECK(f.kiosk.audio().last().seconds() < 1.5);
        }
        f.advanceSeconds(61);
        CHECK(f.kiosk.ui().sound().chimesPlayed() == (chimeOn ? 1 : 0));  // the same request does not chime again
    }
}

TEST_CASE("a call for help from another kiosk on the same database chimes within a few seconds", "[ui][a11y][chime]") {
    storage::testing::TempDir folder;
    services::KioskConfig config;
    config.dataDir = folder.path;
    i18n::setLanguage(config.language);
    services::ManualClock clock(1'795'257'000'000);  // a Saturday morning, as the other UI tests
    services::RuntimeOptions options;
    options.pinStrength = services::PinHasher::Strength::FastForTests;
    options.clock = &clock;
    options.seedDemoData = true;
    services::KioskRuntime desk(config, options);
    app::KioskServices deskServices(desk);
    app::HeadlessKiosk kiosk(&deskServices, desk.config, 1280, 800);
    kiosk.frames(2);
    // The assistant at her desk, her waiting room open.
    REQUIRE(kiosk.tap("home.staff_entry"));
    std::string claire;
    for (const auto& account : desk.staff.accounts())
        if (account.displayName == "Claire Moreau") claire = account.id;
    REQUIRE(kiosk.tap("staff.sign_in.account." + claire));
    for (const char* key : {"pad.2", "pad.5", "pad.8", "pad.0", "pad.ok"}) REQUIRE(kiosk.tap(key));
    REQUIRE(kiosk.tap("staff.home.waiting_room"));
    kiosk.frames(2);
    REQUIRE(kiosk.ui().sound().chimesPlayed() == 0);
    // The kiosk in the hall: another connection to the same file, as another process has.
    options.seedDemoData = false;
    services::KioskRuntime hall(config, options);
    hall.area<services::health::HealthServices>().checkIn.askForHelp(services::health::HelpReason::NotFound);
    int waitedMs = 0;
    while (kiosk.ui().sound().chimesPlayed() == 0 && waitedMs < 10'000) {
        clock.advanceMs(500);
        waitedMs += 500;
        kiosk.frame();
    }
    std::cout << "help chime for a call from another process: after " << waitedMs << " ms\n";
    CHECK(kiosk.ui().sound().chimesPlayed() == 1);
    CHECK(waitedMs <= 2'500);
    bool noticeShown = false;
    for (const auto& item : kiosk.drawn()) noticeShown |= item.id.rfind("waiting.help.seen.", 0) == 0;
    CHECK(noticeShown);
    // Other writes from there (a check-in) reread the notices but do not chime again.
    hall.area<services::health::HealthServices>().checkIn.byCode("ZZZZ");
    clock.advanceMs(3'000);
    kiosk.frames(2);
    CHECK(kiosk.ui().sound().chimesPlayed() == 1);
}

TEST_CASE("large text makes the screens 1.4 times larger for one visit", "[ui][a11y][large-text]") {
    UiFixture f(1024, 600);
    const float normal = ui::fonts().body->FontSize;
    const float tileHeight = f.kiosk.find("home.tile.health")->max.y - f.kiosk.find("home.tile.health")->min.y;
    f.tap("home.large_text");
    CHECK(f.kiosk.state().largeText);
    CHECK(ui::fonts().body->FontSize == Approx(normal * 1.4f).margin(1.0f));
    CHECK(f.kiosk.shows("A+  Texte normal"));
    f.tap("home.tile.health");
    CHECK(ui::fonts().body->FontSize == Approx(normal * 1.4f).margin(1.0f));
    // « Terminer » and Back keep it for the visit; the idle return gives the next visitor the usual size.
    f.tap("common.back");
    CHECK(f.kiosk.state().largeText);
    f.tap("home.tile.info");
    f.advanceSeconds(f.runtime.config.idleTimeoutSeconds + 1);
    CHECK(f.kiosk.state().screen == app::kHomeScreen);
    CHECK_FALSE(f.kiosk.state().largeText);
    CHECK(ui::fonts().body->FontSize == Approx(normal));
    CHECK(f.kiosk.find("home.tile.health")->max.y - f.kiosk.find("home.tile.health")->min.y == Approx(tileHeight));
    // Asked for and taken back within one visit.
    f.tap("home.large_text");
    f.tap("home.large_text");
    CHECK(ui::fonts().body->FontSize == Approx(normal));
}

namespace {

double channel(unsigned value) {
    const double c = value / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

// WCAG 2.2's relative luminance and contrast ratio.
double luminance(ImU32 color) {
    return 0.2126 * channel((color >> IM_COL32_R_SHIFT) & 0xFF) + 0.7152 * channel((color >> IM_COL32_G_SHIFT) & 0xFF) +
           0.0722 * channel((color >> IM_COL32_B_SHIFT) & 0xFF);
}

double contrast(ImU32 a, ImU32 b) {
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace

TEST_CASE("every colour words are drawn in reads at 4.5:1 at least on every ground it is drawn on (WCAG 2.2)", "[ui][a11y][contrast]") {
    // The formula itself, on the values WCAG gives: black on white is 21:1, and #767676 on white just passes.
    CHECK(contrast(IM_COL32(0, 0, 0, 255), IM_COL32(255, 255, 255, 255)) == Approx(21.0));
    CHECK(contrast(IM_COL32(0x76, 0x76, 0x76, 255), IM_COL32(255, 255, 255, 255)) == Approx(4.54).margin(0.01));
    // Body text needs 4.5:1 and large text (titles) 3:1: every pair is held to the body's.
    double lowest = 100.0;
    for (const ImU32 ink : ui::colors::kInksOnLight)
        for (const ImU32 ground : ui::colors::kLightGrounds) {
            INFO(std::hex << "ink " << ink << " on " << ground << ": " << contrast(ink, ground));
            CHECK(contrast(ink, ground) >= 4.5);
            lowest = std::min(lowest, contrast(ink, ground));
        }
    for (const ImU32 ground : ui::colors::kDarkGrounds) {
        INFO(std::hex << "white on " << ground << ": " << contrast(ui::colors::kOnDark, ground));
        CHECK(contrast(ui::colors::kOnDark, ground) >= 4.5);
        lowest = std::min(lowest, contrast(ui::colors::kOnDark, ground));
    }
    std::cout << "contrast: lowest pair " << lowest << ":1 (body text needs 4.5:1, large text 3:1)\n";
}

namespace {

// Taps as a resident makes them, counted: `typing` are the keys of a code, OK included.
struct TapCount {
    UiFixture& f;
    int taps = 0;
    int typing = 0;
    void tap(const std::string& id) {
        f.tap(id);
        ++taps;
    }
    void type(const std::string& id) {
        f.tap(id);
        ++typing;
    }
};

}  // namespace

TEST_CASE("each resident task takes few taps from the home screen", "[ui][a11y][taps]") {
    UiFixture f;
    std::cout << "taps from the home screen (typing: the keys of a code, OK included):\n";

    SECTION("see this week's doctor: 1 tap") {
        TapCount count{f};
        count.tap("home.tile.health");
        const auto weeks = health(f).rota.weeks(
            services::health::displayedWeekMonday(services::health::localDay(f.clock.nowMs())), 1);
        REQUIRE_FALSE(weeks.empty());
        REQUIRE_FALSE(weeks.front().visits.empty());
        CHECK(f.kiosk.shows(weeks.front().visits.front().doctorName));
        std::cout << "  this week's doctor: " << count.taps << "\n";
        CHECK(count.taps <= 1);
    }
    SECTION("check in with a code: at most 3 taps and the typing") {
        std::string code;
        for (const auto& a : health(f).appointments.day(services::health::localDay(f.clock.nowMs())))
            if (a.surname == "Nguyen") code = a.code.value_or("");
        REQUIRE(code.size() >= 4);
        f.advanceSeconds(60 * 60);  // the appointment is at 13:00; its check-in opens at 12:00
        TapCount count{f};
        count.tap("home.tile.health");
        count.tap("health.check_in");
        count.tap("check_in.by_code");
        for (const char c : code) count.type(std::string("code.") + c);
        count.type("code.ok");
        CHECK(f.kiosk.shows("C’est noté : votre arrivée est enregistrée."));
        std::cout << "  check in with a code: " << count.taps << " + typing " << count.typing << "\n";
        CHECK(count.taps <= 3);
    }
    SECTION("collect a parcel: at most 3 taps and the typing") {
        TapCount count{f};
        count.tap("home.tile.parcels");
        for (const char c : std::string("K7M4PQ")) count.type(std::string("parcels.key.") + c);
        count.type("parcels.key.ok");
        CHECK(f.kiosk.shows("Présentez-vous au comptoir"));
        std::cout << "  collect a parcel: " << count.taps << " + typing " << count.typing << "\n";
        CHECK(count.taps <= 3);
    }
    SECTION("read the board: 1 tap") {
        TapCount count{f};
        count.tap("home.tile.board");
        bool postShown = false;
        for (const auto& item : f.kiosk.drawn()) postShown |= item.id.rfind("board.post.", 0) == 0;
        CHECK(postShown);
        std::cout << "  read the board: " << count.taps << "\n";
        CHECK(count.taps <= 1);
    }
    SECTION("find an event: at most 2 taps") {
        TapCount count{f};
        count.tap("home.tile.agenda");
        std::string first;
        for (const auto& item : f.kiosk.drawn())
            if (first.empty() && item.id.rfind("agenda.event.", 0) == 0) first = item.id;
        REQUIRE_FALSE(first.empty());
        count.tap(first);
        CHECK(f.kiosk.shows("Je m’inscris"));
        std::cout << "  find an event: " << count.taps << "\n";
        CHECK(count.taps <= 2);
    }
}

TEST_CASE("every icon a resident can tap comes with words", "[ui][a11y][icons]") {
    struct Display {
        int width;
        int height;
        bool largeText;
    };
    // The narrowest keys are those of large text on the smallest display.
    for (const Display& display : {Display{1280, 800, false}, Display{1024, 600, false}, Display{1024, 600, true},
                                   Display{1920, 1080, true}}) {
        UiFixture f(display.width, display.height);
        if (display.largeText) f.tap("home.large_text");
        const std::string size = std::to_string(display.width) + "x" + std::to_string(display.height) +
                                 (display.largeText ? " in large text" : "");
        const char* icons[] = {ui::symbols::kBack,      ui::symbols::kHealth, ui::symbols::kParcels, ui::symbols::kBoard,
                               ui::symbols::kInfo,      ui::symbols::kStaff,  ui::symbols::kBackspace, ui::symbols::kShift,
                               ui::symbols::kCheck,     ui::symbols::kWarning, ui::symbols::kArrow,  ui::symbols::kRemove,
                               ui::symbols::kPlay,      ui::symbols::kStop};
        auto check = [&](const std::string& where) {
            for (const auto& item : f.kiosk.drawn()) {
                if (!item.tappable) continue;
                bool hasIcon = false;
                for (const char* icon : icons) hasIcon |= item.text.find(icon) != std::string::npos;
                if (!hasIcon) continue;
                // Words: two letters in a row (Latin letters or the UTF-8 lead byte of an accented one).
                int run = 0;
                bool hasWord = false;
                for (const char c : item.text) {
                    run = (std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0xC3) ? run + 1 : 0;
                    hasWord |= run >= 2;
                }
                INFO(size << ", " << where << ": " << item.id << " « " << item.text << " »");
                CHECK(hasWord);
                CHECK_FALSE(item.overflows);
            }
        };
        // The erase and shift keys of a pad say « Effacer » and « Maj », whole, and OK says « Valider ».
        auto expectKey = [&](const std::string& where, const std::string& id, const std::string& word) {
            INFO(size << ", " << where << ": " << id);
            const ui::DrawnItem* key = f.kiosk.find(id);
            REQUIRE(key);
            CHECK(key->text.find(word) != std::string::npos);
            CHECK_FALSE(key->overflows);
        };
        check("home");
        for (const app::ScreenId& id : residentScreens(f)) {
            f.openScreen(id);
            check(std::string(id.name));
            if (id == screens::kParcelPickupScreen) expectKey("relay point", "parcels.key.backspace", "Effacer");
            if (id == screens::kBoardNewPostScreen) {
                expectKey("full keyboard", "kbd.backspace", "Effacer");
                expectKey("full keyboard", "kbd.shift", "Maj");
            }
        }
        // The keypads of the check-in.
        f.kiosk.ui().openScreen(app::kHomeScreen);
        f.kiosk.frames(2);
        f.tap("home.tile.health");
        f.tap("health.check_in");
        f.tap("check_in.by_birth_date");
        check("birth date pad");
        expectKey("birth date pad", "pad.backspace", "Effacer");
        for (const char* key : {"pad.1", "pad.4", "pad.0", "pad.3", "pad.1", "pad.9", "pad.5", "pad.0", "pad.ok"}) f.tap(key);
        check("letters");
        expectKey("letter pad", "letters.backspace", "Effacer");
        expectKey("letter pad", "letters.ok", "Valider");
        f.tap("common.back");
        f.tap("common.back");
        f.tap("check_in.by_code");
        check("code pad");
        expectKey("code pad", "code.backspace", "Effacer");
        expectKey("code pad", "code.ok", "Valider");
    }
}

TEST_CASE("with the shortest idle timeout, nothing a resident reads goes in under 10 s", "[ui][a11y][time]") {
    services::KioskConfig config;
    config.idleTimeoutSeconds = 20;  // the least kiosk.idle_timeout_seconds accepts
    UiFixture f(1280, 800, config);
    f.tap("home.tile.parcels");
    for (const char c : std::string("K7M4PQ")) f.tap(std::string("parcels.key.") + c);
    f.tap("parcels.key.ok");
    REQUIRE(f.kiosk.shows("Présentez-vous au comptoir"));
    // The result stays until « Voulez-vous plus de temps ? », which stays 10 s before the return home.
    int shownFor = 0;
    while (f.kiosk.shows("Présentez-vous au comptoir")) {
        f.advanceSeconds(1);
        ++shownFor;
    }
    CHECK(shownFor >= 10);
    REQUIRE(f.kiosk.state().screen == screens::kParcelPickupScreen);
    int questionFor = 0;
    while (f.kiosk.state().screen != app::kHomeScreen && questionFor < 60) {
        f.advanceSeconds(1);
        ++questionFor;
    }
    std::cout << "idle timeout 20 s: a result shown " << shownFor << " s, then the question " << questionFor << " s\n";
    CHECK(questionFor >= 10);
}

namespace {

// The smallest side of every widget that can be tapped on the screen, in millimetres on a display of `inches`.
void expectTargetsAtLeast9mm(UiFixture& f, double inches, const std::string& where, double& smallest) {
    const double pixelsPerMm = std::hypot(f.kiosk.width(), f.kiosk.height()) / (inches * 25.4);
    for (const auto& item : f.kiosk.drawn()) {
        // A row scrolled half out of its list is cut by the list's edge, not small.
        if (!item.tappable || item.clipped) continue;
        const double width = item.max.x - item.min.x;
        const double height = item.max.y - item.min.y;
        const double mm = std::min(width, height) / pixelsPerMm;
        INFO(where << ": " << item.id << " « " << item.text << " » " << width << "×" << height << " px = " << mm << " mm");
        CHECK(mm >= 9.0);
        smallest = std::min(smallest, mm);
    }
}

}  // namespace

TEST_CASE("every target a resident taps is at least 9 mm at the configured screen size", "[ui][a11y][targets]") {
    // The configured diagonal at each supported size, and a small 10.1" panel at 1024×600, the densest there is.
    struct Display {
        int width;
        int height;
        double inches;
    };
    const double configured = services::KioskConfig{}.screenDiagonalInches;
    for (const Display& display : {Display{1024, 600, configured}, Display{1280, 800, configured},
                                   Display{1920, 1080, configured}, Display{1024, 600, 10.1}}) {
        services::KioskConfig config;
        config.screenDiagonalInches = display.inches;
        UiFixture f(display.width, display.height, config);
        const std::string size = std::to_string(display.width) + "x" + std::to_string(display.height) + " at " +
                                 std::to_string(display.inches).substr(0, 4) + "\"";
        double smallest = 1000.0;
        expectTargetsAtLeast9mm(f, config.screenDiagonalInches, size + " home", smallest);
        for (const app::ScreenId& id : residentScreens(f)) {
            f.openScreen(id);
            expectTargetsAtLeast9mm(f, config.screenDiagonalInches, size + " " + std::string(id.name), smallest);
        }
        f.kiosk.ui().returnHome("test");
        f.kiosk.frames(2);
        f.tap("home.tile.health");
        f.tap("health.check_in");
        f.tap("check_in.by_birth_date");
        expectTargetsAtLeast9mm(f, config.screenDiagonalInches, size + " birth date pad", smallest);
        for (const char* key : {"pad.1", "pad.4", "pad.0", "pad.3", "pad.1", "pad.9", "pad.5", "pad.0", "pad.ok"}) f.tap(key);
        expectTargetsAtLeast9mm(f, config.screenDiagonalInches, size + " letters", smallest);
        std::cout << "touch targets at " << size << ": smallest " << smallest << " mm\n";
    }
}

TEST_CASE("every target the assistant taps in the rota editor is at least 9 mm, on its keypad too", "[ui][a11y][targets]") {
    struct Display {
        int width;
        int height;
        double inches;
    };
    const double configured = services::KioskConfig{}.screenDiagonalInches;
    for (const Display& display : {Display{1024, 600, configured}, Display{1280, 800, configured},
                                   Display{1920, 1080, configured}, Display{1024, 600, 10.1}}) {
        services::KioskConfig config;
        config.screenDiagonalInches = display.inches;
        UiFixture f(display.width, display.height, config);
        const std::string size = std::to_string(display.width) + "x" + std::to_string(display.height) + " at " +
                                 std::to_string(display.inches).substr(0, 4) + "\"";
        double smallest = 1000.0;
        f.signIn("Claire Moreau", "2580");
        f.tap("staff.home.rota");
        REQUIRE(f.kiosk.state().screen == screens::kRotaEditorScreen);
        expectTargetsAtLeast9mm(f, config.screenDiagonalInches, size + " rota editor", smallest);
        f.tap("rota.edit.add_visit");
        expectTargetsAtLeast9mm(f, config.screenDiagonalInches, size + " rota editor, a visit", smallest);
        std::cout << "rota editor targets at " << size << ": smallest " << smallest << " mm\n";
    }
}

TEST_CASE("the SDL audio output plays and stops where a device opens, and is silent where none does", "[ui][a11y][audio]") {
    services::MonoPcm chime = services::helpChime(22050, 50);
    {
        // SDL's dummy driver (the tests' SDL_AUDIODRIVER) opens a device that plays into nothing.
        setenv("SDL_AUDIODRIVER", "dummy", 1);
        const auto audio = ui::openDefaultAudio(22050);
        REQUIRE(audio->available());
        services::MonoPcm longTone;
        longTone.samples.assign(22050 * 15, 1000);  // 15 s: still queued when we look
        audio->play(longTone);
        CHECK(audio->playing());
        audio->stop();
        CHECK_FALSE(audio->playing());
    }
    {
        setenv("SDL_AUDIODRIVER", "no-such-driver", 1);
        const auto audio = ui::openDefaultAudio(22050);
        CHECK_FALSE(audio->available());
        audio->play(chime);
        CHECK_FALSE(audio->playing());
        audio->stop();
    }
    setenv("SDL_AUDIODRIVER", "dummy", 1);
}
namespace {

// The main actions of every resident screen and step, which must be in view without a drag in large text: what
// ends or moves the task on. Lists (the board's posts and categories, the week's events), the village
// information and the words under a result may scroll; these may not (docs/accessibility.md, "Large text").
struct MainActions {
    std::string where;
    std::vector<std::string> ids;
};

const std::vector<std::string> kCodeKeys = {"code.ok", "code.backspace", "code.3", "code.Y"};

// Walks every resident screen as it opens, then each step of the check-in and of the relay point, calling
// `look` on each with the actions that must be in view.
void walkResidentSteps(UiFixture& f, const std::function<void(const MainActions&)>& look) {
    std::vector<std::string> home = {"home.large_text", "home.staff_entry"};
    for (const auto& item : f.kiosk.drawn())
        if (item.id.rfind("home.tile.", 0) == 0) home.push_back(item.id);
    look({"home", home});
    const std::map<std::string, std::vector<std::string>> opened = {
        {"health-rota", {"health.check_in"}},
        {"health-check-in", {"check_in.by_birth_date", "check_in.by_code", "check_in.see_assistant"}},
        {"parcels-pickup", {"parcels.key.ok", "parcels.key.backspace", "parcels.key.3", "parcels.key.Y"}},
        {"board", {"board.offers", "board.requests", "board.search", "board.new_post"}},
        {"board-post", {"board.post.back"}},
        {"board-new-post", {"kbd.done", "kbd.backspace", "kbd.shift", "kbd.symbols"}},
        {"agenda-week", {"agenda.week.previous", "agenda.week.next"}},
        {"shifts-week", {"shifts.week.previous", "shifts.week.next", "shifts.mine"}},
        {"orders-order", {"kbd.done", "kbd.backspace", "kbd.shift"}},
        {"info-village", {}},
    };
    for (const app::ScreenId& id : residentScreens(f)) {
        if (id == app::kHomeScreen) continue;  // seen above
        f.openScreen(id);
        const auto known = opened.find(std::string(id.name));
        INFO(id.name << ": a resident screen this test does not know; say what its main actions are");
        REQUIRE(known != opened.end());
        std::vector<std::string> ids = known->second;
        ids.push_back("common.back");
        look({std::string(id.name), ids});
    }
    f.kiosk.ui().openScreen(app::kHomeScreen);
    f.kiosk.frames(2);
    f.tap("home.tile.health");
    f.tap("health.check_in");
    f.tap("check_in.by_birth_date");
    look({"check-in birth date", {"common.back", "pad.ok", "pad.backspace", "pad.1", "pad.0"}});
    for (const char* key : {"pad.1", "pad.4", "pad.0", "pad.3", "pad.1", "pad.9", "pad.5", "pad.0", "pad.ok"}) f.tap(key);
    look({"check-in letters", {"common.back", "letters.ok", "letters.backspace", "letters.A", "letters.Z"}});
    for (const char* key : {"letters.M", "letters.O", "letters.ok"}) f.tap(key);
    look({"check-in ticket", {"check_in.finish"}});
    f.tap("check_in.finish");
    f.tap("home.tile.health");
    f.tap("health.check_in");
    f.tap("check_in.by_code");
    look({"check-in code", kCodeKeys});
    for (const char* key : {"code.3", "code.4", "code.6", "code.7", "code.ok"}) f.tap(key);
    look({"check-in not found", {"check_in.retry", "check_in.ask_assistant", "check_in.finish"}});
    f.tap("check_in.ask_assistant");
    look({"check-in help asked", {"check_in.finish"}});
    f.tap("check_in.finish");
    f.tap("home.tile.parcels");
    for (const char c : std::string("K7M4PQ")) f.tap(std::string("parcels.key.") + c);
    f.tap("parcels.key.ok");
    look({"parcel pickup, to the counter", {"parcels.pickup.finish"}});
    f.tap("parcels.pickup.finish");
    f.tap("home.tile.parcels");
    for (const char c : std::string("AAAAAA")) f.tap(std::string("parcels.key.") + c);
    f.tap("parcels.key.ok");
    look({"parcel pickup, unknown code", {"parcels.pickup.retry", "parcels.pickup.finish"}});
    f.tap("parcels.pickup.finish");
    // Signing up for an event: its page, who, their code, the check, the ticket.
    f.tap("home.tile.agenda");
    std::string event;  // the demo's digital workshop (its title is the village's, in French whatever the language)
    for (const auto& item : f.kiosk.drawn())
        if (item.id.rfind("agenda.event.", 0) == 0 && item.text.find("numérique") != std::string::npos) event = item.id;
    REQUIRE_FALSE(event.empty());
    f.tap(event);
    look({"agenda event", {"common.back", "agenda.sign_up"}});
    f.tap("agenda.sign_up");
    look({"agenda sign-up, who", {"kbd.done", "kbd.backspace", "kbd.shift"}});
    for (const char* key : {"kbd.p", "kbd.a", "kbd.u", "kbd.l", "kbd.space", "kbd.m", "kbd.a", "kbd.r", "kbd.t", "kbd.i",
                            "kbd.n"})
        f.tap(key);
    f.tap("kbd.done");
    look({"agenda sign-up, code", {"pad.ok", "pad.backspace", "pad.1", "pad.0"}});
    for (const char* key : {"pad.8", "pad.6", "pad.4", "pad.2", "pad.ok"}) f.tap(key);
    look({"agenda sign-up, check", {"agenda.confirm"}});
    f.tap("agenda.confirm");
    look({"agenda sign-up, done", {"agenda.finish"}});
    f.tap("agenda.finish");
    // Ordering bread: who, their code, the supplier, the day, how many, the check, done.
    f.tap("home.tile.orders");
    for (const char* key : {"kbd.m", "kbd.a", "kbd.r", "kbd.c", "kbd.e", "kbd.l", "kbd.space", "kbd.r", "kbd.o", "kbd.u",
                            "kbd.x"})
        f.tap(key);
    f.tap("kbd.done");
    look({"order, code", {"pad.ok", "pad.backspace", "pad.1", "pad.0"}});
    for (const char* key : {"pad.3", "pad.5", "pad.7", "pad.9", "pad.ok"}) f.tap(key);
    look({"order, supplier", {"common.back", "orders.supplier.0"}});
    f.tap("orders.supplier.0");
    look({"order, day", {"common.back", "orders.day.0"}});
    f.tap("orders.day.0");
    std::string firstItem;
    for (const auto& item : f.kiosk.drawn())
        if (firstItem.empty() && item.id.rfind("orders.item.", 0) == 0) firstItem = item.id;
    REQUIRE_FALSE(firstItem.empty());
    f.tap(firstItem);
    look({"order, how many", {"pad.ok", "pad.backspace", "pad.1", "pad.0"}});
    for (const char* key : {"pad.2", "pad.ok"}) f.tap(key);
    look({"order, check", {"orders.confirm"}});
    f.tap("orders.confirm");
    look({"order, done", {"orders.finish"}});
    f.tap("orders.finish");
    // Signing up for a volunteer shift, from the orders' first step: the shift, who, their code, the reminder, done.
    f.tap("home.tile.orders");
    f.tap("orders.shifts");
    REQUIRE(f.kiosk.state().screen == screens::kShiftsWeekScreen);
    auto& book = f.runtime.area<services::shifts::ShiftsServices>().shifts;
    const auto marcel = f.runtime.area<services::board::BoardServices>().members.list("Marcel Roux");
    REQUIRE(marcel.size() == 1);
    const std::string thisMonday = services::health::mondayOf(services::health::localDay(f.runtime.clock.nowMs()));
    int chosen = -1;  // the first shift with a place left that Marcel is not on, this week or the next
    for (int w = 0; w < 2 && chosen < 0; ++w) {
        const auto week = book.shiftsOfWeek(services::health::addDays(thisMonday, 7 * w));
        for (std::size_t i = 0; i < week.size() && chosen < 0; ++i) {
            bool marcelOn = false;
            for (const auto& place : book.signUpsOf(week[i].id))
                marcelOn = marcelOn || (place.memberId == marcel[0].id &&
                                        place.state == services::shifts::ShiftSignUpState::SignedUp);
            if (!book.hasStarted(week[i]) && week[i].placesLeft() > 0 && !marcelOn) chosen = static_cast<int>(i);
        }
        if (chosen < 0) f.tap("shifts.week.next");
    }
    REQUIRE(chosen >= 0);
    f.tap("shifts.shift." + std::to_string(chosen));
    look({"shift", {"common.back", "shifts.sign_up"}});
    f.tap("shifts.sign_up");
    look({"shift sign-up, who", {"kbd.done", "kbd.backspace", "kbd.shift"}});
    for (const char* key : {"kbd.m", "kbd.a", "kbd.r", "kbd.c", "kbd.e", "kbd.l", "kbd.space", "kbd.r", "kbd.o", "kbd.u",
                            "kbd.x"})
        f.tap(key);
    f.tap("kbd.done");
    look({"shift sign-up, code", {"pad.ok", "pad.backspace", "pad.1", "pad.0"}});
    for (const char* key : {"pad.3", "pad.5", "pad.7", "pad.9", "pad.ok"}) f.tap(key);
    look({"shift sign-up, the reminder", {"shifts.confirm.reminder", "shifts.confirm.no_reminder"}});
    f.tap("shifts.confirm.reminder");
    look({"shift sign-up, done", {"shifts.finish"}});
    f.tap("shifts.finish");
    // A new post on the board: who, their code, offer or request, the kind, the category, title, text, the
    // preview, sent.
    f.tap("home.tile.board");
    f.tap("board.new_post");
    for (const char* key : {"kbd.m", "kbd.a", "kbd.r", "kbd.i", "kbd.e", "kbd.space", "kbd.d", "kbd.u", "kbd.p", "kbd.o",
                            "kbd.n", "kbd.t"})
        f.tap(key);
    f.tap("kbd.done");
    look({"new post, code", {"pad.ok", "pad.backspace", "pad.1", "pad.0"}});
    for (const char* key : {"pad.2", "pad.4", "pad.6", "pad.8", "pad.ok"}) f.tap(key);
    look({"new post, offer or request", {"common.back", "board.new.offer", "board.new.request"}});
    f.tap("board.new.request");
    look({"new post, kind", {"common.back", "board.new.kind.free"}});
    f.tap("board.new.kind.free");
    look({"new post, category", {"common.back", "board.new.category.garden"}});
    f.tap("board.new.category.garden");
    look({"new post, title", {"kbd.done", "kbd.backspace", "kbd.shift"}});
    for (const char* key : {"kbd.r", "kbd.o", "kbd.s", "kbd.e", "kbd.s"}) f.tap(key);
    f.tap("kbd.done");
    look({"new post, text", {"kbd.done", "kbd.backspace", "kbd.shift"}});
    for (const char* key : {"kbd.m", "kbd.a", "kbd.r", "kbd.s"}) f.tap(key);
    f.tap("kbd.done");
    look({"new post, preview", {"board.new.send"}});
    f.tap("board.new.send");
    look({"new post, sent", {"board.new.finish"}});
    f.tap("board.new.finish");
}

}  // namespace

TEST_CASE("in large text the main action of every resident screen and step is in view without a drag", "[ui][a11y][large-text][main-action]") {
    for (const char* language : {"fr", "en"})
        for (const auto& [width, height] : {std::pair{1024, 600}, std::pair{1280, 800}, std::pair{1920, 1080}}) {
            services::KioskConfig config;
            config.language = language;
            UiFixture f(width, height, config);
            f.tap("home.large_text");
            int steps = 0;
            walkResidentSteps(f, [&](const MainActions& step) {
                REQUIRE(f.kiosk.state().largeText);
                ++steps;
                for (const std::string& id : step.ids) {
                    INFO(step.where << " at " << width << "x" << height << " in " << language << ": " << id);
                    // Drawn this frame with no drag: recorded only where it is on screen, and whole.
                    const ui::DrawnItem* item = f.kiosk.find(id);
                    REQUIRE(item);
                    CHECK_FALSE(item->clipped);
                    CHECK(item->min.x >= 0.0f);
                    CHECK(item->min.y >= 0.0f);
                    CHECK(item->max.x <= static_cast<float>(width));
                    CHECK(item->max.y <= static_cast<float>(height));
                }
            });
            CHECK(steps >= 43);
        }
}
