#pragma once
// The on-screen keyboards: French AZERTY with the accented letters a resident needs, a symbols page, and a
// numeric keypad for codes, PINs and dates. Keys edit the screen's own string directly.

#include <imgui.h>

#include <cstddef>
#include <string>
#include <vector>

namespace vk::ui {

enum class KeyAction { Insert, Backspace, Shift, ToggleSymbols, Space, Done };

struct KeyCap {
    const char* lower;  // what the key types, and its id: "kbd.<lower>"
    const char* upper;  // with shift
    KeyAction action = KeyAction::Insert;
    float width = 1.0f;  // in key widths
};

enum class KeyboardPage { Letters, Symbols };

struct KeyboardState {
    KeyboardPage page = KeyboardPage::Letters;
    bool shift = false;
};

const std::vector<std::vector<KeyCap>>& keyboardRows(KeyboardPage page);

// Applies one key to `text` (never past `maxCodepoints`); returns true for the Done key.
bool pressKey(const KeyCap& key, std::string& text, KeyboardState& state, std::size_t maxCodepoints);

// Draws the full keyboard across `size` at the cursor. Keys typed on a physical keyboard (a technician's,
// during set-up) land in the same string. Returns true when Done is tapped.
bool drawKeyboard(std::string& text, KeyboardState& state, std::size_t maxCodepoints, ImVec2 size,
                  const char* doneLabel);

// A 3×4 keypad of digits with erase and OK. Returns true when OK is tapped.
bool drawNumericKeypad(std::string& digits, std::size_t maxDigits, ImVec2 size, const char* okLabel,
                       bool okEnabled = true);

// A phone's keypad: the digits, « + » (first only: a number from abroad, +41…), erase, and OK across a fifth row.
// Returns true when OK is tapped.
bool drawPhoneKeypad(std::string& phone, std::size_t maxChars, ImVec2 size, const char* okLabel);

// The 26 letters in alphabetical order, large, with erase and OK: for the first letters of a name, where a
// full keyboard only makes people hunt. Returns true when OK is tapped.
bool drawLetterPad(std::string& letters, std::size_t maxLetters, ImVec2 size, const char* okLabel);

}  // namespace vk::ui
