// Any bytes as a practitioner's booking feed (iCalendar): parseBookingCalendar must return (ok or an error sentence),
// never crash, hang or leak, and every booking it keeps has its id and fields of printable text on one line.
#include "kiosk/services/health/booking_calendar.h"

#include <libical/ical.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

bool isOneLineOfText(const std::string& text) {
    for (const char c : text)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return false;
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace vk::services::health;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const BookingCalendarResult result = parseBookingCalendar(text, "Europe/Paris");
    if (!result.ok && result.error.empty()) std::abort();
    for (const ImportedBooking& booking : result.bookings) {
        // The UID follows the booking from one import to the next: never empty, never cut.
        if (booking.uid.empty() || booking.uid.size() >= 200) std::abort();
        for (const std::string* field : {&booking.uid, &booking.surname, &booking.givenName, &booking.birthDate,
                                         &booking.phone, &booking.email, &booking.code, &booking.reminderConsent})
            if (!isOneLineOfText(*field)) std::abort();
    }
    if (!isOneLineOfText(bookingCalendarName(text))) std::abort();
    // As in fuzz_rota_calendar: libical's ring of temporary strings is reachable, not a leak.
    icalmemory_free_ring();
    return 0;
}
