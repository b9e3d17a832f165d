#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/app/kiosk_sound.h"
#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/shell/shell_screens.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/ui/solid_fill.h"
#include "kiosk/ui/widgets.h"

#include <algorithm>

namespace vk::screens {

using i18n::tr;

namespace {

// Columns for the tiles the areas bring: 2×2 up to four, then three or four across, so that each stays a
// large target at 1024×600.
int columnsFor(std::size_t tiles) { return tiles <= 4 ? 2 : tiles <= 6 ? 3 : 4; }

class HomeScreen final : public app::Screen {
public:
    explicit HomeScreen(const app::ScreenRegistry& registry) : registry_(registry) {}
    void draw(app::ScreenContext& context) override;
    // The welcome, then each service as its tile says it.
    std::string spokenText(app::ScreenContext& context) override {
        (void)context;
        std::string text = tr("home.welcome");
        for (const app::HomeTile& tile : registry_.homeTiles())
            text += std::string(" ") + tr(tile.titleKey) + ". " + tr(tile.subtitleKey) + ".";
        return text;
    }

private:
    const app::ScreenRegistry& registry_;
};

void HomeScreen::draw(app::ScreenContext& context) {
    app::AppState& state = context.state;
    app::KioskServices& services = context.services;
    const ui::Fonts& fonts = ui::fonts();
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const std::int64_t now = services.clock.nowMs();

    // Header: the village and the date on the left, the time large on the right, readable across the room.
    const float headerHeight = ui::em(4.2f);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    draw->PushClipRectFullScreen();
    ui::fillRoundedRect(draw, viewport->Pos, ImVec2(viewport->Pos.x + viewport->Size.x, origin.y + headerHeight),
                        ui::colors::kHeader, 0.0f);
    draw->PopClipRect();
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + ui::em(0.3f)));
    ui::text(services.config.villageName, fonts.title, ui::colors::kOnDark);
    ui::text(i18n::longDate(now), fonts.body, ui::colors::kOnDark);
    const std::string time = i18n::clockTime(now);
    const float timeWidth = fonts.huge->CalcTextSizeA(fonts.huge->FontSize, FLT_MAX, 0.0f, time.c_str()).x;
    ImGui::SetCursorScreenPos(ImVec2(origin.x + area.x - timeWidth, origin.y + (headerHeight - fonts.huge->FontSize) * 0.5f - ui::em(0.3f)));
    ui::text(time, fonts.huge, ui::colors::kOnDark);

    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + headerHeight + ui::em(0.2f)));
    ui::text(tr("home.welcome"), fonts.body, ui::colors::kText);

    // The tiles share what is left above the footer.
    const auto& tiles = registry_.homeTiles();
    const int columns = columnsFor(tiles.size());
    const int rows = static_cast<int>((tiles.size() + static_cast<std::size_t>(columns) - 1) / static_cast<std::size_t>(columns));
    const float footerHeight = ui::em(2.6f) + (state.notices.empty() ? 0.0f : ui::em(1.8f));
    const float gap = ui::em(0.8f);
    const float top = origin.y + headerHeight + ui::em(1.8f);
    const float tilesHeight = origin.y + area.y - footerHeight - top - gap;
    const ImVec2 tileSize((area.x - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns),
                          (tilesHeight - gap * static_cast<float>(rows - 1)) / static_cast<float>(std::max(rows, 1)));
    for (std::size_t i = 0; i < tiles.size(); ++i) {
        const int column = static_cast<int>(i) % columns;
        const int row = static_cast<int>(i) / columns;
        ImGui::SetCursorScreenPos(ImVec2(origin.x + static_cast<float>(column) * (tileSize.x + gap),
                                         top + static_cast<float>(row) * (tileSize.y + gap)));
        const app::HomeTile& t = tiles[i];
        if (ui::tile(t.id, t.icon, tr(t.titleKey), tr(t.subtitleKey), t.color, tileSize)) context.open(t.screen);
    }

    float footerY = origin.y + area.y - footerHeight;
    if (!state.notices.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(origin.x, footerY));
        ui::noticeBanner(state.notices.front());
        footerY += ui::em(1.8f);
    }
    // The footer: another language and large text for this visit (both last until the idle return), the voice,
    // and the staff entry, there for those who know, quiet enough not to invite residents.
    const bool listen = context.sound().canReadAloud();
    const int buttons = listen ? 4 : 3;
    const float footerGap = ui::em(0.5f);
    const float buttonWidth = std::min(ui::em(9.0f), (area.x - footerGap * static_cast<float>(buttons - 1)) / static_cast<float>(buttons));
    const ImVec2 buttonSize(buttonWidth, ui::em(2.2f));
    ImGui::SetCursorScreenPos(ImVec2(origin.x, footerY + ui::em(0.2f)));
    if (ui::button("home.other_language", tr("home.other_language"), buttonSize, ui::ButtonKind::Quiet)) {
        context.later([&state, &services] {
            const bool toEnglish = i18n::currentLanguage() == "fr";
            i18n::setLanguage(toEnglish ? "en" : "fr");
            state.visitorChoseOtherLanguage = i18n::currentLanguage() != services.config.language;
        });
    }
    // The middle buttons are centred between the two quiet ones.
    const float middleWidth = buttonWidth * static_cast<float>(buttons - 2) + footerGap * static_cast<float>(buttons - 3);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + (area.x - middleWidth) * 0.5f, footerY + ui::em(0.2f)));
    const std::string largeLabel = std::string("A+  ") + tr(state.largeText ? "home.normal_text" : "home.large_text");
    if (ui::button("home.large_text", largeLabel.c_str(), buttonSize))
        context.later([&state] { state.largeText = !state.largeText; });
    if (listen) {
        ImGui::SameLine(0.0f, footerGap);
        context.listenButton(buttonSize);
    }
    const std::string staffLabel = std::string(ui::symbols::kStaff) + "  " + tr("home.staff_entry");
    ImGui::SetCursorScreenPos(ImVec2(origin.x + area.x - buttonWidth, footerY + ui::em(0.2f)));
    if (ui::button("home.staff_entry", staffLabel.c_str(), buttonSize, ui::ButtonKind::Quiet))
        context.open(kStaffSignInScreen);
}

}  // namespace

void registerShellScreens(app::ScreenRegistry& registry) {
    registry.add(app::kHomeScreen, [&registry] { return std::make_unique<HomeScreen>(registry); });
}

}  // namespace vk::screens
