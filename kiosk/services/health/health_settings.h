#pragma once
// The [health] section of kiosk.toml (docs/configuration.md).

#include <string>

namespace vk::services::health {

struct HealthSettings {
    std::string rotaFeedUrl;  // an iCalendar feed (http or https); empty: the rota is kept by staff only
    int rotaRefreshMinutes = 60;
    int checkInEarlyMinutes = 60;  // a patient may check in this long before the appointment
    int checkInLateMinutes = 30;   // and this long after it
    std::string ticketPrefix = "M";
    std::string walkInTicketPrefix = "S";
};

}  // namespace vk::services::health
