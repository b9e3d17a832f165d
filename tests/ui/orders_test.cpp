// Orders at the counter, tapped through headless on the demo village: a resident orders bread at the kiosk (name and
// code, the baker, the day, the quantity on the keypad), a double tap orders once; the café manager's day hands an
// order over on the member's account and prints the baker's list; the manager adds an item to a catalogue.
// Pictures go to VK_SCREENSHOT_DIR when it is set.

#include "hardware/escpos/printer_profiles.h"
#include "hardware/receipt_preview.h"
#include "kiosk/screens/orders/orders_screens.h"
#include "kiosk/services/orders/orders_area.h"
#include "ui_fixture.h"

#include <cctype>
#include <cstdlib>
#include <filesystem>

using namespace vk;
using vk::test::UiFixture;

namespace {

services::orders::OrdersServices& ordersArea(UiFixture& f) { return f.runtime.area<services::orders::OrdersServices>(); }

std::string supplierId(UiFixture& f, const std::string& name) {
    for (const auto& supplier : ordersArea(f).book.suppliers())
        if (supplier.name == name) return supplier.id;
    FAIL("no demo supplier " << name);
    return {};
}

std::string itemId(UiFixture& f, const std::string& supplier, const std::string& name) {
    for (const auto& item : ordersArea(f).book.catalogue(supplier))
        if (item.name == name) return item.id;
    FAIL("no item " << name);
    return {};
}

void typeText(UiFixture& f, const std::string& text) {
    for (const char c : text) {
        if (c == ' ')
            f.tap("kbd.space");
        else
            f.tap(std::string("kbd.") + static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
}

void typeDigits(UiFixture& f, const std::string& digits) {
    for (const char digit : digits) f.tap(std::string("pad.") + digit);
}

void checkFits(UiFixture& f, const char* step) {
    f.kiosk.frames(2);
    for (const auto& item : f.kiosk.drawn()) {
        INFO(step << " at " << f.kiosk.width() << "x" << f.kiosk.height() << ": " << item.id << " « " << item.text << " »");
        CHECK_FALSE(item.overflows);
        CHECK(item.max.y <= static_cast<float>(f.kiosk.height()) + 0.5f);
        CHECK(item.max.x <= static_cast<float>(f.kiosk.width()) + 0.5f);
    }
}

void capture(UiFixture& f, const char* name) {
    checkFits(f, name);
    if (const char* dir = std::getenv("VK_SCREENSHOT_DIR"))
        CHECK(f.kiosk.savePng(std::filesystem::path(dir) / (std::string(name) + ".png")));
}

// Marcel Roux, by name and code, orders `quantity` baguettes from the baker for the first day offered.
void orderBaguettes(UiFixture& f, const std::string& quantity, bool withPictures = false) {
    f.tap("home.tile.orders");
    REQUIRE(f.kiosk.state().screen == screens::kOrdersOrderScreen);
    if (withPictures) capture(f, "orders-identify");
    checkFits(f, "who");
    typeText(f, "Marcel Roux");
    f.tap("kbd.done");
    typeDigits(f, "3579");
    f.tap("pad.ok");
    CHECK(f.kiosk.shows("Pour Marcel Roux"));
    if (withPictures) capture(f, "orders-supplier");
    checkFits(f, "supplier");
    f.tap("orders.supplier.0");  // Boulangerie Morel, first by name
    CHECK(f.kiosk.shows("Pour quel jour ?"));
    if (withPictures) capture(f, "orders-day");
    checkFits(f, "day");
    f.tap("orders.day.0");
    const std::string baker = supplierId(f, "Boulangerie Morel");
    f.tap("orders.item." + itemId(f, baker, "Baguette"));
    typeDigits(f, quantity);
    CHECK(f.kiosk.shows("Total : " + services::orders::formatCents(110 * std::stoi(quantity))));
    if (withPictures) capture(f, "orders-items");
    checkFits(f, "items");
    f.tap("pad.ok");
    CHECK(f.kiosk.shows("Vérifiez la commande"));
    if (withPictures) capture(f, "orders-confirm");
    checkFits(f, "confirm");
}

int baguettesOf(UiFixture& f, const std::string& customer) {
    const std::string baker = supplierId(f, "Boulangerie Morel");
    const std::string day = ordersArea(f).book.calendarOf(baker)->nextPossibleDay("", f.clock.nowMs());
    int quantity = 0;
    for (const auto& order : ordersArea(f).book.supplierList(baker, day).orders)
        if (order.customerName == customer)
            for (const auto& line : order.lines) quantity += line.quantity;
    return quantity;
}

}  // namespace

TEST_CASE("a resident orders bread at the kiosk by name and code, and a double tap orders once",
          "[ui][orders][screenshots]") {
    UiFixture f(1024, 600);
    const int before = baguettesOf(f, "Marcel Roux");
    orderBaguettes(f, "3", true);
    const ui::DrawnItem* confirm = f.kiosk.find("orders.confirm");
    REQUIRE(confirm);
    const ImVec2 at = confirm->center();
    f.kiosk.tapAt(at.x, at.y);
    f.kiosk.tapAt(at.x, at.y);  // the finger again, where the button was
    f.kiosk.frames(2);
    CHECK(f.kiosk.shows("Commande enregistrée"));
    capture(f, "orders-done");
    CHECK(baguettesOf(f, "Marcel Roux") == before + 3);
    f.tap("orders.finish");
    CHECK(f.kiosk.state().screen == app::kHomeScreen);
}

TEST_CASE("a quantity of zero cannot be ordered, and a wrong code is refused", "[ui][orders][bad-input]") {
    UiFixture f(1024, 600);
    f.tap("home.tile.orders");
    typeText(f, "Marcel Roux");
    f.tap("kbd.done");
    typeDigits(f, "0000");
    f.tap("pad.ok");
    CHECK(f.kiosk.shows("Nom ou code incorrect. Vérifiez et réessayez."));
    typeDigits(f, "3579");
    f.tap("pad.ok");
    f.tap("orders.supplier.0");
    f.tap("orders.day.0");
    typeDigits(f, "0");
    f.tap("pad.ok");  // disabled: nothing is chosen yet
    CHECK(f.kiosk.shows("Combien ?"));
    CHECK_FALSE(f.kiosk.shows("Vérifiez la commande"));
}

TEST_CASE("the café manager's day: hand an order over on the account, print the baker's list",
          "[ui][orders][screenshots]") {
    UiFixture f(1024, 600);
    f.signIn("Julien Girard", "1357");
    f.tap("staff.home.orders");
    REQUIRE(f.kiosk.state().screen == screens::kOrdersDayScreen);
    CHECK(f.kiosk.shows("Lucienne Fabre  ·  2,20 €"));
    capture(f, "orders-day-pickup");
    const auto pickup = ordersArea(f).book.pickupList(ordersArea(f).book.today());
    std::string lucienne;
    for (const auto& order : pickup.toCollect)
        if (order.customerName == "Lucienne Fabre") lucienne = order.id;
    REQUIRE_FALSE(lucienne.empty());
    f.tap("orders.hand_over." + lucienne);
    checkFits(f, "payment");
    f.tap("orders.paid.account");
    CHECK(f.kiosk.shows("Remis à Lucienne Fabre ; sur son compte : 2,20 € à régler."));
    CHECK(ordersArea(f).book.order(lucienne)->state == services::orders::OrderState::Collected);

    f.tap("orders.tab.suppliers");
    CHECK(f.kiosk.shows("Boulangerie Morel"));
    capture(f, "orders-day-suppliers");
    const std::size_t printedBefore = f.runtime.previewPrinter->lastReceipts().size();
    f.tap("orders.print.0");
    CHECK(f.kiosk.shows("Liste envoyée à l’imprimante."));
    const auto receipts = f.runtime.previewPrinter->lastReceipts();
    REQUIRE(receipts.size() == printedBefore + 1);
    CHECK(receipts.back().kind == "orders_supplier_list");
    if (const char* dir = std::getenv("VK_SCREENSHOT_DIR"))
        CHECK(hardware::writePreviewPng(receipts.back(), *hardware::escpos::findPrinterProfile("generic-80"),
                                        std::filesystem::path(dir) / "orders-list-receipt.png"));
    f.tap("orders.tab.uncollected");
    checkFits(f, "uncollected");
}

TEST_CASE("the manager adds an item to the baker's catalogue and stops selling another", "[ui][orders][screenshots]") {
    UiFixture f(1024, 600);
    f.signIn("Julien Girard", "1357");
    f.tap("staff.home.orders");
    f.tap("orders.day.suppliers");
    REQUIRE(f.kiosk.state().screen == screens::kOrdersSuppliersScreen);
    capture(f, "orders-suppliers");
    const std::string baker = supplierId(f, "Boulangerie Morel");
    f.tap("orders.suppliers.tab_catalogue");
    f.tap("orders.suppliers.add_item");
    typeText(f, "Brioche");
    f.tap("kbd.done");
    typeDigits(f, "450");
    CHECK(f.kiosk.shows("4,50 €"));
    checkFits(f, "price");
    f.tap("pad.ok");
    f.kiosk.frames(2);
    CHECK(f.kiosk.shows("ajouté au catalogue"));
    CHECK(ordersArea(f).book.catalogue(baker).size() == 5);
    f.tap("orders.suppliers.sold." + itemId(f, baker, "Croissant"));
    f.kiosk.frames(2);
    CHECK(ordersArea(f).book.catalogue(baker).size() == 4);
    CHECK(f.kiosk.shows("Encore dans 2 commandes à livrer : elles sont gardées."));
}

TEST_CASE("a phone order at the counter: the manager picks the member by name, no code needed", "[ui][orders]") {
    UiFixture f(1024, 600);
    const int before = baguettesOf(f, "Marcel Roux");
    f.signIn("Julien Girard", "1357");
    f.tap("staff.home.orders");
    f.tap("orders.day.phone_order");
    f.tap("orders.one_off");
    typeText(f, "marc");
    CHECK(f.kiosk.shows("Marcel Roux"));
    checkFits(f, "member picked by name");
    f.tap("orders.member.0");
    CHECK(f.kiosk.shows("Pour Marcel Roux"));
    f.tap("orders.supplier.0");
    f.tap("orders.day.0");
    typeDigits(f, "4");
    f.tap("pad.ok");
    f.tap("orders.confirm");
    CHECK(f.kiosk.shows("Commande enregistrée"));
    CHECK(baguettesOf(f, "Marcel Roux") == before + 4);
    f.tap("orders.finish");
    CHECK(f.kiosk.state().screen == screens::kOrdersDayScreen);
}

TEST_CASE("every orders screen fits the small screen in English too", "[ui][orders]") {
    services::KioskConfig config;
    config.language = "en";
    UiFixture f(1024, 600, config);
    f.signIn("Julien Girard", "1357");
    f.tap("staff.home.orders");
    checkFits(f, "day");
    f.tap("orders.tab.suppliers");
    checkFits(f, "suppliers tab");
    f.tap("orders.day.suppliers");
    checkFits(f, "suppliers");
    f.tap("orders.suppliers.pick.1");
    checkFits(f, "farm");
    f.tap("orders.suppliers.tab_catalogue");
    checkFits(f, "farm catalogue");
    f.kiosk.ui().openScreen(screens::kOrdersDayScreen);
    f.kiosk.frames(2);
    f.tap("orders.day.phone_order");
    f.tap("orders.one_off");
    typeText(f, "Walk in");
    f.tap("kbd.done");
    f.tap("orders.supplier.1");
    checkFits(f, "farm day");
    f.tap("orders.day.0");
    checkFits(f, "farm items");
}
