#include "kiosk/services/health/local_days.h"
#include "kiosk/services/kiosk_config.h"
#include "kiosk/services/shifts/shifts_area.h"
#include "kiosk/services/shifts/volunteer_shifts.h"
#include "services/timebank/time_bank_fixture.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace vk;
using namespace vk::services;
using namespace vk::services::shifts;
using namespace vk::services::timebank::testing;

namespace {

const std::string kToday = "2030-06-12";  // a Wednesday
const std::string kDan = "0190a000-0000-7000-8000-00000000000d";

std::int64_t at(const std::string& day, const std::string& time) { return *health::localToUnixMs(day, time); }

struct ShiftsFixture {
    ShiftForm form(const std::string& day, const std::string& from, const std::string& to, int places = 2) {
        return {"opening", day, from, to, places, "Clés chez Martine"};
    }
    Shift published(const std::string& day, const std::string& from, const std::string& to, int places = 2) {
        auto result = shifts.publish(cafe, form(day, from, to, places));
        REQUIRE(result.ok());
        return *result.shift;
    }
    void setNow(const std::string& day, const std::string& time) { clock.setMs(at(day, time)); }
    std::vector<std::string> auditActions() {
        std::vector<std::string> actions;
        for (const auto& entry : staff.recentAudit(100)) actions.push_back(entry.action);
        return actions;
    }

    storage::Database db = storage::Database::openInMemory();
    ManualClock clock{at(kToday, "10:00")};
    StaffService staff{db, clock, PinHasher(PinHasher::Strength::FastForTests), PinPolicy{5, 5}};
    SimulatedMembers members = [] {
        SimulatedMembers m;
        m.entries[kDan] = {{kDan, "Dan Lefèvre"}, "", "1357"};
        return m;
    }();
    // Members at the kiosk act as the kiosk once identified; the coordinator signs in.
    const StaffSession* kiosk = &systemActor(SystemActor::Kiosk);
    StaffSession cafeSession = sessionOf(
        *staff.createAccount(&systemActor(SystemActor::CommandLine), "Paul Café", StaffRole::CafeManager, "7391").account);
    StaffSession assistantSession = sessionOf(*staff.createAccount(&systemActor(SystemActor::CommandLine),
                                                                   "Claire Moreau", StaffRole::MedicalAssistant, "8264")
                                                   .account);
    const StaffSession* cafe = &cafeSession;
    VolunteerShifts shifts{db, clock, staff, members, 120};
};

}  // namespace

TEST_CASE("a member signs up to a published shift and takes one of its places", "[shifts]") {
    ShiftsFixture f;
    const auto shift = f.published("2030-06-14", "09:00", "11:00", 2);
    const auto place = f.shifts.signUp(f.kiosk, shift.id, kAnne);
    REQUIRE(place.ok());
    CHECK(place.signUp->memberId == kAnne);
    const auto week = f.shifts.shiftsOfWeek("2030-06-10");
    REQUIRE(week.size() == 1);
    CHECK(week[0].taken == 1);
    CHECK(week[0].placesLeft() == 1);
    CHECK(f.shifts.signUp(f.kiosk, shift.id, kAnne).error == ShiftError::AlreadySignedUp);
}

TEST_CASE("a full shift refuses another member", "[shifts]") {
    ShiftsFixture f;
    const auto shift = f.published("2030-06-14", "09:00", "11:00", 1);
    REQUIRE(f.shifts.signUp(f.kiosk, shift.id, kAnne).ok());
    const auto refused = f.shifts.signUp(f.kiosk, shift.id, kBruno);
    CHECK(refused.error == ShiftError::ShiftFull);
    CHECK_FALSE(refused.signUp.has_value());
}

TEST_CASE("cancelling a place frees it for someone else", "[shifts]") {
    ShiftsFixture f;
    const auto shift = f.published("2030-06-14", "09:00", "11:00", 1);
    const auto place = f.shifts.signUp(f.kiosk, shift.id, kAnne);
    REQUIRE(place.ok());
    const auto cancelled = f.shifts.cancel(f.kiosk, place.signUp->id);
    REQUIRE(cancelled.ok());
    CHECK(cancelled.signUp->state == ShiftSignUpState::Cancelled);
    CHECK(f.shifts.cancel(f.kiosk, place.signUp->id).error == ShiftError::NotActive);
    CHECK(f.shifts.signUp(f.kiosk, shift.id, kBruno).ok());
}

TEST_CASE("a shift that has started takes no sign-up and no cancellation", "[shifts]") {
    ShiftsFixture f;
    const auto shift = f.published(kToday, "14:00", "16:00", 2);
    const auto place = f.shifts.signUp(f.kiosk, shift.id, kAnne);
    REQUIRE(place.ok());
    f.setNow(kToday, "14:30");
    CHECK(f.shifts.signUp(f.kiosk, shift.id, kBruno).error == ShiftError::ShiftPast);
    CHECK(f.shifts.cancel(f.kiosk, place.signUp->id).error == ShiftError::ShiftPast);
}

TEST_CASE("a swap hands the place and its hours to the other member, recorded as a swap", "[shifts]") {
    ShiftsFixture f;
    const auto shift = f.published("2030-06-14", "09:00", "11:30", 1);
    const auto place = f.shifts.signUp(f.kiosk, shift.id, kAnne);
    REQUIRE(place.ok());
    const auto taken = f.shifts.swap(f.kiosk, place.signUp->id, kBruno);
    REQUIRE(taken.ok());
    CHECK(taken.signUp->memberId == kBruno);
    REQUIRE(taken.signUp->swappedFrom.has_value());
    CHECK(*taken.signUp->swappedFrom == place.signUp->id);
    CHECK(storage::ShiftStore(f.db).signUp(place.signUp->id)->state == ShiftSignUpState::Swapped);
    CHECK(f.shifts.swap(f.kiosk, place.signUp->id, kChantal).error == ShiftError::NotActive);
    CHECK(f.shifts.swap(f.kiosk, taken.signUp->id, kBruno).error == ShiftError::SwapToSelf);

    f.setNow("2030-06-14", "12:00");
    const auto month = f.shifts.monthOf("2030-06", {kAnne, kBruno});
    REQUIRE(month.size() == 2);
    CHECK(month[0].doneMinutes == 0);
    CHECK(month[1].doneMinutes == 150);
    CHECK(month[1].shifts == 1);
}

TEST_CASE("hours count once the shift is over, not for a member marked absent", "[shifts]") {
    ShiftsFixture f;
    const auto morning = f.published("2030-06-13", "09:00", "10:30", 2);
    const auto anne = f.shifts.signUp(f.kiosk, morning.id, kAnne);
    const auto bruno = f.shifts.signUp(f.kiosk, morning.id, kBruno);
    REQUIRE(anne.ok());
    REQUIRE(bruno.ok());
    CHECK(f.shifts.markAbsent(f.cafe, bruno.signUp->id).error == ShiftError::ShiftNotStarted);
    f.setNow("2030-06-13", "10:00");
    CHECK(f.shifts.monthOf("2030-06", {kAnne})[0].doneMinutes == 0);  // not over yet
    REQUIRE(f.shifts.markAbsent(f.cafe, bruno.signUp->id).ok());
    f.setNow("2030-06-13", "10:30");
    const auto month = f.shifts.monthOf("2030-06", {kAnne, kBruno});
    CHECK(month[0].doneMinutes == 90);
    CHECK(month[1].doneMinutes == 0);
}

TEST_CASE("hours per month and per year add up the shifts done", "[shifts]") {
    ShiftsFixture f;
    f.setNow("2030-01-02", "08:00");
    const auto january = f.published("2030-01-10", "09:00", "11:00", 2);
    const auto february = f.published("2030-02-05", "14:00", "15:00", 2);
    const auto nextYear = f.published("2031-01-07", "09:00", "12:00", 2);
    REQUIRE(f.shifts.signUp(f.kiosk, january.id, kAnne).ok());
    REQUIRE(f.shifts.signUp(f.kiosk, january.id, kBruno).ok());
    REQUIRE(f.shifts.signUp(f.kiosk, february.id, kAnne).ok());
    REQUIRE(f.shifts.signUp(f.kiosk, nextYear.id, kAnne).ok());
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
    REQUIRE(f.shifts.signUp(f.kiosk, longShift.id, kAnne).ok());
    REQUIRE(f.shifts.signUp(f.kiosk, shortShift.id, kBruno).ok());
    REQUIRE(f.shifts.signUp(f.kiosk, shortShift.id, kChantal).ok());
    REQUIRE(f.shifts.setCommitment(f.cafe, kChantal, 60) == ShiftError::None);
    f.setNow("2030-06-20", "08:00");

    const auto shortOnes = f.shifts.shortOfHours("2030-06", {kAnne, kBruno, kChantal, kDan});
    REQUIRE(shortOnes.size() == 2);
    CHECK(shortOnes[0].memberId == kBruno);
    CHECK(shortOnes[0].doneMinutes == 60);
    CHECK(shortOnes[0].committedMinutes == 120);
    CHECK(shortOnes[1].memberId == kDan);
    CHECK(shortOnes[1].doneMinutes == 0);
    CHECK(f.shifts.setCommitment(f.cafe, kDan, -5) == ShiftError::CommitmentInvalid);
    ShiftError error = ShiftError::None;
    CHECK(f.shifts.monthOf("2030-13", {kAnne}, &error).empty());
    CHECK(error == ShiftError::MonthInvalid);
}

TEST_CASE("bad shift input is refused with its reason and nothing is stored", "[shifts]") {
    ShiftsFixture f;
    auto form = f.form("2030-06-14", "09:00", "11:00");
    SECTION("a 10 kB note") { form.note = std::string(10'000, 'x'); CHECK(f.shifts.publish(f.cafe, form).error == ShiftError::NoteInvalid); }
    SECTION("a shift ending before it starts") {
        form.endsAt = "08:00";
        CHECK(f.shifts.publish(f.cafe, form).error == ShiftError::EndInvalid);
        form.endsAt = "09:00";
        CHECK(f.shifts.publish(f.cafe, form).error == ShiftError::EndInvalid);
    }
    SECTION("a day that does not exist") {
        form.day = "2030-02-30";
        CHECK(f.shifts.publish(f.cafe, form).error == ShiftError::DayInvalid);
        form.day = "14/06/2030";
        CHECK(f.shifts.publish(f.cafe, form).error == ShiftError::DayInvalid);
    }
    SECTION("a malformed time") { form.startsAt = "9h"; CHECK(f.shifts.publish(f.cafe, form).error == ShiftError::TimeInvalid); }
    SECTION("an unknown kind") { form.kind = "party"; CHECK(f.shifts.publish(f.cafe, form).error == ShiftError::KindInvalid); }
    SECTION("no places") { form.places = 0; CHECK(f.shifts.publish(f.cafe, form).error == ShiftError::PlacesInvalid); }
    CHECK(f.db.sql().execAndGet("SELECT count(*) FROM volunteer_shift").getInt() == 0);
}

TEST_CASE("control characters in a shift note are dropped before it is stored", "[shifts]") {
    ShiftsFixture f;
    auto form = f.form("2030-06-14", "09:00", "11:00");
    form.note = "Clés\x1b[2J chez\x07 Martine";
    const auto result = f.shifts.publish(f.cafe, form);
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
    CHECK(keys.size() == 22);
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
    StaffService staff{db, clock, PinHasher(PinHasher::Strength::FastForTests), PinPolicy{5, 5}};
    SimulatedMembers members;
    VolunteerShifts shifts(db, clock, staff, members);
    const auto shift = shifts.publish(&systemActor(SystemActor::CommandLine), {"stocking", "2020-03-04", "18:00", "19:30", 2, ""});
    REQUIRE(shift.ok());
    REQUIRE(shifts.signUp(&systemActor(SystemActor::Kiosk), shift.shift->id, kAnne).ok());
    // The report reads the system's time: a shift of 2020 is over.
    const auto uses = area->makeUsageSource(db)->usesBetween("2020-03-01", "2020-03-31");
    REQUIRE(uses.size() == 1);
    CHECK(uses[0].month == "2020-03");
    CHECK(uses[0].uses == 1);
    CHECK(uses[0].hours == Approx(1.5));
}

TEST_CASE("only the coordinator publishes, changes and cancels shifts, and each refusal is in the activity log",
          "[shifts][rights]") {
    ShiftsFixture f;
    const ShiftForm form = f.form("2030-06-14", "09:00", "11:00");
    const StaffSession assistant = f.assistantSession;
    CHECK(f.shifts.publish(nullptr, form).error == ShiftError::NotAllowed);
    CHECK(f.shifts.publish(f.kiosk, form).error == ShiftError::NotAllowed);
    CHECK(f.shifts.publish(&assistant, form).error == ShiftError::NotAllowed);
    CHECK(f.shifts.shiftsOfWeek("2030-06-10").empty());
    const auto refusals = f.auditActions();
    CHECK(std::count(refusals.begin(), refusals.end(), "shifts.refused") == 3);

    const auto shift = f.published("2030-06-14", "09:00", "11:00");
    CHECK(f.shifts.edit(f.kiosk, shift.id, form).error == ShiftError::NotAllowed);
    CHECK(f.shifts.cancelShift(&assistant, shift.id).error == ShiftError::NotAllowed);
    CHECK(f.shifts.setCommitment(f.kiosk, kAnne, 60) == ShiftError::NotAllowed);
    CHECK(f.shifts.commitmentOf(kAnne) == 120);
    const auto place = f.shifts.signUp(f.kiosk, shift.id, kAnne);
    REQUIRE(place.ok());
    f.setNow("2030-06-14", "09:30");
    CHECK(f.shifts.markAbsent(f.kiosk, place.signUp->id).error == ShiftError::NotAllowed);
    CHECK(f.shifts.markAbsent(f.cafe, place.signUp->id).ok());
}

TEST_CASE("a member's own place is taken by the kiosk or the coordinator, never by a null actor", "[shifts][rights]") {
    ShiftsFixture f;
    const auto shift = f.published("2030-06-14", "09:00", "11:00", 3);
    CHECK(f.shifts.signUp(nullptr, shift.id, kAnne).error == ShiftError::NotAllowed);
    CHECK(f.shifts.signUp(&f.assistantSession, shift.id, kAnne).error == ShiftError::NotAllowed);
    CHECK(f.shifts.shiftsOfWeek("2030-06-10")[0].taken == 0);
    const auto atKiosk = f.shifts.signUp(f.kiosk, shift.id, kAnne);
    REQUIRE(atKiosk.ok());
    CHECK(f.shifts.signUp(f.cafe, shift.id, kBruno).ok());
    CHECK(f.shifts.cancel(nullptr, atKiosk.signUp->id).error == ShiftError::NotAllowed);
    CHECK(f.shifts.swap(nullptr, atKiosk.signUp->id, kChantal).error == ShiftError::NotAllowed);
    CHECK(f.shifts.shiftsOfWeek("2030-06-10")[0].taken == 2);
}

TEST_CASE("a place is only for a member the directory knows", "[shifts][bad-input]") {
    ShiftsFixture f;
    const auto shift = f.published("2030-06-14", "09:00", "11:00");
    CHECK(f.shifts.signUp(f.kiosk, shift.id, "member-nobody").error == ShiftError::MemberInvalid);
    CHECK(f.shifts.signUp(f.kiosk, shift.id, std::string(10000, 'x')).error == ShiftError::MemberInvalid);
    const auto place = f.shifts.signUp(f.kiosk, shift.id, kAnne);
    REQUIRE(place.ok());
    CHECK(f.shifts.swap(f.kiosk, place.signUp->id, "member-nobody").error == ShiftError::MemberInvalid);
    CHECK(f.shifts.setCommitment(f.cafe, "member-nobody", 60) == ShiftError::MemberInvalid);
    CHECK(f.shifts.shiftsOfWeek("2030-06-10")[0].taken == 1);
}

TEST_CASE("every change to shifts writes its line to the activity log with the member's name", "[shifts][audit]") {
    ShiftsFixture f;
    const auto shift = f.published("2030-06-14", "09:00", "11:00", 3);
    const auto anne = f.shifts.signUp(f.kiosk, shift.id, kAnne);
    REQUIRE(anne.ok());
    const auto bruno = f.shifts.signUp(f.kiosk, shift.id, kBruno);
    REQUIRE(bruno.ok());
    REQUIRE(f.shifts.cancel(f.kiosk, anne.signUp->id).ok());
    REQUIRE(f.shifts.swap(f.kiosk, bruno.signUp->id, kChantal).ok());
    REQUIRE(f.shifts.setCommitment(f.cafe, kDan, 240) == ShiftError::None);
    const auto log = f.staff.recentAudit(20);
    std::vector<std::string> actions;
    bool namesBruno = false;
    bool namesChantal = false;
    for (const auto& entry : log) {
        actions.push_back(entry.action);
        if (entry.action == "shifts.swap") {
            namesBruno = entry.detail.find("Bruno Petit") != std::string::npos;
            namesChantal = entry.detail.find("Chantal Roux") != std::string::npos;
            CHECK(entry.detail.find(kBruno) == std::string::npos);
        }
    }
    for (const char* action : {"shifts.publish", "shifts.sign_up", "shifts.cancel_place", "shifts.swap",
                               "shifts.commitment"})
        CHECK(std::find(actions.begin(), actions.end(), action) != actions.end());
    CHECK(namesBruno);
    CHECK(namesChantal);
    CHECK(f.shifts.commitmentOf(kDan) == 240);
}

TEST_CASE("the coordinator changes a shift to come, never below the members already on it", "[shifts]") {
    ShiftsFixture f;
    const auto shift = f.published("2030-06-14", "09:00", "11:00", 3);
    REQUIRE(f.shifts.signUp(f.kiosk, shift.id, kAnne).ok());
    REQUIRE(f.shifts.signUp(f.kiosk, shift.id, kBruno).ok());
    ShiftForm smaller{"stocking", "2030-06-15", "14:00", "16:30", 1, "Carton de pâtes"};
    CHECK(f.shifts.edit(f.cafe, shift.id, smaller).error == ShiftError::PlacesBelowTaken);
    smaller.places = 2;
    const auto edited = f.shifts.edit(f.cafe, shift.id, smaller);
    REQUIRE(edited.ok());
    CHECK(edited.shift->details.kind == ShiftKind::Stocking);
    CHECK(edited.shift->details.day == "2030-06-15");
    CHECK(edited.shift->details.endsAt == "16:30");
    CHECK(edited.shift->placesLeft() == 0);
    smaller.note = std::string(10000, 'a');
    CHECK(f.shifts.edit(f.cafe, shift.id, smaller).error == ShiftError::NoteInvalid);
    CHECK(f.shifts.shift(shift.id)->details.note == "Carton de pâtes");
}

TEST_CASE("a cancelled shift leaves the week and takes no sign-up, and one under way cannot be cancelled", "[shifts]") {
    ShiftsFixture f;
    const auto soon = f.published("2030-06-14", "09:00", "11:00");
    const auto today = f.published(kToday, "09:00", "11:00");
    REQUIRE(f.shifts.signUp(f.kiosk, soon.id, kAnne).ok());
    const auto cancelled = f.shifts.cancelShift(f.cafe, soon.id);
    REQUIRE(cancelled.ok());
    CHECK(cancelled.shift->taken == 1);
    CHECK(f.shifts.signUp(f.kiosk, soon.id, kBruno).error == ShiftError::ShiftUnknown);
    CHECK(f.shifts.cancelShift(f.cafe, today.id).error == ShiftError::ShiftPast);
    const auto week = f.shifts.shiftsOfWeek("2030-06-10");
    REQUIRE(week.size() == 1);
    CHECK(week[0].id == today.id);
}

TEST_CASE("a place offered for swap stays its member's until another member takes it, then the hours are theirs",
          "[shifts][swap]") {
    ShiftsFixture f;
    const auto shift = f.published("2030-06-14", "09:00", "11:00", 1);
    const auto anne = f.shifts.signUp(f.kiosk, shift.id, kAnne);
    REQUIRE(anne.ok());
    CHECK(f.shifts.takeOffered(f.kiosk, shift.id, kBruno).error == ShiftError::NothingOffered);
    REQUIRE(f.shifts.offerForSwap(f.kiosk, anne.signUp->id).ok());
    auto week = f.shifts.shiftsOfWeek("2030-06-10");
    CHECK(week[0].offered == 1);
    CHECK(week[0].placesLeft() == 0);
    CHECK(f.shifts.takeOffered(f.kiosk, shift.id, kAnne).error == ShiftError::SwapToSelf);
    const auto bruno = f.shifts.takeOffered(f.kiosk, shift.id, kBruno, true);
    REQUIRE(bruno.ok());
    CHECK(bruno.signUp->memberId == kBruno);
    CHECK(bruno.signUp->swappedFrom == anne.signUp->id);
    CHECK(bruno.signUp->reminderWanted);
    week = f.shifts.shiftsOfWeek("2030-06-10");
    CHECK(week[0].offered == 0);
    CHECK(week[0].taken == 1);
    CHECK(f.shifts.comingPlacesOf(kAnne).empty());
    REQUIRE(f.shifts.comingPlacesOf(kBruno).size() == 1);
    CHECK(f.shifts.takeOffered(f.kiosk, shift.id, kChantal).error == ShiftError::NothingOffered);

    f.setNow("2030-06-14", "12:00");
    const auto month = f.shifts.monthOf("2030-06", {kAnne, kBruno});
    CHECK(month[0].doneMinutes == 0);
    CHECK(month[1].doneMinutes == 120);
}

TEST_CASE("a withdrawn offer keeps the place, and an offer nobody takes still gives its member the hours", "[shifts][swap]") {
    ShiftsFixture f;
    const auto first = f.published("2030-06-14", "09:00", "11:00", 1);
    const auto second = f.published("2030-06-15", "09:00", "10:30", 1);
    const auto kept = f.shifts.signUp(f.kiosk, first.id, kAnne);
    const auto left = f.shifts.signUp(f.kiosk, second.id, kAnne);
    REQUIRE(kept.ok());
    REQUIRE(left.ok());
    REQUIRE(f.shifts.offerForSwap(f.kiosk, kept.signUp->id).ok());
    REQUIRE(f.shifts.withdrawOffer(f.kiosk, kept.signUp->id).ok());
    CHECK(f.shifts.takeOffered(f.kiosk, first.id, kBruno).error == ShiftError::NothingOffered);
    REQUIRE(f.shifts.offerForSwap(f.kiosk, left.signUp->id).ok());
    CHECK(f.shifts.offerForSwap(nullptr, left.signUp->id).error == ShiftError::NotAllowed);
    f.setNow("2030-06-16", "12:00");
    CHECK(f.shifts.monthOf("2030-06", {kAnne})[0].doneMinutes == 210);
    const auto actions = f.auditActions();
    CHECK(std::count(actions.begin(), actions.end(), "shifts.offer") == 2);
    CHECK(std::count(actions.begin(), actions.end(), "shifts.withdraw_offer") == 1);
}

TEST_CASE("the day before a shift, a reminder is queued once for each member who said yes and has an address, none "
          "for a cancelled shift", "[shifts][reminders]") {
    ShiftsFixture f;
    const auto tomorrow = f.published("2030-06-13", "09:00", "11:00", 4);
    const auto cancelled = f.published("2030-06-13", "14:00", "16:00", 2);
    REQUIRE(f.shifts.signUp(f.kiosk, tomorrow.id, kAnne, true).ok());      // yes, a phone
    REQUIRE(f.shifts.signUp(f.kiosk, tomorrow.id, kBruno, false).ok());    // no consent
    REQUIRE(f.shifts.signUp(f.kiosk, tomorrow.id, kChantal, true).ok());   // yes, no address
    REQUIRE(f.shifts.signUp(f.kiosk, cancelled.id, kDan, true).ok());
    REQUIRE(f.shifts.cancelShift(f.cafe, cancelled.id).ok());
    const ContactOf contacts = [](const std::string& memberId) {
        if (memberId == kAnne) return MemberContact{"0612345678", ""};
        if (memberId == kBruno) return MemberContact{"", "bruno@example.org"};
        if (memberId == kDan) return MemberContact{"0698765432", ""};
        return MemberContact{};
    };
    const auto outboxRows = [&] {
        return f.db.sql().execAndGet("SELECT count(*) FROM outbox_message WHERE purpose = 'shifts.reminder'").getInt();
    };
    f.setNow(kToday, "17:00");
    CHECK(f.shifts.queueReminders(contacts) == 0);
    f.setNow(kToday, "18:30");
    CHECK(f.shifts.queueReminders(contacts) == 1);
    CHECK(outboxRows() == 1);
    // A second round, or the kiosk started again on the same database: nothing more.
    CHECK(f.shifts.queueReminders(contacts) == 0);
    VolunteerShifts restarted{f.db, f.clock, f.staff, f.members, 120};
    CHECK(restarted.queueReminders(contacts) == 0);
    CHECK(outboxRows() == 1);
    CHECK(f.db.sql().execAndGet("SELECT recipient FROM outbox_message WHERE purpose = 'shifts.reminder'").getString() ==
          "0612345678");
}
