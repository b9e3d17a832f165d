#include "kiosk/ui/on_screen_keyboard.h"

#include "kiosk/services/user_text.h"
#include "kiosk/ui/solid_fill.h"
#include "kiosk/ui/theme.h"
#include "kiosk/ui/widgets.h"

#include <imgui_internal.h>

#include <functional>

namespace vk::ui {
namespace {

using services::countCodepoints;
using services::popLastCodepoint;

const std::vector<std::vector<KeyCap>> kLetters{
    {{"a", "A"}, {"z", "Z"}, {"e", "E"}, {"r", "R"}, {"t", "T"}, {"y", "Y"}, {"u", "U"}, {"i", "I"}, {"o", "O"},
     {"p", "P"}, {"backspace", "backspace", KeyAction::Backspace, 2.6f}},
    {{"q", "Q"}, {"s", "S"}, {"d", "D"}, {"f", "F"}, {"g", "G"}, {"h", "H"}, {"j", "J"}, {"k", "K"}, {"l", "L"},
     {"m", "M"}, {"-", "-"}},
    {{"shift", "shift", KeyAction::Shift, 2.6f}, {"w", "W"}, {"x", "X"}, {"c", "C"}, {"v", "V"}, {"b", "B"},
     {"n", "N"}, {"'", "'"}, {".", "."}, {",", ","}},
    {{"é", "É"}, {"è", "È"}, {"ê", "Ê"}, {"ë", "Ë"}, {"à", "À"}, {"â", "Â"}, {"ç", "Ç"}, {"ù", "Ù"}, {"û", "Û"},
     {"ô", "Ô"}, {"î", "Î"}, {"ï", "Ï"}, {"œ", "Œ"}},
    {{"symbols", "symbols", KeyAction::ToggleSymbols, 2.0f}, {"space", "space", KeyAction::Space, 6.0f},
     {"done", "done", KeyAction::Done, 3.0f}},
};

const std::vector<std::vector<KeyCap>> kSymbols{
    {{"1", "1"}, {"2", "2"}, {"3", "3"}, {"4", "4"}, {"5", "5"}, {"6", "6"}, {"7", "7"}, {"8", "8"}, {"9", "9"},
     {"0", "0"}, {"backspace", "backspace", KeyAction::Backspace, 2.6f}},
    {{"@", "@"}, {".", "."}, {",", ","}, {";", ";"}, {":", ":"}, {"!", "!"}, {"?", "?"}, {"(", "("}, {")", ")"},
     {"/", "/"}},
    {{"€", "€"}, {"&", "&"}, {"#", "#"}, {"+", "+"}, {"=", "="}, {"%", "%"}, {"*", "*"}, {"\"", "\""}, {"_", "_"},
     {"«", "«"}, {"»", "»"}},
    {{"letters", "letters", KeyAction::ToggleSymbols, 2.0f}, {"space", "space", KeyAction::Space, 6.0f},
     {"done", "done", KeyAction::Done, 3.0f}},
};

std::string capLabel(const KeyCap& key, const KeyboardState& state, ImVec2 size) {
    switch (key.action) {
    case KeyAction::Backspace: return eraseKeyLabel(size);
    case KeyAction::Shift: return shiftKeyLabel(size);
    case KeyAction::ToggleSymbols: return state.page == KeyboardPage::Letters ? "?123" : "ABC";
    case KeyAction::Space: return " ";
    case KeyAction::Done: return {};
    case KeyAction::Insert: break;
    }
    return state.shift ? key.upper : key.lower;
}

void acceptPhysicalKeys(std::string& text, std::size_t maxCodepoints) {
    ImGuiIO& io = ImGui::GetIO();
    for (int i = 0; i < io.InputQueueCharacters.Size; ++i) {
        const ImWchar c = io.InputQueueCharacters[i];
        if (c < 0x20 || countCodepoints(text) >= maxCodepoints) continue;
        char utf8[5] = {};
        ImTextCharToUtf8(utf8, c);
        text += utf8;
    }
    io.InputQueueCharacters.resize(0);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace))) popLastCodepoint(text);
}

}  // namespace

const std::vector<std::vector<KeyCap>>& keyboardRows(KeyboardPage page) {
    return page == KeyboardPage::Letters ? kLetters : kSymbols;
}

bool pressKey(const KeyCap& key, std::string& text, KeyboardState& state, std::size_t maxCodepoints) {
    switch (key.action) {
    case KeyAction::Backspace: popLastCodepoint(text); return false;
    case KeyAction::Shift: state.shift = !state.shift; return false;
    case KeyAction::ToggleSymbols:
        state.page = state.page == KeyboardPage::Letters ? KeyboardPage::Symbols : KeyboardPage::Letters;
        state.shift = false;
        return false;
    case KeyAction::Done: return true;
    case KeyAction::Space:
        if (!text.empty() && text.back() != ' ' && countCodepoints(text) < maxCodepoints) text += ' ';
        return false;
    case KeyAction::Insert:
        if (countCodepoints(text) < maxCodepoints) text += state.shift ? key.upper : key.lower;
        // Shift holds for one letter, as on a phone.
        state.shift = false;
        return false;
    }
    return false;
}

bool drawKeyboard(std::string& text, KeyboardState& state, std::size_t maxCodepoints, ImVec2 size,
                  const char* doneLabel) {
    acceptPhysicalKeys(text, maxCodepoints);
    const auto& rows = keyboardRows(state.page);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    fillRoundedRect(ImGui::GetWindowDrawList(), origin, ImVec2(origin.x + size.x, origin.y + size.y),
                    colors::kKeyboardBack, em(0.3f));
    const float gap = em(0.25f);
    const float rowHeight = (size.y - gap * static_cast<float>(rows.size() + 1)) / static_cast<float>(rows.size());
    bool done = false;
    float y = origin.y + gap;
    for (const auto& row : rows) {
        float units = 0.0f;
        for (const KeyCap& key : row) units += key.width;
        // Every row uses the key width of the widest row, so keys line up and stay the same size.
        const float unit = (size.x - gap * 14.0f) / 13.5f;
        const float rowWidth = units * unit + gap * static_cast<float>(row.size() - 1);
        float x = origin.x + (size.x - rowWidth) * 0.5f;
        for (const KeyCap& key : row) {
            const float width = key.width * unit;
            ImGui::SetCursorScreenPos(ImVec2(x, y));
            const std::string id = std::string("kbd.") + key.lower;
            const std::string cap =
                key.action == KeyAction::Done ? std::string(doneLabel) : capLabel(key, state, ImVec2(width, rowHeight));
            const char* label = cap.c_str();
            const bool lit = key.action == KeyAction::Shift && state.shift;
            const ButtonKind kind = key.action == KeyAction::Done ? ButtonKind::Primary : ButtonKind::Normal;
            if (button(id.c_str(), label, ImVec2(width, rowHeight), lit ? ButtonKind::Primary : kind))
                done = pressKey(key, text, state, maxCodepoints) || done;
            x += width + gap;
        }
        y += rowHeight + gap;
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + size.y));
    return done;
}

namespace {

// Four rows of three keys from `origin`, each `key` large and `gap` apart; `draw` draws the one named.
void drawKeyGrid(const char* const (&keys)[4][3], ImVec2 origin, ImVec2 key, float gap,
                 const std::function<void(const std::string& name, const std::string& id)>& draw) {
    for (int row = 0; row < 4; ++row) {
        for (int column = 0; column < 3; ++column) {
            ImGui::SetCursorScreenPos(ImVec2(origin.x + static_cast<float>(column) * (key.x + gap),
                                             origin.y + static_cast<float>(row) * (key.y + gap)));
            const std::string name = keys[row][column];
            draw(name, "pad." + name);
        }
    }
}

}  // namespace

bool drawNumericKeypad(std::string& digits, std::size_t maxDigits, ImVec2 size, const char* okLabel,
                       bool okEnabled) {
    acceptPhysicalKeys(digits, maxDigits);
    // A physical keyboard may have typed letters: a keypad field holds digits only.
    std::erase_if(digits, [](char c) { return c < '0' || c > '9'; });
    static constexpr const char* kKeys[4][3] = {{"1", "2", "3"}, {"4", "5", "6"}, {"7", "8", "9"}, {"backspace", "0", "ok"}};
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float gap = em(0.35f);
    const ImVec2 key((size.x - gap * 2.0f) / 3.0f, (size.y - gap * 3.0f) / 4.0f);
    bool ok = false;
    drawKeyGrid(kKeys, origin, key, gap, [&](const std::string& name, const std::string& id) {
        if (name == "backspace") {
            if (button(id.c_str(), eraseKeyLabel(key).c_str(), key)) popLastCodepoint(digits);
        } else if (name == "ok") {
            ok = button(id.c_str(), okLabel, key, ButtonKind::Primary, okEnabled) || ok;
        } else if (button(id.c_str(), name.c_str(), key) && digits.size() < maxDigits) {
            digits += name;
        }
    });
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + size.y));
    if (okEnabled && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter))) ok = true;
    return ok;
}

bool drawPhoneKeypad(std::string& phone, std::size_t maxChars, ImVec2 size, const char* okLabel) {
    acceptPhysicalKeys(phone, maxChars);
    // Digits, and a « + » only in front: spaces and dots typed or imported go, the number stays the same.
    std::string kept;
    for (const char c : phone)
        if ((c >= '0' && c <= '9') || (c == '+' && kept.empty())) kept += c;
    phone = kept;
    static constexpr const char* kKeys[4][3] = {{"1", "2", "3"}, {"4", "5", "6"}, {"7", "8", "9"}, {"plus", "0", "backspace"}};
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float gap = em(0.3f);
    const ImVec2 key((size.x - gap * 2.0f) / 3.0f, (size.y - gap * 4.0f) / 5.0f);
    drawKeyGrid(kKeys, origin, key, gap, [&](const std::string& name, const std::string& id) {
        if (name == "backspace") {
            if (button(id.c_str(), eraseKeyLabel(key).c_str(), key)) popLastCodepoint(phone);
        } else if (name == "plus") {
            if (button(id.c_str(), "+", key, ButtonKind::Normal, phone.empty())) phone.push_back('+');
        } else if (button(id.c_str(), name.c_str(), key) && phone.size() < maxChars) {
            phone += name;
        }
    });
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + 4.0f * (key.y + gap)));
    bool ok = button("pad.ok", okLabel, ImVec2(size.x, key.y), ButtonKind::Primary);
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + size.y));
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter))) ok = true;
    return ok;
}

bool drawLetterPad(std::string& letters, std::size_t maxLetters, ImVec2 size, const char* okLabel) {
    acceptPhysicalKeys(letters, maxLetters);
    // A physical keyboard may have typed anything: the pad holds capital letters only.
    std::erase_if(letters, [](char c) { return !(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z'); });
    for (char& c : letters)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    // Seven columns: the 26 letters in four rows, erase over the last two places of the fourth (wide enough for
    // its word), and OK across the fifth, so that « Valider » is read whole at every size.
    constexpr int kColumns = 7;
    constexpr int kRows = 5;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float gap = em(0.3f);
    const ImVec2 key((size.x - gap * (kColumns - 1)) / kColumns, (size.y - gap * (kRows - 1)) / kRows);
    bool ok = false;
    for (int i = 0; i < 26; ++i) {
        ImGui::SetCursorScreenPos(ImVec2(origin.x + static_cast<float>(i % kColumns) * (key.x + gap),
                                         origin.y + static_cast<float>(i / kColumns) * (key.y + gap)));
        const std::string letter(1, static_cast<char>('A' + i));
        const std::string id = "letters." + letter;
        if (button(id.c_str(), letter.c_str(), key) && letters.size() < maxLetters) letters += letter;
    }
    const ImVec2 eraseKey(key.x * 2.0f + gap, key.y);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + 5.0f * (key.x + gap), origin.y + 3.0f * (key.y + gap)));
    if (button("letters.backspace", eraseKeyLabel(eraseKey).c_str(), eraseKey) && !letters.empty()) letters.pop_back();
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + 4.0f * (key.y + gap)));
    ok = button("letters.ok", okLabel, ImVec2(size.x, key.y), ButtonKind::Primary);
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + size.y));
    return ok;
}

}  // namespace vk::ui
