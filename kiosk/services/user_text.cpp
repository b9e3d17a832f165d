#include "kiosk/services/user_text.h"

#include <array>

#include <cstdint>

namespace vk::services {

char32_t decodeUtf8(std::string_view text, std::size_t& i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    int length = 0;
    char32_t cp = 0;
    if (lead < 0x80) {
        ++i;
        return lead;
    } else if ((lead & 0xE0) == 0xC0) {
        length = 2;
        cp = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        cp = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        cp = lead & 0x07;
    } else {
        ++i;
        return 0xFFFD;
    }
    if (i + static_cast<std::size_t>(length) > text.size()) {
        ++i;
        return 0xFFFD;
    }
    for (int k = 1; k < length; ++k) {
        const unsigned char next = byte(i + static_cast<std::size_t>(k));
        if ((next & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (next & 0x3F);
    }
    static constexpr char32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
    i += static_cast<std::size_t>(length);
    if (cp < kMinForLength[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0xFFFD;
    return cp;
}

void appendUtf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

namespace {

bool isControl(char32_t cp) {
    // C0, DEL, C1, and the invisible format characters that can reorder or hide text.
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

bool isSpace(char32_t cp) { return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0x202F; }

}  // namespace

std::string cleanUserText(std::string_view text, std::size_t maxCodepoints) {
    std::string out;
    out.reserve(std::min(text.size(), maxCodepoints * 4));
    std::size_t kept = 0;
    bool pendingSpace = false;
    std::size_t i = 0;
    while (i < text.size() && kept < maxCodepoints) {
        const char32_t cp = decodeUtf8(text, i);
        if (isSpace(cp)) {
            pendingSpace = kept > 0;
            continue;
        }
        if (isControl(cp)) continue;
        if (pendingSpace) {
            if (kept + 1 >= maxCodepoints) break;
            out += ' ';
            ++kept;
            pendingSpace = false;
        }
        appendUtf8(out, cp);
        ++kept;
    }
    return out;
}

std::size_t countCodepoints(std::string_view utf8) {
    std::size_t count = 0;
    for (const char c : utf8)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
    return count;
}

void popLastCodepoint(std::string& text) {
    while (!text.empty()) {
        const auto last = static_cast<unsigned char>(text.back());
        text.pop_back();
        if ((last & 0xC0) != 0x80) break;
    }
}

namespace {

// U+00C0 to U+00FF; an empty entry is dropped (× and ÷).
constexpr std::array<const char*, 64> kLatin1Letters{
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",   // À…Ï
    "D", "N", "O", "O", "O", "O", "O",  "",  "O", "U", "U", "U", "U", "Y", "TH", "SS", // Ð…ß
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",   // à…ï
    "D", "N", "O", "O", "O", "O", "O",  "",  "O", "U", "U", "U", "U", "Y", "TH", "Y",  // ð…ÿ
};

struct LetterRun {
    char32_t first;
    char32_t last;
    const char* base;
};

// Latin Extended-A (U+0100 to U+017F) by runs of one base letter, and the Romanian comma letters.
constexpr LetterRun kExtendedLetters[] = {
    {0x0100, 0x0105, "A"},  {0x0106, 0x010D, "C"}, {0x010E, 0x0111, "D"}, {0x0112, 0x011B, "E"},
    {0x011C, 0x0123, "G"},  {0x0124, 0x0127, "H"}, {0x0128, 0x0131, "I"}, {0x0132, 0x0133, "IJ"},
    {0x0134, 0x0135, "J"},  {0x0136, 0x0138, "K"}, {0x0139, 0x0142, "L"}, {0x0143, 0x014B, "N"},
    {0x014C, 0x0151, "O"},  {0x0152, 0x0153, "OE"}, {0x0154, 0x0159, "R"}, {0x015A, 0x0161, "S"},
    {0x0162, 0x0167, "T"},  {0x0168, 0x0173, "U"}, {0x0174, 0x0175, "W"}, {0x0176, 0x0178, "Y"},
    {0x0179, 0x017E, "Z"},  {0x017F, 0x017F, "S"}, {0x0218, 0x0219, "S"}, {0x021A, 0x021B, "T"},
};

}  // namespace

const char* latinBaseLetters(char32_t codepoint) {
    if (codepoint >= 0xC0 && codepoint <= 0xFF) return kLatin1Letters[codepoint - 0xC0];
    for (const LetterRun& run : kExtendedLetters)
        if (codepoint >= run.first && codepoint <= run.last) return run.base;
    return nullptr;
}

std::string csvField(const std::string& text) {
    // Built rather than inserted into: GCC 12 at -O2 warns (-Wrestrict, falsely) on string::insert at 0.
    std::string quoted = "\"";
    if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@')) quoted += '\'';
    for (const char c : text) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

}  // namespace vk::services
