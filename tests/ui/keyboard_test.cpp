#include "kiosk/ui/on_screen_keyboard.h"
#include "ui_fixture.h"

using namespace vk;

namespace {
const ui::KeyCap& key(ui::KeyboardPage page, const std::string& lower) {
    for (const auto& row : ui::keyboardRows(page))
        for (const auto& cap : row)
            if (lower == cap.lower) return cap;
    FAIL("no key " << lower);
    static ui::KeyCap none{"", ""};
    return none;
}
}  // namespace

TEST_CASE("the French keyboard is AZERTY with the accented letters", "[keyboard]") {
    const auto& rows = ui::keyboardRows(ui::KeyboardPage::Letters);
    CHECK(std::string(rows[0][0].lower) == "a");
    CHECK(std::string(rows[0][1].lower) == "z");
    CHECK(std::string(rows[1][0].lower) == "q");
    for (const char* accent : {"é", "è", "ê", "à", "ç", "ù", "œ"}) CHECK(key(ui::KeyboardPage::Letters, accent).upper);
    CHECK(std::string(key(ui::KeyboardPage::Symbols, "€").lower) == "€");
}

TEST_CASE("shift capitalises one letter, accented ones too", "[keyboard]") {
    std::string text;
    ui::KeyboardState state;
    ui::pressKey(key(ui::KeyboardPage::Letters, "shift"), text, state, 80);
    ui::pressKey(key(ui::KeyboardPage::Letters, "œ"), text, state, 80);
    ui::pressKey(key(ui::KeyboardPage::Letters, "œ"), text, state, 80);
    CHECK(text == "Œœ");
}

TEST_CASE("the keyboard stops at the field's limit and erases whole letters", "[keyboard][bad-input]") {
    std::string text;
    ui::KeyboardState state;
    for (int i = 0; i < 100; ++i) ui::pressKey(key(ui::KeyboardPage::Letters, "é"), text, state, 10);
    CHECK(text.size() == 20);  // 10 letters of two bytes
    ui::pressKey(key(ui::KeyboardPage::Letters, "backspace"), text, state, 10);
    CHECK(text.size() == 18);
}

TEST_CASE("space is never doubled or leading", "[keyboard]") {
    std::string text;
    ui::KeyboardState state;
    ui::pressKey(key(ui::KeyboardPage::Letters, "space"), text, state, 80);
    CHECK(text.empty());
    ui::pressKey(key(ui::KeyboardPage::Letters, "a"), text, state, 80);
    ui::pressKey(key(ui::KeyboardPage::Letters, "space"), text, state, 80);
    ui::pressKey(key(ui::KeyboardPage::Letters, "space"), text, state, 80);
    CHECK(text == "a ");
}

TEST_CASE("a physical keyboard's 10 kB paste is cut at the field limit", "[ui][keyboard][bad-input]") {
    test::UiFixture f;
    f.signIn("Technicien Asso", "739182");
    f.tap("staff.home.accounts");
    f.tap("staff.accounts.add");
    ImGui::SetCurrentContext(f.kiosk.ui().context());
    ImGui::GetIO().AddInputCharactersUTF8(std::string(10'000, 'x').c_str());
    f.kiosk.frames(2);
    REQUIRE(f.kiosk.find("staff.accounts.name"));
    CHECK(f.kiosk.find("staff.accounts.name")->text.size() == services::StaffService::kMaxNameLength);
}
