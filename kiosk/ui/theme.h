#pragma once
// Colours, sizes and fonts for a public touchscreen read at arm's length by people who may see poorly.

#include <imgui.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace vk::ui {

namespace colors {
// Dark text on warm paper: contrast 15:1. Tiles carry white text at 6:1 or more. Every pair the kiosk draws is
// at least 4.5:1 (WCAG 2.2, body text): tests/ui/accessibility_test.cpp computes them from the lists below.
inline constexpr ImU32 kBackground = IM_COL32(0xF6, 0xF2, 0xE9, 0xFF);
inline constexpr ImU32 kText = IM_COL32(0x1B, 0x1B, 0x1B, 0xFF);
inline constexpr ImU32 kTextMuted = IM_COL32(0x4D, 0x4D, 0x4D, 0xFF);
inline constexpr ImU32 kHeader = IM_COL32(0x1F, 0x3A, 0x5F, 0xFF);
inline constexpr ImU32 kOnDark = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
inline constexpr ImU32 kHealth = IM_COL32(0x00, 0x63, 0x57, 0xFF);  // 4.9:1 on the keyboard's grey too
inline constexpr ImU32 kParcels = IM_COL32(0x1E, 0x4F, 0x9C, 0xFF);
inline constexpr ImU32 kBoard = IM_COL32(0x9A, 0x3B, 0x12, 0xFF);
inline constexpr ImU32 kInfo = IM_COL32(0x5B, 0x3F, 0x86, 0xFF);
inline constexpr ImU32 kOrders = IM_COL32(0x7A, 0x4E, 0x12, 0xFF);
inline constexpr ImU32 kAgenda = IM_COL32(0x6B, 0x2D, 0x5C, 0xFF);  // the agenda's tile, white words on it
inline constexpr ImU32 kButton = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
inline constexpr ImU32 kButtonBorder = IM_COL32(0x6B, 0x6B, 0x6B, 0xFF);
inline constexpr ImU32 kPrimary = IM_COL32(0x1F, 0x3A, 0x5F, 0xFF);
inline constexpr ImU32 kDanger = IM_COL32(0xA8, 0x1C, 0x1C, 0xFF);
inline constexpr ImU32 kNotice = IM_COL32(0xFF, 0xE0, 0x8A, 0xFF);
inline constexpr ImU32 kSuccess = IM_COL32(0x1B, 0x64, 0x29, 0xFF);
inline constexpr ImU32 kKey = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
inline constexpr ImU32 kKeyboardBack = IM_COL32(0xD9, 0xD4, 0xC7, 0xFF);
inline constexpr ImU32 kPressed = IM_COL32(0xFF, 0xD5, 0x4F, 0xFF);
// A button that cannot be tapped yet (« Réessayer dans 5 s »): greyed, yet still readable at 5.5:1.
inline constexpr ImU32 kDisabled = IM_COL32(0xE4, 0xE1, 0xDA, 0xFF);
inline constexpr ImU32 kDisabledText = IM_COL32(0x57, 0x57, 0x57, 0xFF);

// The colours words are drawn in on the light grounds (the page, buttons, keys, notices), and those light grounds.
inline constexpr ImU32 kInksOnLight[] = {kText, kTextMuted, kHealth, kParcels, kBoard, kInfo,
                                         kPrimary, kDanger, kSuccess, kDisabledText};
inline constexpr ImU32 kLightGrounds[] = {kBackground, kButton, kKey, kNotice, kKeyboardBack, kPressed, kDisabled};
// The dark grounds (the header, the tiles, primary and danger buttons, the state of the day), with white words;
// pressed, they are drawn darker, which only adds contrast.
inline constexpr ImU32 kDarkGrounds[] = {kHeader, kHealth, kParcels, kBoard, kInfo, kPrimary, kDanger, kSuccess, kTextMuted,
                                         kAgenda};
}  // namespace colors

struct Fonts {
    ImFont* body = nullptr;   // 1 em: everything people read
    ImFont* title = nullptr;  // 1.5 em: screen titles, tile labels
    ImFont* huge = nullptr;   // 2.6 em: the clock, tile icons, the PIN dots
    ImFont* small = nullptr;  // 0.75 em: technical details for staff only
    ImFont* least = nullptr;  // 0.6 em: a narrow key's word when nothing larger fits (« Effacer » in large text)
};

// The body text height for a screen: about 1/22 of its height, so a 1024×600 screen gets 27 px and a
// 1920×1080 one 49 px, times the configured text scale.
float bodyPixelsFor(int screenHeight, double textScale);

struct FontSetup {
    std::filesystem::path regular;
    std::filesystem::path bold;
};

// Loads the fonts into ImGui's atlas with every glyph the translations and the interface symbols use.
// Returns a message when the configured font is missing and a fallback was used.
std::optional<std::string> loadFonts(const FontSetup& setup, float bodyPixels, Fonts& fonts);

void applyStyle(float bodyPixels);

const Fonts& fonts();
void setFonts(const Fonts& fonts);
// Exchanges the fonts and the em size in use with a window's own (ui::ScopedWindowUi).
void swapFontState(Fonts& fonts, float& bodyPixels);

// Sizes in multiples of the body font, never in raw pixels.
float em(float count = 1.0f);
ImVec2 em(float x, float y);

// Interface symbols drawn from the font (DejaVu Sans has all of them).
namespace symbols {
inline constexpr const char* kBack = "\xE2\x86\x90";       // ←
inline constexpr const char* kHealth = "\xE2\x9C\x9A";     // ✚
inline constexpr const char* kParcels = "\xE2\x9C\x89";    // ✉
inline constexpr const char* kBoard = "\xE2\x99\xA5";      // ♥
inline constexpr const char* kInfo = "\xE2\x84\xB9";       // ℹ
inline constexpr const char* kStaff = "\xE2\x9A\x99";      // ⚙
inline constexpr const char* kBackspace = "\xE2\x8C\xAB";  // ⌫
inline constexpr const char* kShift = "\xE2\x87\xA7";      // ⇧
inline constexpr const char* kCheck = "\xE2\x9C\x93";      // ✓
inline constexpr const char* kWarning = "\xE2\x9A\xA0";    // ⚠
inline constexpr const char* kDot = "\xE2\x97\x8F";        // ●
inline constexpr const char* kCircle = "\xE2\x97\x8B";     // ○
inline constexpr const char* kArrow = "\xE2\x86\x92";      // →
inline constexpr const char* kRemove = "\xE2\x9C\x95";     // ✕
inline constexpr const char* kOrders = "\xE2\x98\x95";     // ☕
inline constexpr const char* kPlay = "\xE2\x96\xB6";       // ▶ (read aloud)
inline constexpr const char* kStop = "\xE2\x96\xA0";       // ■
inline constexpr const char* kAgenda = "\xE2\x98\x85";     // ★
}  // namespace symbols

}  // namespace vk::ui
