// The assistant's desk: editing and cancelling an appointment, the waiting list, and whom to call for a freed slot.
#include "kiosk/screens/health/health_screens.h"
#include "kiosk/services/health/health_area.h"
#include "kiosk/services/health/local_days.h"
#include "ui_fixture.h"

using namespace vk;
using vk::test::UiFixture;

namespace {

services::health::HealthServices& health(UiFixture& f) { return f.runtime.area<services::health::HealthServices>(); }

void typeDigits(UiFixture& f, const std::string& digits) {
    for (const char digit : digits) f.tap(std::string("pad.") + digit);
}

void typeLetters(UiFixture& f, const std::string& letters) {
    for (const char letter : letters) f.tap(std::string("kbd.") + letter);
}

// A booked appointment of today still to come, from the demo village.
storage::Appointment laterToday(UiFixture& f) {
    for (const auto& a : health(f).appointments.day(services::health::localDay(f.clock.nowMs())))
        if (a.status == storage::AppointmentStatus::Booked && a.startsAt > f.clock.nowMs() + 30 * 60'000) return a;
    FAIL("the demo village has no appointment later today");
    return {};
}

std::size_t auditCount(UiFixture& f, const std::string& action) {
    std::size_t n = 0;
    for (const auto& entry : f.runtime.staff.recentAudit(1000)) n += entry.action == action ? 1 : 0;
    return n;
}

}  // namespace

TEST_CASE("the assistant cancels an appointment at the desk and is shown whom on the waiting list to call",
          "[ui][health][desk][waiting-list]") {
    UiFixture f;
    f.signIn("Claire Moreau", "2580");
    f.tap("staff.home.appointments");
    f.tap("desk.waiting_list");
    CHECK(f.kiosk.shows("Personne n’attend un créneau plus tôt."));
    f.tap("waiting_list.add");
    typeLetters(f, "zebulon");
    f.tap("kbd.done");
    typeLetters(f, "ana");
    f.tap("kbd.done");
    typeDigits(f, "0611223344");
    f.tap("pad.ok");
    typeLetters(f, "matin");
    f.tap("waiting_list.save");
    CHECK(f.kiosk.shows("Ajout à la liste d’attente enregistré."));
    CHECK(f.kiosk.shows("Zebulon Ana · 0611223344 · matin"));
    REQUIRE(health(f).waitingList.open(&*f.kiosk.state().staff).size() == 1);

    f.tap("waiting_list.appointments");
    const storage::Appointment booked = laterToday(f);
    f.tap("desk.cancel." + booked.id);
    // The first tap only asks.
    CHECK(health(f).appointments.find(booked.id)->status == storage::AppointmentStatus::Booked);
    f.tap("desk.cancel_confirm." + booked.id);
    CHECK(health(f).appointments.find(booked.id)->status == storage::AppointmentStatus::Cancelled);
    CHECK(f.kiosk.shows("Rendez-vous annulé."));
    CHECK(f.kiosk.shows("Créneau libre"));
    CHECK(f.kiosk.shows("Zebulon Ana"));
    CHECK(f.kiosk.shows("0611223344"));
    CHECK(auditCount(f, "health.appointment.cancel") == 1);

    const std::string entryId = health(f).waitingList.open(&*f.kiosk.state().staff).front().id;
    f.tap("desk.freed_slot.taken." + entryId);
    CHECK(f.kiosk.shows("cette personne n’est plus sur la liste d’attente"));
    CHECK(health(f).waitingList.open(&*f.kiosk.state().staff).empty());
    CHECK(auditCount(f, "health.waiting_list.resolve") == 1);

    // Nothing of the waiting list reaches the public screens.
    f.tap("common.back");
    f.tap("staff.home.sign_out");
    CHECK(f.kiosk.state().screen == app::kHomeScreen);
    f.tap("home.tile.health");
    CHECK_FALSE(f.kiosk.shows("Zebulon"));
    CHECK_FALSE(f.kiosk.shows("0611223344"));
}

TEST_CASE("the assistant moves an appointment at the desk, and a wrong time is refused on screen", "[ui][health][desk]") {
    UiFixture f;
    f.signIn("Claire Moreau", "2580");
    f.tap("staff.home.appointments");
    const storage::Appointment booked = laterToday(f);
    f.tap("desk.edit." + booked.id);
    f.tap("desk.field.time");
    for (int i = 0; i < 4; ++i) f.tap("pad.backspace");
    typeDigits(f, "2575");
    f.tap("desk.save");
    CHECK(f.kiosk.shows("Heure invalide"));
    CHECK(health(f).appointments.find(booked.id)->startsAt == booked.startsAt);
    for (int i = 0; i < 4; ++i) f.tap("pad.backspace");
    typeDigits(f, "1745");
    f.tap("desk.save");
    CHECK(f.kiosk.shows("Rendez-vous modifié."));
    CHECK(services::health::localTime(health(f).appointments.find(booked.id)->startsAt) == "17:45");
    CHECK(auditCount(f, "health.appointment.edit") == 1);

}

TEST_CASE("« wants earlier » at the desk puts the patient on the waiting list with their appointment",
          "[ui][health][desk][waiting-list]") {
    UiFixture f;
    f.signIn("Claire Moreau", "2580");
    f.tap("staff.home.appointments");
    const storage::Appointment booked = laterToday(f);
    f.tap("desk.wants_earlier." + booked.id);
    CHECK(f.kiosk.state().screen == screens::kWaitingListScreen);
    CHECK(f.kiosk.shows("Son rendez-vous actuel est gardé"));
    if (!booked.phone) {
        typeDigits(f, "0655443322");
        f.tap("pad.ok");
    }
    f.tap("waiting_list.save");
    const auto open = health(f).waitingList.open(&*f.kiosk.state().staff);
    REQUIRE(open.size() == 1);
    CHECK(open[0].appointmentId == booked.id);
    CHECK(open[0].surname == booked.surname);
}
