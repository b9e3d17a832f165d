// Any bytes as an agenda feed (the network's tour dates, iCalendar): parseEventCalendar must return (ok or an error
// sentence), never crash, hang or leak, and every event it keeps fits the agenda's table (a title of 1 to 120 bytes
// unless it is a cancellation, a day in the window and times as the screens read them).
#include "kiosk/services/agenda/event_calendar.h"

#include <libical/ical.h>

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace vk::services::agenda;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const EventCalendarResult result = parseEventCalendar(text, "2026-11-01", "2027-01-31", "Europe/Paris");
    if (!result.ok && result.error.empty()) std::abort();
    for (const ImportedEvent& event : result.events) {
        // A cancellation only names the event an earlier import brought: it may come without a title.
        if (event.sourceKey.empty() || (event.title.empty() && !event.cancelled)) std::abort();
        if (event.title.size() > kMaxTitleBytes || event.place.size() > kMaxPlaceBytes ||
            event.description.size() > kMaxDescriptionBytes)
            std::abort();
        if (event.day.size() != 10 || event.day < "2026-11-01" || event.day > "2027-01-31") std::abort();
        if (event.startsAt.size() != 5 || (!event.endsAt.empty() && event.endsAt.size() != 5)) std::abort();
    }
    // As in fuzz_rota_calendar: libical's ring of temporary strings is reachable, not a leak.
    icalmemory_free_ring();
    return 0;
}
