#include "kiosk/ui/theme.h"

#include "kiosk/i18n/translations.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace vk::ui {
namespace {

Fonts g_fonts;
float g_bodyPixels = 24.0f;

// Where to look when the configured font is missing: other fonts Debian installs often.
constexpr std::array<const char*, 3> kFallbackFonts{
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
};

const ImWchar* glyphRanges() {
    // Built once from every translation string plus the symbols, so that œ, €, « », ’ and – are always there.
    static ImVector<ImWchar> ranges = [] {
        ImFontGlyphRangesBuilder builder;
        builder.AddRanges(ImGui::GetIO().Fonts->GetGlyphRangesDefault());
        for (const std::string& language : i18n::availableLanguages())
            for (const auto& [key, text] : i18n::catalog(language)) builder.AddText(text.c_str());
        for (const char* symbol : {symbols::kBack, symbols::kHealth, symbols::kParcels, symbols::kBoard,
                                   symbols::kInfo, symbols::kStaff, symbols::kBackspace, symbols::kShift,
                                   symbols::kCheck, symbols::kWarning, symbols::kDot, symbols::kCircle,
                                   symbols::kArrow, symbols::kRemove, symbols::kOrders, symbols::kPlay,
                                   symbols::kStop,
                                   symbols::kAgenda})
            builder.AddText(symbol);
        // Letters residents type on the on-screen keyboard and names may hold.
        builder.AddText("ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸàâäçéèêëîïôöùûüÿŒœÆæ€«»’‘“”–—…·");
        ImVector<ImWchar> built;
        builder.BuildRanges(&built);
        return built;
    }();
    return ranges.Data;
}

bool readable(const std::filesystem::path& file) {
    std::error_code ec;
    return !file.empty() && std::filesystem::is_regular_file(file, ec);
}

ImFont* addFont(const std::filesystem::path& file, float pixels) {
    ImFontConfig config;
    config.OversampleH = 1;  // the atlas stays small; at these sizes oversampling adds nothing visible
    config.OversampleV = 1;
    config.PixelSnapH = true;
    return ImGui::GetIO().Fonts->AddFontFromFileTTF(file.string().c_str(), pixels, &config, glyphRanges());
}

}  // namespace

float bodyPixelsFor(int screenHeight, double textScale) {
    const float base = std::clamp(static_cast<float>(screenHeight) / 22.0f, 20.0f, 64.0f);
    return std::round(base * static_cast<float>(textScale));
}

std::optional<std::string> loadFonts(const FontSetup& setup, float bodyPixels, Fonts& fonts) {
    g_bodyPixels = bodyPixels;
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    std::optional<std::string> problem;

    std::filesystem::path regular = setup.regular;
    if (!readable(regular)) {
        problem = "font « " + setup.regular.string() + " » not found";
        regular.clear();
        for (const char* candidate : kFallbackFonts)
            if (readable(candidate)) {
                regular = candidate;
                break;
            }
    }
    std::filesystem::path bold = readable(setup.bold) ? setup.bold : regular;

    if (regular.empty()) {
        // Nothing usable on disk: ImGui's built-in font keeps the kiosk working, without accents.
        ImFontConfig config;
        config.SizePixels = bodyPixels;
        fonts.body = fonts.title = fonts.huge = fonts.small = fonts.least = io.Fonts->AddFontDefault(&config);
        return problem.value_or("no font found") + "; the built-in font lacks accents";
    }
    fonts.body = addFont(regular, bodyPixels);
    fonts.title = addFont(bold, std::round(bodyPixels * 1.5f));
    fonts.huge = addFont(bold, std::round(bodyPixels * 2.6f));
    fonts.small = addFont(regular, std::round(bodyPixels * 0.75f));
    fonts.least = addFont(regular, std::round(bodyPixels * 0.6f));
    if (problem) *problem += "; using « " + regular.string() + " »";
    return problem;
}

void applyStyle(float bodyPixels) {
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    ImGui::StyleColorsLight(&style);
    const float unit = bodyPixels;
    style.WindowPadding = ImVec2(unit * 0.8f, unit * 0.6f);
    style.FramePadding = ImVec2(unit * 0.6f, unit * 0.4f);
    style.ItemSpacing = ImVec2(unit * 0.5f, unit * 0.5f);
    style.ItemInnerSpacing = ImVec2(unit * 0.4f, unit * 0.3f);
    style.ScrollbarSize = unit * 0.9f;  // a finger can grab it
    style.GrabMinSize = unit;
    style.WindowRounding = 0.0f;
    style.FrameRounding = unit * 0.3f;
    style.ChildRounding = unit * 0.3f;
    style.ScrollbarRounding = unit * 0.3f;
    style.FrameBorderSize = 2.0f;
    style.WindowBorderSize = 0.0f;
    style.AntiAliasedLinesUseTex = false;
    style.TouchExtraPadding = ImVec2(unit * 0.2f, unit * 0.2f);
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(colors::kBackground);
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(colors::kText);
    c[ImGuiCol_Border] = ImGui::ColorConvertU32ToFloat4(colors::kButtonBorder);
    c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0.05f);
    c[ImGuiCol_ScrollbarGrab] = ImVec4(0.35f, 0.35f, 0.35f, 0.8f);
}

const Fonts& fonts() { return g_fonts; }
void setFonts(const Fonts& fonts) { g_fonts = fonts; }
void swapFontState(Fonts& fonts, float& bodyPixels) {
    std::swap(g_fonts, fonts);
    std::swap(g_bodyPixels, bodyPixels);
}

float em(float count) { return g_bodyPixels * count; }
ImVec2 em(float x, float y) { return ImVec2(g_bodyPixels * x, g_bodyPixels * y); }

}  // namespace vk::ui
