#include "services/timebank/time_bank_fixture.h"

#include "kiosk/services/health/local_days.h"
#include "kiosk/services/kiosk_config.h"
#include "services/full_disk.h"

using namespace vk::services;
using namespace vk::services::timebank;
using namespace vk::services::timebank::testing;

TEST_CASE("a transfer makes two movements: the member who received the service pays the one who gave it",
          "[timebank]") {
    TimeBankFixture f;
    const TransferResult result = f.bank.transfer(&f.cafe, f.brunoHelpsAnne(90));
    REQUIRE(result.ok());
    CHECK_FALSE(result.alreadyRecorded);
    CHECK(f.bank.balance(kAnne) == -90);
    CHECK(f.bank.balance(kBruno) == 90);
    CHECK(result.payerBalance == -90);
    CHECK(result.providerBalance == 90);
    CHECK(f.count("SELECT count(*) FROM time_bank_movement") == 2);
    CHECK(f.count("SELECT sum(minutes) FROM time_bank_movement") == 0);
    // Then Anne drives Chantal to the market: Anne earns back an hour.
    TransferRequest lift = f.brunoHelpsAnne(60);
    lift.payerMemberId = kChantal;
    lift.providerMemberId = kAnne;
    lift.what = "Conduite au marché";
    lift.category = "transport";
    REQUIRE(f.bank.transfer(&f.cafe, lift).ok());
    CHECK(f.bank.balance(kAnne) == -30);
    CHECK(f.bank.balance(kChantal) == -60);
    CHECK(f.bank.check().sound());
    const auto audited = f.audit("timebank.transfer");
    REQUIRE(audited.size() == 2);
    CHECK(audited[0].detail.find("Taille") == std::string::npos);  // ids and minutes only
}

TEST_CASE("the same idempotency key records the exchange once, however often it is confirmed", "[timebank]") {
    TimeBankFixture f;
    const TransferResult first = f.bank.transfer(&f.cafe, f.brunoHelpsAnne(90, "counter-confirm-1"));
    REQUIRE(first.ok());
    const TransferResult second = f.bank.transfer(&f.cafe, f.brunoHelpsAnne(90, "counter-confirm-1"));
    REQUIRE(second.ok());
    CHECK(second.alreadyRecorded);
    CHECK(second.transfer->id == first.transfer->id);
    CHECK(f.bank.balance(kBruno) == 90);
    CHECK(f.count("SELECT count(*) FROM time_bank_transfer") == 1);
    CHECK(f.audit("timebank.transfer").size() == 1);
    // The same key for another exchange is a mistake, said as such.
    const TransferResult other = f.bank.transfer(&f.cafe, f.brunoHelpsAnne(30, "counter-confirm-1"));
    CHECK(other.error == TimeBankError::KeyReused);
    CHECK(f.bank.balance(kBruno) == 90);
}

TEST_CASE("a mistake is corrected by a counter-transfer that references it, never by editing", "[timebank]") {
    TimeBankFixture f;
    const TransferResult wrong = f.bank.transfer(&f.cafe, f.brunoHelpsAnne(600));
    REQUIRE(wrong.ok());
    f.clock.advanceMs(60'000);
    const TransferResult fix = f.bank.correct(&f.cafe, wrong.transfer->id);
    REQUIRE(fix.ok());
    CHECK(fix.transfer->correctsTransferId == wrong.transfer->id);
    CHECK(fix.transfer->payerMemberId == kBruno);
    CHECK(fix.transfer->providerMemberId == kAnne);
    CHECK(f.bank.balance(kAnne) == 0);
    CHECK(f.bank.balance(kBruno) == 0);
    // The original is still there as it was, with its two movements; the ledger now has four.
    CHECK(f.bank.find(wrong.transfer->id)->minutes == 600);
    CHECK(f.count("SELECT count(*) FROM time_bank_movement") == 4);
    // Asked again (a double tap), the correction is not made twice; a correction is not itself corrected.
    const TransferResult again = f.bank.correct(&f.cafe, wrong.transfer->id);
    CHECK(again.ok());
    CHECK(again.alreadyRecorded);
    CHECK(f.bank.correct(&f.cafe, wrong.transfer->id, "another-key").error == TimeBankError::AlreadyCorrected);
    CHECK(f.bank.correct(&f.cafe, fix.transfer->id).error == TimeBankError::CorrectionOfCorrection);
    CHECK(f.bank.correct(&f.cafe, "no-such-transfer").error == TimeBankError::NotFound);
    CHECK(f.bank.balance(kBruno) == 0);
    CHECK(f.bank.check().sound());
}

TEST_CASE("balance limits refuse a transfer with the limit named, and write nothing", "[timebank]") {
    TimeBankSettings limits;
    limits.minBalanceMinutes = -120;
    limits.maxBalanceMinutes = 180;
    TimeBankFixture f(limits);
    REQUIRE(f.bank.transfer(&f.cafe, f.brunoHelpsAnne(120)).ok());
    const TransferResult below = f.bank.transfer(&f.cafe, f.brunoHelpsAnne(1));
    CHECK(below.error == TimeBankError::BelowMinimum);
    CHECK(below.limitMinutes == -120);
    CHECK(describeError(below).find("-2 h") != std::string::npos);
    CHECK(f.bank.balance(kAnne) == -120);

    TransferRequest fromChantal = f.brunoHelpsAnne(61);
    fromChantal.payerMemberId = kChantal;
    const TransferResult above = f.bank.transfer(&f.cafe, fromChantal);
    CHECK(above.error == TimeBankError::AboveMaximum);
    CHECK(above.limitMinutes == 180);
    CHECK(f.bank.balance(kBruno) == 120);
    CHECK(f.bank.balance(kChantal) == 0);
    fromChantal.minutes = 60;
    CHECK(f.bank.transfer(&f.cafe, fromChantal).ok());
    CHECK(f.bank.balance(kBruno) == 180);
    CHECK(f.count("SELECT count(*) FROM time_bank_transfer") == 2);
}

TEST_CASE("a monthly statement opens with the balance before the month and lists its movements", "[timebank]") {
    TimeBankFixture f;
    f.clock.setMs(*health::localToUnixMs("2030-05-20", "15:00"));
    REQUIRE(f.bank.transfer(&f.cafe, f.brunoHelpsAnne(45)).ok());
    f.clock.setMs(*health::localToUnixMs("2030-06-01", "00:10"));  // just after local midnight, still May in UTC
    REQUIRE(f.bank.transfer(&f.cafe, f.brunoHelpsAnne(30)).ok());
    f.clock.setMs(*health::localToUnixMs("2030-06-18", "11:00"));
    TransferRequest back = f.brunoHelpsAnne(60);
    std::swap(back.payerMemberId, back.providerMemberId);
    back.what = "Aide informatique";
    back.category = "computer";
    REQUIRE(f.bank.transfer(&f.cafe, back).ok());
    f.clock.setMs(*health::localToUnixMs("2030-07-02", "09:00"));
    REQUIRE(f.bank.transfer(&f.cafe, f.brunoHelpsAnne(15)).ok());

    const auto june = f.bank.monthlyStatement(kAnne, "2030-06");
    REQUIRE(june);
    CHECK(june->member.name == "Anne Martin");
    CHECK(june->openingMinutes == -45);
    REQUIRE(june->entries.size() == 2);
    CHECK(june->entries[0].minutes == -30);
    CHECK(june->entries[0].otherMemberName == "Bruno Petit");
    CHECK(june->entries[1].minutes == 60);
    CHECK(june->entries[1].what == "Aide informatique");
    CHECK(june->creditedMinutes == 60);
    CHECK(june->debitedMinutes == 30);
    CHECK(june->closingMinutes == -15);
    CHECK(f.bank.balance(kAnne) == -30);  // July's 15 minutes are not June's
    CHECK_FALSE(f.bank.monthlyStatement(kAnne, "2030-13"));
    CHECK_FALSE(f.bank.monthlyStatement("nobody", "2030-06"));
}

TEST_CASE("totals per category for a period, corrections deducted, for the association's report", "[timebank]") {
    TimeBankFixture f;
    const auto wrong = f.bank.transfer(&f.cafe, f.brunoHelpsAnne(90));
    REQUIRE(f.bank.transfer(&f.cafe, f.brunoHelpsAnne(30)).ok());
    TransferRequest meal = f.brunoHelpsAnne(120);
    meal.category = "meals";
    meal.what = "Repas du dimanche";
    REQUIRE(f.bank.transfer(&f.cafe, meal).ok());
    REQUIRE(f.bank.correct(&f.cafe, wrong.transfer->id).ok());
    const auto range = localMonthRange("2030-06");
    REQUIRE(range);
    const auto totals = f.bank.categoryTotals(range->fromMs, range->toMs);
    REQUIRE(totals.size() == 2);
    CHECK(totals[0].category == "garden");
    CHECK(totals[0].minutes == 30);
    CHECK(totals[0].exchanges == 1);
    CHECK(totals[1].category == "meals");
    CHECK(totals[1].minutes == 120);
    const auto may = localMonthRange("2030-05");
    CHECK(f.bank.categoryTotals(may->fromMs, may->toMs).empty());
}

TEST_CASE("a CESU exchange keeps the agreed rate as information", "[timebank]") {
    TimeBankFixture f;
    TransferRequest cesu = f.brunoHelpsAnne(120);
    cesu.payment = TimeBankPayment::Cesu;
    cesu.cesuRateCents = 1500;
    const auto result = f.bank.transfer(&f.cafe, cesu);
    REQUIRE(result.ok());
    CHECK(result.transfer->cesuRateCents == 1500);
    CHECK(f.bank.find(result.transfer->id)->payment == TimeBankPayment::Cesu);
    TransferRequest rateWithoutCesu = f.brunoHelpsAnne(30);
    rateWithoutCesu.cesuRateCents = 1500;
    CHECK(f.bank.transfer(&f.cafe, rateWithoutCesu).error == TimeBankError::RateInvalid);
    cesu.cesuRateCents = -1;
    CHECK(f.bank.transfer(&f.cafe, cesu).error == TimeBankError::RateInvalid);
}

TEST_CASE("only the café manager or an admin records exchanges", "[timebank]") {
    TimeBankFixture f;
    CHECK(f.bank.transfer(&f.assistant, f.brunoHelpsAnne()).error == TimeBankError::NotAllowed);
    CHECK(f.bank.transfer(nullptr, f.brunoHelpsAnne()).error == TimeBankError::NotAllowed);
    CHECK(f.bank.transfer(&systemActor(SystemActor::CommandLine), f.brunoHelpsAnne()).ok());
    CHECK(f.audit("timebank.refused").size() == 2);
    CHECK(f.bank.balance(kBruno) == 90);
}

TEST_CASE("bad minutes, text, members and keys are refused with their reason, and nothing is written",
          "[timebank][bad-input]") {
    TimeBankFixture f;
    const auto refused = [&](TransferRequest request) { return f.bank.transfer(&f.cafe, request).error; };
    CHECK(refused(f.brunoHelpsAnne(0)) == TimeBankError::MinutesInvalid);
    CHECK(refused(f.brunoHelpsAnne(-30)) == TimeBankError::MinutesInvalid);
    CHECK(refused(f.brunoHelpsAnne(TimeBank::kMaxMinutes + 1)) == TimeBankError::MinutesInvalid);

    TransferRequest text = f.brunoHelpsAnne();
    text.what = std::string(10'000, 'a');
    CHECK(refused(text) == TimeBankError::WhatTooLong);
    text.what = "   \t  ";
    CHECK(refused(text) == TimeBankError::WhatEmpty);
    text.what = std::string("\x1b\x07\x7f\x01");
    CHECK(refused(text) == TimeBankError::WhatEmpty);

    TransferRequest unknown = f.brunoHelpsAnne();
    unknown.payerMemberId = "0190a000-0000-7000-8000-0000000000ff";
    CHECK(refused(unknown) == TimeBankError::UnknownPayer);
    unknown = f.brunoHelpsAnne();
    unknown.providerMemberId = "'; DROP TABLE time_bank_movement; --";
    CHECK(refused(unknown) == TimeBankError::UnknownProvider);
    TransferRequest self = f.brunoHelpsAnne();
    self.providerMemberId = kAnne;
    CHECK(refused(self) == TimeBankError::SameMember);
    TransferRequest category = f.brunoHelpsAnne();
    category.category = "plumbing";
    CHECK(refused(category) == TimeBankError::CategoryUnknown);
    CHECK(refused(f.brunoHelpsAnne(30, std::string(101, 'k'))) == TimeBankError::KeyInvalid);

    CHECK(f.count("SELECT count(*) FROM time_bank_transfer") == 0);
    CHECK(f.bank.check().sound());
}

TEST_CASE("control characters are dropped from what was done before it is stored", "[timebank][bad-input]") {
    TimeBankFixture f;
    TransferRequest request = f.brunoHelpsAnne();
    request.what = "Taille\x1b de la\r\nhaie\x07";
    const auto result = f.bank.transfer(&f.cafe, request);
    REQUIRE(result.ok());
    CHECK(result.transfer->what == "Taille de la haie");
}

TEST_CASE("a full disk records nothing, says why, and the same exchange goes through once space is freed",
          "[timebank][bad-input]") {
    TimeBankFixture f;
    vk::testing::fillDisk(f.db);
    // The corners of the last pages may take a few small transfers: the disk is full when one is refused.
    std::optional<TransferResult> failed;
    std::string failedKey;
    std::int64_t balanceBefore = 0;
    for (int attempt = 0; attempt < 500 && !failed; ++attempt) {
        failedKey = "confirm-" + std::to_string(attempt);
        balanceBefore = f.bank.balance(kBruno);
        const TransferResult result = f.bank.transfer(&f.cafe, f.brunoHelpsAnne(90, failedKey));
        if (!result.ok()) failed = result;
    }
    REQUIRE(failed);
    CHECK(failed->error == TimeBankError::StorageFailed);
    CHECK(describeError(*failed).find("full") != std::string::npos);
    CHECK(f.bank.balance(kBruno) == balanceBefore);
    CHECK(f.bank.check().sound());
    vk::testing::freeDisk(f.db);
    const TransferResult retried = f.bank.transfer(&f.cafe, f.brunoHelpsAnne(90, failedKey));
    REQUIRE(retried.ok());
    CHECK_FALSE(retried.alreadyRecorded);
    CHECK(f.bank.balance(kBruno) == balanceBefore + 90);
    CHECK(f.bank.check().sound());
}

TEST_CASE("minutes read as hours and minutes", "[timebank]") {
    CHECK(formatMinutes(90) == "1 h 30");
    CHECK(formatMinutes(45) == "45 min");
    CHECK(formatMinutes(120) == "2 h");
    CHECK(formatMinutes(-125) == "-2 h 05");
    CHECK(formatMinutes(0) == "0 min");
}

TEST_CASE("the [timebank] limits are read from kiosk.toml, and a limit on the wrong side is refused",
          "[timebank][config]") {
    const ConfigLoad load = parseConfig("[timebank]\nmin_balance_minutes = -600\nmax_balance_minutes = 3000\n", "kiosk.toml");
    CHECK(load.problems.empty());
    const auto& settings = load.config.areas.get<TimeBankSettings>();
    CHECK(settings.minBalanceMinutes == -600);
    CHECK(settings.maxBalanceMinutes == 3000);
    const ConfigLoad none = parseConfig("", "kiosk.toml");
    CHECK_FALSE(none.config.areas.get<TimeBankSettings>().minBalanceMinutes);
    const ConfigLoad wrong = parseConfig("[timebank]\nmin_balance_minutes = 600\n", "kiosk.toml");
    REQUIRE(wrong.problems.size() == 1);
    CHECK(wrong.problems[0].key == "timebank.min_balance_minutes");
    CHECK_FALSE(wrong.config.areas.get<TimeBankSettings>().minBalanceMinutes);
}
