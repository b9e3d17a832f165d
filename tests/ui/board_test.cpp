#include "hardware/reader_events.h"
#include "kiosk/screens/board/board_screens.h"
#include "kiosk/services/board/board_area.h"
#include "kiosk/ui/theme.h"
#include "ui_fixture.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>

using namespace vk;
using vk::test::UiFixture;

namespace {

services::board::BoardServices& boardArea(UiFixture& f) { return f.runtime.area<services::board::BoardServices>(); }

// Types on the on-screen keyboard, which starts with shift on (a name, a title) and drops it after a letter.
void typeText(UiFixture& f, const std::string& text) {
    bool shift = true;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (static_cast<unsigned char>(c) >= 0x80) {  // é, è, œ… (lower case): the key is the whole character
            std::size_t length = 1;
            while (i + length < text.size() && (static_cast<unsigned char>(text[i + length]) & 0xC0) == 0x80) ++length;
            f.tap("kbd." + text.substr(i, length));
            i += length - 1;
            shift = false;
            continue;
        }
        if (c == ' ') {
            f.tap("kbd.space");
            continue;
        }
        const bool upper = std::isupper(static_cast<unsigned char>(c)) != 0;
        if (upper && !shift) f.tap("kbd.shift");
        f.tap(std::string("kbd.") + static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        shift = false;
    }
}

std::string postIdTitled(UiFixture& f, const std::string& title) {
    for (const auto& post : boardArea(f).board.allPosts())
        if (post.content.title == title) return post.id;
    FAIL("no post titled " << title);
    return {};
}

}  // namespace

TEST_CASE("the board shows the approved offers, then the requests, by category", "[ui][board]") {
    UiFixture f;
    f.tap("home.tile.board");
    CHECK(f.kiosk.state().screen == screens::kBoardScreen);
    CHECK(f.kiosk.shows("Tonte de pelouse et taille de haies"));
    CHECK_FALSE(f.kiosk.shows("Lecture et compagnie l’après-midi"));  // still waiting for the manager
    CHECK_FALSE(f.kiosk.shows("Courses au marché le jeudi"));         // a request
    f.tap("board.requests");
    CHECK(f.kiosk.shows("Courses au marché le jeudi"));
    CHECK_FALSE(f.kiosk.shows("Tonte de pelouse et taille de haies"));
    f.tap("board.category.transport");
    CHECK(f.kiosk.shows("Courses au marché le jeudi"));
    CHECK_FALSE(f.kiosk.shows("Cherche aide pour le potager"));
}

TEST_CASE("a post's page says how to reply, prints a slip, and a flag takes it off the board", "[ui][board]") {
    UiFixture f;
    f.tap("home.tile.board");
    const std::string id = postIdTitled(f, "Tonte de pelouse et taille de haies");
    f.tap("board.post." + id);
    CHECK(f.kiosk.state().screen == screens::kBoardPostScreen);
    CHECK(f.kiosk.shows("Contact : demandez au comptoir"));
    // A request in the same category nearby matches this offer.
    CHECK(f.kiosk.shows("Cherche aide pour le potager"));
    f.tap("board.post.print");
    REQUIRE(f.runtime.previewPrinter);
    const auto receipts = f.runtime.previewPrinter->lastReceipts();
    REQUIRE(receipts.size() == 1);
    CHECK(receipts[0].kind == "board_post");
    f.tap("board.post.flag");
    CHECK(f.kiosk.shows("Merci. Le café va regarder cette annonce."));
    f.tap("common.back");
    CHECK_FALSE(f.kiosk.shows("Tonte de pelouse et taille de haies"));
}

TEST_CASE("a member posts a request with the keyboard, sees the matching offers, and the manager approves it", "[ui][board]") {
    UiFixture f;
    f.tap("home.tile.board");
    f.tap("board.new_post");
    typeText(f, "marie dupont");
    f.tap("kbd.done");
    for (const char digit : std::string("2468")) f.tap(std::string("pad.") + digit);
    f.tap("pad.ok");
    CHECK(f.kiosk.shows("Bonjour, Marie Dupont."));
    f.tap("board.new.request");
    f.tap("board.new.kind.free");
    f.tap("board.new.category.garden");
    typeText(f, "Taille des rosiers");
    f.tap("kbd.done");
    typeText(f, "En mars");
    f.tap("kbd.done");
    CHECK(f.kiosk.shows("Taille des rosiers"));  // the preview
    f.tap("board.new.send");
    CHECK(f.kiosk.shows("Votre annonce est en attente de validation par le café. Elle sera affichée 30 jours."));
    CHECK(f.kiosk.shows("Tonte de pelouse et taille de haies"));  // an offer of the same category next door
    const std::string id = postIdTitled(f, "Taille des rosiers");
    CHECK(boardArea(f).board.find(id)->status == services::board::PostStatus::Pending);

    f.tap("board.new.finish");
    f.signIn("Julien Girard", "1357");
    f.tap("staff.home.board_moderation");
    CHECK(f.kiosk.shows("Taille des rosiers"));
    f.tap("board.moderation.approve." + id);
    CHECK(boardArea(f).board.find(id)->status == services::board::PostStatus::Approved);
}

TEST_CASE("a wrong PIN at the board is said plainly and nobody is identified", "[ui][board][bad-input]") {
    UiFixture f;
    f.tap("home.tile.board");
    f.tap("board.new_post");
    typeText(f, "marie dupont");
    f.tap("kbd.done");
    for (const char digit : std::string("9999")) f.tap(std::string("pad.") + digit);
    f.tap("pad.ok");
    CHECK(f.kiosk.shows("Nom ou code incorrect. Encore 4 essais."));
    CHECK_FALSE(f.kiosk.find("board.new.request"));
}

TEST_CASE("a member identifies at the board with their card", "[ui][board]") {
    UiFixture f;
    auto& members = boardArea(f).members;
    const auto marie = members.list("marie").front();
    REQUIRE(members.assignCard(&services::systemActor(services::SystemActor::CommandLine), marie.id, std::string("04A219B3")).ok());
    f.tap("home.tile.board");
    f.tap("board.new_post");
    hardware::SimulatedReader(f.runtime.readers).presentCard("04A219B3");
    f.kiosk.frames(3);
    CHECK(f.kiosk.shows("Bonjour, Marie Dupont."));
}

TEST_CASE("a search forgives the ligature and finds the post", "[ui][board][search]") {
    UiFixture f;
    f.tap("home.tile.board");
    f.tap("board.search");
    typeText(f, "oeuf");
    f.tap("kbd.done");
    CHECK(f.kiosk.shows("Œufs frais et confitures"));
    CHECK_FALSE(f.kiosk.shows("Tonte de pelouse et taille de haies"));
}

TEST_CASE("the café manager adds a member on the members screen", "[ui][board][members]") {
    UiFixture f;
    f.signIn("Julien Girard", "1357");
    f.tap("staff.home.board_members");
    f.tap("board.members.add");
    typeText(f, "Lucie Bernard");
    f.tap("kbd.done");
    bool found = false;
    for (const auto& member : boardArea(f).members.list("lucie")) found = found || member.displayName == "Lucie Bernard";
    CHECK(found);
    CHECK(f.kiosk.shows("Lucie Bernard"));
}

namespace {

// Nothing drawn outside the screen or cut, and every character in the font.
void expectDrawnSafely(UiFixture& f, const std::string& where) {
    INFO(where);
    for (const auto& item : f.kiosk.drawn()) {
        INFO("item " << (item.id.empty() ? "(text)" : item.id) << ": " << item.text.substr(0, 60));
        CHECK_FALSE(item.overflows);
        CHECK(item.max.x <= static_cast<float>(f.kiosk.width()) + 0.5f);
        const char* c = item.text.c_str();
        const char* end = c + item.text.size();
        while (c < end) {
            unsigned int codepoint = 0;
            c += ImTextCharFromUtf8(&codepoint, c, end);
            if (codepoint < 0x20) continue;
            CHECK(ui::fonts().body->FindGlyphNoFallback(static_cast<ImWchar>(codepoint)) != nullptr);
        }
    }
}

void capture(UiFixture& f, const char* name) {
    f.kiosk.frames(2);
    const char* dir = std::getenv("VK_SCREENSHOT_DIR");
    if (dir) CHECK(f.kiosk.savePng(std::filesystem::path(dir) / (std::string(name) + ".png")));
}

}  // namespace

TEST_CASE("the longest post, with emoji and control characters, is drawn without breaking the screen", "[ui][board][bad-input]") {
    for (const auto& [width, height] : {std::pair{1024, 600}, std::pair{1280, 800}}) {
        UiFixture f(width, height);
        auto& area = boardArea(f);
        const auto marie = area.members.list("marie").front();
        services::board::PostForm form;
        form.memberId = marie.id;
        form.category = "garden";
        form.title = std::string(76, 'W') + "\xF0\x9F\x98\x80\x1b[2J";
        form.text = std::string(990, 'M') + " \xE2\x9D\xA4\xEF\xB8\x8F\x07";
        const auto change = area.board.submit(form);
        REQUIRE(change.ok());
        REQUIRE(area.board.approve(&services::systemActor(services::SystemActor::CommandLine), change.post->id).ok());
        f.tap("home.tile.board");
        expectDrawnSafely(f, "the board");
        f.tap("board.post." + change.post->id);
        CHECK(f.kiosk.state().screen == screens::kBoardPostScreen);
        expectDrawnSafely(f, "the post");
    }
}

TEST_CASE("screenshots of the board, a post, posting with the keyboard and the moderation queue", "[ui][board][screenshots]") {
    {
        UiFixture f(1024, 600);
        f.tap("home.tile.board");
        capture(f, "board-1024x600");
    }
    UiFixture f;
    f.tap("home.tile.board");
    capture(f, "board");
    f.tap("board.post." + postIdTitled(f, "Œufs frais et confitures"));
    capture(f, "board-post");
    f.tap("common.back");
    f.tap("board.new_post");
    typeText(f, "marie dupont");
    f.tap("kbd.done");
    for (const char digit : std::string("2468")) f.tap(std::string("pad.") + digit);
    f.tap("pad.ok");
    f.tap("board.new.offer");
    f.tap("board.new.kind.free");
    f.tap("board.new.category.meals");
    typeText(f, "Soupe de légumes le soir");
    capture(f, "board-posting-keyboard");
    f.tap("kbd.done");
    typeText(f, "Pour deux personnes");
    f.tap("kbd.done");
    capture(f, "board-posting-preview");
    f.tap("board.new.send");
    capture(f, "board-posting-sent");
    f.tap("board.new.finish");
    f.signIn("Julien Girard", "1357");
    f.tap("staff.home.board_moderation");
    capture(f, "board-moderation");
    CHECK(f.kiosk.shows("Soupe de légumes le soir"));
}
