// Patients who want an earlier slot, and whom the assistant calls when a booking is cancelled.
#include "health_fixture.h"

#include "kiosk/services/health/waiting_list.h"
#include "storage/retention.h"

using namespace vk::services::health;
using namespace vk::services::health::testing;

TEST_CASE("a freed slot lists whom to call: those without an appointment or with a later one, first come first",
          "[health][waiting-list]") {
    HealthFixture f;
    WaitingList list(f.db, f.clock, f.staff);
    const Appointment early = f.add("09:00", "Dupont", "Marie", "14/03/1950");
    const Appointment late = f.add("16:00", "Martin", "Jean", "02/07/1961");
    const Appointment tomorrow = f.add("10:00", "Roux", "Paul", "05/05/1945", "2030-06-13");

    REQUIRE(list.add(&f.assistant, {"Lambert", "Hugo", "06 11 22 33 44", "", "les matins"}).ok());
    f.clock.advanceMs(kMinute);
    REQUIRE(list.add(&f.assistant, {"Martin", "Jean", "06 55 44 33 22", late.id, ""}).ok());
    f.clock.advanceMs(kMinute);
    REQUIRE(list.add(&f.assistant, {"Dupont", "Marie", "06 12 34 56 78", early.id, ""}).ok());
    f.clock.advanceMs(kMinute);
    REQUIRE(list.add(&f.assistant, {"Roux", "Paul", "05 55 00 00 00", tomorrow.id, ""}).ok());

    // A 10:30 slot is freed: Marie's 09:00 is already earlier.
    const auto candidates = list.candidatesFor(&f.assistant, at(kDay, "10:30"));
    REQUIRE(candidates.size() == 3);
    CHECK(candidates[0].entry.surname == "Lambert");
    CHECK_FALSE(candidates[0].presentAppointmentAt);
    CHECK(candidates[1].entry.surname == "Martin");
    CHECK(candidates[1].presentAppointmentAt == at(kDay, "16:00"));
    CHECK(candidates[2].entry.surname == "Roux");

    // Hugo took the slot: he is no longer called.
    REQUIRE(list.resolve(&f.assistant, candidates[0].entry.id).ok());
    CHECK(list.candidatesFor(&f.assistant, at(kDay, "10:30")).size() == 2);
    CHECK(list.open(&f.assistant).size() == 3);
    CHECK(list.resolve(&f.assistant, candidates[0].entry.id).error == HealthError::NotFound);

    // Once Jean's own appointment is cancelled he waits for any slot, even an earlier one than it was.
    REQUIRE(f.book.cancel(&f.assistant, late.id).ok());
    // (Marie's 09:00 and Paul's tomorrow are later than an 08:30 slot: they are called too.)
    const auto after = list.candidatesFor(&f.assistant, at(kDay, "08:30"));
    REQUIRE(after.size() == 3);
    CHECK(after[0].entry.surname == "Martin");
    CHECK_FALSE(after[0].presentAppointmentAt);
    CHECK(after[1].presentAppointmentAt == at(kDay, "09:00"));

    CHECK(f.audit("health.waiting_list.add").size() == 4);
    CHECK(f.audit("health.waiting_list.resolve").size() == 1);
    for (const auto& entry : f.staff.recentAudit(100)) {
        CHECK(entry.detail.find("Lambert") == std::string::npos);
        CHECK(entry.detail.find("06 11") == std::string::npos);
    }
}

TEST_CASE("the waiting list refuses the café manager, a missing phone or name, and cleans what is typed",
          "[health][waiting-list][bad-input]") {
    HealthFixture f;
    WaitingList list(f.db, f.clock, f.staff);
    CHECK(list.add(&f.cafe, {"Lambert", "Hugo", "06 11 22 33 44", "", ""}).error == HealthError::NotAllowed);
    CHECK(list.add(nullptr, {"Lambert", "Hugo", "06 11 22 33 44", "", ""}).error == HealthError::NotAllowed);
    CHECK(list.add(&f.assistant, {"  \x01 ", "Hugo", "06 11 22 33 44", "", ""}).error == HealthError::NameInvalid);
    CHECK(list.add(&f.assistant, {"Lambert", "Hugo", "pas de téléphone", "", ""}).error == HealthError::PhoneInvalid);
    CHECK(list.add(&f.assistant, {"Lambert", "Hugo", "06 11 22 33 44", "no-such-appointment", ""}).error ==
          HealthError::NotFound);
    std::string huge(10'000, 'x');
    const WaitingListChange added = list.add(&f.assistant, {"Lambert\x1b[31m", "Hugo", "06 11 22 33 44", "", huge});
    REQUIRE(added.ok());
    CHECK(added.entry->surname == "Lambert[31m");
    CHECK(added.entry->availability.size() <= WaitingList::kMaxAvailabilityLength);
    CHECK(list.open(&f.cafe).empty());
    CHECK(list.candidatesFor(&f.cafe, at(kDay, "10:00")).empty());
    CHECK(list.remove(&f.assistant, added.entry->id).ok());
    CHECK(list.open(&f.assistant).empty());
}

TEST_CASE("the waiting list is erased after its retention period", "[health][waiting-list][retention]") {
    HealthFixture f;
    WaitingList list(f.db, f.clock, f.staff);
    REQUIRE(list.add(&f.assistant, {"Lambert", "Hugo", "06 11 22 33 44", "", ""}).ok());
    f.clock.advanceMs(31LL * 24 * 60 * kMinute);
    vk::storage::purgeExpired(f.db, {{"waiting_list_days", 30}}, f.clock.nowMs());
    CHECK(f.count("SELECT count(*) FROM health_waiting_list") == 0);
}
