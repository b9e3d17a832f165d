#include "kiosk/services/health/local_days.h"
#include "kiosk/services/kiosk_config.h"
#include "kiosk/services/shifts/shifts_area.h"
#include "kiosk/services/shifts/volunteer_shifts.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace vk;
using namespace vk::services;
using namespace vk::services::shifts;

namespace {

const std::string kToday = "2030-06-12";  // a Wednesday

std::int64_t at(const std::string& day, const std::string& time) { return *health::localToUnixMs(day, time); }

struct ShiftsFixture {
    ShiftForm form(const std::string& day, const std::string& from, const std::string& to, int places = 2) {
        return {"opening", day, from, to, places, "Clés chez Martine"};
    }
    Shift published(const std::string& day, const std::string& from, const std::string& to, int places = 2) {
        auto result = shifts.publish(form(day, from, to, places));
        REQUIRE(result.ok());
        return *result.shift;
    }
    void setNow(const std::string& day, const std::string& time) { clock.setMs(at(day, time)); }

    storage::Database db = storage::Database::openInMemory();
    ManualClock clock{at(kToday, "10:00")};
    VolunteerShifts shifts{db, clock, 120};
};

}  // namespace

TEST_CASE("a member signs up to a published shift and takes one of its places", "[shifts]") {
    ShiftsFixture f;
    const auto shift = f.published("2030-06-14", "09:00", "11:00", 2);
    const auto place = f.shifts.signUp(shift.id, "member-anne");
    REQUIRE(place.ok());
    CHECK(place.signUp->memberId == "member-anne");
    const auto week = f.shifts.shiftsOfWeek("2030-06-10");
    REQUIRE(week.size() == 1);
    CHECK(week[0].taken == 1);
    CHECK(week[0].placesLeft() == 1);
    CHECK(f.shifts.signUp(shift.id, "member-anne").error == ShiftError::AlreadySignedUp);
}

TEST_CASE("a full shift refuses another member", "[shifts]") {
    ShiftsFixture f;
    const auto shift = f.published("2030-06-14", "09:00", "11:00", 1);
    REQUIRE(f.shifts.signUp(shift.id, "member-anne").ok());
    const auto refused = f.shifts.signUp(shift.id, "member-bruno");
    CHECK(refused.error == ShiftError::ShiftFull);
    CHECK_FALSE(refused.signUp.has_value());
}

TEST_CASE("cancelling a place frees it for someone else", "[shifts]") {
    ShiftsFixture f;
    const auto shift = f.published("2030-06-14", "09:00", "11:00", 1);
    const auto place = f.shifts.signUp(shift.id, "member-anne");
    REQUIRE(place.ok());
    const auto cancelled = f.shifts.cancel(place.signUp->id);
    REQUIRE(cancelled.ok());
    CHECK(cancelled.signUp->state == ShiftSignUpState::Cancelled);
    CHECK(f.shifts.cancel(place.signUp->id).error == ShiftError::NotActive);
    CHECK(f.shifts.signUp(shift.id, "member-bruno").ok());
}

TEST_CASE("a shift that has started takes no sign-up and no cancellation", "[shifts]") {
    ShiftsFixture f;
    const auto shift = f.published(kToday, "14:00", "16:00", 2);
    const auto place = f.shifts.signUp(shift.id, "member-anne");
    REQUIRE(place.ok());
    f.setNow(kToday, "14:30");
    CHECK(f.shifts.signUp(shift.id, "member-bruno").error == ShiftError::ShiftPast);
    CHECK(f.shifts.cancel(place.signUp->id).error == ShiftError::ShiftPast);
}

TEST_CASE("a swap hands the place and its hours to the other member, recorded as a swap", "[shifts]") {
    ShiftsFixture f;
    const auto shift = f.published("2030-06-14", "09:00", "11:30", 1);
    const auto place = f.shifts.signUp(shift.id, "member-anne");
    REQUIRE(place.ok());
    const auto taken = f.shifts.swap(place.signUp->id, "member-bruno");
    REQUIRE(taken.ok());
    CHECK(taken.signUp->memberId == "member-bruno");
    REQUIRE(taken.signUp->swappedFrom.has_value());
    CHECK(*taken.signUp->swappedFrom == place.signUp->id);
    CHECK(storage::ShiftStore(f.db).signUp(place.signUp->id)->state == ShiftSignUpState::Swapped);
    CHECK(f.shifts.swap(place.signUp->id, "member-chloe").error == ShiftError::NotActive);
    CHECK(f.shifts.swap(taken.signUp->id, "member-bruno").error == ShiftError::SwapToSelf);

    f.setNow("2030-06-14", "12:00");
    const auto month = f.shifts.monthOf("2030-06", {"member-anne", "member-bruno"});
    REQUIRE(month.size() == 2);
    CHECK(month[0].doneMinutes == 0);
    CHECK(month[1].doneMinutes == 150);
    CHECK(month[1].shifts == 1);
}

TEST_CASE("hours count once the shift is over, not for a member marked absent", "[shifts]") {
    ShiftsFixture f;
    const auto morning = f.published("2030-06-13", "09:00", "10:30", 2);
    const auto anne = f.shifts.signUp(morning.id, "member-anne");
    const auto bruno = f.shifts.signUp(morning.id, "member-bruno");
    REQUIRE(anne.ok());
    REQUIRE(bruno.ok());
    CHECK(f.shifts.markAbsent(bruno.signUp->id).error == ShiftError::ShiftNotStarted);
    f.setNow("2030-06-13", "10:00");
    CHECK(f.shifts.monthOf("2030-06", {"member-anne"})[0].doneMinutes == 0);  // not over yet
    REQUIRE(f.shifts.markAbsent(bruno.signUp->id).ok());
    f.setNow("2030-06-13", "10:30");
    const auto month = f.shifts.monthOf("2030-06", {"member-anne", "member-bruno"});
    CHECK(month[0].doneMinutes == 90);
    CHECK(month[1].doneMinutes == 0);
}

TEST_CASE("hours per month and per year add up the shifts done", "[shifts]") {
    ShiftsFixture f;
    f.setNow("2030-01-02", "08:00");
    const auto january = f.published("2030-01-10", "09:00", "11:00", 2);
    const auto february = f.published("2030-02-05", "14:00", "15:00", 2);
    const auto nextYear = f.published("2031-01-07", "09:00", "12:00", 2);
    REQUIRE(f.shifts.signUp(january.id, "member-anne").ok());
    REQUIRE(f.shifts.signUp(january.id, "member-bruno").ok());
    REQUIRE(f.shifts.signUp(february.id, "member-anne").ok());
    REQUIRE(f.shifts.signUp(nextYear.id, "member-anne").ok());
    f.setNow("2031-03-01", "08:00");

    const auto year = f.shifts.minutesPerMonth("2030");
    REQUIRE(year.size() == 2);
    CHECK(year[0].month == "2030-01");
    CHECK(year[0].shifts == 2);
    CHECK(year[0].minutes == 240);
    CHECK(year[1].month == "2030-02");
    CHECK(year[1].minutes == 60);
    CHECK(f.shifts.minutesPerMonth("2031").at(0).minutes == 180);
    CHECK(f.shifts.minutesPerMonth("twenty").empty());

    ShiftsUsageSource usage(f.db, f.clock);
    const auto uses = usage.usesBetween("2030-01-01", "2030-12-31");
    REQUIRE(uses.size() == 2);
    CHECK(uses[0].service == "grocery");
    CHECK(uses[0].kind == "volunteer_hours");
    CHECK(uses[0].uses == 2);
    CHECK_THAT(uses[0].hours, Catch::Matchers::WithinAbs(4.0, 1e-9));
}

TEST_CASE("the members short of their hours this month are listed with done and committed", "[shifts]") {
    ShiftsFixture f;
    f.setNow("2030-06-01", "08:00");
    const auto longShift = f.published("2030-06-03", "09:00", "11:00", 3);
    const auto shortShift = f.published("2030-06-04", "09:00", "10:00", 3);
    REQUIRE(f.shifts.signUp(longShift.id, "member-anne").ok());
    REQUIRE(f.shifts.signUp(shortShift.id, "member-bruno").ok());
    REQUIRE(f.shifts.signUp(shortShift.id, "member-chloe").ok());
    REQUIRE(f.shifts.setCommitment("member-chloe", 60) == ShiftError::None);
    f.setNow("2030-06-20", "08:00");

    const auto shortOnes = f.shifts.shortOfHours("2030-06", {"member-anne", "member-bruno", "member-chloe", "member-dan"});
    REQUIRE(shortOnes.size() == 2);
    CHECK(shortOnes[0].memberId == "member-bruno");
    CHECK(shortOnes[0].doneMinutes == 60);
    CHECK(shortOnes[0].committedMinutes == 120);
    CHECK(shortOnes[1].memberId == "member-dan");
    CHECK(shortOnes[1].doneMinutes == 0);
    CHECK(f.shifts.setCommitment("member-dan", -5) == ShiftError::CommitmentInvalid);
    ShiftError error = ShiftError::None;
    CHECK(f.shifts.monthOf("2030-13", {"member-anne"}, &error).empty());
    CHECK(error == ShiftError::MonthInvalid);
}

TEST_CASE("bad shift input is refused with its reason and nothing is stored", "[shifts]") {
    ShiftsFixture f;
    auto form = f.form("2030-06-14", "09:00", "11:00");
    SECTION("a 10 kB note") { form.note = std::string(10'000, 'x'); CHECK(f.shifts.publish(form).error == ShiftError::NoteInvalid); }
    SECTION("a shift ending before it starts") {
        form.endsAt = "08:00";
        CHECK(f.shifts.publish(form).error == ShiftError::EndInvalid);
        form.endsAt = "09:00";
        CHECK(f.shifts.publish(form).error == ShiftError::EndInvalid);
    }
    SECTION("a day that does not exist") {
        form.day = "2030-02-30";
        CHECK(f.shifts.publish(form).error == ShiftError::DayInvalid);
        form.day = "14/06/2030";
        CHECK(f.shifts.publish(form).error == ShiftError::DayInvalid);
    }
    SECTION("a malformed time") { form.startsAt = "9h"; CHECK(f.shifts.publish(form).error == ShiftError::TimeInvalid); }
    SECTION("an unknown kind") { form.kind = "party"; CHECK(f.shifts.publish(form).error == ShiftError::KindInvalid); }
    SECTION("no places") { form.places = 0; CHECK(f.shifts.publish(form).error == ShiftError::PlacesInvalid); }
    CHECK(f.db.sql().execAndGet("SELECT count(*) FROM volunteer_shift").getInt() == 0);
}

TEST_CASE("control characters in a shift note are dropped before it is stored", "[shifts]") {
    ShiftsFixture f;
    auto form = f.form("2030-06-14", "09:00", "11:00");
    form.note = "Clés\x1b[2J chez\x07 Martine";
    const auto result = f.shifts.publish(form);
    REQUIRE(result.ok());
    CHECK(result.shift->details.note.find('\x1b') == std::string::npos);
    CHECK(result.shift->details.note.find('\x07') == std::string::npos);
    CHECK(result.shift->details.note.find("Martine") != std::string::npos);
}

TEST_CASE("every shift error has its own translation key", "[shifts]") {
    std::vector<std::string> keys;
    for (int e = static_cast<int>(ShiftError::None); e <= static_cast<int>(ShiftError::StorageFailed); ++e) {
        const std::string key = errorKey(static_cast<ShiftError>(e));
        CHECK(key.rfind("shifts.error.", 0) == 0);
        CHECK(std::find(keys.begin(), keys.end(), key) == keys.end());
        keys.push_back(key);
    }
    CHECK(keys.size() == 19);
}

TEST_CASE("the shifts area reads its monthly commitment and counts hours for the impact report", "[shifts]") {
    const auto load = parseConfig("[shifts]\nmonthly_commitment_minutes = 90\n", "test.toml");
    CHECK(load.config.areas.get<ShiftsSettings>().monthlyCommitmentMinutes == 90);
    const auto refused = parseConfig("[shifts]\nmonthly_commitment_minutes = -3\n", "test.toml");
    CHECK(refused.config.areas.get<ShiftsSettings>().monthlyCommitmentMinutes == kDefaultMonthlyCommitmentMinutes);

    const auto& areas = domainAreas();
    const auto area = std::find_if(areas.begin(), areas.end(), [](const AreaDefinition& a) {
        return std::string(a.id) == "shifts";
    });
    REQUIRE(area != areas.end());
    REQUIRE(area->makeUsageSource != nullptr);
    storage::Database db = storage::Database::openInMemory();
    ManualClock clock{at("2020-03-02", "08:00")};
    VolunteerShifts shifts(db, clock);
    const auto shift = shifts.publish({"stocking", "2020-03-04", "18:00", "19:30", 2, ""});
    REQUIRE(shift.ok());
    REQUIRE(shifts.signUp(shift.shift->id, "member-anne").ok());
    // The report reads the system's time: a shift of 2020 is over.
    const auto uses = area->makeUsageSource(db)->usesBetween("2020-03-01", "2020-03-31");
    REQUIRE(uses.size() == 1);
    CHECK(uses[0].month == "2020-03");
    CHECK(uses[0].uses == 1);
    CHECK(uses[0].hours == Approx(1.5));
}
