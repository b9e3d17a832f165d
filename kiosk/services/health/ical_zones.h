#pragma once
// What the rota and the booking feeds share in reading iCalendar with libical: the one lock around libical's
// globals, and the lookup of a zone the feed names without defining it.

#include <libical/ical.h>

#include <mutex>
#include <string_view>

namespace vk::services::health {

// libical 3.0 keeps its zone cache and error state in globals: every parse holds this.
std::mutex& libicalMutex();

// A zone of the system's database ("Europe/Paris", Evolution's "/freeassociation.sourceforge.net/…" spelling,
// "UTC"); null for a name that is unknown or not a plain zone name. libical opens <zoneinfo>/<name>, so a TZID
// such as "../../proc/self/fd/0" never gets that far.
icaltimezone* systemZone(std::string_view name);

}  // namespace vk::services::health
