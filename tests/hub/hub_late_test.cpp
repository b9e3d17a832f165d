// What a kiosk catches up on late: a member's yes to sharing given after they posted (their posts travel with them
// at the next round), and a kiosk away longer than the hub keeps tombstones (it pulls again from 0 and drops what
// was deleted elsewhere meanwhile).

#include "hub_harness.h"
#include "skip.h"

#include <catch2/catch.hpp>
#include <pqxx/pqxx>

using namespace vk;
using test::TestKiosk;

namespace {

std::filesystem::path made(const std::filesystem::path& folder) {
    std::filesystem::create_directories(folder);
    return folder;
}

// A hub and two kiosks of one territory, each in a folder of its own.
struct TwoKiosks {
    explicit TwoKiosks(test::TestPostgres& pg) : hub(pg.newDatabase()) {}
    test::TempFolder folder;
    test::HubUnderTest hub;
    TestKiosk a{made(folder.path / "a"), hub.url(), hub.addKiosk("t")};
    TestKiosk b{made(folder.path / "b"), hub.url(), hub.addKiosk("t")};
};

}  // namespace

TEST_CASE("a member who agrees to share after posting has their posts travel at the next round", "[hub]") {
    std::string whyNot;
    test::TestPostgres* pg = test::TestPostgres::shared(whyNot);
    if (!pg) return test::skip(whyNot);
    TwoKiosks territory(*pg);
    TestKiosk& a = territory.a;
    TestKiosk& b = territory.b;
    const std::string jean = a.addMember("Jean-Marc Lefèvre", false);
    const std::string first = a.post(jean, "Cherche covoiturage pour Besançon");
    const std::string second = a.post(jean, "Donne un vélo d’enfant");
    REQUIRE(a.sync().ok);
    REQUIRE(b.sync().ok);
    CHECK(b.livePosts() == 0);

    // At the counter, Jean-Marc says yes to « Partage territoire ».
    storage::Member member = *a.members.findActive(jean);
    storage::MemberDetails details{member.displayName, member.nameKey, member.village, member.phone, member.email,
                                   member.consent};
    details.consent.shareWithTerritory = true;
    a.members.update(jean, details, a.clock.nowMs());
    const auto round = a.sync();
    INFO(round.error);
    REQUIRE(round.ok);
    CHECK(round.pushed == 3);  // the member, then both posts
    REQUIRE(b.sync().ok);
    CHECK(b.livePosts() == 2);
    REQUIRE(b.findPost(first));
    CHECK(b.findPost(second)->content.title == "Donne un vélo d’enfant");

    // Saying yes again (an edit of the name) sends the member again, not the posts a second time.
    details.displayName = "Jean-Marc Lefèvre-Roux";
    a.members.update(jean, details, a.clock.nowMs());
    const auto again = a.sync();
    REQUIRE(again.ok);
    CHECK(again.pushed == 1);
}

TEST_CASE("a kiosk away longer than the hub keeps tombstones pulls everything again and drops what was deleted meanwhile",
          "[hub]") {
    std::string whyNot;
    test::TestPostgres* pg = test::TestPostgres::shared(whyNot);
    if (!pg) return test::skip(whyNot);
    TwoKiosks territory(*pg);
    test::HubUnderTest& hub = territory.hub;
    TestKiosk& a = territory.a;
    TestKiosk& b = territory.b;
    const std::string marie = a.addMember("Marie Dupont");
    const std::string gone = a.post(marie, "Donne des pots de confiture");
    const std::string kept = a.post(marie, "Cherche un vélo");
    REQUIRE(a.sync().ok);
    REQUIRE(b.sync().ok);
    REQUIRE(b.findPost(gone));
    // B's own things while it is away: a post of a member who does not share, and an edit of Marie's second post.
    const std::string local = b.addMember("Jean Local", false);
    const std::string localPost = b.post(local, "Reste au village");

    // B is switched off for months. Marie removes her first post and makes a new one; the hub forgets the removal
    // once it is older than its tombstone window (90 days here).
    a.board.softDelete(gone, a.clock.nowMs());
    const std::string fresh = a.post(marie, "Propose des cours de tricot");
    REQUIRE(a.sync().ok);
    {
        pqxx::connection connection(hub.databaseUrl);
        pqxx::work txn(connection);
        txn.exec("UPDATE hub_record SET deleted_at = now() - interval '100 days' WHERE deleted_at IS NOT NULL");
        txn.commit();
    }
    REQUIRE(hub.store().purgeTombstones(90) == 1);
    auto content = b.findPost(kept)->content;
    content.title = "Cherche un vélo d’adulte";
    b.board.updateContent(kept, content, b.clock.nowMs());

    // Back on: the hub says its cursor is too old, B pulls everything again, and what the hub no longer has is gone.
    const auto round = b.sync();
    INFO(round.error);
    REQUIRE(round.ok);
    CHECK(round.forgotten == 1);
    CHECK_FALSE(b.findPost(gone));
    REQUIRE(b.findPost(fresh));
    CHECK(b.findPost(kept)->content.title == "Cherche un vélo d’adulte");  // its edit went to the hub, not lost
    CHECK(b.findPost(localPost));                                        // never shared: not the hub's to decide
    CHECK(b.members.findActive(marie));
    CHECK(b.livePosts() == 3);
    // Nothing of it is sent back, and A gets B's edit.
    CHECK(b.service->store().pendingCount() == 0);
    REQUIRE(a.sync().ok);
    CHECK(a.findPost(kept)->content.title == "Cherche un vélo d’adulte");
    // The next round is an ordinary one.
    const auto next = b.sync();
    REQUIRE(next.ok);
    CHECK(next.forgotten == 0);
    CHECK(b.livePosts() == 3);
}
