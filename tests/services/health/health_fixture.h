#pragma once
// One health centre in memory: the assistant, the café manager, the book, the kiosk's check-in and the waiting
// room, on a Wednesday in June at 08:00 local time, with a clock the tests move.

#include "kiosk/services/health/appointment_book.h"
#include "kiosk/services/health/check_in.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/health/waiting_room.h"
#include "kiosk/services/staff_service.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace vk::services::health::testing {

constexpr std::int64_t kMinute = 60'000;
inline const std::string kDay = "2030-06-12";

inline std::int64_t at(const std::string& day, const std::string& time) { return *localToUnixMs(day, time); }

inline StaffSession sessionOf(const StaffAccount& account) {
    return {account.id, account.displayName, account.role, 0};
}

struct HealthFixture {
    storage::Database db = storage::Database::openInMemory();
    ManualClock clock{at(kDay, "08:00")};
    StaffService staff{db, clock, PinHasher(PinHasher::Strength::FastForTests), PinPolicy{5, 5}};
    StaffSession assistant =
        sessionOf(*staff.createAccount(&systemActor(SystemActor::CommandLine), "Claire Moreau", StaffRole::MedicalAssistant, "2580").account);
    StaffSession cafe = sessionOf(*staff.createAccount(&systemActor(SystemActor::CommandLine), "Paul Café", StaffRole::CafeManager, "7391").account);
    AppointmentBook book{db, clock, staff};
    CheckIn checkIn{db, clock, staff};
    WaitingRoom room{db, clock, staff};

    void setTime(const std::string& time) { clock.setMs(at(kDay, time)); }

    Appointment add(const std::string& time, const std::string& surname, const std::string& givenName,
                    const std::string& birthDate, const std::string& day = kDay, const std::string& code = "") {
        const AppointmentChange change = book.add(&assistant, {day, time, surname, givenName, birthDate, "", code});
        REQUIRE(change.ok());
        return *change.appointment;
    }

    AppointmentStatus statusOf(const std::string& id) { return book.find(id)->status; }

    std::vector<storage::AuditEntry> audit(const std::string& action) {
        std::vector<storage::AuditEntry> entries;
        for (const auto& entry : staff.recentAudit(10'000))
            if (entry.action == action) entries.push_back(entry);
        return entries;
    }

    int count(const std::string& sql) { return db.sql().execAndGet(sql).getInt(); }
};

}  // namespace vk::services::health::testing
