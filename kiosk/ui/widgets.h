#pragma once
// The few widgets every screen is built from: big buttons, tiles, a header bar, a text field that opens the
// on-screen keyboard, wrapped text, and drag-to-scroll. Each records what it drew, so that tests can find a
// button by its id and check which words reached the screen.

#include "kiosk/ui/theme.h"

#include <imgui.h>

#include <functional>
#include <string>
#include <vector>

namespace vk::ui {

struct DrawnItem {
    std::string id;    // the widget's id ("" for plain text)
    std::string text;  // the words drawn
    ImVec2 min;
    ImVec2 max;
    bool tappable = false;  // a widget (enabled or not), as opposed to plain text
    // Its words do not fit: cut at the side of the list or screen that holds them, or wider or taller than their
    // button. Scrolling a list out of view is not overflowing.
    bool overflows = false;
    // Partly scrolled out of its list or clipped: min and max are the part on screen, smaller than the widget.
    bool clipped = false;
    ImVec2 center() const { return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f); }
};

// Called by the frame driver: starts a new list and keeps the previous, complete one readable.
void beginDrawnItems();
void endDrawnItems();
const std::vector<DrawnItem>& lastFrameItems();
// Exchanges what the frames recorded with a window's own (ui::ScopedWindowUi).
struct DrawnItemsState {
    std::vector<DrawnItem> current;
    std::vector<DrawnItem> last;
    float headerReserve = 0.0f;
};
void swapDrawnItemsState(DrawnItemsState& state);

enum class ButtonKind { Normal, Primary, Danger, Quiet };

bool button(const char* id, const char* label, ImVec2 size, ButtonKind kind = ButtonKind::Normal,
            bool enabled = true);
bool tile(const char* id, const char* icon, const char* title, const char* subtitle, ImU32 color, ImVec2 size);

// A full-width band with the screen title and, on every screen but home, a large "back" button.
// Returns true when back was tapped.
bool headerBar(const char* title, bool withBack);
// Room the kiosk keeps at the right end of the header bar for a button of its own (« Écouter »), 0 for none: the
// title takes a smaller type rather than run under it. Set before each screen draws.
void setHeaderBarReserve(float width);
// The place kept at the right end of this frame's header bar; `drawn` is false when the screen drew none.
struct HeaderSlot {
    bool drawn = false;
    ImVec2 min;
    ImVec2 max;
};
HeaderSlot headerSlot();

void text(const std::string& words, ImFont* font = nullptr, ImU32 color = colors::kText);
void textWrapped(const std::string& words, float width, ImFont* font = nullptr, ImU32 color = colors::kText);
void textCentered(const std::string& words, float width, ImFont* font = nullptr, ImU32 color = colors::kText);
void noticeBanner(const std::string& words);
// News for residents (a doctor's delay): the same band in large type, `width` wide.
void newsBanner(const std::string& words, float width);
// Words as large as fit `width` × `height` at the cursor, centred (the calling screen's number). Drawn from the
// largest font, scaled up: softer edges, but read from across the room.
void textFilling(const std::string& words, float width, float height, ImU32 color);
// A picture (a receipt preview), recorded by id so that tests can find it and check its size.
void image(const char* id, ImTextureID texture, ImVec2 size);

// The labels of the erase and shift keys: the symbol and its word (an icon alone is a riddle to many), the word
// under the symbol, or beside it on a key too low for two lines. Keys are made wide enough for the word
// (docs/accessibility.md); a label that still does not fit is an overflow the fit test sees.
std::string eraseKeyLabel(ImVec2 keySize);
std::string shiftKeyLabel(ImVec2 keySize);

// A text box showing `value`; tapping it returns true (the screen then points the keyboard at it).
bool textField(const char* id, const std::string& value, const char* placeholder, bool active, bool masked,
               float width);

// Inside a scrolling child window: a finger dragging on it scrolls it, as on a phone.
void dragToScroll();

// A screen's content over its main actions (« Terminer », « Valider »): the content goes in a child of its own
// that scrolls by a drag when it is taller than what the actions leave (large text on a small screen), and the
// actions stay in view at the bottom. The child has no padding: the content starts where the screen's did.
void beginAboveActions(const char* id, float actionsHeight);
// A confirm or done step's action row: its buttons' height, and the row's with the gap above it, in ems.
inline constexpr float kActionButtonEm = 2.6f;
inline constexpr float kActionRowEm = kActionButtonEm + 0.3f;
// Ends the content; the cursor is then at the top of the bottom `actionsHeight`.
void endAboveActions();
// The main actions under it: one row of buttons `height` high, centred in `width` from `left` (screen x), 12 ems
// each at most; each function draws its button in the size it is given.
void actionRow(float width, float left, float height, const std::vector<std::function<void(ImVec2)>>& buttons);

// Words wrapped to `width`, in body type when they fit `height`, else in the small type, else in the least (a
// hint beside a keypad in large text); taller than `height` even then, they take more, and what is below moves.
void textWrappedWithin(const std::string& words, float width, float height, ImU32 color = colors::kText);

}  // namespace vk::ui
