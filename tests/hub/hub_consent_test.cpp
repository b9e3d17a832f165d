// A member's yes to sharing given after they posted: their posts travel with them at the next round.

#include "hub_harness.h"
#include "skip.h"

#include <catch2/catch.hpp>

using namespace vk;
using test::TestKiosk;

TEST_CASE("a member who agrees to share after posting has their posts travel at the next round", "[hub]") {
    std::string whyNot;
    test::TestPostgres* pg = test::TestPostgres::shared(whyNot);
    if (!pg) return test::skip(whyNot);
    test::TempFolder folder;
    test::HubUnderTest hub(pg->newDatabase());
    std::filesystem::create_directories(folder.path / "a");
    std::filesystem::create_directories(folder.path / "b");
    TestKiosk a(folder.path / "a", hub.url(), hub.addKiosk("t"));
    TestKiosk b(folder.path / "b", hub.url(), hub.addKiosk("t"));
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
