// The staff home's line about the territory hub: when the kiosk last synchronised, or that the last try failed and
// it tries again by itself; nothing on a kiosk that works alone. It must fit above the staff's tools at every size.
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/services/sync/sync_settings.h"
#include "storage/sync_store.h"
#include "ui_fixture.h"

#include <cstdlib>
#include <filesystem>

using namespace vk;
using vk::test::UiFixture;

namespace {

services::KioskConfig sharingKiosk() {
    services::KioskConfig config;
    // No round runs in the headless kiosk: the address only says that this kiosk shares with a hub.
    config.areas.get<services::sync::SyncSettings>().hubUrl = "https://hub.val-de-loue.fr:8443";
    return config;
}

}  // namespace

TEST_CASE("the staff home says when the kiosk last synchronised with the territory, and when that failed since",
          "[ui][staff][sync]") {
    UiFixture alone;
    alone.signIn("Technicien Asso", "739182");
    CHECK_FALSE(alone.kiosk.shows("territoire"));  // a kiosk that works alone says nothing of it

    UiFixture f(1280, 800, sharingKiosk());
    f.signIn("Technicien Asso", "739182");
    CHECK(f.kiosk.shows("Pas encore synchronisé avec le territoire"));
    f.tap("staff.home.sign_out");

    storage::SyncStore store(f.runtime.database);
    store.recordRound(f.clock.nowMs(), std::nullopt, 3, 12);
    f.signIn("Technicien Asso", "739182");
    CHECK(f.kiosk.shows("Dernière synchronisation avec le territoire : "));
    f.tap("staff.home.sign_out");

    f.clock.advanceMs(10 * 60'000);
    store.recordRound(f.clock.nowMs(), std::string("the hub did not answer"), 0, 0);
    f.signIn("Technicien Asso", "739182");
    CHECK(f.kiosk.shows("(échec depuis, nouvel essai automatique)"));
    if (const char* dir = std::getenv("VK_SCREENSHOT_DIR"))
        CHECK(f.kiosk.savePng(std::filesystem::path(dir) / "staff-home-sync.png"));
}

TEST_CASE("the sync line fits the staff home with every tile in view at each size and in both languages",
          "[ui][staff][sync]") {
    for (const auto& [width, height] : {std::pair{1024, 600}, std::pair{1280, 800}, std::pair{1920, 1080}}) {
        for (const char* language : {"fr", "en"}) {
            UiFixture f(width, height, sharingKiosk());
            storage::SyncStore(f.runtime.database).recordRound(f.clock.nowMs(), std::nullopt, 3, 12);
            f.clock.advanceMs(60'000);
            storage::SyncStore(f.runtime.database).recordRound(f.clock.nowMs(), std::string("down"), 0, 0);
            if (std::string(language) == "en") f.tap("home.other_language");
            f.signIn("Technicien Asso", "739182");
            INFO(width << "x" << height << " " << language);
            REQUIRE(f.kiosk.shows(i18n::tr("common.back")));
            for (const auto& item : f.kiosk.drawn()) {
                INFO(item.id << ": " << item.text);
                CHECK_FALSE(item.overflows);
                CHECK(item.max.x <= static_cast<float>(width) + 0.5f);
                CHECK(item.max.y <= static_cast<float>(height) + 0.5f);
            }
            // The tools below it keep at least three rows in view (the rest scrolls), and « Quitter » its place.
            int toolsInView = 0;
            for (const auto& item : f.kiosk.drawn())
                if (item.id.rfind("staff.home.", 0) == 0 && item.id != "staff.home.sign_out" &&
                    item.max.y <= f.kiosk.find("staff.home.sign_out")->min.y)
                    ++toolsInView;
            CHECK(toolsInView >= 6);
            CHECK(f.kiosk.find("staff.home.sign_out"));
        }
    }
}
