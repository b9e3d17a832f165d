#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/app/app_state.h"
#include "kiosk/screens/shell/shell_screens.h"
#include "kiosk/ui/widgets.h"

namespace vk::screens {

using i18n::tr;

// Residents are sent to the counter; the technician reads the reason underneath.
void drawOutOfOrderScreen(const std::string& reason, std::int64_t nowMs, app::ScreenContext* retry) {
    const float width = ImGui::GetContentRegionAvail().x;
    ImGui::Dummy(ui::em(1.0f, 2.0f));
    ui::textCentered(ui::symbols::kWarning, width, ui::fonts().huge, ui::colors::kDanger);
    ImGui::Dummy(ui::em(1.0f, 0.6f));
    ui::textCentered(tr("out_of_order.title"), width, ui::fonts().title);
    ImGui::Dummy(ui::em(1.0f, 0.4f));
    ui::textCentered(tr("out_of_order.body"), width);
    ImGui::Dummy(ui::em(1.0f, 2.0f));
    ui::textWrapped(tr("out_of_order.for_technician"), width, ui::fonts().small, ui::colors::kTextMuted);
    ui::textWrapped(reason, width, ui::fonts().small, ui::colors::kTextMuted);
    ui::textWrapped(i18n::longDate(nowMs) + " " + i18n::clockTime(nowMs), width, ui::fonts().small,
                    ui::colors::kTextMuted);
    if (!retry) return;
    ImGui::Dummy(ui::em(1.0f, 0.6f));
    ImGui::SetCursorPosX((width - ui::em(12.0f)) * 0.5f + ImGui::GetStyle().WindowPadding.x);
    if (ui::button("out_of_order.retry", tr("out_of_order.retry"), ui::em(12.0f, 2.4f), ui::ButtonKind::Primary)) {
        app::ScreenContext& context = *retry;
        context.later([&state = context.state] { state.fault.clear(); });
        context.returnHome("retry after a fault");
    }
}

}  // namespace vk::screens
