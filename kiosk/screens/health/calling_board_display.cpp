#include "kiosk/screens/health/calling_board_display.h"

#include "kiosk/i18n/translations.h"
#include "kiosk/services/health/health_area.h"
#include "kiosk/ui/widgets.h"

#include <algorithm>

namespace vk::screens {

using i18n::tr;

app::RoomDisplay::Refresh CallingBoardDisplay::refresh(app::KioskServices& services) {
    auto& health = services.area<services::health::HealthServices>();
    services::health::CallingBoard board = health.waitingRoom.callingBoard();
    const int delayMinutes = health.rota.today().delayMinutes;
    Refresh result;
    result.changed = !loaded_ || board.calledTicket != board_.calledTicket || board.calledAtMs != board_.calledAtMs ||
                     board.nextTickets != board_.nextTickets || delayMinutes != delayMinutes_;
    result.announce = newCalls_.newCall(board);
    loaded_ = true;
    board_ = std::move(board);
    delayMinutes_ = delayMinutes;
    return result;
}

void CallingBoardDisplay::draw() {
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const float width = area.x;
    const ui::Fonts& fonts = ui::fonts();
    // Read from across the waiting room: the number called fills what the other lines leave.
    const float below = fonts.body->FontSize * 1.3f + fonts.title->FontSize * 1.3f + ui::em(1.0f) +
                        (delayMinutes_ > 0 ? fonts.title->FontSize * 2.6f + ui::em(1.4f) : 0.0f);
    ui::textCentered(tr("calling.now"), width, fonts.title);
    ui::textFilling(board_.calledTicket.value_or("—"), width,
                    std::max(fonts.huge->FontSize, area.y - fonts.title->FontSize * 1.3f - below), ui::colors::kHealth);
    std::string next;
    for (const auto& ticket : board_.nextTickets) next += (next.empty() ? "" : "    ") + ticket;
    ui::textCentered(tr("calling.next"), width, fonts.body, ui::colors::kTextMuted);
    ui::textCentered(next.empty() ? "—" : next, width, fonts.title);
    if (delayMinutes_ > 0) {
        ImGui::Dummy(ui::em(1.0f, 0.5f));
        ui::newsBanner(i18n::trf("health.today.delay", {{"minutes", std::to_string(delayMinutes_)}}), width);
    }
}

}  // namespace vk::screens
