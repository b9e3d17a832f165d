#include "kiosk/services/audit_sentences.h"
#include "services/health/health_fixture.h"

#include <set>
#include <utility>

using namespace vk::services;
using namespace vk::services::health;
using namespace vk::services::health::testing;

namespace {

using S = AppointmentStatus;

// Brings a fresh 10:00 appointment into `status` the way staff would.
std::string appointmentIn(HealthFixture& f, S status, int n) {
    const Appointment a = f.add("10:00", "Patient " + std::to_string(n), "", "1990-01-01");
    const auto step = [](const AppointmentChange& change) { REQUIRE(change.ok()); };
    switch (status) {
    case S::Booked: break;
    case S::Arrived: step(f.room.markArrived(&f.assistant, a.id)); break;
    case S::InConsultation:
        step(f.room.markArrived(&f.assistant, a.id));
        step(f.room.call(&f.assistant, a.id));
        break;
    case S::Done:
        step(f.room.markArrived(&f.assistant, a.id));
        step(f.room.call(&f.assistant, a.id));
        step(f.room.markDone(&f.assistant, a.id));
        break;
    case S::NoShow: step(f.room.markNoShow(&f.assistant, a.id)); break;
    case S::Cancelled: step(f.book.cancel(&f.assistant, a.id)); break;
    }
    REQUIRE(f.statusOf(a.id) == status);
    return a.id;
}

}  // namespace

TEST_CASE("every status change the state machine allows is made, every other is refused", "[health][waiting-room]") {
    HealthFixture f;
    f.setTime("10:45");  // after the 10:00 window, so that a booked patient may be a no-show
    const std::set<std::pair<S, S>> allowed{
        {S::Booked, S::Arrived},         {S::Booked, S::Cancelled},      {S::Booked, S::NoShow},
        {S::Arrived, S::InConsultation}, {S::Arrived, S::NoShow},        {S::Arrived, S::Cancelled},
        {S::InConsultation, S::Done},    {S::InConsultation, S::Arrived},
    };
    const S all[] = {S::Booked, S::Arrived, S::InConsultation, S::Done, S::NoShow, S::Cancelled};
    int n = 0;
    for (const S from : all) {
        for (const S to : all) {
            INFO(std::string(vk::storage::statusKey(from)) + " → " + std::string(vk::storage::statusKey(to)));
            const std::string id = appointmentIn(f, from, ++n);
            const AppointmentChange change = f.room.changeStatus(&f.assistant, id, to);
            const bool expected = allowed.count({from, to}) == 1;
            CHECK(isAllowedTransition(from, to) == expected);
            CHECK(change.ok() == expected);
            if (expected) {
                CHECK(f.statusOf(id) == to);
            } else {
                CHECK(change.error == HealthError::TransitionRefused);
                CHECK(change.from == from);
                CHECK(change.to == to);
                CHECK(f.statusOf(id) == from);
            }
        }
    }
}

TEST_CASE("status changes stamp their times, back to waiting forgets the call", "[health][waiting-room]") {
    HealthFixture f;
    const Appointment a = f.add("10:00", "Roux", "Hugo", "1971-06-06");
    f.setTime("09:50");
    REQUIRE(f.checkIn.byBirthDate("1971-06-06", "RO").outcome == CheckInOutcome::CheckedIn);
    CHECK(*f.book.find(a.id)->arrivedAt == at(kDay, "09:50"));
    f.setTime("10:05");
    REQUIRE(f.room.callNext(&f.assistant).ok());
    CHECK(*f.book.find(a.id)->calledAt == at(kDay, "10:05"));
    REQUIRE(f.room.backToWaiting(&f.assistant, a.id).ok());
    CHECK_FALSE(f.book.find(a.id)->calledAt);
    CHECK(f.book.find(a.id)->ticket == "M-001");
    REQUIRE(f.room.callNext(&f.assistant).ok());
    f.setTime("10:20");
    REQUIRE(f.room.markDone(&f.assistant, a.id).ok());
    CHECK(*f.book.find(a.id)->finishedAt == at(kDay, "10:20"));
    // Not from the consulting room, so not "back to waiting"; not booked, so not a desk check-in either.
    CHECK(f.room.backToWaiting(&f.assistant, a.id).error == HealthError::TransitionRefused);
    CHECK(f.room.markArrived(&f.assistant, a.id).error == HealthError::TransitionRefused);
    CHECK(f.room.markDone(&f.assistant, "no-such-id").error == HealthError::NotFound);
}

TEST_CASE("a booked patient is a no-show only once their check-in window has closed", "[health][waiting-room]") {
    HealthFixture f;
    const Appointment a = f.add("10:30", "Roux", "Hugo", "1971-06-06");
    f.setTime("11:00");
    CHECK(f.room.markNoShow(&f.assistant, a.id).error == HealthError::NoShowTooSoon);
    CHECK(f.statusOf(a.id) == S::Booked);
    f.clock.advanceMs(1);
    CHECK(f.room.markNoShow(&f.assistant, a.id).ok());
    CHECK(f.statusOf(a.id) == S::NoShow);
    CHECK(f.audit("health.no_show").size() == 1);
}

TEST_CASE("patients are called by appointment time, walk-ins by arrival, interleaved", "[health][waiting-room]") {
    HealthFixture f;
    f.add("10:00", "Alpha", "Anne", "1980-01-01");
    f.add("10:30", "Bravo", "Bruno", "1980-01-02");
    f.add("11:00", "Charlie", "Carla", "1980-01-03");
    f.add("11:30", "Delta", "Denis", "1980-01-04");  // never comes

    f.setTime("09:50");
    REQUIRE(f.checkIn.byBirthDate("1980-01-01", "AL").view->ticket == "M-001");
    f.setTime("10:05");
    REQUIRE(f.room.addWalkIn(&f.assistant, {"Walker", "Wanda", ""}).appointment->ticket == "S-001");
    f.setTime("10:10");
    REQUIRE(f.checkIn.byBirthDate("1980-01-03", "CH").view->ticket == "M-002");  // early for 11:00
    f.setTime("10:20");
    REQUIRE(f.checkIn.byBirthDate("1980-01-02", "BR").view->ticket == "M-003");
    f.setTime("10:25");
    REQUIRE(f.room.addWalkIn(&f.assistant, {"Xavier", "", "1999-09-09"}).appointment->ticket == "S-002");

    std::vector<std::string> order;
    for (const Appointment& a : f.room.waiting()) order.push_back(*a.ticket);
    CHECK(order == std::vector<std::string>{"M-001", "S-001", "S-002", "M-003", "M-002"});

    CallingBoard board = f.room.callingBoard();
    CHECK_FALSE(board.calledTicket);
    CHECK(board.nextTickets == std::vector<std::string>{"M-001", "S-001", "S-002"});

    f.setTime("10:30");
    const AppointmentChange first = f.room.callNext(&f.assistant);
    REQUIRE(first.ok());
    CHECK(first.appointment->ticket == "M-001");
    CHECK(first.appointment->status == S::InConsultation);
    board = f.room.callingBoard(2);
    CHECK(board.calledTicket == "M-001");
    CHECK(board.nextTickets == std::vector<std::string>{"S-001", "S-002"});

    REQUIRE(f.room.markDone(&f.assistant, first.appointment->id).ok());
    const AppointmentChange second = f.room.callNext(&f.assistant);
    CHECK(second.appointment->ticket == "S-001");
    // Sent back to the waiting room (the doctor needs a test result first): first in line again.
    REQUIRE(f.room.backToWaiting(&f.assistant, second.appointment->id).ok());
    CHECK(f.room.waiting().front().ticket == "S-001");
    CHECK_FALSE(f.room.callingBoard().calledTicket);

    for (int i = 0; i < 4; ++i) REQUIRE(f.room.markDone(&f.assistant, f.room.callNext(&f.assistant).appointment->id).ok());
    CHECK(f.room.waiting().empty());
    CHECK(f.room.callNext(&f.assistant).error == HealthError::NobodyWaiting);
    CHECK(f.room.today().size() == 6);
    CHECK(f.audit("health.call").size() == 6);
}

TEST_CASE("a walk-in is in the waiting room at once with an S ticket", "[health][waiting-room][walk-in]") {
    HealthFixture f;
    f.setTime("14:12");
    const AppointmentChange change = f.room.addWalkIn(&f.assistant, {"  de la Fontaine\x07 ", "Jean", ""});
    REQUIRE(change.ok());
    const Appointment& walkIn = *change.appointment;
    CHECK(walkIn.walkIn);
    CHECK(walkIn.status == S::Arrived);
    CHECK(walkIn.ticket == "S-001");
    CHECK(walkIn.surname == "de la Fontaine");
    CHECK(walkIn.surnameKey == "DELAFONTAINE");
    CHECK_FALSE(walkIn.birthDate);
    CHECK(*walkIn.arrivedAt == at(kDay, "14:12"));
    CHECK_FALSE(walkIn.code);
    // Checking in at the kiosk afterwards gives the same ticket (once a birth date is known).
    const AppointmentChange withBirth = f.room.addWalkIn(&f.assistant, {"Petit", "Rose", "05/05/1970"});
    CHECK(f.checkIn.byBirthDate("1970-05-05", "PE").view->ticket == withBirth.appointment->ticket);
    CHECK(f.checkIn.byBirthDate("1970-05-05", "PE").outcome == CheckInOutcome::AlreadyCheckedIn);

    CHECK(f.room.addWalkIn(&f.assistant, {" - ", "", ""}).error == HealthError::NameInvalid);
    CHECK(f.room.addWalkIn(&f.assistant, {"Roux", "", "31/02/1970"}).error == HealthError::BirthDateInvalid);
    CHECK(f.room.addWalkIn(&f.assistant, {"Roux", "", "2031-01-01"}).error == HealthError::BirthDateInvalid);
}

TEST_CASE("the café manager cannot run the waiting room, and is audited for trying", "[health][waiting-room]") {
    HealthFixture f;
    const Appointment a = f.add("10:00", "Roux", "Hugo", "1971-06-06");
    CHECK(f.room.addWalkIn(&f.cafe, {"Walker", "", ""}).error == HealthError::NotAllowed);
    CHECK(f.room.markArrived(&f.cafe, a.id).error == HealthError::NotAllowed);
    CHECK(f.room.callNext(&f.cafe).error == HealthError::NotAllowed);
    CHECK(f.book.cancel(&f.cafe, a.id).error == HealthError::NotAllowed);
    CHECK(f.statusOf(a.id) == S::Booked);
    CHECK(f.audit("health.refused").size() == 4);
    CHECK(f.count("SELECT count(*) FROM appointment") == 1);
}

TEST_CASE("staff actions are audited by id and ticket, never by name", "[health][waiting-room][privacy]") {
    HealthFixture f;
    const Appointment a = f.add("10:00", "Secretname", "Hiddengiven", "1971-06-06");
    f.setTime("09:55");
    REQUIRE(f.room.markArrived(&f.assistant, a.id).ok());
    REQUIRE(f.room.callNext(&f.assistant).ok());
    REQUIRE(f.room.markDone(&f.assistant, a.id).ok());
    REQUIRE(f.room.addWalkIn(&f.assistant, {"Othersecret", "", ""}).ok());
    const auto calls = f.audit("health.call");
    REQUIRE(calls.size() == 1);
    CHECK(vk::services::auditValuesOf(calls[0].detail).at("ticket") == "M-001");
    CHECK(calls[0].actorName == "Claire Moreau");
    CHECK(f.audit("health.desk_check_in").size() == 1);
    CHECK(f.audit("health.walk_in").size() == 1);
    for (const auto& entry : f.staff.recentAudit(1000)) {
        CHECK(entry.detail.find("ecret") == std::string::npos);
        CHECK(entry.detail.find("1971") == std::string::npos);
    }
}
