#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/meals/meals_screens.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/ui/widgets.h"

#include <algorithm>
#include <cstdio>

namespace vk::screens {

using i18n::tr;
using i18n::trf;
namespace meals = services::meals;

namespace {

std::string shiftedMonth(const std::string& month, int months) {
    int year = std::stoi(month.substr(0, 4));
    int index = std::stoi(month.substr(5, 2)) - 1 + months;
    year += index >= 0 ? index / 12 : (index - 11) / 12;
    index = ((index % 12) + 12) % 12;
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d", year, index + 1);
    return text;
}

// The month's meals per funder, at the café and at home, from the days confirmed served: what the funders are
// sent. The people are not in it, so months whose recipients were erased still count.
class MealsCountScreen final : public app::Screen {
public:
    bool allowed(const std::optional<services::StaffSession>& staff) const override {
        return meals_ui::mayManage(staff);
    }
    void open(app::ScreenContext& context) override {
        month_ = meals_ui::mealsOf(context.services).meals.today().substr(0, 7);
        reload(context);
    }
    void draw(app::ScreenContext& context) override;

private:
    void reload(app::ScreenContext& context) { counts_ = meals_ui::mealsOf(context.services).meals.monthCount(month_); }

    std::string month_;
    std::vector<meals::FunderCount> counts_;
};

void MealsCountScreen::draw(app::ScreenContext& context) {
    if (ui::headerBar(tr("meals.count.title"), true)) {
        context.open(kMealsRegisterScreen);
        return;
    }
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float gap = ui::em(0.5f);
    const ImVec2 nav((avail.x - gap * 2.0f) / 4.0f, ui::em(1.8f));
    const float labelWidth = avail.x - 2.0f * (nav.x + gap);
    if (ui::button("meals.count.previous", tr("meals.count.previous"), nav)) {
        month_ = shiftedMonth(month_, -1);
        reload(context);
    }
    ImGui::SameLine(0.0f, gap);
    const float labelX = ImGui::GetCursorPosX();
    const float labelY = ImGui::GetCursorPosY();
    ImGui::SetCursorPosY(labelY + (nav.y - ImGui::GetFontSize()) * 0.5f);
    ui::textCentered(trf("meals.count.month", {{"month", tr("date.month." + std::to_string(std::stoi(month_.substr(5, 2))))},
                                               {"year", month_.substr(0, 4)}}),
                     labelWidth, ui::fonts().body);
    ImGui::SetCursorPos(ImVec2(labelX + labelWidth + gap, labelY));
    if (ui::button("meals.count.next", tr("meals.count.next"), nav)) {
        month_ = shiftedMonth(month_, 1);
        reload(context);
    }
    ImGui::Dummy(ui::em(1.0f, 0.3f));
    if (counts_.empty()) {
        ui::textWrapped(tr("meals.count.none"), avail.x, ui::fonts().body, ui::colors::kTextMuted);
        return;
    }
    // Four columns: the funder takes what the three counts leave.
    const float number = std::min(ui::em(7.0f), avail.x * 0.2f);
    const float x0 = ImGui::GetCursorPosX();
    const auto row = [&](const std::string& funder, const std::string& cafe, const std::string& home,
                         const std::string& total, ImU32 color) {
        const float y = ImGui::GetCursorPosY();
        ui::textWrapped(funder, avail.x - 3.0f * number - gap, ui::fonts().body, color);
        const float below = ImGui::GetCursorPosY();
        const std::string* cells[] = {&cafe, &home, &total};
        for (int i = 0; i < 3; ++i) {
            ImGui::SetCursorPos(ImVec2(x0 + avail.x - (3 - i) * number, y));
            ui::textWrapped(*cells[i], number - gap, ui::fonts().body, color);
        }
        ImGui::SetCursorPos(ImVec2(x0, std::max(below, ImGui::GetCursorPosY()) + ui::em(0.2f)));
    };
    row(tr("meals.count.funder"), tr("meals.count.cafe"), tr("meals.count.home"), tr("meals.count.total"),
        ui::colors::kTextMuted);
    std::int64_t cafe = 0;
    std::int64_t home = 0;
    for (const auto& c : counts_) {
        cafe += c.atCafe;
        home += c.atHome;
        row(c.funder, std::to_string(c.atCafe), std::to_string(c.atHome), std::to_string(c.total()), ui::colors::kText);
    }
    row(tr("meals.count.all_funders"), std::to_string(cafe), std::to_string(home), std::to_string(cafe + home),
        ui::colors::kText);
}

}  // namespace

void registerMealsCountScreen(app::ScreenRegistry& registry) { registry.add<MealsCountScreen>(kMealsCountScreen); }

}  // namespace vk::screens
