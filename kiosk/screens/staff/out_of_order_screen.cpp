#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/screens.h"
#include "kiosk/ui/widgets.h"

namespace vk::screens {

using i18n::tr;

// Shown instead of everything else when the kiosk cannot work (its database cannot be opened): residents
// are sent to the counter; the technician reads the reason underneath.
void drawOutOfOrderScreen(const AppState& state, std::int64_t nowMs) {
    const float width = ImGui::GetContentRegionAvail().x;
    ImGui::Dummy(ui::em(1.0f, 2.0f));
    ui::textCentered(ui::symbols::kWarning, width, ui::fonts().huge, ui::colors::kDanger);
    ImGui::Dummy(ui::em(1.0f, 0.6f));
    ui::textCentered(tr("out_of_order.title"), width, ui::fonts().title);
    ImGui::Dummy(ui::em(1.0f, 0.4f));
    ui::textCentered(tr("out_of_order.body"), width);
    ImGui::Dummy(ui::em(1.0f, 2.0f));
    ui::textWrapped(tr("out_of_order.for_technician"), width, ui::fonts().small, ui::colors::kTextMuted);
    ui::textWrapped(state.outOfOrder, width, ui::fonts().small, ui::colors::kTextMuted);
    ui::textWrapped(i18n::longDate(nowMs) + " " + i18n::clockTime(nowMs), width, ui::fonts().small,
                    ui::colors::kTextMuted);
}

}  // namespace vk::screens
