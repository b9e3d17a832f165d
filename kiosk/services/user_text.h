#pragma once
// Text typed by people (names, posts) before it is stored, drawn or printed.

#include <cstddef>
#include <string>
#include <string_view>

namespace vk::services {

// Makes typed text safe to keep: invalid UTF-8 becomes U+FFFD, control characters (which could reach a
// printer as commands) are dropped, runs of white space fold into one space, the ends are trimmed and the
// result is cut at `maxCodepoints` on a character boundary.
std::string cleanUserText(std::string_view text, std::size_t maxCodepoints);

std::size_t countCodepoints(std::string_view utf8);

// Decodes the character at byte `i` and moves `i` past it; invalid UTF-8 gives U+FFFD and moves one byte.
char32_t decodeUtf8(std::string_view text, std::size_t& i);
void appendUtf8(std::string& out, char32_t codepoint);

// The capital letters a Latin letter is written with when accents are set aside (é → "E", œ → "OE", ß → "SS"),
// for keys that match names and words however they were typed: Latin-1, Latin Extended-A and the Romanian
// comma letters. "" for × and ÷; null for any other character.
const char* latinBaseLetters(char32_t codepoint);

// Removes the last UTF-8 character of `text` (a whole é, not half of it).
void popLastCodepoint(std::string& text);

// A field of a CSV file (RFC 4180): quoted, quotes doubled. A leading = + - @ is prefixed with ' so that a
// spreadsheet does not run typed text (a post, a customer's name) as a formula.
std::string csvField(const std::string& text);

}  // namespace vk::services
