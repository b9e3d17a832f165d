// Any bytes as an iCalendar rota feed: parseRotaCalendar must return (ok or an error sentence), never crash, hang or
// leak, and whatever it keeps must fit the database's limits.
#include "kiosk/services/health/rota_calendar.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace vk::services::health;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const RotaCalendarResult result = parseRotaCalendar(text, {"2026-11-16", "2027-02-15"}, "Europe/Paris");
    if (!result.ok && result.error.empty()) std::abort();
    // rota_visit: a doctor's name of 1 to 120 bytes (the schema's CHECK that once stopped the import).
    for (const auto& visit : result.calendar.visits)
        if (visit.doctorName.empty() || visit.doctorName.size() > 120 || visit.lastDay < visit.firstDay) std::abort();
    for (const auto& hours : result.calendar.hours)
        if (hours.closes <= hours.opens || hours.doctorName.size() > 120) std::abort();
    return 0;
}
