#include "hardware/escpos/code_pages.h"

#include <catch2/catch.hpp>

#include <iconv.h>

#include <cerrno>
#include <optional>
#include <string>

using namespace vk::hardware::escpos;

namespace {

// One conversion with glibc's iconv; empty when iconv refuses the input.
class Iconv {
public:
    Iconv(const char* to, const char* from) : handle_(iconv_open(to, from)) {}
    ~Iconv() {
        if (valid()) iconv_close(handle_);
    }
    Iconv(const Iconv&) = delete;
    Iconv& operator=(const Iconv&) = delete;

    bool valid() const { return handle_ != reinterpret_cast<iconv_t>(-1); }

    std::optional<std::string> convert(const std::string& input) {
        iconv(handle_, nullptr, nullptr, nullptr, nullptr);
        std::string in = input;
        std::string out(16, '\0');
        char* inPtr = in.data();
        char* outPtr = out.data();
        std::size_t inLeft = in.size();
        std::size_t outLeft = out.size();
        if (iconv(handle_, &inPtr, &inLeft, &outPtr, &outLeft) == static_cast<std::size_t>(-1)) return std::nullopt;
        out.resize(out.size() - outLeft);
        return out;
    }

private:
    iconv_t handle_;
};

std::string utf8(char32_t c) {
    std::string out;
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
    return out;
}

void checkAgainstIconv(CodePage page, const char* iconvName) {
    Iconv toPage(iconvName, "UTF-8");
    Iconv fromPage("UTF-8", iconvName);
    REQUIRE(toPage.valid());
    REQUIRE(fromPage.valid());

    // Every byte of the upper half: our table and glibc's agree both ways, undefined bytes included.
    for (int byte = 0x80; byte <= 0xFF; ++byte) {
        INFO(codePageName(page) << " byte 0x" << std::hex << byte);
        const char32_t ours = codePageCodePoint(page, static_cast<std::uint8_t>(byte));
        const auto decoded = fromPage.convert(std::string(1, static_cast<char>(byte)));
        if (ours == 0xFFFD) {
            CHECK_FALSE(decoded);
            continue;
        }
        REQUIRE(decoded);
        CHECK(*decoded == utf8(ours));
        CHECK(toPage.convert(utf8(ours)) == std::string(1, static_cast<char>(byte)));
        CHECK(codePageByte(page, ours) == std::optional<std::uint8_t>(static_cast<std::uint8_t>(byte)));
    }
    // Every code point of the BMP above ASCII: we map it exactly when glibc maps it to one byte.
    int mapped = 0;
    for (char32_t c = 0x80; c <= 0xFFFD; ++c) {
        if (c >= 0xD800 && c <= 0xDFFF) continue;
        const auto theirs = toPage.convert(utf8(c));
        const auto ours = codePageByte(page, c);
        const bool same = theirs ? (theirs->size() == 1 && ours && static_cast<char>(*ours) == (*theirs)[0]) : !ours;
        if (!same) FAIL_CHECK(codePageName(page) << " disagrees with iconv on U+" << std::hex << static_cast<std::uint32_t>(c));
        if (ours) ++mapped;
    }
    CHECK(mapped == (page == CodePage::Wpc1252 ? 123 : 128));
}

}  // namespace

TEST_CASE("the WPC1252 table matches glibc's CP1252 in both directions", "[escpos][iconv]") {
    checkAgainstIconv(CodePage::Wpc1252, "CP1252");
}

TEST_CASE("the CP858 table matches glibc's CP858 in both directions", "[escpos][iconv]") {
    checkAgainstIconv(CodePage::Cp858, "CP858");
}

TEST_CASE("the French letters a receipt needs have a byte in both pages, except œ in CP858", "[escpos]") {
    for (const char32_t c : std::u32string(U"éèêëàâçùûôîïÉÈÊÀÇ€«»")) {
        CHECK(codePageByte(CodePage::Wpc1252, c));
        CHECK(codePageByte(CodePage::Cp858, c));
    }
    for (const char32_t c : std::u32string(U"œŒ’–—…")) {
        CHECK(codePageByte(CodePage::Wpc1252, c));
        CHECK_FALSE(codePageByte(CodePage::Cp858, c));
    }
    CHECK(encodeText("œ Œ ’ “” – — …", CodePage::Cp858) == "oe OE ' \"\" - - ...");
    CHECK(escPosTableNumber(CodePage::Wpc1252) == 16);
    CHECK(escPosTableNumber(CodePage::Cp858) == 19);
}
