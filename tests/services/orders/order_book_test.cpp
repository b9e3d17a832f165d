#include "services/orders/orders_fixture.h"

#include <SQLiteCpp/Exception.h>

using namespace vk::services;
using namespace vk::services::orders;
using namespace vk::services::orders::testing;

TEST_CASE("an order before the cut-off is placed for tomorrow, one after it is refused with the next day",
          "[orders][cutoff]") {
    OrdersFixture f;
    const Order order = f.placed(f.request(f.baker, "2030-06-13", {{f.baguette, 2}}));
    CHECK(order.deliveryDay == "2030-06-13");
    CHECK(order.totalCents == 220);
    CHECK(order.customerName == "Anne Martin");
    CHECK(order.state == OrderState::Open);
    CHECK(f.audit("orders.place").size() == 1);

    f.setNow(kToday, "17:59");
    CHECK(f.book.place(&f.manager, f.request(f.baker, "2030-06-13", {{f.baguette, 1}})).ok());
    f.setNow(kToday, "18:00");
    const OrderResult late = f.book.place(&f.manager, f.request(f.baker, "2030-06-13", {{f.baguette, 1}}));
    CHECK(late.error == OrderError::AfterCutoff);
    CHECK(late.nextPossibleDay == "2030-06-14");
    CHECK(describeError(late.error, late.nextPossibleDay) ==
          "orders for that day are closed (past the cut-off); the next possible day is 2030-06-14");
    CHECK(f.count("SELECT count(*) FROM orders_order") == 2);
}

TEST_CASE("a cut-off two days before the delivery closes this week's Thursday on Tuesday noon", "[orders][cutoff]") {
    OrdersFixture f;
    const OrderResult thisWeek = f.book.place(&f.manager, f.request(f.gardener, "2030-06-13", {{f.vegetableBox, 1}}));
    CHECK(thisWeek.error == OrderError::AfterCutoff);
    CHECK(thisWeek.nextPossibleDay == "2030-06-20");
    const auto calendar = f.book.calendarOf(f.gardener);
    REQUIRE(calendar);
    CHECK(*calendar->cutoffMs("2030-06-20") == at("2030-06-18", "12:00"));
    CHECK(f.book.place(&f.manager, f.request(f.gardener, "2030-06-20", {{f.vegetableBox, 1}})).ok());
}

TEST_CASE("a day the supplier does not deliver, a closed day of the café and a holiday each say the next day",
          "[orders][days]") {
    OrdersFixture f;
    SECTION("not a delivery day: the baker rests on Sunday and Monday") {
        const OrderResult sunday = f.book.place(&f.manager, f.request(f.baker, "2030-06-16", {{f.baguette, 1}}));
        CHECK(sunday.error == OrderError::NotDeliveryDay);
        CHECK(sunday.nextPossibleDay == "2030-06-18");
        const OrderResult thursday = f.book.place(&f.manager, f.request(f.gardener, "2030-06-19", {{f.eggs, 1}}));
        CHECK(thursday.error == OrderError::NotDeliveryDay);
        CHECK(thursday.nextPossibleDay == "2030-06-20");
    }
    SECTION("the café closed on Friday 21") {
        const OrderResult closed = f.book.place(&f.manager, f.request(f.baker, "2030-06-21", {{f.baguette, 1}}));
        CHECK(closed.error == OrderError::CafeClosed);
        CHECK(closed.nextPossibleDay == "2030-06-22");
    }
    SECTION("the baker's holiday, first and last day included") {
        REQUIRE(f.book.addHoliday(&f.manager, f.baker, "2030-06-14", "2030-06-19").ok());
        for (const char* day : {"2030-06-14", "2030-06-19"}) {
            const OrderResult holiday = f.book.place(&f.manager, f.request(f.baker, day, {{f.baguette, 1}}));
            CHECK(holiday.error == OrderError::SupplierHoliday);
            CHECK(holiday.nextPossibleDay == "2030-06-20");
        }
        CHECK(f.book.adviseDay(f.baker, "2030-06-15").error == OrderError::SupplierHoliday);
        CHECK(f.book.adviseDay(f.baker, "2030-06-20").error == OrderError::None);
    }
    SECTION("a past day and a malformed one") {
        CHECK(f.book.place(&f.manager, f.request(f.baker, "2030-06-11", {{f.baguette, 1}})).error == OrderError::DayPast);
        CHECK(f.book.place(&f.manager, f.request(f.baker, "2030-02-30", {{f.baguette, 1}})).error == OrderError::DayInvalid);
        CHECK(f.book.place(&f.manager, f.request(f.baker, "demain", {{f.baguette, 1}})).error == OrderError::DayInvalid);
    }
    CHECK(f.count("SELECT count(*) FROM orders_order") == 0);
}

TEST_CASE("the days offered at the kiosk are the possible ones only", "[orders][days]") {
    OrdersFixture f;
    const auto calendar = f.book.calendarOf(f.baker);
    REQUIRE(calendar);
    const auto days = calendar->possibleDays(f.clock.nowMs(), 10);
    CHECK(days == std::vector<std::string>{"2030-06-13", "2030-06-14", "2030-06-15", "2030-06-18", "2030-06-19",
                                           "2030-06-20", "2030-06-22"});
}

TEST_CASE("a quantity of zero, negative or 10 000 is refused and nothing is stored", "[orders][bad-input]") {
    OrdersFixture f;
    for (int quantity : {0, -1, 10'000, 1'000}) {
        INFO(quantity);
        const OrderResult result = f.book.place(&f.manager, f.request(f.baker, "2030-06-13", {{f.baguette, quantity}}));
        CHECK(result.error == OrderError::QuantityInvalid);
        CHECK(result.itemId == f.baguette);
    }
    // Two lines of the same item that add up past the limit are refused too.
    CHECK(f.book.place(&f.manager, f.request(f.baker, "2030-06-13", {{f.baguette, 600}, {f.baguette, 600}})).error ==
          OrderError::QuantityInvalid);
    CHECK(f.book.place(&f.manager, f.request(f.baker, "2030-06-13", {})).error == OrderError::NoItems);
    CHECK(f.count("SELECT count(*) FROM orders_order") == 0);
    CHECK(f.book.place(&f.manager, f.request(f.baker, "2030-06-13", {{f.baguette, 999}})).ok());
}

TEST_CASE("an item no longer sold is refused for new orders, and orders placed keep it", "[orders][bad-input]") {
    OrdersFixture f;
    const Order before = f.placed(f.request(f.baker, "2030-06-13", {{f.croissant, 3}}));
    auto croissant = *f.book.store().item(f.croissant);
    croissant.sold = false;
    const ItemChange stopped = f.book.editItem(&f.manager, croissant);
    REQUIRE(stopped.ok());
    CHECK(stopped.openOrders == 1);
    const OrderResult refused = f.book.place(&f.manager, f.request(f.baker, "2030-06-14", {{f.croissant, 1}}));
    CHECK(refused.error == OrderError::ItemNotSold);
    CHECK(refused.itemId == f.croissant);
    CHECK(f.book.catalogue(f.baker).size() == 2);
    CHECK(f.book.catalogue(f.baker, false).size() == 3);
    const auto kept = f.book.order(before.id);
    REQUIRE(kept);
    REQUIRE(kept->lines.size() == 1);
    CHECK(kept->lines[0].itemName == "Croissant");
    CHECK(f.book.supplierList(f.baker, "2030-06-13").totalQuantity == 3);
    // An item of another supplier, or none, is unknown.
    CHECK(f.book.place(&f.manager, f.request(f.baker, "2030-06-14", {{f.eggs, 1}})).error == OrderError::ItemUnknown);
    CHECK(f.book.place(&f.manager, f.request(f.baker, "2030-06-14", {{"nothing", 1}})).error == OrderError::ItemUnknown);
}

TEST_CASE("a price change leaves the orders placed at the old price", "[orders]") {
    OrdersFixture f;
    const Order before = f.placed(f.request(f.baker, "2030-06-13", {{f.baguette, 2}}));
    auto baguette = *f.book.store().item(f.baguette);
    baguette.priceCents = 125;
    REQUIRE(f.book.editItem(&f.manager, baguette).ok());
    CHECK(f.book.order(before.id)->totalCents == 220);
    CHECK(f.placed(f.request(f.baker, "2030-06-14", {{f.baguette, 2}})).totalCents == 250);
}

TEST_CASE("a supplier with open orders is not removed, once they are settled it is, and nothing is lost",
          "[orders][bad-input]") {
    OrdersFixture f;
    const Order first = f.placed(f.request(f.gardener, "2030-06-20", {{f.eggs, 2}}));
    f.placed(f.request(f.gardener, "2030-06-27", {{f.vegetableBox, 1}}, kBruno));
    const SupplierChange refused = f.book.removeSupplier(&f.manager, f.gardener);
    CHECK(refused.error == OrderError::SupplierHasOpenOrders);
    CHECK(refused.openOrders == 2);
    CHECK(refused.firstOpenDay == "2030-06-20");
    CHECK(f.book.supplier(f.gardener));

    for (const auto& order : f.book.store().openOrdersOf(f.gardener, kToday)) REQUIRE(f.book.cancel(&f.manager, order.id).ok());
    REQUIRE(f.book.removeSupplier(&f.manager, f.gardener).ok());
    CHECK_FALSE(f.book.supplier(f.gardener));
    CHECK(f.book.suppliers().size() == 1);
    CHECK(f.book.order(first.id)->state == OrderState::Cancelled);
    CHECK(f.book.place(&f.manager, f.request(f.gardener, "2030-07-04", {{f.eggs, 1}})).error == OrderError::SupplierUnknown);
    CHECK(f.audit("orders.supplier.remove").size() == 1);
}

TEST_CASE("a double tap places one order, the same key for another order is refused", "[orders][bad-input]") {
    OrdersFixture f;
    const auto tap = f.request(f.baker, "2030-06-13", {{f.baguette, 2}, {f.croissant, 1}}, kAnne, "kiosk-confirm-1");
    const OrderResult first = f.book.place(&f.manager, tap);
    REQUIRE(first.ok());
    CHECK_FALSE(first.alreadyPlaced);
    const OrderResult second = f.book.place(&f.manager, tap);
    REQUIRE(second.ok());
    CHECK(second.alreadyPlaced);
    CHECK(second.order->id == first.order->id);
    // Even once the cut-off has passed, the retried key finds its order rather than a refusal.
    f.setNow(kToday, "18:30");
    CHECK(f.book.place(&f.manager, tap).alreadyPlaced);
    f.setNow(kToday, "10:00");
    const OrderResult other =
        f.book.place(&f.manager, f.request(f.baker, "2030-06-13", {{f.baguette, 3}}, kAnne, "kiosk-confirm-1"));
    CHECK(other.error == OrderError::KeyReused);
    CHECK(f.count("SELECT count(*) FROM orders_order") == 1);
    CHECK(f.count("SELECT count(*) FROM orders_order_line") == 2);
    CHECK(f.audit("orders.place").size() == 1);
    CHECK(f.book.supplierList(f.baker, "2030-06-13").totalQuantity == 3);
}

TEST_CASE("a one-off customer is a typed name, an unknown member or an empty name is refused", "[orders][bad-input]") {
    OrdersFixture f;
    auto oneOff = f.request(f.baker, "2030-06-13", {{f.countryLoaf, 1}}, "");
    oneOff.customer.name = "  Mme\tDupuis\x1b[0m  ";
    const Order order = f.placed(oneOff);
    CHECK_FALSE(order.customerMemberId);
    CHECK(order.customerName == "Mme Dupuis[0m");
    oneOff.customer.name = " \n ";
    CHECK(f.book.place(&f.manager, oneOff).error == OrderError::CustomerNameInvalid);
    oneOff.customer.name = std::string(10'000, 'x');
    CHECK(f.book.place(&f.manager, oneOff).error == OrderError::CustomerNameInvalid);
    CHECK(f.book.place(&f.manager, f.request(f.baker, "2030-06-13", {{f.baguette, 1}}, "no-such-member")).error ==
          OrderError::CustomerUnknown);
}

TEST_CASE("only the café manager, an admin or a system actor manages orders", "[orders][rights]") {
    OrdersFixture f;
    CHECK(f.book.place(nullptr, f.request(f.baker, "2030-06-13", {{f.baguette, 1}})).error == OrderError::NotAllowed);
    CHECK(f.book.place(&f.assistant, f.request(f.baker, "2030-06-13", {{f.baguette, 1}})).error == OrderError::NotAllowed);
    SupplierForm form;
    form.name = "Fromagerie";
    form.deliveryDays = {"sat"};
    CHECK(f.book.addSupplier(&f.assistant, form).error == OrderError::NotAllowed);
    CHECK(f.audit("orders.refused").size() == 3);
    CHECK(f.book.place(&systemActor(SystemActor::Kiosk), f.request(f.baker, "2030-06-13", {{f.baguette, 1}})).ok());
}

TEST_CASE("a supplier's form refuses bad days, cut-offs, e-mails and names, and keeps the week's order",
          "[orders][bad-input]") {
    OrdersFixture f;
    SupplierForm form;
    form.name = "Fromagerie des Prés";
    form.deliveryDays = {"sat", "tue"};
    form.cutoffTime = "20:00";
    const SupplierChange added = f.book.addSupplier(&f.manager, form);
    REQUIRE(added.ok());
    CHECK(added.supplier->deliveryDays == std::vector<std::string>{"tue", "sat"});
    auto bad = form;
    bad.deliveryDays = {};
    CHECK(f.book.addSupplier(&f.manager, bad).error == OrderError::DeliveryDaysInvalid);
    bad.deliveryDays = {"lundi"};
    CHECK(f.book.addSupplier(&f.manager, bad).error == OrderError::DeliveryDaysInvalid);
    bad = form;
    bad.cutoffTime = "25:00";
    CHECK(f.book.addSupplier(&f.manager, bad).error == OrderError::CutoffInvalid);
    bad.cutoffTime = "18:00";
    bad.cutoffDaysBefore = 15;
    CHECK(f.book.addSupplier(&f.manager, bad).error == OrderError::CutoffInvalid);
    bad = form;
    bad.email = "a@b.fr, c@d.fr";
    CHECK(f.book.addSupplier(&f.manager, bad).error == OrderError::EmailInvalid);
    bad = form;
    bad.name = std::string(81, 'a');
    CHECK(f.book.addSupplier(&f.manager, bad).error == OrderError::NameInvalid);
    CHECK(f.book.addItem(&f.manager, added.supplier->id, "Tomme", -1).error == OrderError::PriceInvalid);
    CHECK(f.book.addItem(&f.manager, added.supplier->id, "\x07", 100).error == OrderError::NameInvalid);
    CHECK(f.book.addItem(&f.manager, "no-such-supplier", "Tomme", 100).error == OrderError::SupplierUnknown);
    CHECK(f.book.suppliers().size() == 3);
}

TEST_CASE("a standing order makes one order on each of its days, skips its pauses, and makes it once",
          "[orders][standing]") {
    OrdersFixture f;
    StandingRequest every;
    every.supplierId = f.baker;
    every.itemId = f.baguette;
    every.customer.memberId = kBruno;
    every.quantity = 2;
    every.weekdays = {"tue", "wed", "thu", "fri", "sat"};
    const StandingResult morning = f.book.addStanding(&f.manager, every);
    REQUIRE(morning.ok());
    StandingRequest saturday = every;
    saturday.itemId = f.countryLoaf;
    saturday.quantity = 1;
    saturday.weekdays = {"sat"};
    REQUIRE(f.book.addStanding(&f.manager, saturday).ok());

    const SupplierList thursday = f.book.supplierList(f.baker, "2030-06-13");
    REQUIRE(thursday.orders.size() == 1);
    CHECK(thursday.orders[0].source == OrderSource::Standing);
    CHECK(thursday.orders[0].customerName == "Bruno Petit");
    CHECK(thursday.totalQuantity == 2);
    // Asked again (the manager's screen, the cut-off's round), the day has its order once.
    CHECK(f.book.supplierList(f.baker, "2030-06-13").orders.size() == 1);
    CHECK(f.book.pickupList("2030-06-13").toCollect.size() == 1);

    const SupplierList sat = f.book.supplierList(f.baker, "2030-06-15");
    REQUIRE(sat.items.size() == 2);
    CHECK(sat.items[0].itemName == "Baguette");
    CHECK(sat.items[0].quantity == 2);
    CHECK(sat.items[1].itemName == "Pain de campagne");
    CHECK(sat.items[1].quantity == 1);

    REQUIRE(f.book.pauseStanding(&f.manager, morning.standing->id, "2030-06-18", "2030-06-19").ok());
    const SupplierList paused = f.book.supplierList(f.baker, "2030-06-18");
    CHECK(paused.orders.empty());
    REQUIRE(paused.skipped.size() == 1);
    CHECK(paused.skipped[0].paused);
    CHECK(f.book.supplierList(f.baker, "2030-06-20").orders.size() == 1);
    CHECK(f.book.pauseStanding(&f.manager, morning.standing->id, "2030-06-19", "2030-06-18").error ==
          OrderError::RangeInvalid);
    // The standing order on a day the supplier does not deliver is refused when it is set up.
    auto monday = every;
    monday.weekdays = {"mon"};
    CHECK(f.book.addStanding(&f.manager, monday).error == OrderError::WeekdaysInvalid);
    monday.weekdays = {"tue"};
    monday.quantity = 0;
    CHECK(f.book.addStanding(&f.manager, monday).error == OrderError::QuantityInvalid);
}

TEST_CASE("a standing order falling on a holiday or a closed day is skipped with its reason, said ahead",
          "[orders][standing]") {
    OrdersFixture f;
    REQUIRE(f.book.addHoliday(&f.manager, f.baker, "2030-06-25", "2030-06-29").ok());
    StandingRequest friday;
    friday.supplierId = f.baker;
    friday.itemId = f.countryLoaf;
    friday.customer.memberId = kChantal;
    friday.quantity = 1;
    friday.weekdays = {"fri"};
    const StandingResult added = f.book.addStanding(&f.manager, friday);
    REQUIRE(added.ok());
    // Within four weeks: the café closed on the 21st, the baker away on the 28th.
    REQUIRE(added.skipsAhead.size() == 2);
    CHECK(added.skipsAhead[0].day == "2030-06-21");
    CHECK(added.skipsAhead[0].reason == OrderError::CafeClosed);
    CHECK(added.skipsAhead[1].day == "2030-06-28");
    CHECK(added.skipsAhead[1].reason == OrderError::SupplierHoliday);

    const SupplierList holiday = f.book.supplierList(f.baker, "2030-06-28");
    CHECK(holiday.orders.empty());
    REQUIRE(holiday.skipped.size() == 1);
    CHECK(holiday.skipped[0].reason == OrderError::SupplierHoliday);
    CHECK(holiday.skipped[0].customerName == "Chantal Roux");
    CHECK(f.book.supplierList(f.baker, "2030-06-14").orders.size() == 1);
    CHECK(f.count("SELECT count(*) FROM orders_order WHERE delivery_day = '2030-06-28'") == 0);
}

TEST_CASE("a holiday added after a standing order was made takes it back until the cut-off", "[orders][standing]") {
    OrdersFixture f;
    StandingRequest daily;
    daily.supplierId = f.baker;
    daily.itemId = f.baguette;
    daily.customer.memberId = kAnne;
    daily.quantity = 1;
    daily.weekdays = {"thu", "fri"};
    REQUIRE(f.book.addStanding(&f.manager, daily).ok());
    REQUIRE(f.book.supplierList(f.baker, "2030-06-13").orders.size() == 1);
    REQUIRE(f.book.supplierList(f.baker, "2030-06-14").orders.size() == 1);
    f.placed(f.request(f.baker, "2030-06-14", {{f.croissant, 2}}, kBruno));
    const SupplierChange holiday = f.book.addHoliday(&f.manager, f.baker, "2030-06-13", "2030-06-14");
    REQUIRE(holiday.ok());
    // Bruno's own order is kept, for the manager to call: the standing ones are made again (or skipped) alone.
    CHECK(holiday.openOrders == 1);
    CHECK(holiday.firstOpenDay == "2030-06-14");
    CHECK(f.book.supplierList(f.baker, "2030-06-13").orders.empty());
    CHECK(f.book.supplierList(f.baker, "2030-06-14").orders.size() == 1);
    CHECK(f.count("SELECT count(*) FROM orders_order WHERE state = 'cancelled'") == 2);
}

TEST_CASE("ending a standing order takes back its orders whose cut-off has not passed", "[orders][standing]") {
    OrdersFixture f;
    StandingRequest daily;
    daily.supplierId = f.baker;
    daily.itemId = f.baguette;
    daily.customer.memberId = kAnne;
    daily.quantity = 2;
    daily.weekdays = {"wed", "thu", "fri"};
    const StandingResult added = f.book.addStanding(&f.manager, daily);
    REQUIRE(added.ok());
    f.book.pickupList(kToday);
    f.book.supplierList(f.baker, "2030-06-13");
    REQUIRE(f.book.endStanding(&f.manager, added.standing->id).ok());
    // Today's was delivered already: it stays. Tomorrow's cut-off is 18:00 tonight: taken back.
    CHECK(f.book.pickupList(kToday).toCollect.size() == 1);
    CHECK(f.book.supplierList(f.baker, "2030-06-13").orders.empty());
    CHECK(f.book.supplierList(f.baker, "2030-06-14").orders.empty());
    CHECK(f.book.standingOrders(f.baker).empty());
}

TEST_CASE("the supplier's list totals each item and names each customer with their lines", "[orders][list]") {
    OrdersFixture f;
    f.placed(f.request(f.gardener, "2030-06-20", {{f.vegetableBox, 1}, {f.eggs, 2}}, kBruno));
    f.placed(f.request(f.gardener, "2030-06-20", {{f.eggs, 1}}, kAnne));
    auto oneOff = f.request(f.gardener, "2030-06-20", {{f.vegetableBox, 2}}, "");
    oneOff.customer.name = "Gîte des Tilleuls";
    f.placed(oneOff);
    f.placed(f.request(f.baker, "2030-06-20", {{f.baguette, 5}}, kAnne));

    const SupplierList list = f.book.supplierList(f.gardener, "2030-06-20");
    CHECK(list.supplier.name == "Les Jardins du Moulin");
    CHECK_FALSE(list.cutoffPassed);
    CHECK(list.cutoffMs == at("2030-06-18", "12:00"));
    REQUIRE(list.items.size() == 2);
    CHECK(list.items[0].itemName == "Panier de légumes");
    CHECK(list.items[0].quantity == 3);
    CHECK(list.items[0].amountCents == 4500);
    CHECK(list.items[1].itemName == "Œufs (6)");
    CHECK(list.items[1].quantity == 3);
    CHECK(list.items[1].amountCents == 840);
    CHECK(list.totalQuantity == 6);
    CHECK(list.totalCents == 5340);
    REQUIRE(list.orders.size() == 3);
    CHECK(list.orders[0].customerName == "Anne Martin");
    CHECK(list.orders[1].customerName == "Bruno Petit");
    CHECK(list.orders[1].lines.size() == 2);
    CHECK(list.orders[1].totalCents == 2060);
    CHECK(list.orders[2].customerName == "Gîte des Tilleuls");
    // A cancelled order leaves the list.
    REQUIRE(f.book.cancel(&f.manager, list.orders[0].id).ok());
    CHECK(f.book.supplierList(f.gardener, "2030-06-20").totalQuantity == 5);
    CHECK(f.book.cancel(&f.manager, list.orders[0].id).error == OrderError::NotOpen);
}

TEST_CASE("delivery day: handed over with how it was paid, what is left at closing is uncollected", "[orders][pickup]") {
    OrdersFixture f;
    const Order anne = f.placed(f.request(f.baker, "2030-06-13", {{f.baguette, 2}}, kAnne));
    const Order bruno = f.placed(f.request(f.baker, "2030-06-13", {{f.croissant, 4}}, kBruno));
    f.setNow("2030-06-13", "08:00");
    PickupList pickup = f.book.pickupList("2030-06-13");
    CHECK(pickup.toCollect.size() == 2);
    const OrderResult handed = f.book.collect(&f.manager, anne.id, OrderPayment::Cash);
    REQUIRE(handed.ok());
    CHECK(handed.order->state == OrderState::Collected);
    CHECK(handed.order->payment == OrderPayment::Cash);
    CHECK(*handed.order->collectedAt == at("2030-06-13", "08:00"));
    CHECK_FALSE(handed.accountEntry);
    CHECK(f.book.collect(&f.manager, anne.id, OrderPayment::Cash).error == OrderError::NotOpen);
    pickup = f.book.pickupList("2030-06-13");
    CHECK(pickup.toCollect.size() == 1);
    CHECK(pickup.collected.size() == 1);

    CHECK(f.book.uncollected().empty());
    f.setNow("2030-06-13", "19:00");  // closing_time
    const auto left = f.book.uncollected();
    REQUIRE(left.size() == 1);
    CHECK(left[0].id == bruno.id);
    f.setNow("2030-06-14", "09:00");
    CHECK(f.book.uncollected().size() == 1);
    // Collected the next morning after all: no longer uncollected.
    REQUIRE(f.book.collect(&f.manager, bruno.id, OrderPayment::Card).ok());
    CHECK(f.book.uncollected().empty());
    CHECK(f.audit("orders.collect").size() == 2);
}

TEST_CASE("an order put on the account is a charge, a settlement is an entry, entries are never edited",
          "[orders][account]") {
    OrdersFixture f;
    const Order first = f.placed(f.request(f.baker, "2030-06-13", {{f.baguette, 2}, {f.croissant, 2}}, kAnne));
    const Order second = f.placed(f.request(f.baker, "2030-06-14", {{f.countryLoaf, 1}}, kAnne));
    f.setNow("2030-06-13", "08:00");
    const OrderResult charged = f.book.collect(&f.manager, first.id, OrderPayment::Account);
    REQUIRE(charged.ok());
    REQUIRE(charged.accountEntry);
    CHECK(charged.accountEntry->amountCents == 460);
    CHECK(charged.accountBalance == 460);
    f.setNow("2030-06-14", "08:00");
    REQUIRE(f.book.collect(&f.manager, second.id, OrderPayment::Account).ok());
    CHECK(f.book.account(kAnne)->balanceCents == 780);

    const AccountResult paid = f.book.settle(&f.manager, kAnne, 500, OrderPayment::Cheque, "settle-1");
    REQUIRE(paid.ok());
    CHECK(paid.balanceCents == 280);
    CHECK(f.book.settle(&f.manager, kAnne, 500, OrderPayment::Cheque, "settle-1").alreadyRecorded);
    CHECK(f.book.settle(&f.manager, kAnne, 400, OrderPayment::Cheque, "settle-1").error == OrderError::KeyReused);
    CHECK(f.book.settle(&f.manager, kAnne, 0, OrderPayment::Cash).error == OrderError::AmountInvalid);
    CHECK(f.book.settle(&f.manager, kAnne, -5, OrderPayment::Cash).error == OrderError::AmountInvalid);
    CHECK(f.book.settle(&f.manager, kAnne, 100, OrderPayment::Account).error == OrderError::AmountInvalid);
    CHECK(f.book.settle(&f.manager, "nobody", 100, OrderPayment::Cash).error == OrderError::CustomerUnknown);
    REQUIRE(f.book.correctAccount(&f.manager, kAnne, -30, "croissant rassis remboursé").ok());

    const auto statement = f.book.account(kAnne);
    REQUIRE(statement);
    REQUIRE(statement->entries.size() == 4);
    CHECK(statement->entries[0].kind == vk::storage::AccountEntryKind::Charge);
    CHECK(statement->entries[0].orderId == first.id);
    CHECK(statement->entries[2].kind == vk::storage::AccountEntryKind::Settlement);
    CHECK(statement->entries[2].amountCents == -500);
    CHECK(statement->balanceCents == 250);
    CHECK(f.book.accountBalances() == std::vector<std::pair<std::string, std::int64_t>>{{kAnne, 250}});

    CHECK_THROWS_AS(f.db.sql().exec("UPDATE orders_account_entry SET amount_cents = 1"), SQLite::Exception);
    CHECK_THROWS_AS(f.db.sql().exec("DELETE FROM orders_account_entry"), SQLite::Exception);
    CHECK(f.count("SELECT count(*) FROM orders_account_entry") == 4);
}

TEST_CASE("a one-off customer has no account: the order stays open", "[orders][account]") {
    OrdersFixture f;
    auto oneOff = f.request(f.baker, "2030-06-13", {{f.countryLoaf, 1}}, "");
    oneOff.customer.name = "M. Blanc";
    const Order order = f.placed(oneOff);
    const OrderResult refused = f.book.collect(&f.manager, order.id, OrderPayment::Account);
    CHECK(refused.error == OrderError::AccountNeedsMember);
    CHECK(f.book.order(order.id)->state == OrderState::Open);
    CHECK(f.count("SELECT count(*) FROM orders_account_entry") == 0);
    CHECK(f.book.collect(&f.manager, "no-such-order", OrderPayment::Cash).error == OrderError::NotFound);
}

TEST_CASE("the month's counts: orders, items, customers and uncollected, cancelled ones left out", "[orders][counts]") {
    OrdersFixture f;
    const Order a = f.placed(f.request(f.baker, "2030-06-13", {{f.baguette, 2}, {f.croissant, 3}}, kAnne));
    f.placed(f.request(f.baker, "2030-06-14", {{f.baguette, 1}}, kAnne));
    const Order b = f.placed(f.request(f.gardener, "2030-06-20", {{f.vegetableBox, 1}}, kBruno));
    auto oneOff = f.request(f.baker, "2030-06-13", {{f.countryLoaf, 1}}, "");
    oneOff.customer.name = "M. Blanc";
    f.placed(oneOff);
    const Order cancelled = f.placed(f.request(f.baker, "2030-06-15", {{f.baguette, 9}}, kChantal));
    REQUIRE(f.book.cancel(&f.manager, cancelled.id).ok());
    f.placed(f.request(f.baker, "2030-07-02", {{f.baguette, 1}}, kChantal));

    f.setNow("2030-06-13", "09:00");
    REQUIRE(f.book.collect(&f.manager, a.id, OrderPayment::Cash).ok());
    f.setNow("2030-06-21", "10:00");
    REQUIRE(f.book.collect(&f.manager, b.id, OrderPayment::Cash).ok());
    const auto june = f.book.monthlyCounts("2030-06");
    REQUIRE(june);
    CHECK(june->counts.orders == 4);
    CHECK(june->counts.items == 8);
    CHECK(june->counts.customers == 3);
    CHECK(june->counts.collected == 2);
    CHECK(june->counts.uncollected == 2);  // Anne's Friday order and M. Blanc's loaf
    CHECK(f.book.monthlyCounts("2030-07")->counts.orders == 1);
    CHECK(f.book.monthlyCounts("2030-07")->counts.uncollected == 0);
    CHECK_FALSE(f.book.monthlyCounts("juin"));
    CHECK_FALSE(f.book.monthlyCounts("2030-13"));
}

TEST_CASE("a full disk refuses an order with a message and keeps nothing half written", "[orders][bad-input]") {
    OrdersFixture f;
    f.db.sql().exec("CREATE TRIGGER refuse_lines BEFORE INSERT ON orders_order_line BEGIN "
                    "SELECT RAISE(FAIL, 'database or disk is full'); END");
    const OrderResult result = f.book.place(&f.manager, f.request(f.baker, "2030-06-13", {{f.baguette, 1}}));
    CHECK(result.error == OrderError::StorageFailed);
    CHECK_FALSE(result.failure.empty());
    CHECK(f.count("SELECT count(*) FROM orders_order") == 0);
    CHECK(f.audit("orders.place").empty());
}
