#include "kiosk/services/staff_service.h"

#include <catch2/catch.hpp>

using namespace vk::services;

namespace {

constexpr std::int64_t kMinute = 60'000;

struct StaffFixture {
    vk::storage::Database db = vk::storage::Database::openInMemory();
    ManualClock clock{1'800'000'000'000};
    StaffService staff{db, clock, PinHasher(PinHasher::Strength::FastForTests), PinPolicy{5, 5}};
    StaffAccount admin = *staff.createAccount(nullptr, "Technicien", StaffRole::Admin, "7391").account;
    StaffAccount claire = *staff.createAccount(nullptr, "Claire Moreau", StaffRole::MedicalAssistant, "2580").account;

    int auditCount(const std::string& action) {
        int count = 0;
        for (const auto& entry : staff.recentAudit(1000))
            if (entry.action == action) ++count;
        return count;
    }
};

}  // namespace

TEST_CASE("the right PIN opens a staff session and is audited", "[staff]") {
    StaffFixture f;
    const LoginResult result = f.staff.signInWithPin(f.claire.id, "2580");
    REQUIRE(result.outcome == LoginOutcome::SignedIn);
    REQUIRE(result.session);
    CHECK(result.session->displayName == "Claire Moreau");
    CHECK(result.session->role == StaffRole::MedicalAssistant);
    CHECK(f.auditCount("staff.sign_in") == 1);
}

TEST_CASE("PINs are stored as argon2id hashes, never in clear", "[staff]") {
    StaffFixture f;
    const std::string stored = f.db.sql().execAndGet("SELECT pin_hash FROM staff_account WHERE id = '" + f.claire.id + "'").getString();
    CHECK(stored.starts_with("$argon2id$"));
    CHECK(stored.find("2580") == std::string::npos);
}

TEST_CASE("wrong PINs count down, and the fifth locks the account even against the right PIN", "[staff][lockout]") {
    StaffFixture f;
    for (int attempt = 1; attempt <= 4; ++attempt) {
        const LoginResult result = f.staff.signInWithPin(f.claire.id, "0000");
        CHECK(result.outcome == LoginOutcome::WrongPin);
        CHECK(result.attemptsLeft == 5 - attempt);
    }
    const LoginResult fifth = f.staff.signInWithPin(f.claire.id, "1111");
    CHECK(fifth.outcome == LoginOutcome::LockedOut);
    CHECK(fifth.lockedUntil == f.clock.nowMs() + 5 * kMinute);

    const LoginResult right = f.staff.signInWithPin(f.claire.id, "2580");
    CHECK(right.outcome == LoginOutcome::LockedOut);
    CHECK_FALSE(right.session);
    CHECK(f.auditCount("staff.wrong_pin") == 4);
    CHECK(f.auditCount("staff.locked_out") == 1);
    // Another account is not locked by Claire's mistakes.
    CHECK(f.staff.signInWithPin(f.admin.id, "7391").outcome == LoginOutcome::SignedIn);
}

TEST_CASE("a lockout ends after its period and the count starts again", "[staff][lockout]") {
    StaffFixture f;
    for (int i = 0; i < 5; ++i) f.staff.signInWithPin(f.claire.id, "0000");
    f.clock.advanceMs(5 * kMinute - 1);
    CHECK(f.staff.signInWithPin(f.claire.id, "2580").outcome == LoginOutcome::LockedOut);
    f.clock.advanceMs(1);
    CHECK(f.staff.lockedUntil(f.claire.id) == 0);
    const LoginResult wrong = f.staff.signInWithPin(f.claire.id, "0000");
    CHECK(wrong.outcome == LoginOutcome::WrongPin);
    CHECK(wrong.attemptsLeft == 4);
    CHECK(f.staff.signInWithPin(f.claire.id, "2580").outcome == LoginOutcome::SignedIn);
}

TEST_CASE("a lockout survives a restart of the kiosk", "[staff][lockout]") {
    StaffFixture f;
    for (int i = 0; i < 5; ++i) f.staff.signInWithPin(f.claire.id, "0000");
    StaffService restarted(f.db, f.clock, PinHasher(PinHasher::Strength::FastForTests), PinPolicy{5, 5});
    CHECK(restarted.signInWithPin(f.claire.id, "2580").outcome == LoginOutcome::LockedOut);
}

TEST_CASE("a good sign-in clears earlier wrong PINs", "[staff][lockout]") {
    StaffFixture f;
    for (int i = 0; i < 4; ++i) f.staff.signInWithPin(f.claire.id, "0000");
    REQUIRE(f.staff.signInWithPin(f.claire.id, "2580").outcome == LoginOutcome::SignedIn);
    CHECK(f.staff.signInWithPin(f.claire.id, "0000").attemptsLeft == 4);
}

TEST_CASE("PINs anyone would guess first are refused", "[staff][bad-input]") {
    CHECK(StaffService::checkPin("1234") == AccountError::PinTooSimple);
    CHECK(StaffService::checkPin("9876") == AccountError::PinTooSimple);
    CHECK(StaffService::checkPin("0000") == AccountError::PinTooSimple);
    CHECK(StaffService::checkPin("7890") == AccountError::PinTooSimple);
    CHECK(StaffService::checkPin("123") == AccountError::PinTooShort);
    CHECK(StaffService::checkPin("123456789") == AccountError::PinTooShort);
    CHECK(StaffService::checkPin("12a4") == AccountError::PinNotDigits);
    CHECK(StaffService::checkPin("2580") == AccountError::None);
    CHECK(StaffService::checkPin("73910465") == AccountError::None);
}

TEST_CASE("only an admin manages accounts, and a refusal is audited", "[staff]") {
    StaffFixture f;
    const StaffSession claire = *f.staff.signInWithPin(f.claire.id, "2580").session;
    const AccountChange refused = f.staff.createAccount(&claire, "Intrus", StaffRole::Admin, "2468");
    CHECK(refused.error == AccountError::NotAllowed);
    CHECK(f.staff.accounts().size() == 2);
    CHECK(f.auditCount("staff.refused") == 1);

    const StaffSession admin = *f.staff.signInWithPin(f.admin.id, "7391").session;
    const AccountChange created = f.staff.createAccount(&admin, "Julien Girard", StaffRole::CafeManager, "1357");
    REQUIRE(created.ok());
    CHECK(f.staff.accounts().size() == 3);
    CHECK(f.auditCount("staff.account.create") == 3);
}

TEST_CASE("a name is cleaned before it is stored, an empty one is refused", "[staff][bad-input]") {
    StaffFixture f;
    const AccountChange change = f.staff.createAccount(nullptr, "  Léa\x1b" "d  Roux\n", StaffRole::CafeManager, "4826");
    REQUIRE(change.ok());
    CHECK(change.account->displayName == "Léad Roux");
    CHECK(f.staff.createAccount(nullptr, "\x1b\x07  ", StaffRole::CafeManager, "4826").error == AccountError::NameInvalid);
    const AccountChange huge = f.staff.createAccount(nullptr, std::string(10'000, 'x'), StaffRole::CafeManager, "4826");
    REQUIRE(huge.ok());
    CHECK(huge.account->displayName.size() == StaffService::kMaxNameLength);
}

TEST_CASE("the last admin can be neither removed nor demoted", "[staff]") {
    StaffFixture f;
    CHECK(f.staff.removeAccount(nullptr, f.admin.id).error == AccountError::LastAdmin);
    CHECK(f.staff.changeRole(nullptr, f.admin.id, StaffRole::CafeManager).error == AccountError::LastAdmin);
    REQUIRE(f.staff.createAccount(nullptr, "Second admin", StaffRole::Admin, "8642").ok());
    CHECK(f.staff.removeAccount(nullptr, f.admin.id).ok());
    CHECK(f.staff.signInWithPin(f.admin.id, "7391").outcome == LoginOutcome::UnknownAccount);
}

TEST_CASE("a new PIN replaces the old one and lifts a lockout", "[staff]") {
    StaffFixture f;
    for (int i = 0; i < 5; ++i) f.staff.signInWithPin(f.claire.id, "0000");
    REQUIRE(f.staff.resetPin(nullptr, f.claire.id, "4826").ok());
    CHECK(f.staff.signInWithPin(f.claire.id, "2580").outcome == LoginOutcome::WrongPin);
    CHECK(f.staff.signInWithPin(f.claire.id, "4826").outcome == LoginOutcome::SignedIn);
}

TEST_CASE("a staff card names its account but never signs in by itself", "[staff][card]") {
    StaffFixture f;
    REQUIRE(f.staff.assignCard(nullptr, f.claire.id, std::string("04:a1:b2:c3")).ok());
    const auto found = f.staff.accountForCard("04A1B2C3");
    REQUIRE(found);
    CHECK(found->id == f.claire.id);
    CHECK_FALSE(f.staff.accountForCard("04A1B2C4"));
    // The card is stored as a digest only.
    const std::string stored = f.db.sql().execAndGet("SELECT card_digest FROM staff_account WHERE id = '" + f.claire.id + "'").getString();
    CHECK(stored.find("04A1B2C3") == std::string::npos);
    CHECK(f.staff.assignCard(nullptr, f.admin.id, std::string("04A1B2C3")).error == AccountError::CardInUse);
}
