#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/shell/shell_screens.h"
#include "kiosk/ui/widgets.h"

namespace vk::screens {

using i18n::tr;

namespace {

// An area whose workflows have not landed yet says so plainly and sends people to the counter.
class ComingSoonScreen final : public app::Screen {
public:
    ComingSoonScreen(const char* titleKey, const char* icon, ImU32 color)
        : titleKey_(titleKey), icon_(icon), color_(color) {}

    void draw(app::ScreenContext& context) override {
        if (ui::headerBar(tr(titleKey_), true)) {
            context.returnHome("back");
            return;
        }
        const float width = ImGui::GetContentRegionAvail().x;
        ImGui::Dummy(ui::em(1.0f, 2.0f));
        ui::textCentered(icon_, width, ui::fonts().huge, color_);
        ImGui::Dummy(ui::em(1.0f, 1.0f));
        ui::textCentered(tr("coming_soon.title"), width, ui::fonts().title);
        ImGui::Dummy(ui::em(1.0f, 0.5f));
        ui::textCentered(tr("coming_soon.body"), width, ui::fonts().body, ui::colors::kTextMuted);
        ImGui::Dummy(ui::em(1.0f, 2.0f));
        ImGui::SetCursorPosX((width - ui::em(14.0f)) * 0.5f + ImGui::GetStyle().WindowPadding.x);
        if (ui::button("coming_soon.home", tr("coming_soon.home"), ui::em(14.0f, 2.6f), ui::ButtonKind::Primary))
            context.returnHome("back");
    }

private:
    const char* titleKey_;
    const char* icon_;
    ImU32 color_;
};

}  // namespace

void registerComingSoonScreens(app::ScreenRegistry& registry) {
    registry.add(kParcelsComingSoon, [] {
        return std::make_unique<ComingSoonScreen>("home.tile.parcels", ui::symbols::kParcels, ui::colors::kParcels);
    });
    registry.addHomeTile({"home.tile.parcels", ui::symbols::kParcels, "home.tile.parcels", "home.tile.parcels.subtitle",
                          ui::colors::kParcels, kParcelsComingSoon});
}

}  // namespace vk::screens
