// The neighbouring villages' events, as the territory hub brings them: listed apart, never signed up to here,
// never changed by this café's edits nor by its feed import; the sign-ups stay on the café where they were made.
#include "services/agenda/agenda_fixture.h"

#include "storage/record_id.h"
#include "storage/sync_store.h"

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace vk;
using namespace vk::services;
using namespace vk::services::agenda;
using namespace vk::services::agenda::testing;
using nlohmann::json;

namespace {

struct NeighbourAgenda : AgendaFixture {
    NeighbourAgenda() { sync.rememberVillage("Saint-Aubin"); }

    // An event of Mouthier's café as the hub hands it out (the hub writes in the owner's village; the feed's
    // key stays with the kiosk that imported it).
    std::string pulledEvent(const std::string& title, const std::string& day, const std::string& village = "Mouthier") {
        const std::string id = storage::newRecordId(clock.nowMs());
        const json row{{"id", id},          {"origin_kiosk", "kiosk-of-mouthier"}, {"title", title},
                       {"place", "Salle des fêtes"}, {"description", ""},          {"day", day},
                       {"starts_at", "20:30"}, {"ends_at", ""},                   {"capacity", 40},
                       {"price_cents", nullptr}, {"cancelled_at", nullptr},       {"created_at", 1},
                       {"updated_at", 1},    {"deleted_at", nullptr},             {"village", village}};
        const storage::IncomingChange change{seq, "c" + std::to_string(seq), "agenda_event", id, "kiosk-of-mouthier", row, {}};
        ++seq;
        const auto counts = sync.applyPulled({change}, seq, clock.nowMs());
        REQUIRE(counts.applied == 1);
        return id;
    }

    storage::SyncStore sync{db};
    std::int64_t seq = 1;
};

std::string tourDates() {
    std::ifstream file(std::filesystem::path(VK_SOURCE_DIR) / "tests/services/fixtures/agenda_tour_dates.ics",
                       std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("a neighbouring village's event is listed apart with its village, not in this café's week", "[agenda][neighbours]") {
    NeighbourAgenda f;
    f.pulledEvent("Soirée contes", kFriday);
    const std::string monday = health::mondayOf(kToday);
    const auto ours = f.book.week(monday);
    REQUIRE(ours.size() == 1);
    CHECK(ours[0].id == f.workshop);
    const auto nearby = f.book.nearbyWeek(monday);
    REQUIRE(nearby.size() == 1);
    CHECK(nearby[0].details.title == "Soirée contes");
    CHECK(nearby[0].village == "Mouthier");
}

TEST_CASE("nobody signs up here to a neighbour's event, and this café cannot change or cancel it", "[agenda][neighbours]") {
    NeighbourAgenda f;
    const std::string theirs = f.pulledEvent("Soirée contes", kFriday);
    const SignUpResult result = f.book.signUp(&f.kiosk(), f.member(f.denise, theirs));
    CHECK(result.error == AgendaError::EventUnknown);
    CHECK(f.book.cancelEvent(&f.manager, theirs).error == AgendaError::EventUnknown);
    CHECK(f.book.editEvent(&f.manager, theirs, AgendaFixture::form("Piraté", kFriday, "20:30", 4)).error ==
          AgendaError::EventUnknown);
    CHECK(f.count("SELECT count(*) FROM agenda_signup") == 0);
    CHECK(f.book.nearbyWeek(health::mondayOf(kToday)).at(0).details.title == "Soirée contes");
}

TEST_CASE("a cancelled neighbour's event leaves the nearby list", "[agenda][neighbours]") {
    NeighbourAgenda f;
    const std::string theirs = f.pulledEvent("Soirée contes", kFriday);
    f.db.sql().exec("UPDATE sync_apply_flag SET applying = 1");
    f.db.sql().exec("UPDATE agenda_event SET cancelled_at = 5 WHERE id = '" + theirs + "'");
    f.db.sql().exec("UPDATE sync_apply_flag SET applying = 0");
    CHECK(f.book.nearbyWeek(health::mondayOf(kToday)).empty());
}

TEST_CASE("the feed's keys stay on the kiosk that imported them, so two villages import the same tour", "[agenda][neighbours]") {
    NeighbourAgenda f;
    const ImportReport first = f.book.importFeed(&f.manager, tourDates());
    REQUIRE(first.ok());
    REQUIRE(first.added > 0);
    // What this kiosk pushes of an imported event carries no source_key: it would clash with the neighbour's own
    // import of the same tour (the key is unique on each kiosk).
    const auto pending = f.sync.pendingChanges(100);
    int events = 0;
    for (const auto& change : pending) {
        if (change.table != "agenda_event") continue;
        REQUIRE(change.row);
        CHECK_FALSE(change.row->contains("source_key"));
        ++events;
    }
    CHECK(events == first.added + 1);  // the imported ones and the workshop
    // The neighbour's copy of a tour date arrives and goes in; a new import here changes only this café's own.
    f.pulledEvent("Théâtre : Le Malade imaginaire", "2030-06-20");
    const ImportReport again = f.book.importFeed(&f.manager, tourDates());
    REQUIRE(again.ok());
    CHECK(again.added == 0);
    CHECK(again.unchanged == first.added);
    CHECK(f.book.nearbyWeek(health::mondayOf("2030-06-20")).size() == 1);
}

TEST_CASE("the sign-ups of this café's events do not travel to the hub", "[agenda][neighbours][privacy]") {
    NeighbourAgenda f;
    f.signedUp(f.member(f.denise, f.workshop));
    for (const auto& change : f.sync.pendingChanges(100)) CHECK(change.table != "agenda_signup");
}
