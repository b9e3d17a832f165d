#pragma once
// The [orders] section of kiosk.toml (docs/configuration.md, docs/orders.md). The café's opening days and
// closures are the relay point's ([parcels] opening_days, closures): one calendar for the café.

#include <string>

namespace vk::services::orders {

struct OrdersSettings {
    // When the café closes on a delivery day: orders not collected by then are listed as uncollected.
    std::string closingTime = "19:00";
    // At each supplier's cut-off, print its list for the next delivery on the receipt printer (the e-mail goes
    // whenever the supplier has an address).
    bool printListAtCutoff = true;
    // How many days ahead the kiosk offers to order, and looks for the next possible day.
    int daysAhead = 21;
};

}  // namespace vk::services::orders
