#include "kiosk/app/navigation.h"
#include "kiosk/screens/board/board_screens.h"
#include "kiosk/screens/info/info_screens.h"
#include "kiosk/screens/health/health_screens.h"
#include "kiosk/screens/parcels/parcels_screens.h"
#include "kiosk/screens/shell/shell_screens.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/services/health/health_area.h"
#include "kiosk/ui/theme.h"
#include "ui_fixture.h"

#include <cstdlib>
#include <imgui.h>
#include <imgui_internal.h>

using namespace vk;
using vk::test::UiFixture;

TEST_CASE("home shows the village, the time and a tile for each area", "[ui][home]") {
    UiFixture f;
    CHECK(f.kiosk.shows("Saint-Aubin-des-Prés"));
    CHECK(f.kiosk.shows("samedi 21 novembre 2026"));
    for (const char* tile : {"home.tile.health", "home.tile.parcels", "home.tile.board", "home.tile.orders",
                             "home.tile.info"}) {
        INFO(tile);
        const ui::DrawnItem* item = f.kiosk.find(tile);
        REQUIRE(item);
        // Big enough for an unsteady finger: at least 3 cm on a 10" screen is far more than 150 px here (three
        // columns of tiles once there are five).
        CHECK(item->max.x - item->min.x > 300);
        CHECK(item->max.y - item->min.y > 150);
    }
}

TEST_CASE("each tile opens its area and Back returns home", "[ui][home]") {
    UiFixture f;
    struct Case {
        const char* tile;
        app::ScreenId screen;
        const char* shown;
    };
    const Case cases[] = {
        {"home.tile.health", screens::kHealthScreen, "J’ai rendez-vous : je m’enregistre"},
        {"home.tile.parcels", screens::kParcelPickupScreen, "Tapez le code reçu par SMS ou par e-mail"},
        {"home.tile.board", screens::kBoardScreen, "Déposer une annonce"},
        {"home.tile.info", screens::kVillageInfoScreen, "Urgences"},
    };
    for (const Case& c : cases) {
        INFO(c.tile);
        f.tap(c.tile);
        CHECK(f.kiosk.state().screen == c.screen);
        CHECK(f.kiosk.shows(c.shown));
        f.tap("common.back");
        CHECK(f.kiosk.state().screen == app::kHomeScreen);
        CHECK(f.kiosk.find("home.tile.health"));
    }
}

TEST_CASE("a visitor may switch to English until the kiosk returns home by itself", "[ui][i18n][idle]") {
    UiFixture f;
    f.tap("home.other_language");
    CHECK(f.kiosk.shows("Parcels"));
    f.tap("home.tile.info");
    f.advanceSeconds(f.runtime.config.idleTimeoutSeconds + 1);
    CHECK(f.kiosk.state().screen == app::kHomeScreen);
    CHECK(f.kiosk.shows("Colis"));
    CHECK(i18n::currentLanguage() == "fr");
}

TEST_CASE("a visitor who chose English keeps it from one task to the next", "[ui][i18n]") {
    UiFixture f;
    f.tap("home.other_language");
    f.tap("home.tile.health");
    f.tap("health.check_in");
    f.tap("check_in.see_assistant");
    f.tap("check_in.finish");
    CHECK(f.kiosk.state().screen == app::kHomeScreen);
    CHECK(i18n::currentLanguage() == "en");
    CHECK(f.kiosk.shows("Hello! Touch the service you need."));
}

TEST_CASE("the idle timeout waits for its full period", "[ui][idle]") {
    UiFixture f;
    f.tap("home.tile.info");
    f.advanceSeconds(f.runtime.config.idleTimeoutSeconds - 5);
    CHECK(f.kiosk.state().screen == screens::kVillageInfoScreen);
    // A touch restarts the wait.
    f.kiosk.tapAt(10, 700);
    f.advanceSeconds(f.runtime.config.idleTimeoutSeconds - 5);
    CHECK(f.kiosk.state().screen == screens::kVillageInfoScreen);
    f.advanceSeconds(6);
    CHECK(f.kiosk.state().screen == app::kHomeScreen);
}

TEST_CASE("after a finger lifts nothing stays hovered", "[ui][touch]") {
    UiFixture f;
    f.tap("home.tile.info");
    f.tap("common.back");
    const ImGuiIO& io = ImGui::GetIO();
    CHECK(io.MousePos.x < -1e20f);
    CHECK_FALSE(io.MouseDown[0]);
    CHECK_FALSE(ImGui::IsAnyItemHovered());
}

TEST_CASE("dragging the information list scrolls it and opens nothing", "[ui][touch]") {
    UiFixture f(1024, 600);
    f.tap("home.tile.info");
    float firstTitleY = 0;
    for (const auto& item : f.kiosk.drawn())
        if (item.text == "Urgences") firstTitleY = item.min.y;
    REQUIRE(firstTitleY > 0);
    f.kiosk.drag(500, 500, 500, 200, 10);
    float movedTitleY = 0;
    bool stillThere = false;
    for (const auto& item : f.kiosk.drawn())
        if (item.text == "Urgences") {
            movedTitleY = item.min.y;
            stillThere = true;
        }
    CHECK(f.kiosk.state().screen == screens::kVillageInfoScreen);
    CHECK((!stillThere || movedTitleY < firstTitleY - 100));
}

using vk::test::expectEverythingFits;

TEST_CASE("every registered screen fits at 1024×600, 1280×800 and 1920×1080, in both languages", "[ui][layout]") {
    for (const char* language : {"fr", "en"})
        for (const auto& [width, height] : {std::pair{1024, 600}, std::pair{1280, 800}, std::pair{1920, 1080}}) {
            services::KioskConfig config;
            config.language = language;
            UiFixture f(width, height, config);
            expectEverythingFits(f, width, height, "home");
            const std::vector<app::ScreenId> ids = f.kiosk.ui().screens().ids();
            REQUIRE(ids.size() >= 12);
            for (const app::ScreenId& id : ids) {
                f.openScreen(id);
                REQUIRE(f.kiosk.state().screen == id);
                expectEverythingFits(f, width, height, std::string(id.name));
            }
            // The states with the most on them: a printed test receipt, each step of check-in, a result.
            f.kiosk.ui().returnHome("test");
            f.kiosk.frames(2);
            f.signIn("Technicien Asso", "739182");
            f.tap("staff.home.devices");
            f.tap("devices.print_test");
            expectEverythingFits(f, width, height, "device panel with its receipt");
            f.kiosk.ui().returnHome("test");
            f.kiosk.frames(2);
            f.tap("home.tile.health");
            f.tap("health.check_in");
            f.tap("check_in.by_birth_date");
            expectEverythingFits(f, width, height, "check-in birth date");
            for (const char* key : {"pad.1", "pad.4", "pad.0", "pad.3", "pad.1", "pad.9", "pad.5", "pad.0", "pad.ok"}) f.tap(key);
            expectEverythingFits(f, width, height, "check-in letters");
            for (const char* key : {"letters.M", "letters.O", "letters.ok"}) f.tap(key);
            expectEverythingFits(f, width, height, "check-in result");
            f.tap("check_in.finish");
            f.tap("home.tile.health");
            f.tap("health.check_in");
            f.tap("check_in.by_code");
            expectEverythingFits(f, width, height, "check-in code");
            // A doctor's delay, in large type on the health screen and on the calling screen.
            f.kiosk.ui().returnHome("test");
            f.runtime.area<services::health::HealthServices>().rota.announce(
                services::systemActor(services::SystemActor::CommandLine), 45, "");
            f.kiosk.frames(2);
            f.tap("home.tile.health");
            expectEverythingFits(f, width, height, "health screen with a delay");
            f.kiosk.ui().openScreen(screens::kCallingScreen);
            f.kiosk.frames(2);
            expectEverythingFits(f, width, height, "calling screen with a delay");
            f.runtime.area<services::health::HealthServices>().rota.announce(
                services::systemActor(services::SystemActor::CommandLine), 0, "");
            f.kiosk.ui().returnHome("test");
            f.kiosk.frames(2);
            // The out-of-order screen after a fault, with its « Réessayer ».
            f.kiosk.state().fault = "database or disk is full: the kiosk's disk has no space left for this change";
            f.kiosk.state().faultAtMs = f.clock.nowMs();
            f.kiosk.frames(2);
            REQUIRE(f.kiosk.find("out_of_order.retry"));
            expectEverythingFits(f, width, height, "out of order after a fault");
        }
}

TEST_CASE("in large text every resident screen still fits at 1024×600, 1280×800 and 1920×1080, in both languages", "[ui][layout][large-text]") {
    for (const char* language : {"fr", "en"})
        for (const auto& [width, height] : {std::pair{1024, 600}, std::pair{1280, 800}, std::pair{1920, 1080}}) {
            services::KioskConfig config;
            config.language = language;
            UiFixture f(width, height, config);
            f.tap("home.large_text");
            REQUIRE(f.kiosk.state().largeText);
            expectEverythingFits(f, width, height, "home in large text");
            int residentScreens = 0;
            for (const app::ScreenId& id : f.kiosk.ui().screens().ids()) {
                const app::Screen* screen = f.kiosk.ui().screens().find(id);
                if (!screen->allowed(std::nullopt) || screen->isPublicDisplay() || id == screens::kStaffSignInScreen) continue;
                f.openScreen(id);
                REQUIRE(f.kiosk.state().largeText);
                expectEverythingFits(f, width, height, std::string(id.name) + " in large text");
                ++residentScreens;
            }
            CHECK(residentScreens >= 7);
            f.kiosk.ui().openScreen(app::kHomeScreen);
            f.kiosk.frames(2);
            f.tap("home.tile.health");
            f.tap("health.check_in");
            f.tap("check_in.by_birth_date");
            expectEverythingFits(f, width, height, "check-in birth date in large text");
            for (const char* key : {"pad.1", "pad.4", "pad.0", "pad.3", "pad.1", "pad.9", "pad.5", "pad.0", "pad.ok"}) f.tap(key);
            expectEverythingFits(f, width, height, "check-in letters in large text");
            for (const char* key : {"letters.M", "letters.O", "letters.ok"}) f.tap(key);
            expectEverythingFits(f, width, height, "check-in result in large text");
            // « Terminer » is in view without a drag (accessibility_test's [main-action] checks it everywhere).
            f.tap("check_in.finish");
            f.tap("home.tile.health");
            f.tap("health.check_in");
            f.tap("check_in.by_code");
            expectEverythingFits(f, width, height, "check-in code in large text");
            f.kiosk.ui().openScreen(app::kHomeScreen);
            f.kiosk.frames(2);
            f.tap("home.tile.parcels");
            for (const char c : std::string("K7M4PQ")) f.tap(std::string("parcels.key.") + c);
            f.tap("parcels.key.ok");
            expectEverythingFits(f, width, height, "parcel pickup result in large text");
        }
}

namespace {
// A screen made to overflow, to show that the check above can fail.
class OverflowingScreen final : public app::Screen {
public:
    void draw(app::ScreenContext&) override {
        ui::button("test.narrow", "Un libellé beaucoup trop long pour ce petit bouton", ui::em(3.0f, 1.5f));
        ImGui::SetCursorPosX(ImGui::GetWindowWidth() - ui::em(3.0f));
        ui::text("Semaines suivantes, coupées au bord");
        ui::button("test.fits", "OK", ui::em(6.0f, 2.0f));
    }
};
}  // namespace

TEST_CASE("the screen fit check sees words cut at the edge or too big for their button", "[ui][layout]") {
    UiFixture f(1280, 800);
    constexpr app::ScreenId kOverflowing{"test-overflowing"};
    f.kiosk.ui().screens().add<OverflowingScreen>(kOverflowing);
    f.kiosk.ui().openScreen(kOverflowing);
    f.kiosk.frames(2);
    REQUIRE(f.kiosk.find("test.narrow"));
    CHECK(f.kiosk.find("test.narrow")->overflows);
    REQUIRE(f.kiosk.find("test.fits"));
    CHECK_FALSE(f.kiosk.find("test.fits")->overflows);
    bool cutText = false;
    for (const auto& item : f.kiosk.drawn()) cutText |= item.text.starts_with("Semaines suivantes") && item.overflows;
    CHECK(cutText);
}

TEST_CASE("the font has every character the translations use", "[ui][i18n][font]") {
    UiFixture f;
    const ImFont* font = ui::fonts().body;
    REQUIRE(font);
    for (const std::string& language : i18n::availableLanguages()) {
        for (const auto& [key, text] : i18n::catalog(language)) {
            const char* s = text.c_str();
            const char* end = s + text.size();
            while (s < end) {
                unsigned int c = 0;
                s += ImTextCharFromUtf8(&c, s, end);
                if (c < 0x20) continue;
                INFO(language << " " << key << " U+" << std::hex << c);
                CHECK(font->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr);
            }
        }
    }
    for (const char* french : {"œ", "€", "«", "»", "’", "–", "—", "É"}) {
        unsigned int c = 0;
        ImTextCharFromUtf8(&c, french, nullptr);
        INFO(french);
        CHECK(font->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr);
    }
}

TEST_CASE("a missing font is reported and a fallback keeps the text readable", "[ui][font][bad-input]") {
    services::KioskConfig config;
    config.fontFile = "/nonexistent/Missing.ttf";
    config.boldFontFile = "/nonexistent/Missing-Bold.ttf";
    UiFixture f(1280, 800, config);
    const auto problem = f.kiosk.ui().resize(1280, 801);
    REQUIRE(problem);
    CHECK_THAT(*problem, Catch::Contains("/nonexistent/Missing.ttf") && Catch::Contains("using"));
    f.kiosk.frames(1);  // the atlas is built with the next frame
    unsigned int e = 0;
    ImTextCharFromUtf8(&e, "é", nullptr);
    CHECK(ui::fonts().body->FindGlyphNoFallback(static_cast<ImWchar>(e)) != nullptr);
}

TEST_CASE("an out-of-order kiosk tells residents to go to the counter and the technician why", "[ui][bad-input]") {
    services::KioskConfig config;
    i18n::setLanguage("fr");
    app::HeadlessKiosk kiosk(nullptr, config, 1280, 800);
    kiosk.state().outOfOrder = "the database « /var/lib/village-kiosk/village-kiosk.db » is damaged";
    kiosk.frames(2);
    CHECK(kiosk.shows("Borne momentanément indisponible"));
    CHECK(kiosk.shows("Merci de vous adresser au comptoir."));
    CHECK(kiosk.shows("is damaged"));
}

TEST_CASE("a configuration warning shows on the home screen for the technician", "[ui][bad-input]") {
    UiFixture f;
    f.kiosk.state().notices.push_back("kiosk.toml, line 3, key kiosk.colour: is not a known setting");
    f.kiosk.frames(2);
    CHECK(f.kiosk.shows("kiosk.colour"));
    // It survives the return home: it is for the technician, not a visitor's state.
    f.tap("home.tile.info");
    f.tap("common.back");
    CHECK(f.kiosk.shows("kiosk.colour"));
}

TEST_CASE("a kiosk on a screen mounted turned draws its home turned and a finger on a tile opens that tile",
          "[ui][home][rotation]") {
    // The home of an upright 1280×800 screen first (one kiosk at a time: the fonts in use are the last kiosk's).
    ui::DrawnItem uprightTile;
    std::uint32_t uprightColour = 0;
    std::uint32_t uprightBackground = 0;
    {
        UiFixture upright(1280, 800);
        const ui::DrawnItem* tile = upright.kiosk.find("home.tile.health");
        REQUIRE(tile);
        uprightTile = *tile;
        uprightColour = upright.kiosk.pixel(static_cast<int>(tile->min.x) + 12, static_cast<int>(tile->min.y) + 12);
        uprightBackground = upright.kiosk.pixel(2, static_cast<int>(tile->min.y) + 12);
    }
    REQUIRE(uprightColour != uprightBackground);  // a point of the tile's plain ground, away from its words

    // A panel whose glass is 800×1280, mounted on its side: [kiosk] rotation = 90 gives a 1280×800 layout.
    services::KioskConfig turnedConfig;
    turnedConfig.rotationDegrees = 90;
    UiFixture turned(800, 1280, turnedConfig);
    const ui::DrawnItem* tile = turned.kiosk.find("home.tile.health");
    REQUIRE(tile);
    CHECK(tile->min.x == uprightTile.min.x);
    CHECK(tile->max.y == uprightTile.max.y);
    CHECK(turned.kiosk.width() == 800);
    CHECK(turned.kiosk.height() == 1280);
    // Drawn turned: the tile's colour is on the glass where the turn puts the tile.
    const app::ScreenRotation rotation(90);
    const app::LayoutPoint insideOnGlass = rotation.toGlass(tile->min.x + 12.0f, tile->min.y + 12.0f, 800, 1280);
    CHECK(turned.kiosk.pixel(static_cast<int>(insideOnGlass.x), static_cast<int>(insideOnGlass.y)) == uprightColour);
    if (const char* dir = std::getenv("VK_ROTATION_PICTURE")) turned.kiosk.savePng(std::string(dir) + "/home-turned.png");
    // A finger there opens the health area.
    const ImVec2 centre = tile->center();
    const app::LayoutPoint onGlass = rotation.toGlass(centre.x, centre.y, 800, 1280);
    turned.kiosk.tapGlassAt(onGlass.x, onGlass.y);
    CHECK(turned.kiosk.state().screen == screens::kHealthScreen);
}
