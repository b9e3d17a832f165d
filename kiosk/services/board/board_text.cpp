#include "kiosk/services/board/board_text.h"

#include "kiosk/services/user_text.h"

#include <array>

namespace vk::services::board {
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

// Latin Extended-A by runs of one base letter.
constexpr LetterRun kExtendedLetters[] = {
    {0x0100, 0x0105, "A"}, {0x0106, 0x010D, "C"},  {0x010E, 0x0111, "D"}, {0x0112, 0x011B, "E"},
    {0x011C, 0x0123, "G"}, {0x0124, 0x0127, "H"},  {0x0128, 0x0131, "I"}, {0x0132, 0x0133, "IJ"},
    {0x0134, 0x0135, "J"}, {0x0136, 0x0138, "K"},  {0x0139, 0x0142, "L"}, {0x0143, 0x014B, "N"},
    {0x014C, 0x0151, "O"}, {0x0152, 0x0153, "OE"}, {0x0154, 0x0159, "R"}, {0x015A, 0x0161, "S"},
    {0x0162, 0x0167, "T"}, {0x0168, 0x0173, "U"},  {0x0174, 0x0175, "W"}, {0x0176, 0x0178, "Y"},
    {0x0179, 0x017E, "Z"}, {0x017F, 0x017F, "S"},
};

// Whether unicode61 counts the character as part of a word. It follows Unicode's letter and number classes;
// for the scripts a French kiosk meets, these ranges are the signs between words.
bool separatesWords(char32_t cp) {
    if (cp < 0x80) return !((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9'));
    if (cp >= 0x80 && cp <= 0xBF) return cp != 0xAA && cp != 0xB2 && cp != 0xB3 && cp != 0xB5 && cp != 0xB9 &&
                                         cp != 0xBA && cp != 0xBC && cp != 0xBD && cp != 0xBE;
    if (cp == 0xD7 || cp == 0xF7) return true;
    if (cp >= 0x2000 && cp <= 0x2BFF) return true;  // punctuation, typographic quotes, dashes, arrows, symbols
    if (cp >= 0x3000 && cp <= 0x303F) return true;
    if (cp >= 0x1F000) return true;  // emoji
    return cp == 0xFFFD || (cp >= 0xFE00 && cp <= 0xFE0F);
}

}  // namespace

std::string memberNameKey(std::string_view name) {
    const std::string clean = cleanUserText(name, 400);
    std::string key;
    std::size_t i = 0;
    while (i < clean.size()) {
        const char32_t cp = decodeUtf8(clean, i);
        if (cp >= 'a' && cp <= 'z') {
            key += static_cast<char>(cp - 'a' + 'A');
        } else if ((cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')) {
            key += static_cast<char>(cp);
        } else if (cp < 0xC0) {
            // spaces, hyphens, apostrophes, dots and the Latin-1 signs
        } else if (cp <= 0xFF) {
            key += kLatin1Letters[cp - 0xC0];
        } else if ((cp >= 0x0300 && cp <= 0x036F) || separatesWords(cp)) {
            // combining accents, typographic apostrophes and dashes
        } else {
            bool found = false;
            for (const LetterRun& run : kExtendedLetters)
                if (cp >= run.first && cp <= run.last) {
                    key += run.base;
                    found = true;
                    break;
                }
            if (!found) appendUtf8(key, cp);
        }
    }
    return key;
}

std::string foldLigatures(std::string_view text) {
    std::string folded;
    folded.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t start = i;
        const char32_t cp = decodeUtf8(text, i);
        switch (cp) {
        case U'œ': folded += "oe"; break;
        case U'Œ': folded += "OE"; break;
        case U'æ': folded += "ae"; break;
        case U'Æ': folded += "AE"; break;
        default: folded.append(text.substr(start, i - start));
        }
    }
    return folded;
}

std::string searchQuery(std::string_view typed) {
    // Bounded: a query longer than a post's title says nothing more and costs more.
    const std::string text = foldLigatures(cleanUserText(typed, 200));
    std::string query;
    std::string word;
    const auto endWord = [&] {
        if (word.empty()) return;
        if (!query.empty()) query += ' ';
        // A word holds no quote (quotes separate words), so it needs no escaping inside "…".
        query += '"' + word + "\"*";
        word.clear();
    };
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t start = i;
        const char32_t cp = decodeUtf8(text, i);
        if (separatesWords(cp))
            endWord();
        else
            word.append(text.substr(start, i - start));
    }
    endWord();
    return query;
}

}  // namespace vk::services::board
