#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/screens/sync/sync_screens.h"
#include "kiosk/services/sync/sync_area.h"
#include "ui_fixture.h"

#include <SQLiteCpp/Statement.h>

#include <cstdlib>
#include <filesystem>

using namespace vk;
using vk::test::UiFixture;

namespace {

// A kiosk that shares with a territory hub (never reached here: the history is what earlier rounds left).
services::KioskConfig sharingConfig(const std::string& language = "fr") {
    services::KioskConfig config;
    config.language = language;
    config.areas.get<services::sync::SyncSettings>().hubUrl = "http://127.0.0.1:9";
    return config;
}

// What a round writes into the history (storage/sync_store.cpp): a version another kiosk's edit replaced, a
// change the hub refused, a pulled change held back.
void addHistory(UiFixture& f, std::int64_t at, const std::string& kind, const std::string& table,
                const std::string& detail, const std::string& rowJson) {
    SQLite::Statement insert(f.runtime.database.sql(),
                             "INSERT INTO sync_history(at, kind, table_name, record_id, change_id, other_kiosk, detail, "
                             "row_json) VALUES (?, ?, ?, '0193a1b2c3d4e5f6', ?, 'kiosk-b', ?, ?)");
    insert.bind(1, at);
    insert.bind(2, kind);
    insert.bind(3, table);
    insert.bind(4, kind + std::to_string(at));
    insert.bind(5, detail);
    insert.bind(6, rowJson);
    insert.exec();
}

void addThreeLines(UiFixture& f) {
    const auto now = f.clock.nowMs();
    addHistory(f, now - 7'200'000, "lost", "board_post", "replaced by a change from kiosk-b",
               R"({"id":"0193a1b2c3d4e5f6","title":"Plants de tomates à donner","body":"Le mardi."})");
    addHistory(f, now - 3'600'000, "refused", "member", "this record belongs to another territory",
               R"({"id":"0193a1b2c3d4e5f7","display_name":"Marie Dupont"})");
    // A garbled row (a kiosk's bug, a cut write) still makes a line: its record's id stands for it.
    addHistory(f, now - 60'000, "held", "time_bank_movement", "the member of this movement has not arrived",
               "{not json\x01");
}

}  // namespace

TEST_CASE("the café manager reads from the staff home what the sync replaced and what the hub refused",
          "[ui][sync]") {
    UiFixture f(1280, 800, sharingConfig());
    addThreeLines(f);
    f.signIn("Julien Girard", "1357");
    REQUIRE(f.kiosk.shows("Pas encore synchronisé avec le territoire"));
    f.tap("staff.home.sync_history");
    REQUIRE(f.kiosk.state().screen == screens::kSyncHistoryScreen);
    CHECK(f.kiosk.shows("Annonce «\u00a0Plants de tomates à donner\u00a0»"));
    CHECK(f.kiosk.shows("Cette version a été remplacée par une modification faite en même temps sur une autre borne"));
    CHECK(f.kiosk.shows("Membre «\u00a0Marie Dupont\u00a0»"));
    CHECK(f.kiosk.shows("Refusé par le territoire : this record belongs to another territory"));
    CHECK(f.kiosk.shows("Mouvement de temps «\u00a00193a1b2\u00a0»"));
    if (const char* dir = std::getenv("VK_SCREENSHOT_DIR"))
        CHECK(f.kiosk.savePng(std::filesystem::path(dir) / "sync-history.png"));
    f.tap("common.back");
    CHECK(f.kiosk.state().screen == screens::kStaffHomeScreen);
}

TEST_CASE("a kiosk whose history is empty says so, and one that works alone offers no history", "[ui][sync]") {
    UiFixture sharing(1280, 800, sharingConfig());
    sharing.signIn("Julien Girard", "1357");
    sharing.tap("staff.home.sync_history");
    CHECK(sharing.kiosk.shows("Rien à signaler : aucune version remplacée, aucune modification refusée."));

    UiFixture alone;
    alone.signIn("Julien Girard", "1357");
    CHECK_FALSE(alone.kiosk.find("staff.home.sync_history"));
    // The medical assistant's tools are the health centre's: the café's sync is not among them.
    UiFixture assistant(1280, 800, sharingConfig());
    assistant.signIn("Claire Moreau", "2580");
    CHECK_FALSE(assistant.kiosk.find("staff.home.sync_history"));
}

TEST_CASE("the sync history and its way in fit at 1024x600, 1280x800 and 1920x1080 in both languages",
          "[ui][sync][layout]") {
    for (const char* language : {"fr", "en"})
        for (const auto& [width, height] : {std::pair{1024, 600}, std::pair{1280, 800}, std::pair{1920, 1080}}) {
            UiFixture f(width, height, sharingConfig(language));
            addThreeLines(f);
            INFO(language << " at " << width << "x" << height);
            f.signIn("Julien Girard", "1357");
            expectEverythingFits(f, width, height, "staff home with the sync line");
            f.tap("staff.home.sync_history");
            expectEverythingFits(f, width, height, "sync history");
        }
}
