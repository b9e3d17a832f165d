#pragma once
// The [health] section of kiosk.toml (docs/configuration.md).

#include "kiosk/services/display_placement.h"
#include "kiosk/services/health/rota_calendar.h"

#include <string>
#include <vector>

namespace vk::services::health {

struct HealthSettings {
    std::string rotaFeedUrl;  // an iCalendar feed (http or https); empty: the rota is kept by staff only
    int rotaRefreshMinutes = 60;
    int checkInEarlyMinutes = 60;  // a patient may check in this long before the appointment
    int checkInLateMinutes = 30;   // and this long after it
    std::string ticketPrefix = "M";
    std::string walkInTicketPrefix = "S";
    // The centre's usual day, for the days in the middle of a visit the feed gives as one long event.
    std::vector<ConsultationSession> usualHours = defaultUsualHours();
    // The booking tool's iCalendar feeds (one per practitioner), fetched with the rota feed.
    std::vector<std::string> bookingFeedUrls;
    // The calling screen in a window of its own on a second display (docs/health.md).
    DisplayChoice callingDisplay;
};

}  // namespace vk::services::health
