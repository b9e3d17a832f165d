#pragma once
// What the rota tests share: a Monday morning in Paris, calendars written as feeds write them, and a rota service
// on an in-memory database.

#include "kiosk/i18n/translations.h"
#include "kiosk/services/health/rota_service.h"
#include "kiosk/services/staff_notices.h"

#include <cstdlib>
#include <ctime>
#include <string>

namespace vk::test {

// Monday 23 November 2026, 08:00 in Paris (07:00 UTC).
constexpr std::int64_t kMondayMorning = 1'795'417'200'000;

inline std::string calendar(const std::string& events) {
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//FR\r\n" + events + "END:VCALENDAR\r\n";
}

inline std::string hoursEvent(const std::string& uid, const std::string& day, const std::string& from,
                              const std::string& to, const std::string& doctor = "Dr Anne Roche") {
    return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;TZID=Europe/Paris:" + day + "T" +
           from + "00\r\nDTEND;TZID=Europe/Paris:" + day + "T" + to + "00\r\nSUMMARY:" + doctor + "\r\nEND:VEVENT\r\n";
}

struct RotaTestBase {
    RotaTestBase() {
        setenv("TZ", "Europe/Paris", 1);
        tzset();
        i18n::setLanguage("fr");
    }
    storage::Database db = storage::Database::openInMemory();
    services::ManualClock clock{kMondayMorning};
    services::StaffService staff{db, clock, services::PinHasher(services::PinHasher::Strength::FastForTests),
                                 services::PinPolicy{}};
    services::health::RotaService rota{db, clock, staff, services::health::RotaSettings{}};
    services::StaffNotices notices{db, clock, staff};  // what the staff home lists, whichever area left it
};

}  // namespace vk::test
