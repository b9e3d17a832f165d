#include "kiosk/cli/area_commands.h"
#include "kiosk/cli/board_commands.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/services/board/board_area.h"
#include "kiosk/services/board/board_text.h"
#include "kiosk/services/kiosk_runtime.h"
#include "kiosk/services/user_text.h"
#include "storage/record_id.h"
#include "storage/retention.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

using namespace vk;
using namespace vk::services;
using namespace vk::services::board;

namespace {

constexpr std::int64_t kMinute = 60'000;

struct MembersFixture {
    storage::Database db = storage::Database::openInMemory();
    ManualClock clock{1'800'000'000'000};
    StaffService staff{db, clock, PinHasher(PinHasher::Strength::FastForTests), PinPolicy{5, 5}};
    MemberRegistry members{db, clock, staff, PinHasher(PinHasher::Strength::FastForTests), PinPolicy{5, 5}};
    StaffSession manager{"manager", "Gérard", StaffRole::CafeManager, 0};

    Member add(const std::string& name, const std::string& pin = "", const std::string& village = "Saint-Aubin") {
        MemberForm form;
        form.name = name;
        form.village = village;
        form.pin = pin;
        const auto change = members.add(&manager, form);
        REQUIRE(change.ok());
        return *change.member;
    }

    int auditCount(const std::string& action) {
        int count = 0;
        for (const auto& entry : staff.recentAudit(1000))
            if (entry.action == action) ++count;
        return count;
    }
};

}  // namespace

TEST_CASE("the café manager adds a member with only a name, and the record carries its sync columns", "[board][members]") {
    MembersFixture f;
    const Member marie = f.add("Marie Dupont");
    CHECK(storage::isRecordId(marie.id));
    CHECK(marie.createdAt == f.clock.nowMs());
    CHECK_FALSE(marie.phone);
    CHECK_FALSE(marie.email);
    CHECK(marie.consent.showName);
    CHECK_FALSE(marie.consent.showPhone);
    CHECK_FALSE(marie.consent.shareWithTerritory);
    const auto row = f.db.sql().execAndGet("SELECT origin_kiosk FROM member WHERE id = '" + marie.id + "'");
    CHECK(row.getString() == f.db.kioskId());
    CHECK(f.auditCount("board.member.add") == 1);
    REQUIRE(f.members.list().size() == 1);
}

TEST_CASE("a medical assistant or nobody at all may not manage members", "[board][members]") {
    MembersFixture f;
    MemberForm form;
    form.name = "Marie Dupont";
    const StaffSession assistant{"a", "Claire", StaffRole::MedicalAssistant, 0};
    CHECK(f.members.add(&assistant, form).error == MemberError::NotAllowed);
    CHECK(f.members.add(nullptr, form).error == MemberError::NotAllowed);
    CHECK(f.members.count() == 0);
    CHECK(f.auditCount("board.member.refused") == 2);
}

TEST_CASE("a member is identified by name and PIN whatever the case, accents and hyphens", "[board][members]") {
    MembersFixture f;
    const Member member = f.add("Jean-Marc Lefèvre", "2468");
    const auto identified = f.members.identifyByNameAndPin("jean marc LEFEVRE", "2468");
    REQUIRE(identified.identified());
    CHECK(identified.member->id == member.id);
    CHECK(f.members.identifyByNameAndPin("Jean-Marc Lefèvre", "2469").outcome == IdentifyOutcome::WrongPin);
    CHECK(f.members.identifyByNameAndPin("Paul Martin", "2468").outcome == IdentifyOutcome::Unknown);
}

TEST_CASE("two members of the same name are told apart by their PINs", "[board][members]") {
    MembersFixture f;
    const Member first = f.add("Marie Dupont", "2468", "Saint-Aubin");
    const Member second = f.add("Marie Dupont", "8642", "Les Forges");
    CHECK(f.members.identifyByNameAndPin("Marie Dupont", "8642").member->id == second.id);
    CHECK(f.members.identifyByNameAndPin("Marie Dupont", "2468").member->id == first.id);
}

TEST_CASE("wrong PINs lock a member as they lock a staff account, and the lock ends", "[board][members]") {
    MembersFixture f;
    const Member member = f.add("Marie Dupont", "2468");
    Identification last;
    for (int i = 0; i < 4; ++i) {
        last = f.members.identifyByNameAndPin("Marie Dupont", "1357");
        REQUIRE(last.outcome == IdentifyOutcome::WrongPin);
    }
    CHECK(last.attemptsLeft == 1);
    last = f.members.identifyByNameAndPin("Marie Dupont", "1357");
    CHECK(last.outcome == IdentifyOutcome::LockedOut);
    CHECK(last.lockedUntil == f.clock.nowMs() + 5 * kMinute);
    // Locked: even the right PIN does not open, and the lock is audited.
    CHECK(f.members.identifyByNameAndPin("Marie Dupont", "2468").outcome == IdentifyOutcome::LockedOut);
    CHECK(f.auditCount("board.member.locked_out") == 1);
    f.clock.advanceMs(5 * kMinute);
    CHECK(f.members.identifyByNameAndPin("Marie Dupont", "2468").identified());
    CHECK(f.members.lockedUntil(member.id) == 0);
}

TEST_CASE("PINs of members are kept as argon2id hashes", "[board][members]") {
    MembersFixture f;
    const Member member = f.add("Marie Dupont", "2468");
    const std::string stored =
        f.db.sql().execAndGet("SELECT pin_hash FROM member WHERE id = '" + member.id + "'").getString();
    CHECK(stored.starts_with("$argon2id$"));
    CHECK(stored.find("2468") == std::string::npos);
}

TEST_CASE("a member is identified by a card, which names one person only", "[board][members]") {
    MembersFixture f;
    const Member marie = f.add("Marie Dupont");
    const Member paul = f.add("Paul Martin");
    REQUIRE(f.members.assignCard(&f.manager, marie.id, std::string("04:A2:19:B3")).ok());
    CHECK(f.members.identifyByCard("04a219b3").member->id == marie.id);
    CHECK(f.members.assignCard(&f.manager, paul.id, std::string("04A219B3")).error == MemberError::CardInUse);
    CHECK(f.members.identifyByCard("DEADBEEF").outcome == IdentifyOutcome::Unknown);
    CHECK(f.members.assignCard(&f.manager, paul.id, std::string("not a card")).error == MemberError::CardInvalid);
    REQUIRE(f.members.assignCard(&f.manager, marie.id, std::nullopt).ok());
    CHECK(f.members.identifyByCard("04A219B3").outcome == IdentifyOutcome::Unknown);
}

TEST_CASE("the manager edits a member's details and consent, and removes a member", "[board][members]") {
    MembersFixture f;
    const Member marie = f.add("Marie Dupont");
    MemberForm form;
    form.name = "Marie Dupont-Lenoir";
    form.village = "Les Forges";
    form.phone = "06 12 34 56 78";
    form.consent.showPhone = true;
    f.clock.advanceMs(kMinute);
    const auto edited = f.members.edit(&f.manager, marie.id, form);
    REQUIRE(edited.ok());
    CHECK(edited.member->displayName == "Marie Dupont-Lenoir");
    CHECK(edited.member->phone == std::optional<std::string>("06 12 34 56 78"));
    CHECK(edited.member->consent.showPhone);
    CHECK(edited.member->updatedAt == f.clock.nowMs());
    REQUIRE(f.members.remove(&f.manager, marie.id).ok());
    CHECK_FALSE(f.members.find(marie.id));
    CHECK(f.members.list().empty());
    // The row stays, soft-deleted, until the retention period.
    CHECK(f.db.sql().execAndGet("SELECT deleted_at FROM member WHERE id = '" + marie.id + "'").getInt64() ==
          f.clock.nowMs());
}

TEST_CASE("bad member details are refused with a reason and nothing is stored", "[board][members][bad-input]") {
    MembersFixture f;
    MemberForm form;
    form.name = "   \t  ";
    CHECK(f.members.add(&f.manager, form).error == MemberError::NameInvalid);
    form.name = "Marie";
    form.phone = "call me maybe";
    CHECK(f.members.add(&f.manager, form).error == MemberError::PhoneInvalid);
    form.phone = "";
    form.email = "marie-at-home";
    CHECK(f.members.add(&f.manager, form).error == MemberError::EmailInvalid);
    form.email = "";
    form.pin = "1234";
    CHECK(f.members.add(&f.manager, form).error == MemberError::PinTooSimple);
    form.pin = "12a4";
    CHECK(f.members.add(&f.manager, form).error == MemberError::PinNotDigits);
    form.pin = "";
    form.village = std::string(10'000, 'x');
    CHECK(f.members.add(&f.manager, form).error == MemberError::VillageInvalid);
    CHECK(f.members.count() == 0);
}

TEST_CASE("a member's name with control characters or 10 000 characters is cleaned and bounded", "[board][members][bad-input]") {
    MembersFixture f;
    MemberForm form;
    form.name = "Ma\x1b[2Jrie\x07 " + std::string(10'000, 'e');
    const auto change = f.members.add(&f.manager, form);
    REQUIRE(change.ok());
    CHECK(change.member->displayName.find('\x1b') == std::string::npos);
    CHECK(countCodepoints(change.member->displayName) <= MemberRegistry::kMaxNameLength);
}

TEST_CASE("every reason a member change is refused has words in both languages", "[board][members][i18n]") {
    for (int e = static_cast<int>(MemberError::None); e <= static_cast<int>(MemberError::CardInUse); ++e)
        for (const char* language : {"fr", "en"}) {
            const std::string key(memberErrorKey(static_cast<MemberError>(e)));
            INFO(language << ": " << key);
            CHECK(i18n::catalog(language).count(key) == 1);
        }
}

TEST_CASE("members add prints the new member's id and members list shows it, as JSON too", "[board][members][cli]") {
    KioskConfig config;
    config.demoData = false;
    KioskRuntime runtime(config, RuntimeOptions{true, PinHasher::Strength::FastForTests, nullptr});
    std::istringstream in("2468\n");
    std::ostringstream out;
    std::ostringstream err;
    const auto add = cli::parseCommandArguments(
        {"add", "--name", "Marie Dupont", "--village", "Saint-Aubin", "--phone", "06 12 34 56 78", "--pin-stdin", "--json"},
        {"pin-stdin"});
    REQUIRE(cli::runMembersCommand(runtime, add, in, out, err) == 0);
    const auto added = nlohmann::json::parse(out.str());
    const std::string id = added["id"];
    CHECK(storage::isRecordId(id));
    auto& members = runtime.area<BoardServices>().members;
    CHECK(members.identifyByNameAndPin("marie dupont", "2468").member->id == id);
    CHECK(runtime.staff.recentAudit(1).front().actorName == "command line");

    std::istringstream none;
    std::ostringstream listed;
    REQUIRE(cli::runMembersCommand(runtime, cli::parseCommandArguments({"list", "--json"}), none, listed, err) == 0);
    const auto list = nlohmann::json::parse(listed.str());
    REQUIRE(list["members"].size() == 1);
    CHECK(list["members"][0]["name"] == "Marie Dupont");
    CHECK(list["members"][0]["phone"] == "06 12 34 56 78");

    std::ostringstream refused;
    std::ostringstream why;
    CHECK(cli::runMembersCommand(runtime, cli::parseCommandArguments({"add", "--name", " "}), none, refused, why) == 1);
    CHECK_THAT(why.str(), Catch::Contains("name"));
    CHECK(members.count() == 1);
}

TEST_CASE("removed members are purged after their retention period", "[board][members][retention]") {
    MembersFixture f;
    const Member marie = f.add("Marie Dupont");
    REQUIRE(f.members.remove(&f.manager, marie.id).ok());
    f.clock.advanceMs(366LL * 24 * 60 * kMinute);
    storage::purgeExpired(f.db, {{"removed_members_days", 365}}, f.clock.nowMs());
    CHECK(f.db.sql().execAndGet("SELECT count(*) FROM member").getInt() == 0);
}
