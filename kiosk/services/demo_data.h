#pragma once
// The French demo village a new kiosk starts with, so that every screen has something true to show.
// Seeded once, into an empty database, when the configuration allows it (kiosk.demo_data).

#include "kiosk/services/clock.h"
#include "kiosk/services/staff_service.h"
#include "storage/database.h"

#include <map>
#include <span>
#include <string>

namespace vk::services {

struct DemoAccount {
    const char* name;
    StaffRole role;
    const char* pin;  // documented in the README; an admin changes them before real use
};

// The demo staff accounts, for the README and the tests.
std::span<const DemoAccount> demoAccounts();

// The demo members of the board and the time bank (their PINs are in docs/board.md and the README) and a few
// posts, approved, waiting and flagged, so that the board, the moderation queue and the members' list show
// something; then, after the demo's transaction, a few time bank exchanges between them over the last weeks.
struct DemoMember {
    const char* name;
    const char* village;
    const char* phone;
    const char* pin;
    const char* cardUid;  // hexadecimal, as the reader gives it; empty: no card
};
std::span<const DemoMember> demoMembers();
void seedDemoTimeBank(storage::Database& db, StaffService& staff, const Clock& clock);

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

// Two suppliers of the café's orders (a baker, a producer of the grocery) with their catalogues, a few orders for
// their next deliveries and a standing order, after the time bank (each in a transaction of its own).
void seedDemoOrders(storage::Database& db, StaffService& staff, const Clock& clock);

// Three sales of today at the postal counter (the catalogue seeded first if need be).
void seedDemoPostalSales(storage::Database& db, StaffService& staff, const Clock& clock);

// Returns true when it seeded, false when the database already had data.
// The demo village's distances to the nearest other doctor, relay point…, for its impact report when its
// kiosk.toml has no [impact.distances_km] (the kiosk started with --demo or demo_data = true).
const std::map<std::string, double>& demoDistancesKm();

bool seedDemoDataIfEmpty(storage::Database& db, StaffService& staff, const Clock& clock);

}  // namespace vk::services
