#pragma once
// How the board compares what people type: a member's name for identification, and search queries for FTS5.

#include <string>
#include <string_view>

namespace vk::services::board {

// A name as it is compared when a member identifies with name and PIN: capitals, accents removed (é → E,
// œ → OE), spaces and punctuation dropped. "Jean-Marc Lefèvre" and "jean marc lefevre" give the same key.
std::string memberNameKey(std::string_view name);

// œ → oe, æ → ae (and the capitals): unicode61 keeps these as letters of their own, so the indexed text (see the
// migration's triggers) and the query both fold them.
std::string foldLigatures(std::string_view text);

// What a resident typed, as an FTS5 query that cannot fail: the text is cut into words the way the unicode61
// tokenizer cuts it (letters and digits; apostrophes, hyphens, quotes, brackets and every other sign separate
// words), and each word becomes a quoted prefix term ("word"*), all of them required. FTS5's operators (NEAR,
// AND, OR, NOT, *, ", -, parentheses) are therefore searched as text. Empty when the text has no word at all.
std::string searchQuery(std::string_view typed);

}  // namespace vk::services::board
