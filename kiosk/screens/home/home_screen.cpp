#include "kiosk/app/navigation.h"
#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/screens.h"
#include "kiosk/ui/solid_fill.h"
#include "kiosk/ui/widgets.h"

namespace vk::screens {

using i18n::tr;

void drawHomeScreen(AppState& state, KioskServices& services) {
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

    // Four tiles share what is left above the footer.
    const float footerHeight = ui::em(2.6f) + (state.notices.empty() ? 0.0f : ui::em(1.8f));
    const float gap = ui::em(0.8f);
    const float top = origin.y + headerHeight + ui::em(1.8f);
    const float tilesHeight = origin.y + area.y - footerHeight - top - gap;
    const ImVec2 tileSize((area.x - gap) * 0.5f, (tilesHeight - gap) * 0.5f);

    struct Tile {
        const char* id;
        const char* icon;
        const char* title;
        const char* subtitle;
        ImU32 color;
        app::ScreenId screen;
    };
    const Tile tiles[] = {
        {"home.tile.health", ui::symbols::kHealth, tr("home.tile.health"), tr("home.tile.health.subtitle"),
         ui::colors::kHealth, app::ScreenId::Health},
        {"home.tile.parcels", ui::symbols::kParcels, tr("home.tile.parcels"), tr("home.tile.parcels.subtitle"),
         ui::colors::kParcels, app::ScreenId::Parcels},
        {"home.tile.board", ui::symbols::kBoard, tr("home.tile.board"), tr("home.tile.board.subtitle"),
         ui::colors::kBoard, app::ScreenId::Board},
        {"home.tile.info", ui::symbols::kInfo, tr("home.tile.info"), tr("home.tile.info.subtitle"),
         ui::colors::kInfo, app::ScreenId::VillageInfo},
    };
    for (int i = 0; i < 4; ++i) {
        const float x = origin.x + static_cast<float>(i % 2) * (tileSize.x + gap);
        const float y = top + static_cast<float>(i / 2) * (tileSize.y + gap);
        ImGui::SetCursorScreenPos(ImVec2(x, y));
        const Tile& t = tiles[i];
        if (ui::tile(t.id, t.icon, t.title, t.subtitle, t.color, tileSize)) app::openScreen(state, services, t.screen);
    }

    float footerY = origin.y + area.y - footerHeight;
    if (!state.notices.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(origin.x, footerY));
        ui::noticeBanner(state.notices.front());
        footerY += ui::em(1.8f);
    }
    // Another language for a visitor; it lasts until the kiosk returns home.
    ImGui::SetCursorScreenPos(ImVec2(origin.x, footerY + ui::em(0.2f)));
    if (ui::button("home.other_language", tr("home.other_language"), ui::em(7.0f, 2.2f), ui::ButtonKind::Quiet)) {
        const bool toEnglish = i18n::currentLanguage() == "fr";
        i18n::setLanguage(toEnglish ? "en" : "fr");
        state.visitorChoseOtherLanguage = i18n::currentLanguage() != services.config.language;
    }
    // The staff entry is there for those who know, quiet enough not to invite residents.
    const std::string staffLabel = std::string(ui::symbols::kStaff) + "  " + tr("home.staff_entry");
    ImGui::SetCursorScreenPos(ImVec2(origin.x + area.x - ui::em(9.0f), footerY + ui::em(0.2f)));
    if (ui::button("home.staff_entry", staffLabel.c_str(), ui::em(9.0f, 2.2f), ui::ButtonKind::Quiet))
        app::openScreen(state, services, app::ScreenId::StaffSignIn);
}

}  // namespace vk::screens
