#include "kiosk/ui/widgets.h"

#include "kiosk/i18n/translations.h"
#include "kiosk/ui/solid_fill.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

namespace vk::ui {
namespace {

std::vector<DrawnItem> g_current;
std::vector<DrawnItem> g_last;
float g_headerReserve = 0.0f;
HeaderSlot g_headerSlot;

// Only what is on screen counts: an item scrolled out of its list, or clipped away, was not drawn. `overflows`
// says its words did not fit their own box; a cut at the left or right of the clip rectangle is noted here too.
void record(const char* id, const std::string& words, ImVec2 min, ImVec2 max, bool tappable, bool overflows = false) {
    const ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 clipMin = draw->GetClipRectMin();
    const ImVec2 clipMax = draw->GetClipRectMax();
    const ImVec2 visibleMin(std::max(min.x, clipMin.x), std::max(min.y, clipMin.y));
    const ImVec2 visibleMax(std::min(max.x, clipMax.x), std::min(max.y, clipMax.y));
    if (visibleMax.x <= visibleMin.x || visibleMax.y <= visibleMin.y) return;
    constexpr float kSlack = 1.0f;  // rounding of positions
    const bool cutSideways = !words.empty() && (min.x < clipMin.x - kSlack || max.x > clipMax.x + kSlack);
    // In a scrolling list a row cut at the top or bottom is scrolled; on the screen itself it is cut off.
    const bool inList = (ImGui::GetCurrentWindowRead()->Flags & ImGuiWindowFlags_ChildWindow) != 0;
    const bool cutBelow = !inList && (min.y < clipMin.y - kSlack || max.y > clipMax.y + kSlack);
    const bool clipped = visibleMin.x > min.x + kSlack || visibleMin.y > min.y + kSlack || visibleMax.x < max.x - kSlack ||
                         visibleMax.y < max.y - kSlack;
    g_current.push_back(
        {id ? id : "", words, visibleMin, visibleMax, tappable, overflows || cutSideways || cutBelow, clipped});
}

ImU32 darker(ImU32 color, float factor) {
    ImVec4 c = ImGui::ColorConvertU32ToFloat4(color);
    return ImGui::ColorConvertFloat4ToU32(ImVec4(c.x * factor, c.y * factor, c.z * factor, c.w));
}

// Draws `words` centred in [min, max], wrapping to the box width.
// Returns the size of the wrapped block, which may exceed the box when the words do not fit.
ImVec2 drawCentered(ImDrawList* draw, ImFont* font, const std::string& words, ImVec2 min, ImVec2 max, ImU32 color) {
    const float width = max.x - min.x;
    const ImVec2 size = font->CalcTextSizeA(font->FontSize, FLT_MAX, width * 0.92f, words.c_str());
    const ImVec2 at(min.x + (width - size.x) * 0.5f, min.y + (max.y - min.y - size.y) * 0.5f);
    // Each wrapped line is centred on its own.
    const char* line = words.c_str();
    const char* end = line + words.size();
    float y = at.y;
    float widest = 0.0f;
    while (line < end) {
        const char* lineEnd = font->CalcWordWrapPositionA(1.0f, line, end, width * 0.92f);
        // Nothing fits: one whole character (its UTF-8 bytes together), never a byte alone, which draws as « ? ».
        if (lineEnd == line) {
            unsigned int codepoint = 0;
            lineEnd = line + std::max(1, ImTextCharFromUtf8(&codepoint, line, end));
        }
        const char* newline = static_cast<const char*>(memchr(line, '\n', static_cast<size_t>(lineEnd - line)));
        if (newline) lineEnd = newline;
        const ImVec2 lineSize = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, line, lineEnd);
        widest = std::max(widest, lineSize.x);
        draw->AddText(font, font->FontSize, ImVec2(std::floor(min.x + (width - lineSize.x) * 0.5f), std::floor(y)),
                      color, line, lineEnd);
        y += font->FontSize;
        line = lineEnd;
        while (line < end && (*line == ' ' || *line == '\n')) ++line;
    }
    return ImVec2(widest, y - at.y);
}

// Whether every word of `words` fits `width` on a line of its own: wrapping may then break between words only.
bool wordsFit(ImFont* font, const std::string& words, float width) {
    std::size_t start = 0;
    while (start < words.size()) {
        std::size_t end = words.find_first_of(" \n", start);
        if (end == std::string::npos) end = words.size();
        if (end > start &&
            font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, words.c_str() + start, words.c_str() + end).x > width)
            return false;
        start = end + 1;
    }
    return true;
}

}  // namespace

void beginDrawnItems() {
    g_current.clear();
    g_headerSlot = {};
    clearSolidFills();
}
void endDrawnItems() { g_last.swap(g_current); }
const std::vector<DrawnItem>& lastFrameItems() { return g_last; }
void swapDrawnItemsState(DrawnItemsState& state) {
    g_current.swap(state.current);
    g_last.swap(state.last);
    std::swap(g_headerReserve, state.headerReserve);
}

void image(const char* id, ImTextureID texture, ImVec2 size) {
    ImGui::Image(texture, size);
    record(id, "", ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), false);
}

bool button(const char* id, const char* label, ImVec2 size, ButtonKind kind, bool enabled) {
    const ImVec2 min = ImGui::GetCursorScreenPos();
    ImGui::PushID(id);
    bool tapped = ImGui::InvisibleButton("##button", size);
    const bool pressed = ImGui::IsItemActive();
    ImGui::PopID();
    tapped = tapped && enabled;
    const ImVec2 max(min.x + size.x, min.y + size.y);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImU32 fill = colors::kButton;
    ImU32 inkColor = colors::kText;
    ImU32 border = colors::kButtonBorder;
    switch (kind) {
    case ButtonKind::Primary: fill = colors::kPrimary; inkColor = colors::kOnDark; border = fill; break;
    case ButtonKind::Danger: fill = colors::kDanger; inkColor = colors::kOnDark; border = fill; break;
    case ButtonKind::Quiet: fill = IM_COL32(0, 0, 0, 0); inkColor = colors::kTextMuted; border = IM_COL32(0, 0, 0, 0); break;
    case ButtonKind::Normal: break;
    }
    if (!enabled) {
        fill = colors::kDisabled;
        inkColor = colors::kDisabledText;
        border = fill;
    } else if (pressed) {
        fill = kind == ButtonKind::Normal || kind == ButtonKind::Quiet ? colors::kPressed : darker(fill, 0.7f);
    }
    const float rounding = em(0.35f);
    fillRoundedRect(draw, min, max, fill, rounding);
    if (border != IM_COL32(0, 0, 0, 0)) draw->AddRect(min, max, border, rounding, 0, 2.0f);
    ImFont* font = fonts().body ? fonts().body : ImGui::GetFont();
    // A word wider than the button would be cut in two (« Valide / r »): a smaller type first, and if even that
    // does not do, the fit test hears of it.
    const float wrapWidth = size.x * 0.92f;
    // Likewise a label on two lines (« ⌫ / Effacer ») taller than a short key.
    const auto fits = [&](ImFont* candidate) {
        return wordsFit(candidate, label, wrapWidth) &&
               candidate->CalcTextSizeA(candidate->FontSize, FLT_MAX, wrapWidth, label).y <= size.y;
    };
    if (!fits(font) && fonts().small && fits(fonts().small))
        font = fonts().small;
    else if (!fits(font) && fonts().least && wordsFit(fonts().least, label, wrapWidth))
        font = fonts().least;
    const ImVec2 ink = drawCentered(draw, font, label, min, max, inkColor);
    record(id, label, min, max, true,
           ink.x > size.x + 0.5f || ink.y > size.y + 0.5f || !wordsFit(font, label, wrapWidth));
    return tapped;
}

bool tile(const char* id, const char* icon, const char* title, const char* subtitle, ImU32 color, ImVec2 size) {
    const ImVec2 min = ImGui::GetCursorScreenPos();
    ImGui::PushID(id);
    const bool tapped = ImGui::InvisibleButton("##tile", size);
    const bool pressed = ImGui::IsItemActive();
    ImGui::PopID();
    const ImVec2 max(min.x + size.x, min.y + size.y);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    fillRoundedRect(draw, min, max, pressed ? darker(color, 0.75f) : color, em(0.6f));
    const Fonts& f = fonts();
    // Icon on the left third, words on the right: reads well both on wide and on square tiles.
    const float iconWidth = std::min(size.x * (size.x < em(14.0f) ? 0.2f : 0.25f), size.y);
    // The icon in the largest type that fits its column: the narrow tiles of a home with seven areas or more
    // take the title's.
    ImFont* iconFont = f.huge;
    if (iconFont->CalcTextSizeA(iconFont->FontSize, FLT_MAX, 0.0f, icon).x > iconWidth * 0.92f) iconFont = f.title;
    drawCentered(draw, iconFont, icon, min, ImVec2(min.x + iconWidth, max.y), colors::kOnDark);
    const ImVec2 textMin(min.x + iconWidth, min.y);
    const float textWidth = size.x - iconWidth - em(0.8f);
    // Large type when it fits; on the narrower tiles of a fuller home screen, a size smaller rather than a word cut.
    ImFont* titleFont = f.title;
    ImFont* subtitleFont = f.body;
    ImVec2 titleSize;
    ImVec2 subtitleSize;
    float blockHeight = 0.0f;
    bool tileOverflows = false;
    // On a tile too low for both (large text on a small screen), the title alone, in large type: the voice and
    // the next screen say the rest.
    bool withSubtitle = true;
    for (int attempt = 0; attempt < 4; ++attempt) {
        withSubtitle = attempt < 2;
        titleSize = titleFont->CalcTextSizeA(titleFont->FontSize, FLT_MAX, textWidth, title);
        subtitleSize = withSubtitle ? subtitleFont->CalcTextSizeA(subtitleFont->FontSize, FLT_MAX, textWidth, subtitle)
                                    : ImVec2(0.0f, 0.0f);
        blockHeight = titleSize.y + (withSubtitle ? em(0.3f) + subtitleSize.y : 0.0f);
        tileOverflows = blockHeight > size.y || titleSize.x > textWidth + 0.5f || subtitleSize.x > textWidth + 0.5f;
        if (!tileOverflows) break;
        titleFont = attempt == 1 ? f.title : f.body;
        subtitleFont = f.small;
    }
    const float top = min.y + (size.y - blockHeight) * 0.5f;
    draw->AddText(titleFont, titleFont->FontSize, ImVec2(textMin.x, top), colors::kOnDark, title, nullptr, textWidth);
    if (withSubtitle)
        draw->AddText(subtitleFont, subtitleFont->FontSize, ImVec2(textMin.x, top + titleSize.y + em(0.3f)),
                      colors::kOnDark, subtitle, nullptr, textWidth);
    record(id, withSubtitle ? std::string(title) + "\n" + subtitle : std::string(title), min, max, true, tileOverflows);
    return tapped;
}

bool headerBar(const char* title, bool withBack) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float height = em(2.8f);
    const ImVec2 min = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    // The band runs from edge to edge, over the window's padding.
    draw->PushClipRectFullScreen();
    fillRoundedRect(draw, ImVec2(viewport->Pos.x, min.y - ImGui::GetStyle().WindowPadding.y),
                    ImVec2(viewport->Pos.x + viewport->Size.x, min.y + height), colors::kHeader, 0.0f);
    draw->PopClipRect();
    bool back = false;
    float titleX = min.x;
    if (withBack) {
        const std::string label = std::string(symbols::kBack) + "  " + i18n::tr("common.back");
        ImGui::SetCursorScreenPos(min);
        back = button("common.back", label.c_str(), ImVec2(em(6.5f), height - em(0.5f)));
        titleX += em(7.5f);
    }
    const Fonts& f = fonts();
    const float right = viewport->Pos.x + viewport->Size.x - ImGui::GetStyle().WindowPadding.x;
    if (g_headerReserve > 0.0f) {
        g_headerSlot.drawn = true;
        g_headerSlot.min = ImVec2(right - g_headerReserve, min.y);
        g_headerSlot.max = ImVec2(right, min.y + height - em(0.5f));
    }
    const float titleRoom = right - (g_headerReserve > 0.0f ? g_headerReserve + em(0.5f) : 0.0f) - titleX;
    // Large type when the title fits beside the buttons (in large text it may not), body type rather than a cut.
    ImFont* titleFont = f.title;
    for (ImFont* smaller : {f.body, f.small})
        if (titleFont->CalcTextSizeA(titleFont->FontSize, FLT_MAX, 0.0f, title).x > titleRoom) titleFont = smaller;
    const float titleY = min.y + (height - em(0.5f) - titleFont->FontSize) * 0.5f;
    draw->AddText(titleFont, titleFont->FontSize, ImVec2(titleX, titleY), colors::kOnDark, title);
    const float titleWidth = titleFont->CalcTextSizeA(titleFont->FontSize, FLT_MAX, 0.0f, title).x;
    record("", title, ImVec2(titleX, titleY), ImVec2(titleX + titleWidth, titleY + titleFont->FontSize), false,
           titleX + titleWidth > viewport->Pos.x + viewport->Size.x);
    ImGui::SetCursorScreenPos(ImVec2(min.x, min.y + height + em(0.4f)));
    return back;
}

namespace {
// The symbol over its word where the key is tall enough for two lines of the word's type, beside it on one line
// where it is not (a keyboard's low rows in large text): never the symbol alone. The button then takes the
// largest type the label fits in.
std::string keyLabel(const char* symbol, const char* word, ImVec2 keySize) {
    const std::string stacked = std::string(symbol) + "\n" + word;
    ImFont* least = fonts().least ? fonts().least : ImGui::GetFont();
    if (!least || least->FontSize * 2.0f <= keySize.y * 0.92f) return stacked;
    return std::string(symbol) + " " + word;
}
}  // namespace

std::string eraseKeyLabel(ImVec2 keySize) { return keyLabel(symbols::kBackspace, i18n::tr("keyboard.erase"), keySize); }
std::string shiftKeyLabel(ImVec2 keySize) { return keyLabel(symbols::kShift, i18n::tr("keyboard.shift"), keySize); }

void setHeaderBarReserve(float width) { g_headerReserve = width; }
HeaderSlot headerSlot() { return g_headerSlot; }

void text(const std::string& words, ImFont* font, ImU32 color) {
    if (font) ImGui::PushFont(font);
    const ImVec2 min = ImGui::GetCursorScreenPos();
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(words.c_str());
    ImGui::PopStyleColor();
    record("", words, min, ImGui::GetItemRectMax(), false);
    if (font) ImGui::PopFont();
}

void textWrapped(const std::string& words, float width, ImFont* font, ImU32 color) {
    if (font) ImGui::PushFont(font);
    const ImVec2 min = ImGui::GetCursorScreenPos();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(words.c_str());
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    record("", words, min, ImGui::GetItemRectMax(), false);
    if (font) ImGui::PopFont();
}

void textCentered(const std::string& words, float width, ImFont* font, ImU32 color) {
    ImFont* used = font ? font : ImGui::GetFont();
    // Measured as drawCentered wraps it: a block measured wider would be centred over the line above.
    const ImVec2 size = used->CalcTextSizeA(used->FontSize, FLT_MAX, width * 0.92f, words.c_str());
    const ImVec2 min = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(width, size.y));
    const ImVec2 ink = drawCentered(ImGui::GetWindowDrawList(), used, words, min, ImVec2(min.x + width, min.y + size.y), color);
    record("", words, min, ImVec2(min.x + width, min.y + size.y), false, ink.x > width + 0.5f);
}

void noticeBanner(const std::string& words) {
    const float width = ImGui::GetContentRegionAvail().x;
    ImFont* font = fonts().small ? fonts().small : ImGui::GetFont();
    const std::string line = std::string(symbols::kWarning) + "  " + words;
    const ImVec2 size = font->CalcTextSizeA(font->FontSize, FLT_MAX, width - em(1.0f), line.c_str());
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const ImVec2 max(min.x + width, min.y + size.y + em(0.6f));
    fillRoundedRect(ImGui::GetWindowDrawList(), min, max, colors::kNotice, em(0.2f));
    ImGui::GetWindowDrawList()->AddText(font, font->FontSize, ImVec2(min.x + em(0.5f), min.y + em(0.3f)),
                                        colors::kText, line.c_str(), nullptr, width - em(1.0f));
    ImGui::Dummy(ImVec2(width, max.y - min.y));
    record("", words, min, max, false);
}

void newsBanner(const std::string& words, float width) {
    ImFont* font = fonts().title ? fonts().title : ImGui::GetFont();
    const std::string line = std::string(symbols::kWarning) + "  " + words;
    const float inner = width - em(1.2f);
    const ImVec2 size = font->CalcTextSizeA(font->FontSize, FLT_MAX, inner, line.c_str());
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const ImVec2 max(min.x + width, min.y + size.y + em(0.8f));
    fillRoundedRect(ImGui::GetWindowDrawList(), min, max, colors::kNotice, em(0.3f));
    ImGui::GetWindowDrawList()->AddText(font, font->FontSize, ImVec2(min.x + em(0.6f), min.y + em(0.4f)), colors::kText,
                                        line.c_str(), nullptr, inner);
    ImGui::Dummy(ImVec2(width, max.y - min.y));
    record("", words, min, max, false, !wordsFit(font, line, inner));
}

void textFilling(const std::string& words, float width, float height, ImU32 color) {
    ImFont* font = fonts().huge ? fonts().huge : ImGui::GetFont();
    const ImVec2 natural = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, words.c_str());
    // A margin of a twentieth on each side, so that the words never touch the edges.
    const float scale =
        std::max(1.0f, std::min(width * 0.9f / std::max(natural.x, 1.0f), height / std::max(natural.y, 1.0f)));
    const float size = font->FontSize * scale;
    const ImVec2 drawn(natural.x * scale, natural.y * scale);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 min(origin.x + (width - drawn.x) * 0.5f, origin.y + (height - drawn.y) * 0.5f);
    ImGui::GetWindowDrawList()->AddText(font, size, min, color, words.c_str());
    ImGui::Dummy(ImVec2(width, height));
    record("", words, min, ImVec2(min.x + drawn.x, min.y + drawn.y), false);
}

bool textField(const char* id, const std::string& value, const char* placeholder, bool active, bool masked,
               float width) {
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const ImVec2 size(width, em(2.0f));
    ImGui::PushID(id);
    const bool tapped = ImGui::InvisibleButton("##field", size);
    ImGui::PopID();
    const ImVec2 max(min.x + size.x, min.y + size.y);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    fillRoundedRect(draw, min, max, colors::kButton, em(0.25f));
    draw->AddRect(min, max, active ? colors::kPrimary : colors::kButtonBorder, em(0.25f), 0, active ? 4.0f : 2.0f);
    std::string shown;
    if (masked) {
        for (std::size_t i = 0; i < value.size(); ++i) shown += symbols::kDot;
    } else {
        shown = value;
    }
    ImFont* font = fonts().body ? fonts().body : ImGui::GetFont();
    const ImVec2 textAt(min.x + em(0.5f), min.y + (size.y - font->FontSize) * 0.5f);
    const ImVec4 clip(min.x, min.y, max.x - em(0.5f), max.y);
    if (shown.empty() && !active) {
        draw->AddText(font, font->FontSize, textAt, colors::kTextMuted, placeholder, nullptr, 0.0f, &clip);
    } else {
        // Long text scrolls left so that the end being typed stays visible.
        const float textWidth = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, shown.c_str()).x;
        const float room = size.x - em(1.2f);
        const float x = textWidth > room ? textAt.x - (textWidth - room) : textAt.x;
        draw->AddText(font, font->FontSize, ImVec2(x, textAt.y), colors::kText, shown.c_str(), nullptr, 0.0f, &clip);
        if (active) {
            // A steady caret: a blinking one would wake the loop twice a second for nothing.
            const float caretX = std::min(x + textWidth + 2.0f, max.x - em(0.5f));
            draw->AddRectFilled(ImVec2(caretX, textAt.y), ImVec2(caretX + 3.0f, textAt.y + font->FontSize),
                                colors::kPrimary);
        }
    }
    // A masked field is recorded as its dots: tests count them, and no digit is ever written anywhere.
    record(id, shown, min, max, true);
    return tapped;
}

void dragToScroll() {
    const ImGuiIO& io = ImGui::GetIO();
    if (!ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem | ImGuiHoveredFlags_ChildWindows))
        return;
    if (ImGui::IsMouseDragging(ImGuiMouseButton_Left, em(0.4f)) && io.MouseDelta.y != 0.0f) {
        ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
        // A drag that scrolled is not a tap on the button under the finger.
        ImGui::ClearActiveID();
    }
}

void beginAboveActions(const char* id, float actionsHeight) {
    const ImVec2 area = ImGui::GetContentRegionAvail();
    // The actions' row is `actionsHeight` below the child and the item spacing after it.
    const float below = actionsHeight + ImGui::GetStyle().ItemSpacing.y * 2.0f;
    ImGui::BeginChild(id, ImVec2(area.x, std::max(em(1.0f), area.y - below)), false,
                      ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoBackground);
}

void endAboveActions() {
    dragToScroll();
    ImGui::EndChild();
}

void actionRow(float width, float left, float height, const std::vector<std::function<void(ImVec2)>>& buttons) {
    const float gap = em(0.6f);
    const float count = static_cast<float>(buttons.size());
    const float buttonWidth = std::min(em(12.0f), (width - gap * (count - 1.0f)) / count);
    const float rowWidth = buttonWidth * count + gap * (count - 1.0f);
    const float top = ImGui::GetCursorScreenPos().y + em(0.3f);
    for (std::size_t i = 0; i < buttons.size(); ++i) {
        ImGui::SetCursorScreenPos(ImVec2(left + (width - rowWidth) * 0.5f + static_cast<float>(i) * (buttonWidth + gap), top));
        buttons[i](ImVec2(buttonWidth, height));
    }
}

void textWrappedWithin(const std::string& words, float width, float height, ImU32 color) {
    ImFont* font = fonts().body ? fonts().body : ImGui::GetFont();
    for (ImFont* smaller : {fonts().small, fonts().least})
        if (smaller && font->CalcTextSizeA(font->FontSize, FLT_MAX, width, words.c_str()).y > height) font = smaller;
    textWrapped(words, width, font, color);
}

}  // namespace vk::ui
