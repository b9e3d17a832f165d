#include "kiosk/services/board/board_text.h"

#include "kiosk/services/user_text.h"

#include <array>

namespace vk::services::board {
namespace {

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
            key += latinBaseLetters(cp);
        } else if ((cp >= 0x0300 && cp <= 0x036F) || separatesWords(cp)) {
            // combining accents, typographic apostrophes and dashes
        } else if (const char* base = latinBaseLetters(cp)) {
            key += base;
        } else {
            appendUtf8(key, cp);
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
