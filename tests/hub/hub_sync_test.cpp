// The territory hub end to end: a real PostgreSQL (test_postgres.h), village-hub on 127.0.0.1, and kiosks that
// each have their own data folder, clock and credential.

#include "hub_harness.h"
#include "net/http_client.h"
#include "net/hub/hub_client.h"
#include "skip.h"
#include "storage/record_id.h"
#include "storage/sync_store.h"
#include "storage/time_bank_store.h"
#include "storage/transaction.h"

#include <SQLiteCpp/Statement.h>
#include <catch2/catch.hpp>
#include <httplib.h>
#include <pqxx/pqxx>
#include <zlib.h>

#include <atomic>
#include <fstream>
#include <chrono>
#include <thread>

using namespace vk;
using test::TestKiosk;

namespace {

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;

std::string countInHub(const std::string& url, const std::string& sql) {
    pqxx::connection connection(url);
    pqxx::read_transaction txn(connection);
    return txn.exec1(sql)[0].as<std::string>();
}

int rowsIn(storage::Database& db, const std::string& sql) {
    SQLite::Statement query(db.sql(), sql);
    query.executeStep();
    return query.getColumn(0).getInt();
}

}  // namespace

#define VK_NEEDS_POSTGRES(pg)                                   \
    std::string whyNot;                                         \
    test::TestPostgres* pg = test::TestPostgres::shared(whyNot); \
    if (!pg) return test::skip(whyNot)

TEST_CASE("a post made on one kiosk appears on the two others of its territory", "[hub]") {
    VK_NEEDS_POSTGRES(pg);
    test::TempFolder folder;
    test::HubUnderTest hub(pg->newDatabase());
    std::vector<std::unique_ptr<TestKiosk>> kiosks;
    for (const char* name : {"a", "b", "c"}) {
        std::filesystem::create_directories(folder.path / name);
        kiosks.push_back(std::make_unique<TestKiosk>(folder.path / name, hub.url(), hub.addKiosk("pays-de-la-loue")));
    }
    const std::string marie = kiosks[0]->addMember("Marie Dupont");
    const std::string postId = kiosks[0]->post(marie, "Je donne des plants de tomates");

    const auto pushed = kiosks[0]->sync();
    INFO(pushed.error);
    REQUIRE(pushed.ok);
    CHECK(pushed.pushed == 2);  // the member, then her post
    for (int i = 1; i < 3; ++i) {
        const auto round = kiosks[i]->sync();
        INFO(round.error);
        REQUIRE(round.ok);
        const auto post = kiosks[i]->findPost(postId);
        REQUIRE(post);
        CHECK(post->content.title == "Je donne des plants de tomates");
        CHECK(post->memberId == marie);
        // Her phone stays on her own kiosk: the consent is to be known in the territory, not to hand out numbers.
        CHECK_FALSE(kiosks[i]->members.findActive(marie)->phone);
        // What came from the hub is not sent back to it.
        CHECK(kiosks[i]->service->store().pendingCount() == 0);
    }
    // The post is found by the board's search on the other kiosks too.
    storage::PostFilter everything;
    everything.publicOnly = false;
    CHECK(kiosks[2]->board.search("tomates*", everything).size() == 1);
}

TEST_CASE("a member who did not agree to share stays on their kiosk with their posts", "[hub]") {
    VK_NEEDS_POSTGRES(pg);
    test::TempFolder folder;
    test::HubUnderTest hub(pg->newDatabase());
    std::filesystem::create_directories(folder.path / "a");
    std::filesystem::create_directories(folder.path / "b");
    TestKiosk a(folder.path / "a", hub.url(), hub.addKiosk("t"));
    TestKiosk b(folder.path / "b", hub.url(), hub.addKiosk("t"));
    const std::string jean = a.addMember("Jean-Marc Lefèvre", false);
    a.post(jean, "Cherche covoiturage");
    REQUIRE(a.sync().ok);
    REQUIRE(b.sync().ok);
    CHECK(b.livePosts() == 0);
    CHECK_FALSE(b.members.findActive(jean));
}

TEST_CASE("a kiosk offline for a week catches up with posts, edits, deletions and the ledger", "[hub]") {
    VK_NEEDS_POSTGRES(pg);
    test::TempFolder folder;
    test::HubUnderTest hub(pg->newDatabase());
    for (const char* name : {"a", "b", "c"}) std::filesystem::create_directories(folder.path / name);
    TestKiosk a(folder.path / "a", hub.url(), hub.addKiosk("t"));
    TestKiosk b(folder.path / "b", hub.url(), hub.addKiosk("t"));
    TestKiosk c(folder.path / "c", hub.url(), hub.addKiosk("t"));
    const std::string marie = a.addMember("Marie Dupont");
    const std::string paul = b.addMember("Paul Martin");
    REQUIRE(a.sync().ok);
    REQUIRE(b.sync().ok);
    REQUIRE(c.sync().ok);
    // C goes offline; for seven days A and B post, edit, remove and trade time, syncing every day.
    std::vector<std::string> removed;
    std::string edited;
    storage::TimeBankStore ledger(a.db);
    for (int day = 0; day < 7; ++day) {
        a.clock.advanceMs(kDayMs);
        b.clock.advanceMs(kDayMs);
        for (int i = 0; i < 20; ++i) a.post(marie, "Offre " + std::to_string(day) + "-" + std::to_string(i));
        const std::string gone = b.post(paul, "Demande du jour " + std::to_string(day));
        b.board.softDelete(gone, b.clock.nowMs());
        removed.push_back(gone);
        ledger.inTransaction([&] {
            storage::NewTimeBankTransfer transfer;
            transfer.idempotencyKey = "day-" + std::to_string(day);
            transfer.payerMemberId = paul;
            transfer.providerMemberId = marie;
            transfer.minutes = 30 + day;
            transfer.what = "Jardinage";
            transfer.category = "garden";
            ledger.insert(transfer, a.clock.nowMs());
        });
        REQUIRE(a.sync().ok);
        REQUIRE(b.sync().ok);
        if (day == 3) {
            edited = b.board.list({false, 0, {}, {}, {}, {}, {}, 1}).front().id;
            auto content = b.board.find(edited)->content;
            content.title = "Offre corrigée par la modératrice";
            b.board.updateContent(edited, content, b.clock.nowMs());
        }
    }
    REQUIRE(a.sync().ok);
    // C made a post of its own while offline.
    const std::string odile = c.addMember("Odile Perrin");
    const std::string fromC = c.post(odile, "Prête une échelle");

    const auto round = c.sync();
    INFO(round.error);
    REQUIRE(round.ok);
    CHECK(c.livePosts() == 140 + 1);
    for (const auto& id : removed) CHECK_FALSE(c.findPost(id));
    CHECK(c.findPost(edited)->content.title == "Offre corrigée par la modératrice");
    storage::TimeBankStore ledgerOfC(c.db);
    CHECK(ledgerOfC.balance(marie) == 30 + 31 + 32 + 33 + 34 + 35 + 36);
    CHECK(ledgerOfC.balance(paul) == -(30 + 31 + 32 + 33 + 34 + 35 + 36));
    CHECK(ledgerOfC.check().sound());
    REQUIRE(a.sync().ok);
    CHECK(a.findPost(fromC));
}

TEST_CASE("the hub killed in the middle of a push loses nothing and duplicates nothing", "[hub]") {
    VK_NEEDS_POSTGRES(pg);
    test::TempFolder folder;
    const std::string url = pg->newDatabase();
    test::HubProcess hub(folder.path, url, test::freeLoopbackPort());
    hub.start();
    std::string credentialA;
    std::string credentialB;
    {
        storage::hub::HubStore store(url);
        credentialA = store.addKiosk("t", "");
        credentialB = store.addKiosk("t", "");
    }
    std::filesystem::create_directories(folder.path / "a");
    std::filesystem::create_directories(folder.path / "b");
    TestKiosk a(folder.path / "a", hub.url(), credentialA);
    TestKiosk b(folder.path / "b", hub.url(), credentialB);
    const std::string marie = a.addMember("Marie Dupont");
    constexpr int kPosts = 1200;  // three batches: the hub dies after the first
    storage::inTransaction(a.db, [&] {
        for (int i = 0; i < kPosts; ++i) a.post(marie, "Annonce " + std::to_string(i));
    });

    // The push goes out in batches of 500; the hub dies as soon as the first batch has committed.
    std::atomic<bool> roundDone{false};
    services::sync::SyncRoundResult interrupted;
    std::thread round([&] {
        interrupted = a.sync();
        roundDone = true;
    });
    while (!roundDone && countInHub(url, "SELECT count(*) FROM hub_change") == "0")
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    hub.kill();
    round.join();
    CHECK_FALSE(interrupted.ok);
    // Some batches had committed, the one in flight rolled back whole; the kiosk may not have heard of the last
    // commit (the answer died with the hub): its retry finds those as duplicates.
    const int committed = std::stoi(countInHub(url, "SELECT count(*) FROM hub_change"));
    CHECK(committed > 0);
    CHECK(committed < kPosts + 1);
    CHECK(committed % services::sync::SyncService::kPushBatch == 0);
    CHECK(a.service->store().pendingCount() >= kPosts + 1 - committed);

    hub.start();
    const auto resumed = a.sync();
    INFO(resumed.error);
    REQUIRE(resumed.ok);
    CHECK(a.service->store().pendingCount() == 0);
    CHECK(countInHub(url, "SELECT count(*) FROM hub_change") == std::to_string(kPosts + 1));
    CHECK(countInHub(url, "SELECT count(*) FROM hub_record") == std::to_string(kPosts + 1));
    REQUIRE(b.sync().ok);
    CHECK(b.livePosts() == kPosts);
}

TEST_CASE("kiosk clocks a day fast or slow do not decide which edit wins", "[hub]") {
    VK_NEEDS_POSTGRES(pg);
    test::TempFolder folder;
    test::HubUnderTest hub(pg->newDatabase());
    for (const char* name : {"fast", "slow", "right"}) std::filesystem::create_directories(folder.path / name);
    TestKiosk fast(folder.path / "fast", hub.url(), hub.addKiosk("t"), kDayMs);
    TestKiosk slow(folder.path / "slow", hub.url(), hub.addKiosk("t"), -kDayMs);
    TestKiosk right(folder.path / "right", hub.url(), hub.addKiosk("t"));
    const std::string marie = fast.addMember("Marie Dupont");
    const std::string postId = fast.post(marie, "Vends bois de chauffage");
    REQUIRE(fast.sync().ok);
    REQUIRE(slow.sync().ok);
    // The slow kiosk edits after the fast one made the post, with a clock two days behind its stamp.
    auto content = slow.findPost(postId)->content;
    content.title = "Bois de chauffage : plus que deux stères";
    slow.board.updateContent(postId, content, slow.clock.nowMs());
    REQUIRE(slow.findPost(postId)->updatedAt < fast.findPost(postId)->updatedAt);
    REQUIRE(slow.sync().ok);
    REQUIRE(fast.sync().ok);
    REQUIRE(right.sync().ok);
    CHECK(fast.findPost(postId)->content.title == "Bois de chauffage : plus que deux stères");
    CHECK(right.findPost(postId)->content.title == "Bois de chauffage : plus que deux stères");
    // A follow-up seen before it was made is no conflict: nothing lost.
    CHECK(fast.service->store().history().empty());
}

TEST_CASE("two managers editing the same post: the later accepted edit wins and the other is kept in the history", "[hub]") {
    VK_NEEDS_POSTGRES(pg);
    test::TempFolder folder;
    test::HubUnderTest hub(pg->newDatabase());
    for (const char* name : {"a", "b", "c"}) std::filesystem::create_directories(folder.path / name);
    TestKiosk a(folder.path / "a", hub.url(), hub.addKiosk("t"));
    TestKiosk b(folder.path / "b", hub.url(), hub.addKiosk("t"));
    TestKiosk c(folder.path / "c", hub.url(), hub.addKiosk("t"));
    const std::string marie = a.addMember("Marie Dupont");
    const std::string postId = a.post(marie, "Garde de chat en août");
    REQUIRE(a.sync().ok);
    REQUIRE(b.sync().ok);
    // Both managers edit before either has seen the other's edit.
    auto fromA = a.findPost(postId)->content;
    fromA.title = "Garde de chat du 1er au 15 août";
    a.board.updateContent(postId, fromA, a.clock.nowMs());
    REQUIRE(b.board.setStatus(postId, {}, storage::PostStatus::Approved, b.clock.nowMs()));
    auto fromB = b.findPost(postId)->content;
    fromB.title = "Garde de chat (août)";
    b.board.updateContent(postId, fromB, b.clock.nowMs());
    REQUIRE(a.sync().ok);
    REQUIRE(b.sync().ok);  // accepted after A's: B's version wins
    REQUIRE(a.sync().ok);
    REQUIRE(c.sync().ok);
    for (TestKiosk* kiosk : {&a, &b, &c}) {
        const auto post = kiosk->findPost(postId);
        CHECK(post->content.title == "Garde de chat (août)");
        CHECK(post->status == storage::PostStatus::Approved);
        const auto history = kiosk->service->store().history();
        REQUIRE(history.size() == 1);
        CHECK(history[0].kind == "lost");
        CHECK(history[0].otherKiosk == a.db.kioskId());
        REQUIRE(history[0].rowJson);
        CHECK(history[0].rowJson->find("Garde de chat du 1er au 15 août") != std::string::npos);
    }
}

TEST_CASE("a revoked credential is refused and the change waits in the outbox", "[hub]") {
    VK_NEEDS_POSTGRES(pg);
    test::TempFolder folder;
    test::HubUnderTest hub(pg->newDatabase());
    const std::string credential = hub.addKiosk("t");
    TestKiosk a(folder.path, hub.url(), credential);
    REQUIRE(a.sync().ok);
    REQUIRE(hub.store().revokeKiosk(credential.substr(0, credential.find('.'))));
    a.post(a.addMember("Marie Dupont"), "Cours de tricot");
    const auto round = a.sync();
    CHECK_FALSE(round.ok);
    CHECK(round.error.find("401") != std::string::npos);
    CHECK(round.error.find("revoked") != std::string::npos);
    CHECK(a.service->store().pendingCount() == 2);
    CHECK(a.service->status().lastError);
    CHECK(countInHub(hub.databaseUrl, "SELECT count(*) FROM hub_change") == "0");
}

TEST_CASE("a credential works for one kiosk only", "[hub]") {
    VK_NEEDS_POSTGRES(pg);
    test::TempFolder folder;
    test::HubUnderTest hub(pg->newDatabase());
    const std::string credential = hub.addKiosk("t");
    std::filesystem::create_directories(folder.path / "a");
    std::filesystem::create_directories(folder.path / "copy");
    TestKiosk a(folder.path / "a", hub.url(), credential);
    TestKiosk copy(folder.path / "copy", hub.url(), credential);
    REQUIRE(a.sync().ok);
    const auto round = copy.sync();
    CHECK_FALSE(round.ok);
    CHECK(round.error.find("another kiosk") != std::string::npos);
}

// What a kiosk downloads is compressed with gzip when it says it accepts it, and never with brotli, which costs the
// hub most of its CPU at cpp-httplib's setting (docs/hub.md, « Figures »).
TEST_CASE("the hub answers a pull in gzip, never in brotli, and plain to a client that takes neither", "[hub]") {
    VK_NEEDS_POSTGRES(pg);
    test::TempFolder folder;
    test::HubUnderTest hub(pg->newDatabase());
    std::filesystem::create_directories(folder.path / "writer");
    TestKiosk writer(folder.path / "writer", hub.url(), hub.addKiosk("t"));
    const std::string member = writer.addMember("Marie Dupont");
    for (int i = 0; i < 20; ++i) writer.post(member, "Je donne des plants de tomates, lot " + std::to_string(i));
    REQUIRE(writer.sync().ok);

    const std::string credential = hub.addKiosk("t");
    httplib::Client client(hub.url());
    client.set_decompress(false);  // the bytes as the hub sent them
    const auto pull = [&](const std::string& acceptEncoding) {
        httplib::Headers headers{{"Authorization", "Bearer " + credential}, {"X-Kiosk-Id", "reader-kiosk"}};
        if (!acceptEncoding.empty()) headers.emplace("Accept-Encoding", acceptEncoding);
        auto answer = client.Get("/v1/pull?after=0", headers);
        REQUIRE(answer);
        REQUIRE(answer->status == 200);
        return *answer;
    };
    const auto plain = pull("");
    CHECK_FALSE(plain.has_header("Content-Encoding"));
    std::string problem;
    const auto decoded = net::hub::decodePullResponse(plain.body, problem);
    INFO(problem);
    REQUIRE(decoded);
    CHECK(decoded->changes.size() == 21);  // the member and her 20 posts

    const auto compressed = pull("br, gzip, deflate");
    CHECK(compressed.get_header_value("Content-Encoding") == "gzip");
    CHECK(compressed.body.size() < plain.body.size() / 2);
    std::string inflated(plain.body.size() + 1, '\0');
    z_stream stream{};
    REQUIRE(inflateInit2(&stream, 15 + 16) == Z_OK);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.body.data()));
    stream.avail_in = static_cast<uInt>(compressed.body.size());
    stream.next_out = reinterpret_cast<Bytef*>(inflated.data());
    stream.avail_out = static_cast<uInt>(inflated.size());
    CHECK(inflate(&stream, Z_FINISH) == Z_STREAM_END);
    inflated.resize(stream.total_out);
    inflateEnd(&stream);
    CHECK(inflated == plain.body);

    for (const std::string withoutGzip : {"br", "gzip;q=0, br", "identity"}) {
        INFO(withoutGzip);
        const auto answer = pull(withoutGzip);
        CHECK_FALSE(answer.has_header("Content-Encoding"));
        CHECK(answer.body == plain.body);
    }
}

TEST_CASE("a kiosk cannot write another territory's records, nor write as another kiosk", "[hub]") {
    VK_NEEDS_POSTGRES(pg);
    test::TempFolder folder;
    test::HubUnderTest hub(pg->newDatabase());
    std::filesystem::create_directories(folder.path / "here");
    std::filesystem::create_directories(folder.path / "there");
    TestKiosk here(folder.path / "here", hub.url(), hub.addKiosk("val-de-loue"));
    const std::string otherCredential = hub.addKiosk("haut-bocage");
    TestKiosk there(folder.path / "there", hub.url(), otherCredential);
    const std::string marie = here.addMember("Marie Dupont");
    const std::string postId = here.post(marie, "Atelier vélo");
    REQUIRE(here.sync().ok);
    REQUIRE(there.sync().ok);
    CHECK(there.livePosts() == 0);  // another territory's pull holds nothing of this one

    // The other territory's kiosk sends a change to this post, then a record in the name of the first kiosk.
    nlohmann::json row = {{"id", postId}, {"origin_kiosk", here.db.kioskId()}, {"title", "Piraté"}};
    net::hub::PushRequest push;
    push.kioskId = there.db.kioskId();
    push.changes.push_back({"0000aaaa-change-1", "board_post", postId, 0, row});
    const std::string forged = storage::newRecordId(storage::nowUnixMs());
    push.changes.push_back({"0000aaaa-change-2", "member", forged, 0,
                            nlohmann::json{{"id", forged}, {"origin_kiosk", here.db.kioskId()}, {"display_name", "X"}}});
    const net::hub::HubEndpoint endpoint{hub.url(), otherCredential, there.db.kioskId(), ""};
    const auto response = net::HttpClient().get(net::hub::pushRequest(endpoint, push));
    REQUIRE(response.outcome == net::HttpOutcome::Ok);
    std::string problem;
    const auto answer = net::hub::decodePushResponse(response.body, problem);
    REQUIRE(answer);
    REQUIRE(answer->results.size() == 2);
    CHECK(answer->results[0].verdict == net::hub::Verdict::Refused);
    CHECK(answer->results[0].reason == "this record belongs to another territory");
    CHECK(answer->results[1].verdict == net::hub::Verdict::Refused);
    CHECK(answer->results[1].reason.find("only as itself") != std::string::npos);
    REQUIRE(here.sync().ok);
    CHECK(here.findPost(postId)->content.title == "Atelier vélo");
}

TEST_CASE("a malformed push is refused with a message and a bad row is held, not lost", "[hub]") {
    VK_NEEDS_POSTGRES(pg);
    test::TempFolder folder;
    test::HubUnderTest hub(pg->newDatabase());
    std::filesystem::create_directories(folder.path / "a");
    std::filesystem::create_directories(folder.path / "b");
    const std::string credential = hub.addKiosk("t");
    TestKiosk a(folder.path / "a", hub.url(), credential);
    TestKiosk b(folder.path / "b", hub.url(), hub.addKiosk("t"));
    REQUIRE(a.sync().ok);
    const net::HttpClient client;
    const net::hub::HubEndpoint endpoint{hub.url(), credential, a.db.kioskId(), ""};

    auto garbled = net::hub::pushRequest(endpoint, {a.db.kioskId(), {}});
    garbled.body = "{\"kiosk_id\": \"x\", \"changes\": [ {\"change_id\": \"\x01\x02\"";
    auto answer = client.get(garbled);
    CHECK(answer.status == 400);
    CHECK(net::hub::errorMessage(answer.body) == "malformed push: the body is not JSON");

    garbled.body = nlohmann::json{{"kiosk_id", a.db.kioskId()},
                                  {"changes", {{{"change_id", "c1"}, {"table", "staff_account"}, {"record_id", "r1"},
                                                {"base_seq", 0}, {"row", nullptr}}}}}
                       .dump();
    answer = client.get(garbled);
    CHECK(answer.status == 400);
    CHECK(net::hub::errorMessage(answer.body) == "malformed push: change 0: table is missing or not a shared table");

    // A post whose title is 10 kB and holds control characters reaches the hub (it only checks the shape); the
    // kiosk that pulls it keeps it aside with the reason, and takes the good post that follows.
    const std::string marie = a.addMember("Marie Dupont");
    const std::string bad = a.post(marie, "Bientôt abîmée");
    const std::string good = a.post(marie, "Annonce saine");
    REQUIRE(a.sync().ok);
    auto row = nlohmann::json::parse(countInHub(hub.databaseUrl, "SELECT row_data::text FROM hub_change WHERE record_id = '" + bad + "' ORDER BY seq DESC LIMIT 1"));
    row["title"] = std::string(10'000, 'x') + "\x07\x1b";
    net::hub::PushRequest push{a.db.kioskId(), {{"bad-title-change", "board_post", bad, 0, row}}};
    answer = client.get(net::hub::pushRequest(endpoint, push));
    REQUIRE(answer.outcome == net::HttpOutcome::Ok);
    // B pulls in one batch: the member, the bad post's first version, the good post, then the 10 kB one.
    const auto round = b.sync();
    INFO(round.error);
    REQUIRE(round.ok);
    CHECK(round.held == 1);
    CHECK(b.findPost(good));
    CHECK(b.findPost(bad)->content.title == "Bientôt abîmée");
    const auto history = b.service->store().history();
    REQUIRE(history.size() == 1);
    CHECK(history[0].kind == "held");
    CHECK(history[0].detail.find("CHECK constraint failed") != std::string::npos);
    CHECK(b.service->status().held == 1);
}

TEST_CASE("a time bank transfer travels once: pushed twice it is one line on every kiosk", "[hub]") {
    VK_NEEDS_POSTGRES(pg);
    test::TempFolder folder;
    test::HubUnderTest hub(pg->newDatabase());
    std::filesystem::create_directories(folder.path / "a");
    std::filesystem::create_directories(folder.path / "b");
    const std::string credential = hub.addKiosk("t");
    TestKiosk a(folder.path / "a", hub.url(), credential);
    TestKiosk b(folder.path / "b", hub.url(), hub.addKiosk("t"));
    const std::string marie = a.addMember("Marie Dupont");
    const std::string paul = a.addMember("Paul Martin");
    storage::TimeBankStore ledger(a.db);
    ledger.inTransaction([&] {
        ledger.insert({"counter-1", paul, marie, 90, "Tonte de pelouse", "garden", storage::TimeBankPayment::Time,
                       std::nullopt, std::nullopt},
                      a.clock.nowMs());
    });
    // The same push twice, as when the hub's answer is lost: the second is all duplicates.
    const auto pending = a.service->store().pendingChanges(100);
    net::hub::PushRequest push{a.db.kioskId(), {}};
    for (const auto& change : pending)
        push.changes.push_back({change.changeId, change.table, change.recordId, change.baseSeq, change.row});
    const net::hub::HubEndpoint endpoint{hub.url(), credential, a.db.kioskId(), ""};
    const net::HttpClient client;
    REQUIRE(client.get(net::hub::pushRequest(endpoint, push)).outcome == net::HttpOutcome::Ok);
    const auto again = client.get(net::hub::pushRequest(endpoint, push));
    std::string problem;
    const auto answer = net::hub::decodePushResponse(again.body, problem);
    REQUIRE(answer);
    for (const auto& result : answer->results) CHECK(result.verdict == net::hub::Verdict::Duplicate);
    REQUIRE(a.sync().ok);
    REQUIRE(b.sync().ok);
    REQUIRE(b.sync().ok);
    storage::TimeBankStore ledgerOfB(b.db);
    CHECK(ledgerOfB.balance(marie) == 90);
    CHECK(ledgerOfB.balance(paul) == -90);
    CHECK(rowsIn(b.db, "SELECT count(*) FROM time_bank_movement") == 2);
    CHECK(countInHub(hub.databaseUrl, "SELECT count(*) FROM hub_change WHERE table_name = 'time_bank_movement'") == "2");
}

TEST_CASE("the kiosk's loop syncs in the background and the screen never waits for it", "[hub]") {
    VK_NEEDS_POSTGRES(pg);
    test::TempFolder folder;
    test::HubUnderTest hub(pg->newDatabase());
    std::filesystem::create_directories(folder.path / "a");
    std::filesystem::create_directories(folder.path / "b");
    TestKiosk a(folder.path / "a", hub.url(), hub.addKiosk("t"));
    TestKiosk b(folder.path / "b", hub.url(), hub.addKiosk("t"));
    const std::string postId = a.post(a.addMember("Marie Dupont"), "Soupe partagée jeudi");
    std::atomic<int> wakes{0};
    a.service->startBackgroundWork([&] { ++wakes; });
    // Each poll returns at once: the exchange is on the worker's thread, the loop only takes its answer.
    for (int i = 0; i < 500 && !a.service->lastRound(); ++i) {
        const auto start = std::chrono::steady_clock::now();
        a.service->poll(a.clock.nowMs());
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(500));
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    REQUIRE(a.service->lastRound());
    CHECK(a.service->lastRound()->ok);
    CHECK(wakes > 0);
    CHECK(a.service->nextDueMs() == a.clock.nowMs() + 60'000);
    a.service->stop();
    REQUIRE(b.sync().ok);
    CHECK(b.findPost(postId));
    CHECK(b.service->status().lastSuccessAt);
}

TEST_CASE("a hub out of reach is tried again later and later, up to an hour", "[hub-offline]") {
    test::TempFolder folder;
    TestKiosk a(folder.path, "http://127.0.0.1:" + std::to_string(test::freeLoopbackPort()), "abc.def");
    a.post(a.addMember("Marie Dupont"), "Vélo à prêter");
    std::vector<std::int64_t> waits;
    for (int round = 0; round < 8; ++round) {
        const auto result = a.sync();
        CHECK_FALSE(result.ok);
        waits.push_back(a.service->nextDueMs() - a.clock.nowMs());
    }
    CHECK(waits[0] == 120'000);
    CHECK(waits[1] == 240'000);
    CHECK(waits[2] == 480'000);
    CHECK(waits.back() == services::sync::SyncService::kMaxBackoffMs);
    // Nothing was lost meanwhile, and staff see that the rounds fail.
    CHECK(a.service->store().pendingCount() == 2);
    CHECK(a.service->status().lastError);
    CHECK_FALSE(a.service->status().lastSuccessAt);
}

TEST_CASE("a credential file that is missing or garbled stops the round with its name", "[hub-offline]") {
    test::TempFolder folder;
    TestKiosk a(folder.path, "http://127.0.0.1:1", "");
    std::ofstream(folder.path / "hub-credential") << "\x01\x02 not a credential";
    auto result = a.sync();
    CHECK_FALSE(result.ok);
    CHECK(result.error.find("hub-credential") != std::string::npos);
    std::filesystem::remove(folder.path / "hub-credential");
    result = a.sync();
    CHECK(result.error.find("cannot be read") != std::string::npos);
}

TEST_CASE("over HTTPS the kiosk verifies the hub's certificate", "[hub]") {
    VK_NEEDS_POSTGRES(pg);
    if (test::runCommand("command -v openssl > /dev/null") != 0) return test::skip("needs openssl to make a certificate");
    test::TempFolder folder;
    const auto cert = folder.path / "cert.pem";
    const auto key = folder.path / "key.pem";
    REQUIRE(test::runCommand("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 "
                             "-addext subjectAltName=IP:127.0.0.1 -keyout " + key.string() + " -out " + cert.string() +
                             " > /dev/null 2>&1") == 0);
    net::hub::HubConfig config;
    config.databaseUrl = pg->newDatabase();
    config.listenHost = "127.0.0.1";
    config.listenPort = 0;
    config.tlsCert = cert;
    config.tlsKey = key;
    net::hub::HubServer server(config);
    std::string error;
    REQUIRE(server.bind(error));
    std::thread serving([&] { server.serve(); });
    storage::hub::HubStore store(config.databaseUrl);
    std::filesystem::create_directories(folder.path / "a");
    TestKiosk a(folder.path / "a", "https://127.0.0.1:" + std::to_string(server.port()), store.addKiosk("t", ""));
    a.post(a.addMember("Marie Dupont"), "Atelier couture");

    // The system's authorities do not know this certificate: refused, nothing sent.
    auto round = a.sync();
    CHECK_FALSE(round.ok);
    CHECK(a.service->store().pendingCount() == 2);
    // With the territory's own authority (here the certificate itself) it goes through.
    services::sync::SyncSettings settings = a.service->settings();
    settings.caFile = cert;
    a.service = std::make_unique<services::sync::SyncService>(a.db, a.clock, settings);
    round = a.sync();
    INFO(round.error);
    CHECK(round.ok);
    CHECK(round.pushed == 2);
    server.stop();
    serving.join();
}
