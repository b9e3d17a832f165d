// « Dans les villages voisins » on the demo village (Saturday 21 November 2026): the neighbouring villages' rota
// and events, as the territory hub brings them (the demo seeds Mouthier-Haute-Pierre's doctor and an event there
// and in Lods), shown apart on the health centre's week and under the agenda's week, at three sizes, in French
// and English, and in large text. Pictures go to VK_SCREENSHOT_DIR.

#include "kiosk/screens/agenda/agenda_screens.h"
#include "kiosk/screens/health/health_screens.h"
#include "ui_fixture.h"

#include <cstdlib>
#include <filesystem>

using namespace vk;
using vk::test::UiFixture;

namespace {

struct Size {
    int width;
    int height;
};
constexpr Size kSizes[] = {{1024, 600}, {1280, 800}, {1920, 1080}};

services::KioskConfig inLanguage(const char* language) {
    services::KioskConfig config;
    config.language = language;
    return config;
}

const ui::DrawnItem* itemWith(UiFixture& f, const std::string& words) {
    for (const auto& item : f.kiosk.drawn())
        if (item.text.find(words) != std::string::npos) return &item;
    return nullptr;
}

void save(UiFixture& f, const char* name) {
    if (const char* dir = std::getenv("VK_SCREENSHOT_DIR"))
        CHECK(f.kiosk.savePng(std::filesystem::path(dir) / (std::string(name) + ".png")));
}

}  // namespace

TEST_CASE("the health centre's week shows a neighbouring village's doctor apart, never as this centre's",
          "[ui][health][nearby][screenshots]") {
    for (const char* language : {"fr", "en"})
        for (const Size size : kSizes)
            for (const bool large : {false, true}) {
                UiFixture f(size.width, size.height, inLanguage(language));
                if (large) f.tap("home.large_text");
                f.tap("home.tile.health");
                REQUIRE(f.kiosk.state().screen == screens::kHealthScreen);
                f.kiosk.frames(2);
                const std::string where = std::string("health, ") + language + (large ? ", large text" : "");
                test::expectEverythingFits(f, size.width, size.height, where);
                INFO(where << " at " << size.width << "x" << size.height);
                // This centre's doctor is the big name on the left; the neighbour's is only ever in the right
                // column, after the heading, with its village.
                CHECK(f.kiosk.shows("Dr Marie Lefort"));
                const ui::DrawnItem* theirs = itemWith(f, "Dr Agnès Vidal");
                if (theirs) {
                    CHECK(theirs->min.x > static_cast<float>(size.width) * 0.5f);
                    CHECK(theirs->text.find("Mouthier-Haute-Pierre") != std::string::npos);
                    const ui::DrawnItem* heading =
                        itemWith(f, language == std::string("fr") ? "Dans les villages voisins" : "In nearby villages");
                    REQUIRE(heading);
                    CHECK(heading->max.y <= theirs->min.y + 0.5f);
                }
                // Where it has the room, it is there (a 1280×800 column gives it to next week first).
                if (!large && size.width != 1280) CHECK(theirs);
                if (!large && size.width == 1024 && language == std::string("fr")) save(f, "health-nearby");
            }
}

TEST_CASE("the agenda lists the neighbouring villages' events under this café's, as lines to read, not to sign up to",
          "[ui][agenda][nearby][screenshots]") {
    for (const char* language : {"fr", "en"})
        for (const Size size : kSizes)
            for (const bool large : {false, true}) {
                UiFixture f(size.width, size.height, inLanguage(language));
                if (large) f.tap("home.large_text");
                f.tap("home.tile.agenda");
                REQUIRE(f.kiosk.state().screen == screens::kAgendaWeekScreen);
                const std::string heading = language == std::string("fr") ? "Dans les villages voisins" : "In nearby villages";
                // Dragged up on the list, as a finger does, until its end: the section comes into view whole,
                // each line fitting, the neighbours' events as lines, not buttons (one signs up at that café).
                bool sawHeading = false, sawLoto = false, sawLods = false;
                bool pictured = false;
                for (int i = 0; i < 16; ++i) {
                    f.kiosk.frames(2);
                    INFO(language << " at " << size.width << "x" << size.height << (large ? ", large text" : "")
                                  << ", drag " << i);
                    for (const auto& item : f.kiosk.drawn()) {
                        INFO(item.id << " « " << item.text << " »");
                        CHECK_FALSE(item.overflows);
                        CHECK(item.max.y <= static_cast<float>(size.height) + 0.5f);
                        CHECK(item.max.x <= static_cast<float>(size.width) + 0.5f);
                        if (item.text.find(heading) != std::string::npos) sawHeading = true;
                        if (item.text.find("Mouthier-Haute-Pierre · Loto de la fanfare") != std::string::npos) {
                            sawLoto = true;
                            CHECK(item.id.rfind("agenda.event.", 0) != 0);
                        }
                        if (item.text.find("Lods · Marche des fontaines") != std::string::npos) sawLods = true;
                    }
                    if (!pictured && sawHeading && sawLods && !large && size.width == 1280 && language == std::string("fr")) {
                        save(f, "agenda-nearby");
                        pictured = true;
                    }
                    const float x = static_cast<float>(size.width) * 0.5f;
                    f.kiosk.drag(x, static_cast<float>(size.height) * 0.8f, x, static_cast<float>(size.height) * 0.5f, 6);
                }
                INFO(language << " at " << size.width << "x" << size.height << (large ? ", large text" : ""));
                CHECK(sawHeading);
                CHECK(sawLoto);
                CHECK(sawLods);
            }
}
