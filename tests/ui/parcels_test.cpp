#include "hardware/reader_events.h"
#include "kiosk/screens/parcels/parcels_screens.h"
#include "kiosk/services/parcels/parcels_area.h"
#include "ui_fixture.h"

using namespace vk;
using vk::test::UiFixture;

namespace {

services::parcels::ParcelsServices& parcels(UiFixture& f) { return f.runtime.area<services::parcels::ParcelsServices>(); }

void typeCode(UiFixture& f, const std::string& code) {
    for (const char c : code) f.tap(std::string("parcels.key.") + c);
}

}  // namespace

TEST_CASE("a resident types the code of the SMS and is sent to the counter, and the manager hands the parcel over "
          "after the identity check",
          "[ui][parcels]") {
    UiFixture f;
    f.tap("home.tile.parcels");
    CHECK(f.kiosk.state().screen == screens::kParcelPickupScreen);
    typeCode(f, "K7M4PQ");
    f.tap("parcels.key.ok");
    CHECK(f.kiosk.shows("Présentez-vous au comptoir"));
    // Nothing of the parcel reaches the public screen.
    CHECK_FALSE(f.kiosk.shows("Moulin"));
    CHECK_FALSE(f.kiosk.shows("A1"));
    f.tap("parcels.pickup.finish");

    f.signIn("Julien Girard", "1357");
    f.tap("staff.home.parcels");
    CHECK(f.kiosk.state().screen == screens::kParcelIntakeScreen);
    f.tap("parcels.tab.counter");
    f.tap("parcels.counter.request.K7M4PQ");
    CHECK(f.kiosk.shows("A1  Jeanne Moulin"));
    CHECK(f.kiosk.find("parcels.counter.hand_over"));
    f.tap("parcels.counter.id_checked");
    f.tap("parcels.counter.hand_over");
    CHECK(f.kiosk.shows("1 colis remis"));
    CHECK(parcels(f).desk.onShelfByCode("K7M4PQ").empty());
}

TEST_CASE("the manager scans a parcel, types the name and the label prints with the code", "[ui][parcels][intake]") {
    UiFixture f;
    f.signIn("Julien Girard", "1357");
    f.tap("staff.home.parcels");
    hardware::SimulatedReader(f.runtime.readers).scanBarcode("6A99999999999");
    f.kiosk.frames(2);
    CHECK(f.kiosk.shows("Colissimo"));  // recognised from the number
    for (const char* key : {"kbd.r", "kbd.o", "kbd.s", "kbd.e"}) f.tap(key);
    f.tap("parcels.intake.save");
    CHECK(f.kiosk.shows("Rangé en"));
    const auto onShelf = parcels(f).desk.store().onShelfByTracking("6A99999999999");
    REQUIRE(onShelf);
    CHECK(onShelf->recipientName == "Rose");
    bool label = false;
    for (const auto& receipt : f.runtime.previewPrinter->lastReceipts()) label |= receipt.kind == "parcel_label";
    CHECK(label);
    // The same scan again says where it already is.
    hardware::SimulatedReader(f.runtime.readers).scanBarcode("6A99999999999");
    f.kiosk.frames(2);
    for (const char* key : {"kbd.r", "kbd.o"}) f.tap(key);
    f.tap("parcels.intake.save");
    CHECK(f.kiosk.shows("déjà en rayon, place " + *onShelf->shelfPlace));
}

TEST_CASE("the morning's returns are listed per carrier and handed to the driver", "[ui][parcels][returns]") {
    UiFixture f;
    f.signIn("Julien Girard", "1357");
    f.tap("staff.home.parcels");
    f.tap("parcels.tab.returns");
    CHECK(f.kiosk.shows("Pickup / Chronopost : 1 colis"));
    f.tap("parcels.returns.hand_over.chronopost");
    CHECK(f.kiosk.shows("1 colis remis à Pickup / Chronopost"));
    CHECK(f.kiosk.shows("Aucun colis à retourner aujourd’hui."));
}

TEST_CASE("ten wrong codes on the public keypad leave every answer at « go to the counter »",
          "[ui][parcels][bad-input]") {
    UiFixture f;
    f.tap("home.tile.parcels");
    for (int i = 0; i < 10; ++i) {
        typeCode(f, "AAAAAA");
        f.tap("parcels.key.ok");
        CHECK(f.kiosk.shows("Nous ne trouvons pas ce code."));
        f.tap("parcels.pickup.retry");
    }
    typeCode(f, "AAAAAA");
    f.tap("parcels.key.ok");
    CHECK(f.kiosk.shows("Présentez-vous au comptoir"));
}

TEST_CASE("the recipient signs on the counter screen and the signature is kept with the pickup", "[ui][parcels][pickup]") {
    UiFixture f;
    f.signIn("Julien Girard", "1357");
    f.tap("staff.home.parcels");
    f.tap("parcels.tab.counter");
    // The customer shows the code's barcode from the SMS.
    hardware::SimulatedReader(f.runtime.readers).scanBarcode("K7M4PQ");
    f.kiosk.frames(2);
    CHECK(f.kiosk.shows("A1  Jeanne Moulin"));
    f.tap("parcels.counter.sign");
    // A stroke across the pad, as a finger draws it.
    const float w = static_cast<float>(f.kiosk.width());
    const float y = static_cast<float>(f.kiosk.height()) * 0.55f;
    f.kiosk.drag(w * 0.3f, y, w * 0.6f, y - 40.0f, 6);
    f.tap("parcels.counter.signature_done");
    CHECK(f.kiosk.shows("Signature prise"));
    f.tap("parcels.counter.id_checked");
    f.tap("parcels.counter.hand_over");
    CHECK(f.kiosk.shows("1 colis remis"));
    const auto picked = parcels(f).desk.withStatus(storage::ParcelStatus::PickedUp);
    REQUIRE(picked.size() == 1);
    const auto signature = services::parcels::decodeSignature(picked[0].signature);
    REQUIRE(signature.size() == 1);
    CHECK(signature[0].size() >= 3);
}

TEST_CASE("a cash-on-delivery parcel's amount is typed at intake, for carriers that collect it", "[ui][parcels][intake][cod]") {
    UiFixture f(1024, 600);
    f.signIn("Julien Girard", "1357");
    f.tap("staff.home.parcels");
    // Mondial Relay collects no cash on delivery: no amount to type.
    hardware::SimulatedReader(f.runtime.readers).scanBarcode("MR12345678");
    f.kiosk.frames(2);
    f.tap("parcels.intake.carrier");
    f.tap("parcels.intake.carrier.mondial-relay");
    CHECK_FALSE(f.kiosk.find("parcels.intake.cod"));
    f.tap("parcels.intake.clear");
    // Colissimo does.
    hardware::SimulatedReader(f.runtime.readers).scanBarcode("6A55555555555");
    f.kiosk.frames(2);
    for (const char* key : {"kbd.r", "kbd.o", "kbd.s", "kbd.e"}) f.tap(key);
    f.tap("parcels.intake.cod");
    for (const char* key : {"0", "4", "5", "9", "0"}) f.tap(std::string("parcels.intake.cod.") + key);
    CHECK(f.kiosk.shows("45,90 €"));
    if (const char* dir = std::getenv("VK_SCREENSHOT_DIR")) f.kiosk.savePng(std::string(dir) + "/parcels-intake-cod.png");
    for (const auto& item : f.kiosk.drawn()) {
        INFO(item.id << " « " << item.text << " »");
        CHECK_FALSE(item.overflows);
        CHECK(item.max.y <= 600.5f);
    }
    if (const char* dir = std::getenv("VK_SCREENSHOT_DIR")) f.kiosk.savePng(std::string(dir) + "/parcels-intake-cod.png");
    f.tap("parcels.intake.cod.ok");
    CHECK(f.kiosk.shows("Rangé en"));
    const auto parcel = parcels(f).desk.store().onShelfByTracking("6A55555555555");
    REQUIRE(parcel);
    CHECK(parcel->codCents == 4590);
}
