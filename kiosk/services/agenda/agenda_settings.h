#pragma once
// The [agenda] section of kiosk.toml (docs/configuration.md, docs/agenda.md).

#include <string>

namespace vk::services::agenda {

struct AgendaSettings {
    // The reminder goes the day before the event, from this local time on (SMS, or e-mail without a phone).
    std::string reminderTime = "10:00";
    // A ticket with its QR code is printed at each sign-up at the kiosk or the counter.
    bool printTicket = true;
    // The places of an event imported from a feed, until the manager sets them (0: no limit).
    int importedCapacity = 0;
    // How many weeks ahead residents may page the week view, and a feed is read.
    int weeksAhead = 12;
    // The network's tour dates as an iCalendar feed, read every feedRefreshMinutes by the running kiosk (empty:
    // none; `village-kiosk agenda import` reads one by hand).
    std::string feedUrl;
    int feedRefreshMinutes = 360;
};

}  // namespace vk::services::agenda
