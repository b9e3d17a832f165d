// Each village's rota and agenda through the territory hub: three kiosks of two villages (two in Saint-Aubin, one
// in Mouthier), a real PostgreSQL. A village's records are written by its own kiosks only; the other village
// shows them apart, under « Dans les villages voisins », and never as its own doctor or its own events.

#include "hub_harness.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/health/rota_service.h"
#include "services/rota_test_support.h"
#include "skip.h"
#include "storage/agenda_store.h"
#include "storage/sync_store.h"

#include <SQLiteCpp/Statement.h>
#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include <tuple>

using namespace vk;
using test::TestKiosk;

namespace {

#define VK_NEEDS_POSTGRES(pg)                                   \
    std::string whyNot;                                         \
    test::TestPostgres* pg = test::TestPostgres::shared(whyNot); \
    if (!pg) return test::skip(whyNot)

// A kiosk with what its health centre and café use on top of sync.
struct VillageKiosk {
    VillageKiosk(const std::filesystem::path& folder, const std::string& hubUrl, const std::string& credential)
        : kiosk((std::filesystem::create_directories(folder), folder), hubUrl, credential) {}
    TestKiosk kiosk;
    services::StaffService staff{kiosk.db, kiosk.clock,
                                 services::PinHasher(services::PinHasher::Strength::FastForTests),
                                 services::PinPolicy{}};
    services::health::RotaService rota{kiosk.db, kiosk.clock, staff, services::health::RotaSettings{}};
    storage::AgendaStore agenda{kiosk.db};
    services::StaffSession assistant{"a", "Claire", services::StaffRole::MedicalAssistant, 0};

    services::sync::SyncRoundResult sync() {
        const auto round = kiosk.sync();
        INFO(round.error);
        REQUIRE(round.ok);
        return round;
    }
    services::health::RotaWeek week(const std::string& monday) { return rota.weeks(monday, 1).front(); }
};

// Three kiosks of two villages on one hub: two in Saint-Aubin (the café and the town hall), one in Mouthier.
struct TwoVillages {
    explicit TwoVillages(test::TestPostgres& pg) : hub(pg.newDatabase()) {}
    test::TempFolder folder;
    test::HubUnderTest hub;
    VillageKiosk aubin{folder.path / "aubin", hub.url(), hub.addKiosk("val-de-loue", "Saint-Aubin")};
    VillageKiosk aubinMairie{folder.path / "aubin-mairie", hub.url(), hub.addKiosk("val-de-loue", "Saint-Aubin")};
    VillageKiosk mouthier{folder.path / "mouthier", hub.url(), hub.addKiosk("val-de-loue", "Mouthier")};
    // Next week, so that the import's window and today's state are the same whatever day the test runs.
    const std::string monday = services::health::addDays(
        services::health::mondayOf(services::health::localDay(aubin.kiosk.clock.nowMs())), 7);
    std::tuple<test::HubUnderTest&, VillageKiosk&, VillageKiosk&, VillageKiosk&> parts() {
        return {hub, aubin, aubinMairie, mouthier};
    }
};

std::string compact(const std::string& day) { return day.substr(0, 4) + day.substr(5, 2) + day.substr(8, 2); }

storage::EventDetails soiree(const std::string& day) {
    return storage::EventDetails{"Soirée contes", "Salle des fêtes", "", day, "20:30", "", 40, std::nullopt};
}

std::string hubHead(const std::string& url, const std::string& recordId) {
    pqxx::connection connection(url);
    pqxx::read_transaction txn(connection);
    return txn.exec_params1("SELECT c.row_data::text FROM hub_record r JOIN hub_change c ON c.seq = r.head_seq "
                            "WHERE r.record_id = $1",
                            recordId)[0]
        .as<std::string>();
}

}  // namespace

TEST_CASE("a village's rota and agenda reach the other village's kiosk as its neighbour's, not as its own", "[hub][village]") {
    VK_NEEDS_POSTGRES(pg);
    TwoVillages t(*pg);
    auto [hub, aubin, aubinMairie, mouthier] = t.parts();
    const std::string& monday = t.monday;
    REQUIRE(aubin.rota.addVisit(aubin.assistant, "Dr Paul Girard", "Médecin généraliste", monday,
                                services::health::addDays(monday, 1)) == services::health::RotaEditError::None);
    REQUIRE(aubin.rota.importCalendar(test::calendar(test::hoursEvent("mon-am", compact(monday), "0900", "1200",
                                                                      "Dr Paul Girard")),
                                      "rota.ics")
                .applied);
    const std::string event = aubin.agenda.insertEvent(soiree(services::health::addDays(monday, 4)), std::nullopt,
                                                       aubin.kiosk.clock.nowMs()).id;
    CHECK(aubin.sync().pushed == 3);
    mouthier.sync();
    aubinMairie.sync();

    const auto seen = mouthier.week(monday);
    CHECK(seen.visits.empty());
    CHECK(seen.days[0].hours.empty());
    REQUIRE(seen.neighbours.size() == 1);
    CHECK(seen.neighbours[0].village == "Saint-Aubin");
    REQUIRE(seen.neighbours[0].visits.size() == 1);
    CHECK(seen.neighbours[0].visits[0].doctorName == "Dr Paul Girard");
    REQUIRE(seen.neighbours[0].hours.size() == 1);
    CHECK(seen.neighbours[0].hours[0].opens == "09:00");
    CHECK(mouthier.agenda.events(monday, services::health::addDays(monday, 6)).empty());
    const auto nearby = mouthier.agenda.neighbourEvents(monday, services::health::addDays(monday, 6));
    REQUIRE(nearby.size() == 1);
    CHECK(nearby[0].id == event);
    CHECK(nearby[0].village == "Saint-Aubin");
    CHECK(mouthier.kiosk.service->store().pendingCount() == 0);  // not sent back

    // The other kiosk of Saint-Aubin holds them as its own village's.
    const auto mairie = aubinMairie.week(monday);
    CHECK(mairie.visits.size() == 1);
    CHECK(mairie.days[0].hours.size() == 1);
    CHECK(mairie.neighbours.empty());
    CHECK(aubinMairie.agenda.events(monday, services::health::addDays(monday, 6)).size() == 1);
    // And the hub wrote the owner in every row it handed out, whatever the kiosk sent.
    CHECK(hubHead(hub.databaseUrl, event).find("\"village\": \"Saint-Aubin\"") != std::string::npos);
}

TEST_CASE("a kiosk of another village cannot change or delete a village's rota: the hub refuses and it is in its history", "[hub][village]") {
    VK_NEEDS_POSTGRES(pg);
    TwoVillages t(*pg);
    auto [hub, aubin, aubinMairie, mouthier] = t.parts();
    const std::string& monday = t.monday;
    REQUIRE(aubin.rota.addVisit(aubin.assistant, "Dr Paul Girard", "", monday, monday) ==
            services::health::RotaEditError::None);
    const std::string visit = aubin.week(monday).visits.at(0).id;
    const std::string event = aubin.agenda.insertEvent(soiree(monday), std::nullopt, aubin.kiosk.clock.nowMs()).id;
    aubin.sync();
    mouthier.sync();

    // Mouthier's screens and stores never offer it (its own lists do not hold them)…
    CHECK(mouthier.rota.removeVisit(mouthier.assistant, visit) == services::health::RotaEditError::None);
    CHECK_FALSE(mouthier.agenda.cancelEvent(event, mouthier.kiosk.clock.nowMs()));
    CHECK(mouthier.kiosk.service->store().pendingCount() == 0);
    // …but a change made beside them (an older kiosk, a hand in the database) is sent, and the hub refuses it.
    mouthier.kiosk.db.sql().exec("UPDATE rota_visit SET doctor_name = 'Dr Piraté' WHERE id = '" + visit + "'");
    mouthier.kiosk.db.sql().exec("UPDATE agenda_event SET deleted_at = 1 WHERE id = '" + event + "'");
    const auto round = mouthier.sync();
    CHECK(round.refused == 2);
    CHECK(round.pushed == 0);
    const auto history = mouthier.kiosk.service->store().history();
    REQUIRE(history.size() == 2);
    for (const auto& entry : history) {
        CHECK(entry.kind == "refused");
        CHECK(entry.detail == "only the kiosks of Saint-Aubin write this record");
    }
    // Nothing of it reaches Saint-Aubin, nor the hub's version.
    aubin.sync();
    aubinMairie.sync();
    for (VillageKiosk* kiosk : {&aubin, &aubinMairie}) {
        CHECK(kiosk->week(monday).visits.at(0).doctorName == "Dr Paul Girard");
        CHECK(kiosk->agenda.event(event));
    }
    CHECK(hubHead(hub.databaseUrl, visit).find("Dr Piraté") == std::string::npos);

    // The other kiosk of Saint-Aubin may: its change is accepted and replaces Mouthier's stray copy too.
    REQUIRE(aubinMairie.rota.removeVisit(aubinMairie.assistant, visit) == services::health::RotaEditError::None);
    CHECK(aubinMairie.sync().pushed == 1);
    aubin.sync();
    mouthier.sync();
    CHECK(aubin.week(monday).visits.empty());
    CHECK(mouthier.week(monday).neighbours.empty());
}

TEST_CASE("a village's feed import updates its neighbours, and the neighbour's own import leaves it alone", "[hub][village]") {
    VK_NEEDS_POSTGRES(pg);
    TwoVillages t(*pg);
    auto [hub, aubin, aubinMairie, mouthier] = t.parts();
    const std::string& monday = t.monday;
    const std::string tuesday = services::health::addDays(monday, 1);
    const auto feed = [&](const std::string& mondayOpens) {
        return test::calendar(test::hoursEvent("mon-am", compact(monday), mondayOpens, "1200") +
                              test::hoursEvent("tue-am", compact(tuesday), "0900", "1200"));
    };
    REQUIRE(aubin.rota.importCalendar(feed("0900"), "rota.ics").applied);
    aubin.sync();
    mouthier.sync();
    REQUIRE(mouthier.week(monday).neighbours.at(0).hours.size() == 2);

    // Saint-Aubin's feed moves Monday to 10:00 and drops Tuesday.
    REQUIRE(aubin.rota.importCalendar(test::calendar(test::hoursEvent("mon-am", compact(monday), "1000", "1200")),
                                      "rota.ics")
                .applied);
    aubin.sync();
    mouthier.sync();
    auto seen = mouthier.week(monday).neighbours.at(0).hours;
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].day == monday);
    CHECK(seen[0].opens == "10:00");

    // Mouthier imports its own feed, from the same software and so with the same event UIDs.
    REQUIRE(mouthier.rota.importCalendar(feed("0800"), "rota.ics").applied);
    const auto round = mouthier.sync();
    CHECK(round.refused == 0);
    CHECK(round.pushed == 2);
    aubin.sync();
    aubinMairie.sync();
    for (VillageKiosk* kiosk : {&aubin, &aubinMairie}) {
        const auto week = kiosk->week(monday);
        REQUIRE(week.days[0].hours.size() == 1);
        CHECK(week.days[0].hours[0].opens == "10:00");
        CHECK(week.days[1].hours.empty());
        REQUIRE(week.neighbours.size() == 1);
        CHECK(week.neighbours[0].village == "Mouthier");
        CHECK(week.neighbours[0].hours.size() == 2);
    }
    const auto own = mouthier.week(monday);
    REQUIRE(own.days[0].hours.size() == 1);
    CHECK(own.days[0].hours[0].opens == "08:00");
    CHECK(own.neighbours.at(0).hours.size() == 1);  // Saint-Aubin's Monday, still there
}
