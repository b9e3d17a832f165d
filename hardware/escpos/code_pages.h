#pragma once
// The single-byte code pages our printers understand, and the one way user text reaches them: sanitised (no
// control character survives) and converted, one byte a printed column.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vk::hardware::escpos {

enum class CodePage {
    Wpc1252,  // Windows-1252, ESC t 16: has œ Œ € ’ – — …
    Cp858,    // PC858 (PC850 with € at 0xD5), ESC t 19: no œ, no typographic quotes or dashes
};

// The n of ESC t n.
std::uint8_t escPosTableNumber(CodePage page);
std::string_view codePageName(CodePage page);

// The byte for a code point in the page's own table, without substitutions. Code points below 0x80 are ASCII.
std::optional<std::uint8_t> codePageByte(CodePage page, char32_t codePoint);
// The code point a byte prints as (U+FFFD for the few undefined bytes of Windows-1252).
char32_t codePageCodePoint(CodePage page, std::uint8_t byte);

// UTF-8 in, code points out, with everything that could steer a printer removed: C0 controls (ESC, GS, FS, DLE,
// NUL…), DEL, C1 controls, bidi and zero-width format characters. TAB, LF, CR, VT, FF, U+2028 and U+2029 become
// a space. Invalid UTF-8 becomes U+FFFD, one per bad byte.
std::u32string sanitizeText(std::string_view utf8);
// The same, back in UTF-8 (QR payloads, which are UTF-8 on the wire).
std::string sanitizeUtf8(std::string_view utf8);

// Sanitised text in the page. What the page lacks is substituted: œ → "oe", ’ → ', “ ” → ", – — → -,
// … → "...", narrow no-break space → no-break space; anything else → '?'. The result holds only bytes
// 0x20–0x7E and 0x80–0xFF, never a control byte and never raw UTF-8.
std::string encodeText(std::string_view utf8, CodePage page);
std::string encodeCodePoints(std::u32string_view text, CodePage page);

}  // namespace vk::hardware::escpos
