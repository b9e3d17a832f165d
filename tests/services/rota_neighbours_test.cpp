// A neighbouring village's rota, as the territory hub brings it (storage/sync_store.cpp applies it), next to
// this centre's own: shown apart, never taken for this village's doctor, hours or notice, never touched by an
// import or an edit here.

#include "kiosk/services/health/local_days.h"
#include "rota_test_support.h"
#include "storage/record_id.h"
#include "storage/sync_store.h"

#include <SQLiteCpp/Statement.h>
#include <catch2/catch.hpp>

using namespace vk::services;
using namespace vk::services::health;
using vk::storage::IncomingChange;
using vk::test::calendar;
using vk::test::hoursEvent;
using vk::test::kMondayMorning;
using nlohmann::json;

namespace {

struct NeighbourFixture : vk::test::RotaTestBase {
    NeighbourFixture() { sync.rememberVillage("Mouthier"); }
    StaffSession assistant{"a", "Claire", StaffRole::MedicalAssistant, 0};
    vk::storage::SyncStore sync{db};
    std::int64_t nextSeq = 1;

    // A row as the hub hands it out: its columns, with the owning village's name written in by the hub.
    vk::storage::ApplyCounts pull(const std::string& table, json row) {
        const std::string id = row["id"].get<std::string>();
        IncomingChange change{nextSeq, "change-" + std::to_string(nextSeq), table, id, "kiosk-of-saint-aubin", row, {}};
        ++nextSeq;
        return sync.applyPulled({change}, nextSeq, clock.nowMs());
    }
    std::string visit(const std::string& village, const std::string& doctor, const std::string& first,
                      const std::string& last, const std::string& sourceKey = "") {
        const std::string id = vk::storage::newRecordId(clock.nowMs());
        const auto counts = pull("rota_visit", json{{"id", id}, {"origin_kiosk", "kiosk-of-saint-aubin"},
                                                    {"doctor_name", doctor}, {"doctor_title", "Médecin généraliste"},
                                                    {"first_day", first}, {"last_day", last}, {"source", "feed"},
                                                    {"source_key", sourceKey.empty() ? json(nullptr) : json(sourceKey)},
                                                    {"created_at", 1}, {"updated_at", 1}, {"deleted_at", nullptr},
                                                    {"village", village}});
        REQUIRE(counts.applied == 1);
        return id;
    }
    std::string hours(const std::string& village, const std::string& day, const std::string& opens,
                      const std::string& closes, const std::string& sourceKey = "") {
        const std::string id = vk::storage::newRecordId(clock.nowMs());
        const auto counts = pull("rota_hours", json{{"id", id}, {"origin_kiosk", "kiosk-of-saint-aubin"}, {"day", day},
                                                    {"opens", opens}, {"closes", closes}, {"doctor_name", ""},
                                                    {"source", "feed"},
                                                    {"source_key", sourceKey.empty() ? json(nullptr) : json(sourceKey)},
                                                    {"created_at", 1}, {"updated_at", 1}, {"deleted_at", nullptr},
                                                    {"village", village}});
        REQUIRE(counts.applied == 1);
        return id;
    }
    int liveRows(const std::string& table, const std::string& village) {
        SQLite::Statement query(db.sql(), "SELECT count(*) FROM " + table + " WHERE deleted_at IS NULL AND village = ?");
        query.bind(1, village);
        query.executeStep();
        return query.getColumn(0).getInt();
    }
};

}  // namespace

TEST_CASE("a neighbouring village's doctor is shown apart and never as this centre's doctor", "[rota][neighbours]") {
    NeighbourFixture f;
    f.visit("Saint-Aubin", "Dr Paul Girard", "2026-11-23", "2026-11-24");
    f.hours("Saint-Aubin", "2026-11-23", "09:00", "12:00");

    const RotaWeek week = f.rota.weeks("2026-11-23", 1).front();
    CHECK(week.visits.empty());
    CHECK(week.days[0].hours.empty());
    CHECK_FALSE(week.days[0].open());
    REQUIRE(week.neighbours.size() == 1);
    CHECK(week.neighbours[0].village == "Saint-Aubin");
    REQUIRE(week.neighbours[0].visits.size() == 1);
    CHECK(week.neighbours[0].visits[0].doctorName == "Dr Paul Girard");
    REQUIRE(week.neighbours[0].hours.size() == 1);
    CHECK(week.neighbours[0].hours[0].opens == "09:00");
    // Today's state is this centre's: nobody is sent to a doctor who is in another village.
    const TodayState today = f.rota.today();
    CHECK(today.doctors.empty());
    CHECK(today.status == TodayStatus::NoConsultation);
    // Nor does a neighbour's change move « mis à jour le … » of this rota.
    CHECK(f.rota.lastUpdatedAt() == 0);
}

TEST_CASE("a rota row of this kiosk's own village from another of its kiosks is this centre's", "[rota][neighbours]") {
    NeighbourFixture f;
    f.sync.rememberVillage("Saint-Aubin");
    f.visit("Saint-Aubin", "Dr Paul Girard", "2026-11-23", "2026-11-24");
    const RotaWeek week = f.rota.weeks("2026-11-23", 1).front();
    REQUIRE(week.visits.size() == 1);
    CHECK(week.visits[0].doctorName == "Dr Paul Girard");
    CHECK(week.neighbours.empty());
}

TEST_CASE("this centre's feed import leaves a neighbour's rows alone, even under the same keys", "[rota][neighbours]") {
    NeighbourFixture f;
    // The neighbour's feed uses the same event UIDs as this centre's (one publisher's software for both).
    f.hours("Saint-Aubin", "2026-11-23", "08:00", "11:00", "mon-am/20261123");
    f.hours("Saint-Aubin", "2026-11-25", "08:00", "11:00", "wed-am/20261125");
    const auto report = f.rota.importCalendar(calendar(hoursEvent("mon-am", "20261123", "0900", "1200")), "rota.ics");
    REQUIRE(report.applied);
    CHECK(report.change.added == 1);
    CHECK(report.change.removed == 0);
    CHECK(f.liveRows("rota_hours", "Saint-Aubin") == 2);
    const RotaWeek week = f.rota.weeks("2026-11-23", 1).front();
    REQUIRE(week.days[0].hours.size() == 1);
    CHECK(week.days[0].hours[0].opens == "09:00");
    CHECK(week.days[2].hours.empty());

    // An import that no longer holds Monday removes this centre's Monday, and still not the neighbour's.
    const auto again = f.rota.importCalendar(calendar(hoursEvent("tue-am", "20261124", "0900", "1200")), "rota.ics");
    REQUIRE(again.applied);
    CHECK(again.change.removed == 1);
    CHECK(f.liveRows("rota_hours", "Saint-Aubin") == 2);
}

TEST_CASE("a neighbour's closed day shows none of its hours", "[rota][neighbours]") {
    NeighbourFixture f;
    f.hours("Saint-Aubin", "2026-11-23", "09:00", "12:00");
    f.hours("Saint-Aubin", "2026-11-24", "09:00", "12:00");
    const auto counts = f.pull("rota_closure", json{{"id", vk::storage::newRecordId(f.clock.nowMs())},
                                                    {"origin_kiosk", "kiosk-of-saint-aubin"}, {"first_day", "2026-11-24"},
                                                    {"last_day", "2026-11-24"}, {"reason", "Formation"},
                                                    {"source", "staff"}, {"created_at", 1}, {"updated_at", 1},
                                                    {"village", "Saint-Aubin"}});
    REQUIRE(counts.applied == 1);
    const RotaWeek week = f.rota.weeks("2026-11-23", 1).front();
    REQUIRE(week.neighbours.size() == 1);
    REQUIRE(week.neighbours[0].hours.size() == 1);
    CHECK(week.neighbours[0].hours[0].day == "2026-11-23");
    CHECK_FALSE(week.days[1].closure);  // this centre is not closed for it
}

TEST_CASE("staff here cannot remove or change a neighbour's visit, nor see it in their lists", "[rota][neighbours]") {
    NeighbourFixture f;
    const std::string theirs = f.visit("Saint-Aubin", "Dr Paul Girard", "2026-11-23", "2026-11-24");
    // Not found by id: the staff screens list this centre's rows only, and removing an unknown id changes nothing.
    CHECK_FALSE(vk::storage::RotaStore(f.db).visit(theirs));
    CHECK(f.rota.removeVisit(f.assistant, theirs) == RotaEditError::None);
    CHECK(f.liveRows("rota_visit", "Saint-Aubin") == 1);
    CHECK(f.sync.pendingCount() == 0);  // nothing to send the hub
}

TEST_CASE("a neighbour's notice for today is not this centre's delay, and this centre announces its own", "[rota][neighbours]") {
    NeighbourFixture f;
    const std::string today = localDay(kMondayMorning);
    const auto counts = f.pull("rota_day_notice", json{{"id", vk::storage::newRecordId(f.clock.nowMs())},
                                                       {"origin_kiosk", "kiosk-of-saint-aubin"}, {"day", today},
                                                       {"delay_minutes", 45}, {"closes_early_at", nullptr},
                                                       {"created_at", 1}, {"updated_at", 1}, {"deleted_at", nullptr},
                                                       {"village", "Saint-Aubin"}});
    REQUIRE(counts.applied == 1);
    CHECK(f.rota.today().delayMinutes == 0);
    // One live notice per day and village: this centre's own goes in beside the neighbour's.
    REQUIRE(f.rota.announce(f.assistant, 20, "") == RotaEditError::None);
    CHECK(f.rota.today().delayMinutes == 20);
    CHECK(f.liveRows("rota_day_notice", "Saint-Aubin") == 1);
}

TEST_CASE("a neighbour's row with a garbled village name is held with the reason, not lost", "[rota][neighbours][bad-input]") {
    NeighbourFixture f;
    for (const json& village : {json(std::string(500, 'x')), json::array({"Saint-Aubin"})}) {
        const std::string id = vk::storage::newRecordId(f.clock.nowMs());
        const auto counts = f.pull("rota_visit", json{{"id", id}, {"origin_kiosk", "k"}, {"doctor_name", "Dr X"},
                                                      {"first_day", "2026-11-23"}, {"last_day", "2026-11-23"},
                                                      {"source", "staff"}, {"created_at", 1}, {"updated_at", 1},
                                                      {"village", village}});
        CHECK(counts.held == 1);
    }
    const auto history = f.sync.history();
    REQUIRE(history.size() == 2);
    for (const auto& entry : history) {
        CHECK(entry.kind == "held");
        CHECK_FALSE(entry.detail.empty());
        CHECK(entry.rowJson);  // the row is kept, to be tried again
    }
    CHECK(f.rota.weeks("2026-11-23", 1).front().neighbours.empty());
    CHECK(f.rota.weeks("2026-11-23", 1).front().visits.empty());
}
