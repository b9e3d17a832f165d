#pragma once
// The French demo village a new kiosk starts with, so that every screen has something true to show.
// Seeded once, into an empty database, when the configuration allows it (kiosk.demo_data).

#include "kiosk/services/clock.h"
#include "kiosk/services/staff_service.h"
#include "storage/database.h"

#include <span>

namespace vk::services {

struct DemoAccount {
    const char* name;
    StaffRole role;
    const char* pin;  // documented in the README; an admin changes them before real use
};

// The demo staff accounts, for the README and the tests.
std::span<const DemoAccount> demoAccounts();

// Invented patients with appointments today, from the next half hour on: names, birth dates and phones that a
// test checks never reach a public screen.
struct DemoPatient {
    const char* surname;
    const char* givenName;
    const char* birthDate;
    const char* phone;
};
std::span<const DemoPatient> demoPatients();
void seedDemoAppointments(storage::Database& db, StaffService& staff, const Clock& clock);

// Invented members of the board, with the PINs the README gives, and a few time bank exchanges between them
// over the last weeks. Members are added only when the board has fewer than two.
struct DemoMember {
    const char* name;
    const char* village;
    const char* pin;
    const char* cardUid;  // hexadecimal, as the reader gives it
};
std::span<const DemoMember> demoMembers();
void seedDemoTimeBank(storage::Database& db, StaffService& staff, const Clock& clock);

// Returns true when it seeded, false when the database already had data.
bool seedDemoDataIfEmpty(storage::Database& db, StaffService& staff, const Clock& clock);

}  // namespace vk::services
