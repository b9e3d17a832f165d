#include "crash_sync.h"

#include "hub/hub_harness.h"
#include "storage/hub/hub_store.h"

#include <SQLiteCpp/Statement.h>
#include <pqxx/pqxx>

#include <fstream>
#include <set>

namespace fs = std::filesystem;

namespace vk::test::crash {

struct CrashHub::State {
    std::string databaseUrl;
    std::string credential;
    std::unique_ptr<HubProcess> process;
    std::unique_ptr<TestKiosk> otherKiosk;
    std::string otherMember;
};

CrashHub::CrashHub(std::unique_ptr<State> state) : state_(std::move(state)) {}

CrashHub::~CrashHub() {
    state_->otherKiosk.reset();
    state_->process.reset();
}

std::unique_ptr<CrashHub> CrashHub::start(const fs::path& work, const fs::path& credentialFile, std::string& whyNot) {
    TestPostgres* postgres = TestPostgres::shared(whyNot);
    if (!postgres) return nullptr;
    auto state = std::make_unique<State>();
    state->databaseUrl = postgres->newDatabase();
    fs::create_directories(work / "hub");
    state->process = std::make_unique<HubProcess>(work / "hub", state->databaseUrl, freeLoopbackPort());
    state->process->start();
    storage::hub::HubStore store(state->databaseUrl);
    state->credential = store.addKiosk("crash", "");
    fs::create_directories(credentialFile.parent_path());
    std::ofstream(credentialFile) << state->credential << "\n";
    fs::create_directories(work / "other");
    state->otherKiosk = std::make_unique<TestKiosk>(work / "other", state->process->url(), store.addKiosk("crash", ""));
    state->otherMember = state->otherKiosk->addMember("Voisine Autre");
    return std::unique_ptr<CrashHub>(new CrashHub(std::move(state)));
}

std::string CrashHub::url() const { return state_->process->url(); }

std::string CrashHub::otherKioskPosts(const std::string& title) {
    state_->otherKiosk->post(state_->otherMember, title);
    const auto round = state_->otherKiosk->sync();
    return round.ok ? "" : round.error;
}

namespace {

std::set<std::string> stringsOf(SQLite::Database& db, const std::string& sql, const std::string& value = "") {
    std::set<std::string> values;
    SQLite::Statement query(db, sql);
    if (!value.empty()) query.bind(1, value);
    while (query.executeStep()) values.insert(query.getColumn(0).getString());
    return values;
}

}  // namespace

int countOf(SQLite::Database& db, const std::string& sql, const std::string& value) {
    SQLite::Statement query(db, sql);
    query.bind(1, value);
    query.executeStep();
    return query.getColumn(0).getInt();
}

std::vector<std::string> CrashHub::problems(SQLite::Database& db, const std::string& sharingMember) {
    std::vector<std::string> found;
    if (!db.tableExists("sync_change")) return found;
    const auto ids = stringsOf(db, "SELECT value FROM kiosk_meta WHERE key = 'kiosk_id'");
    if (ids.empty()) return found;
    const std::string kioskId = *ids.begin();
    const auto posts = stringsOf(db, "SELECT p.id FROM board_post p JOIN member m ON m.id = p.member_id "
                                     "WHERE m.display_name = ?", sharingMember);
    const auto queued = stringsOf(db, "SELECT record_id FROM sync_change WHERE table_name = 'board_post'");
    const auto held = stringsOf(db, "SELECT change_id FROM sync_history WHERE kind = 'held'");
    const auto members = stringsOf(db, "SELECT id FROM member");
    const auto localPosts = stringsOf(db, "SELECT id FROM board_post");
    const std::int64_t pulledUpTo = db.execAndGet("SELECT pulled_up_to FROM sync_state").getInt64();

    pqxx::connection connection(state_->databaseUrl);
    pqxx::read_transaction hub(connection);
    std::set<std::string> atHub;
    for (const auto& row : hub.exec_params("SELECT record_id FROM hub_record WHERE table_name = 'board_post' AND "
                                           "origin_kiosk = $1", kioskId))
        atHub.insert(row[0].as<std::string>());
    for (const auto& post : posts)
        if (atHub.count(post) == 0 && queued.count(post) == 0)
            found.push_back("shared post " + post + " is neither at the hub nor in the outbox (sync_change)");
    for (const auto& record : atHub)
        if (posts.count(record) == 0) found.push_back("the hub has a post " + record + " the kiosk does not");
    for (const auto& row : hub.exec_params("SELECT record_id, count(*) FROM hub_change WHERE table_name = 'board_post' "
                                           "AND from_kiosk = $1 GROUP BY record_id HAVING count(*) > 1", kioskId))
        found.push_back("post " + row[0].as<std::string>() + " was pushed " + row[1].as<std::string>() + " times");
    // Two records with the same title would be one post pushed twice under two ids.
    const int twice = hub.exec_params1("SELECT count(*) - count(DISTINCT c.row_data->>'title') FROM hub_record r JOIN "
                                       "hub_change c ON c.seq = r.head_seq WHERE r.table_name = 'board_post' AND "
                                       "r.origin_kiosk = $1", kioskId)[0].as<int>();
    if (twice != 0) found.push_back(std::to_string(twice) + " posts are at the hub twice, as two records");
    for (const auto& row : hub.exec_params("SELECT seq, change_id, table_name, record_id FROM hub_change WHERE "
                                           "from_kiosk <> $1 AND seq <= $2 ORDER BY seq", kioskId, pulledUpTo)) {
        const std::string table = row[2].as<std::string>();
        const std::string record = row[3].as<std::string>();
        const bool here = (table == "member" && members.count(record) != 0) ||
                          (table == "board_post" && localPosts.count(record) != 0);
        if (!here && held.count(row[1].as<std::string>()) == 0)
            found.push_back("the pull cursor (" + std::to_string(pulledUpTo) + ") is past change " +
                            row[0].as<std::string>() + " of the other kiosk, which is neither applied nor held");
    }
    return found;
}

std::string CrashHub::lastRound(const fs::path& dataDir, const std::string& titleGlob, bool& ok) {
    TestKiosk kiosk(dataDir, url(), state_->credential);
    const auto round = kiosk.sync();
    const int pending = kiosk.service->store().pendingCount();
    const int committed = countOf(kiosk.db.sql(), "SELECT count(*) FROM board_post WHERE title GLOB ?", titleGlob);
    int atHub = 0;
    {
        pqxx::connection connection(state_->databaseUrl);
        pqxx::read_transaction hub(connection);
        atHub = hub.exec_params1("SELECT count(*) FROM hub_record WHERE table_name = 'board_post' AND origin_kiosk = $1",
                                 kiosk.db.kioskId())[0].as<int>();
    }
    const auto reached = state_->otherKiosk->sync();
    const int atOther = countOf(state_->otherKiosk->db.sql(), "SELECT count(*) FROM board_post WHERE title GLOB ?",
                                titleGlob);
    ok = round.ok && pending == 0 && atHub == committed && reached.ok && atOther == committed;
    return "round " + (round.ok ? std::string("complete") : "failed: " + round.error) + ", pushed " +
           std::to_string(round.pushed) + ", pulled " + std::to_string(round.pulled) + ", outbox left " +
           std::to_string(pending) + "; shared posts committed " + std::to_string(committed) + ", at the hub " +
           std::to_string(atHub) + ", on the other kiosk " + std::to_string(atOther);
}

}  // namespace vk::test::crash
