#include "hardware/escpos/code_pages.h"

#include <array>

namespace vk::hardware::escpos {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Windows-1252, bytes 0x80–0x9F; 0 marks the five bytes Windows leaves undefined. 0xA0–0xFF are Latin-1 itself.
constexpr std::array<char32_t, 32> kWpc1252From80 = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80 € . ‚ ƒ „ … † ‡
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,       // 88 ˆ ‰ Š ‹ Œ . Ž .
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90 . ‘ ’ “ ” • – —
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,  // 98 ˜ ™ š › œ . ž Ÿ
};

// PC858, bytes 0x80–0xFF: PC850 with the euro sign at 0xD5 in place of the dotless i.
constexpr std::array<char32_t, 128> kCp858From80 = {
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7,  // 80 Ç ü é â ä à å ç
    0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5,  // 88 ê ë è ï î ì Ä Å
    0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,  // 90 É æ Æ ô ö ò û ù
    0x00FF, 0x00D6, 0x00DC, 0x00F8, 0x00A3, 0x00D8, 0x00D7, 0x0192,  // 98 ÿ Ö Ü ø £ Ø × ƒ
    0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA,  // A0 á í ó ú ñ Ñ ª º
    0x00BF, 0x00AE, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,  // A8 ¿ ® ¬ ½ ¼ ¡ « »
    0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x00C1, 0x00C2, 0x00C0,  // B0 ░ ▒ ▓ │ ┤ Á Â À
    0x00A9, 0x2563, 0x2551, 0x2557, 0x255D, 0x00A2, 0x00A5, 0x2510,  // B8 © ╣ ║ ╗ ╝ ¢ ¥ ┐
    0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x00E3, 0x00C3,  // C0 └ ┴ ┬ ├ ─ ┼ ã Ã
    0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x00A4,  // C8 ╚ ╔ ╩ ╦ ╠ ═ ╬ ¤
    0x00F0, 0x00D0, 0x00CA, 0x00CB, 0x00C8, 0x20AC, 0x00CD, 0x00CE,  // D0 ð Ð Ê Ë È € Í Î
    0x00CF, 0x2518, 0x250C, 0x2588, 0x2584, 0x00A6, 0x00CC, 0x2580,  // D8 Ï ┘ ┌ █ ▄ ¦ Ì ▀
    0x00D3, 0x00DF, 0x00D4, 0x00D2, 0x00F5, 0x00D5, 0x00B5, 0x00FE,  // E0 Ó ß Ô Ò õ Õ µ þ
    0x00DE, 0x00DA, 0x00DB, 0x00D9, 0x00FD, 0x00DD, 0x00AF, 0x00B4,  // E8 Þ Ú Û Ù ý Ý ¯ ´
    0x00AD, 0x00B1, 0x2017, 0x00BE, 0x00B6, 0x00A7, 0x00F7, 0x00B8,  // F0 shy ± ‗ ¾ ¶ § ÷ ¸
    0x00B0, 0x00A8, 0x00B7, 0x00B9, 0x00B3, 0x00B2, 0x25A0, 0x00A0,  // F8 ° ¨ · ¹ ³ ² ■ nbsp
};

// What to print when the page lacks a character: close enough for a receipt, and always ASCII or no-break space.
std::u32string_view substitute(char32_t codePoint) {
    switch (codePoint) {
        case 0x0152: return U"OE";
        case 0x0153: return U"oe";
        case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC: return U"'";
        case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: return U"\"";
        case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: return U"-";
        case 0x2026: return U"...";
        case 0x2022: return U"*";
        case 0x2039: return U"<";
        case 0x203A: return U">";
        // French puts a narrow no-break space before ; : ! ? » and after «: keep it unbreakable.
        case 0x202F: case 0x2007: return U"\u00A0";
        case 0x2000: case 0x2001: case 0x2002: case 0x2003: case 0x2004: case 0x2005: case 0x2006: case 0x2008:
        case 0x2009: case 0x200A: case 0x205F: case 0x3000: return U" ";
        default: return U"?";
    }
}

bool isDroppedFormatCharacter(char32_t c) {
    return (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x206F) ||
           c == 0xFEFF || c == 0x00AD;
}

bool isSpacingControl(char32_t c) {
    return c == 0x09 || c == 0x0A || c == 0x0B || c == 0x0C || c == 0x0D || c == 0x2028 || c == 0x2029 || c == 0x85;
}

void appendUtf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (c >> 6)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (c >> 12)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (c >> 18)));
        out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
}

}  // namespace

std::uint8_t escPosTableNumber(CodePage page) {
    return page == CodePage::Cp858 ? 19 : 16;
}

std::string_view codePageName(CodePage page) {
    return page == CodePage::Cp858 ? "CP858" : "WPC1252";
}

std::optional<std::uint8_t> codePageByte(CodePage page, char32_t codePoint) {
    if (codePoint < 0x80) return static_cast<std::uint8_t>(codePoint);
    if (page == CodePage::Wpc1252) {
        if (codePoint >= 0xA0 && codePoint <= 0xFF) return static_cast<std::uint8_t>(codePoint);
        for (std::size_t i = 0; i < kWpc1252From80.size(); ++i) {
            if (kWpc1252From80[i] == codePoint) return static_cast<std::uint8_t>(0x80 + i);
        }
        return std::nullopt;
    }
    for (std::size_t i = 0; i < kCp858From80.size(); ++i) {
        if (kCp858From80[i] == codePoint) return static_cast<std::uint8_t>(0x80 + i);
    }
    return std::nullopt;
}

char32_t codePageCodePoint(CodePage page, std::uint8_t byte) {
    if (byte < 0x80) return byte;
    if (page == CodePage::Wpc1252) {
        if (byte >= 0xA0) return byte;
        const char32_t c = kWpc1252From80[byte - 0x80];
        return c == 0 ? kReplacement : c;
    }
    return kCp858From80[byte - 0x80];
}

std::u32string sanitizeText(std::string_view utf8) {
    std::u32string out;
    out.reserve(utf8.size());
    std::size_t i = 0;
    while (i < utf8.size()) {
        const auto lead = static_cast<unsigned char>(utf8[i]);
        char32_t c = kReplacement;
        std::size_t length = 1;
        char32_t minimum = 0;
        if (lead < 0x80) {
            c = lead;
        } else if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
            c = lead & 0x1F;
            minimum = 0x80;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            c = lead & 0x0F;
            minimum = 0x800;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            c = lead & 0x07;
            minimum = 0x10000;
        } else {
            length = 0;  // a stray continuation byte, 0xC0/0xC1 or 0xF5–0xFF
        }
        bool valid = length > 0 && i + length <= utf8.size();
        for (std::size_t k = 1; valid && k < length; ++k) {
            const auto next = static_cast<unsigned char>(utf8[i + k]);
            if ((next & 0xC0) != 0x80) valid = false;
            c = (c << 6) | (next & 0x3F);
        }
        if (valid && length > 1 && (c < minimum || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))) valid = false;
        if (!valid) {
            out.push_back(kReplacement);
            ++i;
            continue;
        }
        i += length;
        if (isSpacingControl(c)) {
            out.push_back(U' ');
        } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || isDroppedFormatCharacter(c)) {
            continue;
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::string sanitizeUtf8(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    for (const char32_t c : sanitizeText(utf8)) appendUtf8(out, c);
    return out;
}

std::string encodeCodePoints(std::u32string_view text, CodePage page) {
    std::string out;
    out.reserve(text.size());
    for (const char32_t c : text) {
        // The sanitiser has run; this guard keeps a control byte out even if a caller skipped it.
        if (c < 0x20 || c == 0x7F) continue;
        if (const auto byte = codePageByte(page, c)) {
            out.push_back(static_cast<char>(*byte));
            continue;
        }
        for (const char32_t replacement : substitute(c)) {
            const auto byte = codePageByte(page, replacement);
            out.push_back(byte ? static_cast<char>(*byte) : '?');
        }
    }
    return out;
}

std::string encodeText(std::string_view utf8, CodePage page) {
    return encodeCodePoints(sanitizeText(utf8), page);
}

}  // namespace vk::hardware::escpos
