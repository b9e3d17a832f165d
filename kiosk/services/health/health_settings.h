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

    // Messages to patients who said yes (docs/health.md, « Reminders and delay notices »): a reminder the day
    // before, from this local time on, and a notice when the assistant announces a delay, to those booked within
    // the next delayNoticeHours (0: none).
    bool reminders = true;
    std::string reminderTime = "18:00";
    int delayNoticeHours = 3;
    std::string centreName;   // who the messages are from; empty: « Centre de santé de <village> »
    std::string centrePhone;  // the number to call to cancel; empty: the messages say to tell the centre
    // The calling screen in a window of its own on a second display (docs/health.md).
    DisplayChoice callingDisplay;
};

}  // namespace vk::services::health
