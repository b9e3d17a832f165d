#pragma once
// The service-exchange board as an area: its members (shared with the time bank) and the posts.

#include "kiosk/services/area.h"
#include "kiosk/services/board/board_settings.h"
#include "kiosk/services/board/exchange_board.h"
#include "kiosk/services/board/member_registry.h"

namespace vk::services::board {

class BoardServices : public AreaServices {
public:
    explicit BoardServices(const AreaContext& context);

    // Hands the post's slip to the receipt printer.
    void printSlip(const BoardPost& post);

    const BoardSettings settings;
    MemberRegistry members;
    ExchangeBoard board;

private:
    hardware::ReceiptPrinter& printer_;
};

AreaDefinition boardArea();

}  // namespace vk::services::board
