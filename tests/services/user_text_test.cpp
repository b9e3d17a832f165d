#include "kiosk/services/user_text.h"

#include <catch2/catch.hpp>

using vk::services::cleanUserText;
using vk::services::countCodepoints;

TEST_CASE("control characters meant for a printer never survive typed text", "[user-text][bad-input]") {
    // ESC @ (reset), GS V (cut), ESC p (drawer), DLE EOT (status), BEL, DEL and a C1 CSI.
    using namespace std::string_literals;
    const std::string hostile = "Marie\x1b@\x1dV\x01\x1bp\x00\x19\x10\x04\x07\x7f Dupont\xc2\x9b"s;
    REQUIRE(hostile.find('\0') != std::string::npos);
    const std::string clean = cleanUserText(hostile, 80);
    CHECK(clean == "Marie@Vp Dupont");
    for (const char c : clean) CHECK(static_cast<unsigned char>(c) >= 0x20);
}

TEST_CASE("a 10 kB name is cut to the limit on a character boundary", "[user-text][bad-input]") {
    std::string huge;
    while (huge.size() < 10'000) huge += "é";
    const std::string clean = cleanUserText(huge, 80);
    CHECK(countCodepoints(clean) == 80);
    CHECK(clean.size() == 160);
    CHECK(clean.substr(0, 2) == "é");
}

TEST_CASE("broken UTF-8 becomes a visible replacement character", "[user-text][bad-input]") {
    CHECK(cleanUserText("Zo\xc3", 80) == "Zo\xEF\xBF\xBD");
    CHECK(cleanUserText("\xff\xfe" "abc", 80) == "\xEF\xBF\xBD\xEF\xBF\xBD" "abc");
    CHECK(cleanUserText("\xc0\xaf", 80) == "\xEF\xBF\xBD");  // an overlong slash
}

TEST_CASE("spaces are folded and trimmed, accents and œ are kept", "[user-text]") {
    CHECK(cleanUserText("  Élodie \t\n  Cœur  ", 80) == "Élodie Cœur");
    CHECK(cleanUserText("\xE2\x80\xAE" "gnp.exe", 80) == "gnp.exe");  // a right-to-left override is dropped
}

TEST_CASE("erasing removes a whole accented letter", "[user-text]") {
    std::string text = "Cœ";
    vk::services::popLastCodepoint(text);
    CHECK(text == "C");
    vk::services::popLastCodepoint(text);
    vk::services::popLastCodepoint(text);
    CHECK(text.empty());
}
