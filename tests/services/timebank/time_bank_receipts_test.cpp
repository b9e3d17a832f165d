#include "kiosk/i18n/translations.h"
#include "kiosk/services/timebank/time_bank_receipts.h"
#include "services/timebank/time_bank_fixture.h"

#include <variant>

using namespace vk;
using namespace vk::services::timebank;
using namespace vk::services::timebank::testing;

namespace {

std::string allText(const hardware::Receipt& receipt) {
    std::string text;
    for (const auto& line : receipt.lines) text += line.text + "\n";
    for (const auto& element : receipt.elements) {
        if (const auto* line = std::get_if<hardware::ReceiptLine>(&element)) text += line->text + "\n";
        if (const auto* row = std::get_if<hardware::ColumnsRow>(&element))
            text += row->left + " | " + row->middle + " | " + row->right + "\n";
    }
    return text;
}

}  // namespace

TEST_CASE("each member's receipt says who with, what, the minutes on their side and their balance", "[timebank][receipt]") {
    i18n::setLanguage("fr");
    TimeBankFixture f;
    const auto result = f.bank.transfer(&f.cafe, f.brunoHelpsAnne(90));
    REQUIRE(result.ok());
    const TimeBankMember anne{kAnne, "Anne Martin"};
    const TimeBankMember bruno{kBruno, "Bruno Petit"};
    const std::string forBruno = allText(exchangeReceipt(*result.transfer, bruno, anne, result.providerBalance, "Saint-Aubin"));
    CHECK_THAT(forBruno, Catch::Contains("Bruno Petit"));
    CHECK_THAT(forBruno, Catch::Contains("Anne Martin"));
    CHECK_THAT(forBruno, Catch::Contains("Taille de la haie"));
    CHECK_THAT(forBruno, Catch::Contains("+1 h 30"));
    CHECK_THAT(forBruno, Catch::Contains(result.transfer->id));
    const std::string forAnne = allText(exchangeReceipt(*result.transfer, anne, bruno, result.payerBalance, "Saint-Aubin"));
    CHECK_THAT(forAnne, Catch::Contains("-1 h 30"));
    CHECK_THAT(forAnne, !Catch::Contains("+1 h 30"));
}

TEST_CASE("a CESU receipt shows the hours and the agreed rate in euros", "[timebank][receipt]") {
    i18n::setLanguage("fr");
    TimeBankFixture f;
    TransferRequest cesu = f.brunoHelpsAnne(120);
    cesu.payment = TimeBankPayment::Cesu;
    cesu.cesuRateCents = 1250;
    const auto result = f.bank.transfer(&f.cafe, cesu);
    REQUIRE(result.ok());
    const std::string text =
        allText(exchangeReceipt(*result.transfer, {kAnne, "Anne Martin"}, {kBruno, "Bruno Petit"}, -120, "Saint-Aubin"));
    CHECK_THAT(text, Catch::Contains("12,50 €"));
    CHECK_THAT(text, Catch::Contains("CESU"));
}

TEST_CASE("a printed statement has the opening and closing balance and one row per movement", "[timebank][receipt]") {
    i18n::setLanguage("fr");
    TimeBankFixture f;
    REQUIRE(f.bank.transfer(&f.cafe, f.brunoHelpsAnne(90)).ok());
    REQUIRE(f.bank.transfer(&f.cafe, f.brunoHelpsAnne(30)).ok());
    const auto statement = f.bank.monthlyStatement(kBruno, "2030-06");
    REQUIRE(statement);
    const std::string text = allText(statementReceipt(*statement, "Saint-Aubin"));
    CHECK_THAT(text, Catch::Contains("06/2030"));
    CHECK_THAT(text, Catch::Contains("Anne Martin – Taille de la haie"));
    CHECK_THAT(text, Catch::Contains("+2 h"));
}
