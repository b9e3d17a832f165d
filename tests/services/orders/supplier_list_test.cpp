#include "kiosk/i18n/translations.h"
#include "kiosk/services/kiosk_config.h"
#include "kiosk/services/orders/orders_area.h"
#include "kiosk/services/orders/supplier_list_output.h"
#include "kiosk/services/parcels/parcels_settings.h"
#include "services/orders/orders_fixture.h"
#include "storage/outbox_store.h"

#include <variant>

using namespace vk;
using namespace vk::services::orders;
using namespace vk::services::orders::testing;

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

// The area as the kiosk makes it, on its own database, with the fixture's café calendar.
struct AreaFixture {
    AreaFixture() {
        auto& parcels = config.areas.get<services::parcels::ParcelsSettings>();
        parcels.openingDays = {"mon", "tue", "wed", "thu", "fri", "sat"};
        parcels.closures = {"2030-06-21"};
        area = std::make_unique<OrdersServices>(services::AreaContext{config, f.clock, f.db, f.staff, printer},
                                                std::make_unique<SimulatedMembers>());
    }
    OrdersFixture f;
    services::KioskConfig config;
    hardware::PreviewPrinter printer;
    std::unique_ptr<OrdersServices> area;
};

}  // namespace

TEST_CASE("the printed list gives each item's total and, for a grocery producer, each customer's order",
          "[orders][list][receipt]") {
    i18n::setLanguage("fr");
    OrdersFixture f;
    f.placed(f.request(f.gardener, "2030-06-20", {{f.vegetableBox, 1}, {f.eggs, 2}}, kBruno));
    f.placed(f.request(f.gardener, "2030-06-20", {{f.eggs, 1}}, kAnne));
    const SupplierList list = f.book.supplierList(f.gardener, "2030-06-20");
    const std::string text = allText(supplierListReceipt(list, "Saint-Aubin"));
    INFO(text);
    CHECK_THAT(text, Catch::Contains("Les Jardins du Moulin"));
    CHECK_THAT(text, Catch::Contains("jeudi 20 juin 2030"));
    CHECK_THAT(text, Catch::Contains("Œufs (6) | x3 | 8,40 €"));
    CHECK_THAT(text, Catch::Contains("Panier de légumes | x1 | 15,00 €"));
    CHECK_THAT(text, Catch::Contains("4 articles"));
    CHECK_THAT(text, Catch::Contains("23,40 €"));
    CHECK_THAT(text, Catch::Contains("Anne Martin"));
    CHECK_THAT(text, Catch::Contains("Bruno Petit |  | 20,60 €"));

    const ListEmail mail = supplierListEmail(list, "Saint-Aubin");
    CHECK_THAT(mail.subject, Catch::Contains("Les Jardins du Moulin"));
    CHECK_THAT(mail.body, Catch::Contains("- Œufs (6) : 3"));
    CHECK_THAT(mail.body, Catch::Contains("Bruno Petit (20,60 €)"));
}

TEST_CASE("the baker's list gives totals only, and says which standing orders the day skips", "[orders][list][receipt]") {
    i18n::setLanguage("fr");
    OrdersFixture f;
    f.placed(f.request(f.baker, "2030-06-13", {{f.baguette, 2}}, kAnne));
    f.placed(f.request(f.baker, "2030-06-13", {{f.baguette, 3}, {f.croissant, 1}}, kBruno));
    const std::string text = allText(supplierListReceipt(f.book.supplierList(f.baker, "2030-06-13"), "Saint-Aubin"));
    INFO(text);
    CHECK_THAT(text, Catch::Contains("Baguette | x5 | 5,50 €"));
    CHECK(text.find("Anne Martin") == std::string::npos);
    CHECK_THAT(text, Catch::Contains("2 commandes"));

    REQUIRE(f.book.addHoliday(&f.manager, f.baker, "2030-06-28", "2030-06-28").ok());
    StandingRequest friday;
    friday.supplierId = f.baker;
    friday.itemId = f.countryLoaf;
    friday.customer.memberId = kChantal;
    friday.quantity = 1;
    friday.weekdays = {"fri"};
    REQUIRE(f.book.addStanding(&f.manager, friday).ok());
    const std::string holiday = allText(supplierListReceipt(f.book.supplierList(f.baker, "2030-06-28"), "Saint-Aubin"));
    INFO(holiday);
    CHECK_THAT(holiday, Catch::Contains("Aucune commande"));
    CHECK_THAT(holiday, Catch::Contains("Chantal Roux"));
    CHECK_THAT(holiday, Catch::Contains("congés"));
}

TEST_CASE("at the cut-off the list is printed and e-mailed once, and an empty list sends nothing",
          "[orders][cutoff][outbox]") {
    i18n::setLanguage("fr");
    AreaFixture a;
    OrdersFixture& f = a.f;
    f.placed(f.request(f.baker, "2030-06-13", {{f.baguette, 2}}, kAnne));
    // 10:00: today's lists closed yesterday (nothing in them); the cut-off for tomorrow is 18:00.
    const DispatchRound morning = a.area->dispatchDueLists();
    CHECK(morning.printed == 0);
    CHECK(morning.emailed == 0);

    f.setNow(kToday, "18:00");
    REQUIRE(a.area->poll(f.clock.nowMs()));
    const DispatchRound again = a.area->dispatchDueLists();
    CHECK(again.lists == 0);
    CHECK(a.area->nextDueMs() == f.clock.nowMs() + 60'000);

    const auto printed = a.printer.lastReceipts();
    REQUIRE(printed.size() == 1);
    CHECK(printed[0].kind == "orders_supplier_list");
    CHECK_THAT(allText(printed[0]), Catch::Contains("Boulangerie Morel"));
    storage::OutboxStore outbox(f.db);
    const auto messages = outbox.recent(10);
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].recipient == "morel@example.fr");
    CHECK(messages[0].purpose == "orders.supplier_list");
    CHECK_THAT(messages[0].body, Catch::Contains("Baguette : 2"));
    CHECK(f.count("SELECT count(*) FROM orders_list_dispatch WHERE delivery_day = '2030-06-13' AND supplier_id = '" +
                  f.baker + "'") == 1);
    // The gardener's Thursday 20 closes on Tuesday 18 at noon: not yet.
    CHECK(f.count("SELECT count(*) FROM orders_list_dispatch WHERE delivery_day = '2030-06-20'") == 0);

    // A restart (a new area on the same database) sends nothing twice.
    AreaFixture* same = &a;
    OrdersServices restarted(services::AreaContext{same->config, f.clock, f.db, f.staff, same->printer},
                             std::make_unique<SimulatedMembers>());
    CHECK(restarted.dispatchDueLists().lists == 0);
    CHECK(outbox.recent(10).size() == 1);
    CHECK(a.printer.lastReceipts().size() == 1);

    // Tomorrow's cut-off for Friday: no order, so no paper and no mail, but the day is done with.
    f.setNow("2030-06-13", "18:05");
    const DispatchRound empty = a.area->dispatchDueLists();
    CHECK(empty.lists == 1);
    CHECK(empty.printed == 0);
    CHECK(empty.emailed == 0);
    CHECK(outbox.recent(10).size() == 1);
}

TEST_CASE("a supplier without an e-mail address gets its list on paper only", "[orders][cutoff]") {
    AreaFixture a;
    OrdersFixture& f = a.f;
    auto supplier = *f.book.supplier(f.baker);
    SupplierForm form{supplier.name, "", supplier.deliveryDays, supplier.cutoffTime, supplier.cutoffDaysBefore, false};
    REQUIRE(f.book.editSupplier(&f.manager, f.baker, form).ok());
    f.placed(f.request(f.baker, "2030-06-13", {{f.baguette, 2}}, kAnne));
    f.setNow(kToday, "18:01");
    const DispatchRound round = a.area->dispatchDueLists();
    CHECK(round.printed == 1);
    CHECK(round.emailed == 0);
    CHECK(storage::OutboxStore(f.db).recent(10).empty());
}
