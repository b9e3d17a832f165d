#include "kiosk/app/navigation.h"
#include "kiosk/screens/info/info_screens.h"
#include "kiosk/screens/health/health_screens.h"
#include "kiosk/screens/shell/shell_screens.h"
#include "kiosk/ui/theme.h"
#include "ui_fixture.h"

#include <imgui.h>
#include <imgui_internal.h>

using namespace vk;
using vk::test::UiFixture;

TEST_CASE("home shows the village, the time and a tile for each area", "[ui][home]") {
    UiFixture f;
    CHECK(f.kiosk.shows("Saint-Aubin-des-Prés"));
    CHECK(f.kiosk.shows("samedi 21 novembre 2026"));
    for (const char* tile : {"home.tile.health", "home.tile.parcels", "home.tile.board", "home.tile.info"}) {
        INFO(tile);
        const ui::DrawnItem* item = f.kiosk.find(tile);
        REQUIRE(item);
        // Big enough for an unsteady finger: at least 3 cm on a 10" screen is far more than 150 px here.
        CHECK(item->max.x - item->min.x > 400);
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
        {"home.tile.parcels", screens::kParcelsComingSoon, "Bientôt disponible"},
        {"home.tile.board", screens::kBoardComingSoon, "Bientôt disponible"},
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

TEST_CASE("a placeholder area offers a way home and sends people to the counter", "[ui][home]") {
    UiFixture f;
    f.tap("home.tile.parcels");
    CHECK(f.kiosk.shows("adressez-vous au comptoir"));
    f.tap("coming_soon.home");
    CHECK(f.kiosk.state().screen == app::kHomeScreen);
}

TEST_CASE("a visitor may switch to English until the kiosk returns home by itself", "[ui][i18n][idle]") {
    UiFixture f;
    f.tap("home.other_language");
    CHECK(f.kiosk.shows("Parcels & Post"));
    f.tap("home.tile.info");
    f.advanceSeconds(f.runtime.config.idleTimeoutSeconds + 1);
    CHECK(f.kiosk.state().screen == app::kHomeScreen);
    CHECK(f.kiosk.shows("Colis & Poste"));
    CHECK(i18n::currentLanguage() == "fr");
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

TEST_CASE("the screens fit from 1024×600 to 1920×1080", "[ui][layout]") {
    for (const auto& [width, height] : {std::pair{1024, 600}, std::pair{1280, 800}, std::pair{1920, 1080}}) {
        INFO(width << "x" << height);
        UiFixture f(width, height);
        for (const auto& item : f.kiosk.drawn()) {
            if (!item.tappable) continue;
            INFO(item.id);
            CHECK(item.min.x >= 0);
            CHECK(item.min.y >= 0);
            CHECK(item.max.x <= static_cast<float>(width));
            CHECK(item.max.y <= static_cast<float>(height));
        }
    }
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
