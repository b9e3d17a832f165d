#include "services/full_disk.h"
#include "services/postal/postal_fixture.h"

#include "kiosk/i18n/translations.h"
#include "kiosk/services/postal/postal_receipts.h"
#include "kiosk/services/postal/registered_number.h"
#include "kiosk/services/user_text.h"

#include <SQLiteCpp/Exception.h>

#include <climits>

using namespace vk::services;
using namespace vk::services::postal;
using namespace vk::services::postal::testing;

namespace {

const MethodTotal& methodOf(const DayReport& report, PaymentMethod method) {
    for (const MethodTotal& total : report.methods)
        if (total.method == method) return total;
    FAIL("no such method in the report");
    return report.methods.front();
}

std::optional<ItemTotal> itemOf(const DayReport& report, const std::string& itemId) {
    for (const ItemTotal& total : report.items)
        if (total.itemId == itemId) return total;
    return std::nullopt;
}

}  // namespace

TEST_CASE("a sale adds up its lines at today's prices and is audited with its total", "[postal][sale]") {
    PostalFixture f;
    const std::string verte = f.itemId("lettre_verte");
    const std::string world = f.itemId("lettre_internationale");
    const SaleResult result = f.sell({{verte, 3}, {world, 1}}, PaymentMethod::Card);
    REQUIRE(result.ok());
    CHECK(result.sale->totalCents == 3 * 152 + 225);
    CHECK(result.sale->businessDay == kDay);
    REQUIRE(result.sale->lines.size() == 2);
    CHECK(result.sale->lines[0].itemName == "Lettre verte 20\u00a0g");
    CHECK(result.sale->lines[0].unitPriceCents == 152);
    CHECK(f.counter.sale(result.sale->id)->totalCents == 681);
    const auto audited = f.audit("postal.sale");
    REQUIRE(audited.size() == 1);
    CHECK(audited[0].actorName == "Julien Girard");
    CHECK_THAT(audited[0].detail, Catch::Contains("681") && Catch::Contains("card"));
}

TEST_CASE("the same item twice in a sale is one line with both quantities", "[postal][sale]") {
    PostalFixture f;
    const std::string verte = f.itemId("lettre_verte");
    const SaleResult result = f.sell({{verte, 2}, {verte, 5}});
    REQUIRE(result.ok());
    REQUIRE(result.sale->lines.size() == 1);
    CHECK(result.sale->lines[0].quantity == 7);
    CHECK(result.sale->totalCents == 7 * 152);
}

TEST_CASE("a sale uses the price valid on its day, and the price history is kept", "[postal][catalogue]") {
    PostalFixture f;
    const std::string verte = f.itemId("lettre_verte");
    REQUIRE(f.counter.setPrice(&f.cafe, verte, "13/06/2030", 165).ok());
    CHECK(f.counter.priceOn(verte, kDay) == 152);
    CHECK(f.counter.priceOn(verte, kNextDay) == 165);
    CHECK(f.sell({{verte, 1}}).sale->totalCents == 152);
    for (const CatalogueEntry& entry : f.counter.catalogue())
        if (entry.item.id == verte) {
            CHECK(entry.priceTodayCents == 152);
            REQUIRE(entry.nextPrice);
            CHECK(entry.nextPrice->priceCents == 165);
        }

    // A second price for the same day replaces the first; both stay in the history.
    REQUIRE(f.counter.setPrice(&f.cafe, verte, kNextDay, 160).ok());
    CHECK(f.counter.priceOn(verte, kNextDay) == 160);
    const auto history = f.counter.priceHistory(verte);
    CHECK(history.size() == 3);
    int replaced = 0;
    for (const auto& price : history) replaced += price.replaced ? 1 : 0;
    CHECK(replaced == 1);

    f.clock.setMs(at(kNextDay, "09:00"));
    CHECK(f.sell({{verte, 2}}).sale->totalCents == 320);
    // Yesterday's sale keeps the price it was sold at.
    CHECK(f.counter.report(kDay).totalCents == 152);
}

TEST_CASE("a price cannot be set for a day already past, nor out of range", "[postal][catalogue][bad-input]") {
    PostalFixture f;
    const std::string verte = f.itemId("lettre_verte");
    CHECK(f.counter.setPrice(&f.cafe, verte, "2030-06-11", 100).error == PostalError::PriceInPast);
    CHECK(f.counter.setPrice(&f.cafe, verte, "demain", 100).error == PostalError::DayInvalid);
    CHECK(f.counter.setPrice(&f.cafe, verte, kDay, -1).error == PostalError::PriceInvalid);
    CHECK(f.counter.setPrice(&f.cafe, verte, kDay, 1'000'001).error == PostalError::PriceInvalid);
    CHECK(f.counter.setPrice(&f.cafe, "no-such-item", kDay, 100).error == PostalError::NotFound);
    CHECK(f.counter.priceOn(verte, kDay) == 152);
}

TEST_CASE("the closing report totals each item and each payment method", "[postal][closing]") {
    PostalFixture f;
    SimulatedCashOnDelivery cod;
    cod.byDay[kDay] = 4590;
    const std::string verte = f.itemId("lettre_verte");
    const std::string box = f.itemId("pap_colissimo_s");
    REQUIRE(f.sell({{verte, 10}}, PaymentMethod::Cash).ok());
    REQUIRE(f.sell({{verte, 1}, {box, 1}}, PaymentMethod::Card).ok());
    REQUIRE(f.sell({{box, 2}}, PaymentMethod::Cheque).ok());
    REQUIRE(f.sell({}, PaymentMethod::Cash, {{f.itemId("recommande_ar"), "1A 123 456 7890 1", "Blois"}}).ok());

    const DayReport report = f.counter.report(kDay, &cod);
    CHECK_FALSE(report.closed());
    CHECK(report.saleCount == 4);
    CHECK(report.registeredLetters == 1);
    CHECK(itemOf(report, verte)->quantity == 11);
    CHECK(itemOf(report, verte)->totalCents == 11 * 152);
    CHECK(itemOf(report, box)->quantity == 3);
    CHECK(methodOf(report, PaymentMethod::Cash).totalCents == 10 * 152 + 751);
    CHECK(methodOf(report, PaymentMethod::Cash).sales == 2);
    CHECK(methodOf(report, PaymentMethod::Card).totalCents == 152 + 1250);
    CHECK(methodOf(report, PaymentMethod::Cheque).totalCents == 2 * 1250);
    CHECK(report.totalCents == 11 * 152 + 3 * 1250 + 751);
    CHECK(report.codCents == 4590);
    // Without a relay point there is no COD line at all, rather than a misleading zero.
    CHECK_FALSE(f.counter.report(kDay).codCents);
}

TEST_CASE("a closed day cannot change: sales are refused and the books refuse any edit", "[postal][closing]") {
    PostalFixture f;
    SimulatedCashOnDelivery cod;
    cod.byDay[kDay] = 1200;
    const std::string verte = f.itemId("lettre_verte");
    const SaleResult sale = f.sell({{verte, 4}});
    REQUIRE(sale.ok());
    f.clock.setMs(at(kDay, "18:30"));
    const ClosingResult closed = f.counter.closeDay(&f.cafe, "", &cod);
    REQUIRE(closed.ok());
    CHECK(closed.report->closed());
    CHECK(closed.report->totalCents == 608);
    CHECK(closed.report->codCents == 1200);
    CHECK(f.audit("postal.close_day").size() == 1);

    // A late customer: today is closed, the sale is refused and nothing is written.
    CHECK(f.sell({{verte, 1}}).error == PostalError::DayClosed);
    CHECK(f.counter.salesOfDay(kDay).size() == 1);
    CHECK(f.counter.closeDay(&f.cafe, kDay).error == PostalError::AlreadyClosed);

    // The schema guards the day too, whatever code tries.
    CHECK_THROWS_AS(f.db.sql().exec("UPDATE postal_sale SET total_cents = 1"), SQLite::Exception);
    CHECK_THROWS_AS(f.db.sql().exec("DELETE FROM postal_sale_line"), SQLite::Exception);
    CHECK_THROWS_AS(f.db.sql().exec("UPDATE postal_day_closing SET total_cents = 0"), SQLite::Exception);
    CHECK_THROWS_AS(f.db.sql().exec("INSERT INTO postal_sale_line(id, origin_kiosk, sale_id, item_id, item_name, "
                                    "quantity, unit_price_cents, line_cents, created_at, updated_at) SELECT 'x', 'k', '" +
                                    sale.sale->id + "', '" + verte + "', 'n', 1, 152, 152, 0, 0"),
                    SQLite::Exception);

    // The COD figure of the closing stays, whatever the relay point says later.
    cod.byDay[kDay] = 99999;
    const DayReport later = f.counter.report(kDay, &cod);
    CHECK(later.totalCents == 608);
    CHECK(later.codCents == 1200);
    CHECK(f.counter.recentClosings().size() == 1);
}

TEST_CASE("a correction is a counter-entry on the next open day, naming the sale", "[postal][closing][correction]") {
    PostalFixture f;
    const std::string verte = f.itemId("lettre_verte");
    const std::string world = f.itemId("lettre_internationale");
    const SaleResult sale = f.sell({{verte, 2}, {world, 1}}, PaymentMethod::Card);
    REQUIRE(sale.ok());
    REQUIRE(f.counter.closeDay(&f.cafe, kDay).ok());
    // Still the closed day: no counter-entry can go on it.
    CHECK(f.counter.correct(&f.cafe, sale.sale->id).error == PostalError::DayClosed);

    f.clock.setMs(at(kNextDay, "09:15"));
    const SaleResult counterEntry = f.counter.correct(&f.cafe, sale.sale->id);
    REQUIRE(counterEntry.ok());
    CHECK(counterEntry.sale->businessDay == kNextDay);
    CHECK(counterEntry.sale->correctsSaleId == sale.sale->id);
    CHECK(counterEntry.sale->method == PaymentMethod::Card);
    CHECK(counterEntry.sale->totalCents == -(2 * 152 + 225));
    REQUIRE(counterEntry.sale->lines.size() == 2);
    CHECK(counterEntry.sale->lines[0].quantity == -2);

    // The closed day is as it was; the next day carries the correction.
    CHECK(f.counter.report(kDay).totalCents == 529);
    const DayReport next = f.counter.report(kNextDay);
    CHECK(next.totalCents == -529);
    CHECK(next.correctionCount == 1);
    CHECK(methodOf(next, PaymentMethod::Card).totalCents == -529);

    CHECK(f.counter.correct(&f.cafe, sale.sale->id).error == PostalError::AlreadyCorrected);
    CHECK(f.counter.correct(&f.cafe, counterEntry.sale->id).error == PostalError::IsCorrection);
    CHECK(f.counter.correct(&f.cafe, "no-such-sale").error == PostalError::NotFound);
    CHECK(f.audit("postal.correction").size() == 1);
}

TEST_CASE("a registered letter number is checked: La Poste's 13 characters or a UPU number with its check digit",
          "[postal][registered]") {
    CHECK(checkRegisteredNumber("1A12345678901").ok());
    CHECK(checkRegisteredNumber("1a 123 456 7890 1").normalized == "1A12345678901");
    CHECK(checkRegisteredNumber("2C-001-234-5678-9").ok());
    CHECK(checkRegisteredNumber("RR123456785FR").ok());
    CHECK(checkRegisteredNumber("rr 123 456 785 fr").normalized == "RR123456785FR");
    CHECK(s10CheckDigit("12345678") == 5);
    CHECK(checkRegisteredNumber("RR123456784FR").problem == RegisteredNumberProblem::CheckDigit);
    CHECK(checkRegisteredNumber("").problem == RegisteredNumberProblem::Empty);
    CHECK(checkRegisteredNumber("   ").problem == RegisteredNumberProblem::Empty);
    CHECK(checkRegisteredNumber("1A1234567890").problem == RegisteredNumberProblem::Shape);    // 12 characters
    CHECK(checkRegisteredNumber("AA12345678901").problem == RegisteredNumberProblem::Shape);   // no leading digit
    CHECK(checkRegisteredNumber("1A1234567890\x01").problem == RegisteredNumberProblem::Shape);
    CHECK(checkRegisteredNumber(std::string(10'000, '1')).problem == RegisteredNumberProblem::Shape);
}

TEST_CASE("registered letters are sold with their number, counted once, never twice", "[postal][registered]") {
    PostalFixture f;
    const std::string registered = f.itemId("recommande");
    const std::string withReceipt = f.itemId("recommande_ar");
    const SaleResult sale = f.sell({{f.itemId("lettre_verte"), 1}}, PaymentMethod::Cash,
                                   {{registered, "1A12345678901", "Vendôme"}, {withReceipt, "RR123456785FR", ""}});
    REQUIRE(sale.ok());
    CHECK(sale.sale->totalCents == 152 + 611 + 751);
    REQUIRE(sale.sale->letters.size() == 2);
    CHECK(sale.sale->letters[0].recipientTown == "Vendôme");
    CHECK(sale.sale->letters[1].withReceipt);
    CHECK(f.counter.report(kDay).registeredLetters == 2);

    CHECK(f.sell({}, PaymentMethod::Cash, {{registered, "1A 123 456 7890 1", ""}}).error ==
          PostalError::LetterNumberTwice);
    CHECK(f.sell({}, PaymentMethod::Cash, {{registered, "1A12345678902", ""}, {registered, "1A12345678902", ""}})
              .error == PostalError::LetterNumberTwice);
    CHECK(f.sell({{registered, 1}}).error == PostalError::LetterNeedsNumber);
    CHECK(f.sell({}, PaymentMethod::Cash, {{f.itemId("lettre_verte"), "1A12345678903", ""}}).error ==
          PostalError::LetterNotRegistered);
    CHECK(f.sell({}, PaymentMethod::Cash, {{registered, "RR123456784FR", ""}}).error ==
          PostalError::LetterNumberInvalid);

    // Once a counter-entry takes the sale back, its letters leave the count and their numbers may be sold again.
    REQUIRE(f.counter.correct(&f.cafe, sale.sale->id).ok());
    CHECK(f.counter.report(kDay).registeredLetters == 0);
    CHECK(f.sell({}, PaymentMethod::Cash, {{registered, "1A12345678901", ""}}).ok());
}

TEST_CASE("a quantity of 0, below 0 or beyond 999 is refused and nothing is sold", "[postal][sale][bad-input]") {
    PostalFixture f;
    const std::string verte = f.itemId("lettre_verte");
    CHECK(f.sell({{verte, 0}}).error == PostalError::QuantityInvalid);
    CHECK(f.sell({{verte, -3}}).error == PostalError::QuantityInvalid);
    CHECK(f.sell({{verte, 1000}}).error == PostalError::QuantityInvalid);
    CHECK(f.sell({{verte, INT_MAX}}).error == PostalError::QuantityInvalid);
    CHECK(f.sell({{verte, INT_MIN}}).error == PostalError::QuantityInvalid);
    CHECK(f.sell({{verte, 600}, {verte, 600}}).error == PostalError::QuantityInvalid);
    CHECK(f.sell({}).error == PostalError::EmptySale);
    CHECK(f.sell({{"no-such-item", 1}}).error == PostalError::NotFound);
    CHECK(f.sell(std::vector<SaleRequest::Line>(41, {verte, 1})).error == PostalError::TooManyLines);
    CHECK(f.count("SELECT count(*) FROM postal_sale") == 0);
}

TEST_CASE("names and towns with control characters or 10 000 characters are cleaned, and only spaces is refused",
          "[postal][catalogue][bad-input]") {
    PostalFixture f;
    const CatalogueChange added =
        f.counter.addItem(&f.cafe, "Carnet\x1b[2J de 12\n timbres\x07", PostalItemKind::Stamp, false, kDay, 1824);
    REQUIRE(added.ok());
    CHECK(added.item->name == "Carnet[2J de 12 timbres");
    const CatalogueChange longName =
        f.counter.addItem(&f.cafe, std::string(10'000, 'x'), PostalItemKind::Other, false, kDay, 100);
    REQUIRE(longName.ok());
    CHECK(longName.item->name.size() == PostalCounter::kMaxNameLength);
    CHECK(f.counter.addItem(&f.cafe, "   \t ", PostalItemKind::Stamp, false, kDay, 100).error == PostalError::NameInvalid);

    const SaleResult sale = f.sell({}, PaymentMethod::Cash,
                                   {{f.itemId("recommande"), "1A12345678901", "Saint-\x01" "Aignan\r\n" + std::string(10'000, 'y')}});
    REQUIRE(sale.ok());
    const std::string& town = sale.sale->letters[0].recipientTown;
    CHECK(town.starts_with("Saint-Aignan"));
    CHECK(town.find_first_of("\x01\r\n") == std::string::npos);
    CHECK(vk::services::countCodepoints(sale.sale->letters[0].recipientTown) == PostalCounter::kMaxTownLength);
}

TEST_CASE("on a full disk a sale is refused as such, nothing is half-written, and it goes through once space is back",
          "[postal][sale][bad-input][full-disk]") {
    PostalFixture f;
    // A big sale (forty items with long names), so that it needs pages the full disk no longer has.
    std::vector<SaleRequest::Line> lines;
    for (int i = 0; i < 39; ++i) {
        const CatalogueChange added = f.counter.addItem(&f.cafe, "Carte postale du village, vue " + std::to_string(i) +
                                                                     " " + std::string(50, 'v'),
                                                        PostalItemKind::Other, false, kDay, 120);
        REQUIRE(added.ok());
        lines.push_back({added.item->id, 1});
    }
    vk::testing::fillDisk(f.db);
    SaleResult result;
    REQUIRE_NOTHROW(result = f.sell(lines, PaymentMethod::Cash, {{f.itemId("recommande"), "1A12345678901", "Blois"}}));
    CHECK(result.error == PostalError::StorageFailed);
    CHECK_THAT(result.failure, Catch::Contains("disk is full") && Catch::Contains("not recorded"));
    CHECK(f.count("SELECT count(*) FROM postal_sale") == 0);
    CHECK(f.count("SELECT count(*) FROM postal_sale_line") == 0);
    CHECK(f.count("SELECT count(*) FROM postal_registered_letter") == 0);
    CHECK(f.audit("postal.sale").empty());

    vk::testing::freeDisk(f.db);
    const SaleResult later = f.sell(lines, PaymentMethod::Cash, {{f.itemId("recommande"), "1A12345678901", "Blois"}});
    REQUIRE(later.ok());
    CHECK(f.counter.report(kDay).totalCents == 39 * 120 + 611);
}

TEST_CASE("only the café manager or an admin sells, prices or closes, and a refusal is audited", "[postal][staff]") {
    PostalFixture f;
    const std::string verte = f.itemId("lettre_verte");
    SaleRequest request;
    request.lines = {{verte, 1}};
    CHECK(f.counter.sell(&f.assistant, request).error == PostalError::NotAllowed);
    CHECK(f.counter.sell(nullptr, request).error == PostalError::NotAllowed);
    CHECK(f.counter.setPrice(&f.assistant, verte, kDay, 1).error == PostalError::NotAllowed);
    CHECK(f.counter.closeDay(&f.assistant, kDay).error == PostalError::NotAllowed);
    CHECK(f.audit("postal.refused").size() == 4);
    CHECK(f.counter.closeDay(&systemActor(SystemActor::CommandLine), kDay).ok());
}

TEST_CASE("a day is closed once it has begun, and yesterday can still be closed today", "[postal][closing]") {
    PostalFixture f;
    CHECK(f.counter.closeDay(&f.cafe, kNextDay).error == PostalError::FutureDay);
    CHECK(f.counter.closeDay(&f.cafe, "31/02/2030").error == PostalError::DayInvalid);
    REQUIRE(f.sell({{f.itemId("lettre_verte"), 1}}).ok());
    f.clock.setMs(at(kNextDay, "08:00"));
    const ClosingResult yesterday = f.counter.closeDay(&f.cafe, kDay);
    REQUIRE(yesterday.ok());
    CHECK(yesterday.report->totalCents == 152);
    CHECK(f.sell({{f.itemId("lettre_verte"), 1}}).ok());  // today is open
}

TEST_CASE("the catalogue is seeded once with La Poste's 2026 prices and not again once emptied", "[postal][catalogue]") {
    PostalFixture f;
    const auto entries = f.counter.catalogue();
    REQUIRE(entries.size() == 7);
    CHECK(entries[0].item.name == "Lettre verte 20\u00a0g");
    CHECK(entries[0].priceTodayCents == 152);
    CHECK(f.counter.itemByCode("recommande")->kind == PostalItemKind::Registered);
    CHECK(f.counter.itemByCode("recommande_ar")->withReceipt);
    f.db.sql().exec("UPDATE postal_item SET deleted_at = 1");
    CHECK_FALSE(f.counter.seedDefaultCatalogue());
    CHECK(f.counter.catalogue().empty());
}

TEST_CASE("the receipt lists the lines, the total, the method and the letters' numbers", "[postal][receipt]") {
    PostalFixture f;
    vk::i18n::setLanguage("fr");
    const SaleResult sale = f.sell({{f.itemId("lettre_verte"), 3}}, PaymentMethod::Cheque,
                                   {{f.itemId("recommande"), "1A12345678901", "Blois"}});
    REQUIRE(sale.ok());
    const vk::hardware::Receipt receipt = saleReceipt(*sale.sale, "Saint-Aubin");
    std::string text;
    for (const auto& line : receipt.lines) text += line.text + "\n";
    for (const auto& element : receipt.elements) {
        if (const auto* row = std::get_if<vk::hardware::ColumnsRow>(&element))
            text += row->left + "|" + row->middle + "|" + row->right + "\n";
        if (const auto* line = std::get_if<vk::hardware::ReceiptLine>(&element)) text += line->text + "\n";
    }
    CHECK_THAT(text, Catch::Contains("Lettre verte 20\u00a0g|x3|4,56 €"));
    CHECK_THAT(text, Catch::Contains("10,67 €"));
    CHECK_THAT(text, Catch::Contains("Chèque"));
    CHECK_THAT(text, Catch::Contains("1A12345678901"));
    CHECK(formatCents(-529) == "-5,29 €");
    CHECK(formatCents(0) == "0,00 €");
    vk::i18n::setLanguage("en");
    CHECK(formatCents(152) == "€1.52");
    vk::i18n::setLanguage("fr");
}
