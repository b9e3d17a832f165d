#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/info/info_screens.h"
#include "kiosk/services/info/info_area.h"
#include "kiosk/services/speech/spoken_sentences.h"
#include "kiosk/ui/solid_fill.h"
#include "kiosk/ui/widgets.h"

namespace vk::screens {

using i18n::tr;

namespace {

class VillageInfoScreen final : public app::Screen {
public:
    void open(app::ScreenContext& context) override {
        entries_ = context.services.area<services::VillageInfoServices>().villageInfo.entries();
    }
    void draw(app::ScreenContext& context) override;
    // Every entry, its title then its text.
    std::string spokenText(app::ScreenContext& context) override {
        (void)context;
        if (entries_.empty()) return tr("info.empty");
        std::vector<std::string> parts;
        for (const auto& entry : entries_) {
            parts.push_back(entry.title);
            parts.push_back(entry.body);
        }
        return services::joinSentences(parts);
    }

private:
    std::vector<storage::VillageInfoEntry> entries_;
};

void VillageInfoScreen::draw(app::ScreenContext& context) {
    if (ui::headerBar(tr("home.tile.info"), true)) {
        context.returnHome("back");
        return;
    }
    if (entries_.empty()) {
        ui::textWrapped(tr("info.empty"), ImGui::GetContentRegionAvail().x);
        return;
    }
    ImGui::BeginChild("info.list", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollWithMouse);
    const float width = ImGui::GetContentRegionAvail().x - ui::em(0.5f);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (const auto& entry : entries_) {
        // A card per entry: the title in bold, the text below, on white for contrast with the page. The card's
        // fill is drawn under the text whatever the order, so its height can come from the text.
        const ImVec2 min = ImGui::GetCursorScreenPos();
        ImGui::SetCursorScreenPos(ImVec2(min.x + ui::em(0.8f), min.y + ui::em(0.6f)));
        ImGui::BeginGroup();
        ui::text(entry.title, ui::fonts().title, ui::colors::kInfo);
        ui::textWrapped(entry.body, width - ui::em(1.6f));
        ImGui::EndGroup();
        const ImVec2 max(min.x + width, ImGui::GetItemRectMax().y + ui::em(0.6f));
        ui::fillRoundedRect(draw, min, max, ui::colors::kButton, ui::em(0.4f));
        ImGui::SetCursorScreenPos(ImVec2(min.x, max.y + ui::em(0.6f)));
        ImGui::Dummy(ImVec2(width, 0.0f));
    }
    ui::dragToScroll();
    ImGui::EndChild();
}

}  // namespace

void registerVillageInfoScreens(app::ScreenRegistry& registry) {
    registry.add<VillageInfoScreen>(kVillageInfoScreen);
    registry.addHomeTile({"home.tile.info", ui::symbols::kInfo, "home.tile.info", "home.tile.info.subtitle",
                          ui::colors::kInfo, kVillageInfoScreen});
}

}  // namespace vk::screens
