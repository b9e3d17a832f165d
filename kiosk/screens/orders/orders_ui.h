#pragma once
// What the orders' screens share: the way to the area's services and the words for days, refusals and orders.

#include "kiosk/app/kiosk_services.h"
#include "kiosk/services/orders/orders_area.h"

#include <string>

namespace vk::screens::orders_ui {

services::orders::OrdersServices& ordersOf(app::KioskServices& services);

// "jeudi 13 juin" for "2030-06-13".
std::string dayLabel(const std::string& day);
// A refusal's words, with the next possible day when it has one.
std::string refusalText(services::orders::OrderError error, const std::string& nextPossibleDay = {});
// "2 × Baguette, 1 × Croissant" (the item as the catalogue names it: no plural to guess)
std::string linesText(const services::orders::Order& order);
// "avant 18 h la veille", "avant 12 h, 2 jours avant"
std::string cutoffText(const services::orders::Supplier& supplier);

}  // namespace vk::screens::orders_ui
