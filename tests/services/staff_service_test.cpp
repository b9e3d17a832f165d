#include "kiosk/services/audit_sentences.h"
#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/services/staff_service.h"
#include "storage/staff_notice_store.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <condition_variable>
#include <mutex>

using namespace vk::services;

namespace {

constexpr std::int64_t kMinute = 60'000;
const StaffSession* const kCommandLine = &systemActor(SystemActor::CommandLine);

struct StaffFixture {
    vk::storage::Database db = vk::storage::Database::openInMemory();
    ManualClock clock{1'800'000'000'000};
    StaffService staff{db, clock, PinHasher(PinHasher::Strength::FastForTests), PinPolicy{5, 5}};
    StaffAccount admin = *staff.createAccount(kCommandLine, "Technicien", StaffRole::Admin, "739182").account;
    StaffAccount claire = *staff.createAccount(kCommandLine, "Claire Moreau", StaffRole::MedicalAssistant, "2580").account;

    // Wrong PINs until the account locks; returns the lock's end.
    std::int64_t lockOut(const std::string& accountId) {
        for (;;) {
            const LoginResult result = staff.signInWithPin(accountId, "0000");
            if (result.outcome == LoginOutcome::LockedOut) return result.lockedUntil;
            REQUIRE(result.outcome == LoginOutcome::WrongPin);
        }
    }

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
    CHECK(f.staff.signInWithPin(f.admin.id, "739182").outcome == LoginOutcome::SignedIn);
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

    const StaffSession admin = *f.staff.signInWithPin(f.admin.id, "739182").session;
    const AccountChange created = f.staff.createAccount(&admin, "Julien Girard", StaffRole::CafeManager, "1357");
    REQUIRE(created.ok());
    CHECK(f.staff.accounts().size() == 3);
    CHECK(f.auditCount("staff.account.create") == 3);
}

TEST_CASE("a name is cleaned before it is stored, an empty one is refused", "[staff][bad-input]") {
    StaffFixture f;
    const AccountChange change = f.staff.createAccount(kCommandLine, "  Léa\x1b" "d  Roux\n", StaffRole::CafeManager, "4826");
    REQUIRE(change.ok());
    CHECK(change.account->displayName == "Léad Roux");
    CHECK(f.staff.createAccount(kCommandLine, "\x1b\x07  ", StaffRole::CafeManager, "4826").error == AccountError::NameInvalid);
    const AccountChange huge = f.staff.createAccount(kCommandLine, std::string(10'000, 'x'), StaffRole::CafeManager, "4826");
    REQUIRE(huge.ok());
    CHECK(huge.account->displayName.size() == StaffService::kMaxNameLength);
}

TEST_CASE("the last admin can be neither removed nor demoted", "[staff]") {
    StaffFixture f;
    CHECK(f.staff.removeAccount(kCommandLine, f.admin.id).error == AccountError::LastAdmin);
    CHECK(f.staff.changeRole(kCommandLine, f.admin.id, StaffRole::CafeManager).error == AccountError::LastAdmin);
    REQUIRE(f.staff.createAccount(kCommandLine, "Second admin", StaffRole::Admin, "864251").ok());
    CHECK(f.staff.removeAccount(kCommandLine, f.admin.id).ok());
    CHECK(f.staff.signInWithPin(f.admin.id, "739182").outcome == LoginOutcome::UnknownAccount);
}

TEST_CASE("a new PIN replaces the old one and lifts a lockout", "[staff]") {
    StaffFixture f;
    for (int i = 0; i < 5; ++i) f.staff.signInWithPin(f.claire.id, "0000");
    REQUIRE(f.staff.resetPin(kCommandLine, f.claire.id, "4826").ok());
    CHECK(f.staff.signInWithPin(f.claire.id, "2580").outcome == LoginOutcome::WrongPin);
    CHECK(f.staff.signInWithPin(f.claire.id, "4826").outcome == LoginOutcome::SignedIn);
}

TEST_CASE("a staff card names its account but never signs in by itself", "[staff][card]") {
    StaffFixture f;
    REQUIRE(f.staff.assignCard(kCommandLine, f.claire.id, std::string("04:a1:b2:c3")).ok());
    const auto found = f.staff.accountForCard("04A1B2C3");
    REQUIRE(found);
    CHECK(found->id == f.claire.id);
    CHECK_FALSE(f.staff.accountForCard("04A1B2C4"));
    // The card is stored as a digest only.
    const std::string stored = f.db.sql().execAndGet("SELECT card_digest FROM staff_account WHERE id = '" + f.claire.id + "'").getString();
    CHECK(stored.find("04A1B2C3") == std::string::npos);
    CHECK(f.staff.assignCard(kCommandLine, f.admin.id, std::string("04A1B2C3")).error == AccountError::CardInUse);
}

// ---- Locks that grow ----------------------------------------------------------------------------------------------

TEST_CASE("each further lock lasts longer: 5 min, 15 min, 1 h, then a day at most", "[staff][lockout]") {
    StaffFixture f;
    for (const int minutes : {5, 15, 60, 24 * 60, 24 * 60}) {
        INFO("lock of " << minutes << " min");
        const std::int64_t until = f.lockOut(f.claire.id);
        CHECK(until == f.clock.nowMs() + minutes * kMinute);
        f.clock.setMs(until);
    }
    CHECK(f.auditCount("staff.locked_out") == 5);
    CHECK(f.auditCount("staff.wrong_pin") == 5 * 4);
}

TEST_CASE("the lock durations follow the configured first lock and never pass a day", "[staff][lockout]") {
    CHECK(lockoutMinutesForLock(PinPolicy{5, 30}, 1) == 30);
    CHECK(lockoutMinutesForLock(PinPolicy{5, 30}, 2) == 90);
    CHECK(lockoutMinutesForLock(PinPolicy{5, 30}, 3) == 360);
    CHECK(lockoutMinutesForLock(PinPolicy{5, 30}, 4) == 1440);
    CHECK(lockoutMinutesForLock(PinPolicy{5, 300}, 2) == 900);
    CHECK(lockoutMinutesForLock(PinPolicy{5, 300}, 3) == 1440);
    CHECK(lockoutMinutesForLock(PinPolicy{5, 1440}, 1) == 1440);
    CHECK(lockoutMinutesForLock(PinPolicy{5, 1440}, 9) == 1440);
}

TEST_CASE("a restart neither unlocks an account nor shortens its next lock", "[staff][lockout]") {
    StaffFixture f;
    f.clock.setMs(f.lockOut(f.claire.id));
    StaffService restarted(f.db, f.clock, PinHasher(PinHasher::Strength::FastForTests), PinPolicy{5, 5});
    const LoginResult wrong = restarted.signInWithPin(f.claire.id, "0000");
    CHECK(wrong.outcome == LoginOutcome::WrongPin);
    CHECK(wrong.attemptsLeft == 4);
    for (int i = 0; i < 3; ++i) restarted.signInWithPin(f.claire.id, "0000");
    const LoginResult second = restarted.signInWithPin(f.claire.id, "0000");
    REQUIRE(second.outcome == LoginOutcome::LockedOut);
    CHECK(second.lockedUntil == f.clock.nowMs() + 15 * kMinute);
}

TEST_CASE("the right PIN after a lock brings the next lock back to the first length", "[staff][lockout]") {
    StaffFixture f;
    f.clock.setMs(f.lockOut(f.claire.id));
    f.clock.setMs(f.lockOut(f.claire.id));
    REQUIRE(f.staff.signInWithPin(f.claire.id, "2580").outcome == LoginOutcome::SignedIn);
    CHECK(f.lockOut(f.claire.id) == f.clock.nowMs() + 5 * kMinute);
}

TEST_CASE("each lock is posted for staff, naming the account and until when", "[staff][lockout][notice]") {
    vk::i18n::setLanguage("fr");
    StaffFixture f;
    const std::int64_t first = f.lockOut(f.claire.id);
    f.clock.setMs(first);
    const std::int64_t second = f.lockOut(f.claire.id);
    const auto notices = vk::storage::StaffNoticeStore(f.db).open();
    REQUIRE(notices.size() == 2);
    CHECK(notices[0].area == "staff");
    CHECK_THAT(notices[0].message, Catch::Contains("Claire Moreau") && Catch::Contains(vk::i18n::shortDateTime(first)));
    CHECK_THAT(notices[1].message, Catch::Contains("Claire Moreau") && Catch::Contains(vk::i18n::shortDateTime(second)) &&
                                       Catch::Contains("de nouveau"));
    // The audit line says which lock it was and for how long.
    const auto lockLine = vk::services::auditValuesOf(f.staff.recentAudit(1).front().detail);
    CHECK(lockLine.at("count") == "10");
    CHECK(lockLine.at("minutes") == "15");
    CHECK(lockLine.at("until_at") == std::to_string(second));
}

// ---- Admin PINs ---------------------------------------------------------------------------------------------------

TEST_CASE("a new admin needs a PIN of six digits, other roles keep four", "[staff][bad-input]") {
    StaffFixture f;
    CHECK(f.staff.createAccount(kCommandLine, "Admin court", StaffRole::Admin, "4826").error ==
          AccountError::AdminPinTooShort);
    CHECK(f.staff.createAccount(kCommandLine, "Admin court", StaffRole::Admin, "48261").error ==
          AccountError::AdminPinTooShort);
    CHECK(f.staff.accounts().size() == 2);
    CHECK(f.staff.createAccount(kCommandLine, "Admin long", StaffRole::Admin, "482619").ok());
    CHECK(f.staff.createAccount(kCommandLine, "Julien Girard", StaffRole::CafeManager, "1357").ok());
}

TEST_CASE("an admin's PIN cannot be reset to a short one, the old PIN stays", "[staff][bad-input]") {
    StaffFixture f;
    CHECK(f.staff.resetPin(kCommandLine, f.admin.id, "4826").error == AccountError::AdminPinTooShort);
    CHECK(f.staff.signInWithPin(f.admin.id, "739182").outcome == LoginOutcome::SignedIn);
    CHECK(f.staff.resetPin(kCommandLine, f.claire.id, "4826").ok());
}

TEST_CASE("making someone an admin takes a long enough new PIN", "[staff][bad-input]") {
    StaffFixture f;
    CHECK(f.staff.changeRole(kCommandLine, f.claire.id, StaffRole::Admin).error == AccountError::AdminPinTooShort);
    CHECK(f.staff.changeRole(kCommandLine, f.claire.id, StaffRole::Admin, std::string("4826")).error ==
          AccountError::AdminPinTooShort);
    CHECK(f.staff.accounts()[0].role == StaffRole::MedicalAssistant);  // Claire Moreau sorts first
    REQUIRE(f.staff.changeRole(kCommandLine, f.claire.id, StaffRole::Admin, std::string("482619")).ok());
    const LoginResult signedIn = f.staff.signInWithPin(f.claire.id, "482619");
    REQUIRE(signedIn.session);
    CHECK(signedIn.session->role == StaffRole::Admin);
    CHECK(f.staff.signInWithPin(f.claire.id, "2580").outcome == LoginOutcome::WrongPin);
}

TEST_CASE("an admin whose PIN was set shorter before still signs in", "[staff]") {
    vk::storage::Database db = vk::storage::Database::openInMemory();
    ManualClock clock{1'800'000'000'000};
    StaffService before{db, clock, PinHasher(PinHasher::Strength::FastForTests), PinPolicy{5, 5, 4}};
    const StaffAccount admin = *before.createAccount(kCommandLine, "Technicien", StaffRole::Admin, "7391").account;
    StaffService now{db, clock, PinHasher(PinHasher::Strength::FastForTests), PinPolicy{}};
    CHECK(now.signInWithPin(admin.id, "7391").outcome == LoginOutcome::SignedIn);
}

// ---- Rights ---------------------------------------------------------------------------------------------------------

TEST_CASE("a missing actor may not manage accounts, and the refusal is audited", "[staff][rights]") {
    StaffFixture f;
    CHECK(f.staff.createAccount(nullptr, "Intrus", StaffRole::Admin, "482619").error == AccountError::NotAllowed);
    CHECK(f.staff.resetPin(nullptr, f.claire.id, "4826").error == AccountError::NotAllowed);
    CHECK(f.staff.changeRole(nullptr, f.claire.id, StaffRole::CafeManager).error == AccountError::NotAllowed);
    CHECK(f.staff.assignCard(nullptr, f.claire.id, std::string("04A1B2C3")).error == AccountError::NotAllowed);
    CHECK(f.staff.removeAccount(nullptr, f.claire.id).error == AccountError::NotAllowed);
    CHECK(f.staff.accounts().size() == 2);
    CHECK(f.staff.signInWithPin(f.claire.id, "2580").outcome == LoginOutcome::SignedIn);
    CHECK(f.auditCount("staff.refused") == 5);
}

TEST_CASE("the command line manages accounts under its own name in the activity log", "[staff][rights]") {
    StaffFixture f;
    REQUIRE(f.staff.createAccount(&systemActor(SystemActor::CommandLine), "Julien Girard", StaffRole::CafeManager, "1357").ok());
    const auto entry = f.staff.recentAudit(1).front();
    CHECK(entry.action == "staff.account.create");
    CHECK(entry.actorName == "command line");
    CHECK_FALSE(entry.actorId);
}

// ---- Checking a PIN off the UI thread -------------------------------------------------------------------------------

namespace {

// Counts the worker's wake-ups so a test can wait, with a bound, for a check to finish.
struct WakeCounter {
    std::mutex mutex;
    std::condition_variable changed;
    int wakes = 0;

    std::function<void()> callback() {
        return [this] {
            {
                const std::lock_guard lock(mutex);
                ++wakes;
            }
            changed.notify_all();
        };
    }
    bool waitFor(int count) {
        std::unique_lock lock(mutex);
        return changed.wait_for(lock, std::chrono::seconds(10), [&] { return wakes >= count; });
    }
};

std::optional<LoginResult> finishCheck(StaffService& staff, WakeCounter& wake, int wakesSoFar) {
    if (!wake.waitFor(wakesSoFar)) return std::nullopt;
    return staff.takeFinishedPinCheck();
}

}  // namespace

TEST_CASE("a PIN checked in the background opens the session when taken", "[staff][pin-check]") {
    StaffFixture f;
    WakeCounter wake;
    f.staff.setPinCheckWake(wake.callback());
    const std::uint64_t ticket = f.staff.beginPinCheck(f.claire.id, "2580");
    CHECK(f.staff.pinCheckPending());
    const auto result = finishCheck(f.staff, wake, 1);
    REQUIRE(result);
    CHECK(result->ticket == ticket);
    CHECK(result->outcome == LoginOutcome::SignedIn);
    REQUIRE(result->session);
    CHECK(result->session->displayName == "Claire Moreau");
    CHECK(f.auditCount("staff.sign_in") == 1);
    CHECK_FALSE(f.staff.pinCheckPending());
    CHECK_FALSE(f.staff.takeFinishedPinCheck());
}

TEST_CASE("a wrong PIN checked in the background counts, and the fifth locks", "[staff][pin-check][lockout]") {
    StaffFixture f;
    WakeCounter wake;
    f.staff.setPinCheckWake(wake.callback());
    for (int attempt = 1; attempt <= 5; ++attempt) {
        f.staff.beginPinCheck(f.claire.id, "0000");
        const auto result = finishCheck(f.staff, wake, attempt);
        REQUIRE(result);
        if (attempt < 5) {
            CHECK(result->outcome == LoginOutcome::WrongPin);
            CHECK(result->attemptsLeft == 5 - attempt);
        } else {
            CHECK(result->outcome == LoginOutcome::LockedOut);
            CHECK(result->lockedUntil == f.clock.nowMs() + 5 * kMinute);
        }
    }
    // Locked: the right PIN is answered at once, without the worker, and does not open.
    f.staff.beginPinCheck(f.claire.id, "2580");
    const auto locked = f.staff.takeFinishedPinCheck();
    REQUIRE(locked);
    CHECK(locked->outcome == LoginOutcome::LockedOut);
    CHECK_FALSE(locked->session);
    CHECK(f.auditCount("staff.locked_out") == 1);
}

TEST_CASE("checks queued before a lock are refused once it is on", "[staff][pin-check][lockout]") {
    StaffFixture f;
    WakeCounter wake;
    f.staff.setPinCheckWake(wake.callback());
    for (int i = 0; i < 5; ++i) f.staff.beginPinCheck(f.claire.id, "0000");
    f.staff.beginPinCheck(f.claire.id, "2580");
    REQUIRE(wake.waitFor(6));
    std::vector<LoginOutcome> outcomes;
    while (const auto result = f.staff.takeFinishedPinCheck()) outcomes.push_back(result->outcome);
    REQUIRE(outcomes.size() == 6);
    CHECK(outcomes[4] == LoginOutcome::LockedOut);
    CHECK(outcomes[5] == LoginOutcome::LockedOut);
    CHECK(f.auditCount("staff.sign_in") == 0);
}

TEST_CASE("an unknown account is answered without a check", "[staff][pin-check]") {
    StaffFixture f;
    const std::uint64_t ticket = f.staff.beginPinCheck("no-such-account", "2580");
    const auto result = f.staff.takeFinishedPinCheck();
    REQUIRE(result);
    CHECK(result->ticket == ticket);
    CHECK(result->outcome == LoginOutcome::UnknownAccount);
}

TEST_CASE("closing the kiosk while a PIN is being checked waits for the check and leaves the account usable",
          "[staff][pin-check]") {
    vk::storage::Database db = vk::storage::Database::openInMemory();
    ManualClock clock{1'800'000'000'000};
    std::string claireId;
    {
        WakeCounter wake;  // goes with the service: a wake-up after the close would touch freed memory
        // The real strength, so that the first check is still running when the service goes.
        StaffService staff{db, clock, PinHasher(PinHasher::Strength::Interactive), PinPolicy{}};
        claireId = staff.createAccount(kCommandLine, "Claire Moreau", StaffRole::MedicalAssistant, "2580").account->id;
        staff.setPinCheckWake(wake.callback());
        staff.beginPinCheck(claireId, "2580");
        staff.beginPinCheck(claireId, "0000");
    }
    StaffService reopened{db, clock, PinHasher(PinHasher::Strength::FastForTests), PinPolicy{}};
    CHECK(reopened.signInWithPin(claireId, "2580").outcome == LoginOutcome::SignedIn);
}
