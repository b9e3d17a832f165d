#include "hardware/reader_events.h"
#include "kiosk/screens/postal/postal_screens.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/services/postal/postal_area.h"
#include "kiosk/services/health/local_days.h"
#include "ui_fixture.h"

#include <algorithm>

using namespace vk;
using vk::test::UiFixture;

namespace {

services::postal::PostalServices& postal(UiFixture& f) { return f.runtime.area<services::postal::PostalServices>(); }

std::vector<hardware::Receipt> receiptsOfKind(UiFixture& f, const std::string& kind) {
    std::vector<hardware::Receipt> found;
    for (const auto& receipt : f.runtime.previewPrinter->lastReceipts())
        if (receipt.kind == kind) found.push_back(receipt);
    return found;
}

}  // namespace

TEST_CASE("the café manager sells stamps and a registered letter, then closes the day", "[ui][postal]") {
    UiFixture f;
    REQUIRE(f.runtime.previewPrinter);
    f.signIn("Julien Girard", "1357");
    f.tap("staff.home.postal_sale");
    CHECK(f.kiosk.state().screen == screens::kPostalSaleScreen);
    CHECK(f.kiosk.shows("Lettre verte 20\u00a0g\n1,52 €"));

    f.tap("postal.item.lettre_verte");
    f.tap("postal.item.lettre_verte");
    f.tap("postal.plus.lettre_verte");
    CHECK(f.kiosk.shows("Total : 4,56 €"));
    // A registered letter: its number comes from the scanner, the town is left empty.
    f.tap("postal.item.recommande");
    hardware::SimulatedReader(f.runtime.readers).scanBarcode("1A98765432109");
    f.kiosk.frames(2);
    f.tap("postal.letter.add");
    CHECK(f.kiosk.shows("Total : 10,67 €"));
    f.tap("postal.card");
    f.tap("postal.checkout");
    CHECK(f.kiosk.shows("Vente de 10,67 € enregistrée, reçu imprimé."));
    CHECK(f.kiosk.shows("Total : 0,00 €"));
    REQUIRE(receiptsOfKind(f, "postal_receipt").size() == 1);
    const auto today = postal(f).counter.today();
    const auto sales = postal(f).counter.salesOfDay(today);
    const auto sold = std::find_if(sales.begin(), sales.end(), [](const storage::Sale& sale) {
        return !sale.letters.empty() && sale.letters[0].number == "1A98765432109";
    });
    REQUIRE(sold != sales.end());
    CHECK(sold->totalCents == 1067);
    CHECK(sold->method == storage::PaymentMethod::Card);

    f.tap("postal.open_closing");
    const std::int64_t expected = postal(f).report(today).totalCents;
    f.tap("postal.close");
    CHECK(f.kiosk.find("postal.close.confirm"));
    f.tap("postal.close.confirm");
    CHECK(f.kiosk.shows("Journée clôturée, rapport imprimé."));
    CHECK(postal(f).counter.isClosed(today));
    CHECK(postal(f).report(today).totalCents == expected);
    CHECK(receiptsOfKind(f, "postal_closing").size() == 1);

    // The closed day takes no more sales.
    f.tap("common.back");
    CHECK(f.kiosk.state().screen == screens::kPostalSaleScreen);
    CHECK(f.kiosk.shows("La journée est clôturée : aucune vente ne peut plus y être ajoutée."));
    f.tap("postal.item.lettre_verte");
    CHECK(f.kiosk.shows("Total : 0,00 €"));
}

TEST_CASE("a misread registered number is refused on the sale screen with a clear message", "[ui][postal][bad-input]") {
    UiFixture f;
    f.signIn("Julien Girard", "1357");
    f.tap("staff.home.postal_sale");
    f.tap("postal.item.recommande_ar");
    hardware::SimulatedReader(f.runtime.readers).scanBarcode("RR123456784FR");
    f.kiosk.frames(2);
    f.tap("postal.letter.add");
    CHECK(f.kiosk.shows("La clé de ce numéro ne correspond pas : erreur de lecture ? Vérifiez le numéro."));
    f.tap("postal.letter.cancel");
    CHECK(f.kiosk.shows("Total : 0,00 €"));
}

TEST_CASE("a price change from tomorrow is saved and shown beside today's price", "[ui][postal]") {
    UiFixture f;
    f.signIn("Julien Girard", "1357");
    f.tap("staff.home.postal_sale");
    f.tap("postal.open_catalogue");
    f.tap("postal.price.lettre_verte");
    for (int i = 0; i < 3; ++i) f.tap("pad.backspace");
    for (const char digit : std::string("165")) f.tap(std::string("pad.") + digit);
    f.tap("pad.ok");
    const std::string tomorrow = services::health::addDays(postal(f).counter.today(), 1);
    for (int i = 0; i < 8; ++i) f.tap("pad.backspace");
    const std::string digits = tomorrow.substr(8, 2) + tomorrow.substr(5, 2) + tomorrow.substr(0, 4);
    for (const char digit : digits) f.tap(std::string("pad.") + digit);
    f.tap("postal.catalogue.save");
    const auto verte = postal(f).counter.itemByCode("lettre_verte");
    CHECK(postal(f).counter.priceOn(verte->id, tomorrow) == 165);
    CHECK(postal(f).counter.priceOn(verte->id, postal(f).counter.today()) == 152);
    CHECK(f.kiosk.shows("1,52 €   À partir du " + tomorrow.substr(8, 2) + "/" + tomorrow.substr(5, 2) + "/" +
                        tomorrow.substr(0, 4) + " : 1,65 €"));
}

TEST_CASE("a sale of a closed day is reversed from the closing screen, on today's open day", "[ui][postal][correction]") {
    UiFixture f;
    auto& counter = postal(f).counter;
    const std::string firstDay = counter.today();
    const auto& system = services::systemActor(services::SystemActor::CommandLine);
    services::postal::SaleRequest request;
    request.lines = {{counter.itemByCode("lettre_internationale")->id, 2}};
    request.method = storage::PaymentMethod::Cheque;
    const auto sale = counter.sell(&system, request);
    REQUIRE(sale.ok());
    REQUIRE(counter.closeDay(&system, firstDay).ok());
    f.clock.setMs(*services::health::localToUnixMs(services::health::addDays(firstDay, 1), "09:00"));
    const std::string nextDay = counter.today();
    REQUIRE(nextDay != firstDay);

    f.signIn("Julien Girard", "1357");
    f.tap("staff.home.postal_sale");
    f.tap("postal.open_closing");
    f.tap("postal.day." + firstDay);
    f.tap("postal.side.sales");
    f.tap("postal.correct." + sale.sale->id);
    CHECK(f.kiosk.shows("Contre-passation enregistrée le " + nextDay + ", reçu imprimé."));
    const auto correction = counter.correctionOf(sale.sale->id);
    REQUIRE(correction);
    CHECK(correction->businessDay == nextDay);
    CHECK(correction->totalCents == -450);
    CHECK(counter.report(nextDay).totalCents == -450);
    // The closed day keeps its figures; its sale now says it was reversed.
    CHECK(counter.report(firstDay).closing->totalCents == counter.report(firstDay).totalCents);
    CHECK(f.kiosk.shows("Déjà contre-passée"));
}
