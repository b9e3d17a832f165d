#include "services/parcels/parcels_fixture.h"

using namespace vk::services;
using namespace vk::services::parcels;
using namespace vk::services::parcels::testing;

TEST_CASE("the public keypad takes the code typed loosely or scanned, and tells nothing but « go to the counter »",
          "[parcels][pickup]") {
    ParcelsFixture f;
    const Parcel parcel = f.received("MR00012345", "Jeanne Moulin", "0612345678");
    const std::string code = *parcel.pickupCode;
    std::string loose = code.substr(0, 3) + " " + code.substr(3);
    for (char& c : loose) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    CHECK(f.pickup.request(loose) == PickupOutcome::GoToCounter);
    CHECK(f.pickup.request(code + "\r\n") == PickupOutcome::GoToCounter);  // the scanner's Enter
    CHECK(f.pickup.recentRequests().size() == 1);
    CHECK(f.pickup.request("AAA") == PickupOutcome::InvalidInput);
}

TEST_CASE("ten wrong codes pause the lookups without turning away the next resident who types a right one",
          "[parcels][pickup][bad-input]") {
    ParcelsFixture f;
    const Parcel parcel = f.received("MR00012345", "Jeanne Moulin", "0612345678");
    const std::string code = *parcel.pickupCode;
    const std::string wrong = code == "AAAAAA" ? "CCCCCC" : "AAAAAA";
    for (int i = 0; i < 9; ++i) {
        CHECK(f.pickup.request(wrong) == PickupOutcome::UnknownCode);
        f.clock.advanceMs(10'000);
    }
    CHECK_FALSE(f.pickup.pausing());
    CHECK(f.pickup.request(wrong) == PickupOutcome::UnknownCode);
    CHECK(f.pickup.pausing());
    CHECK(f.audit("parcels.code_paused").size() == 1);
    // While paused, a guess learns nothing: right and wrong get the same answer…
    CHECK(f.pickup.request(wrong) == PickupOutcome::GoToCounter);
    // …and Jeanne, typing her own code, is sent to the counter as always, where her code is waiting.
    CHECK(f.pickup.request(code) == PickupOutcome::GoToCounter);
    REQUIRE(f.pickup.recentRequests().size() == 1);
    CHECK(f.pickup.recentRequests()[0].code == code);
    // After the pause, wrong codes are told wrong again.
    f.clock.advanceMs(6 * kMinute);
    CHECK_FALSE(f.pickup.pausing());
    CHECK(f.pickup.request(wrong) == PickupOutcome::UnknownCode);
}

TEST_CASE("wrong codes spread over the day never pause the keypad", "[parcels][pickup]") {
    ParcelsFixture f;
    for (int i = 0; i < 30; ++i) {
        CHECK(f.pickup.request("AAAAAA") == PickupOutcome::UnknownCode);
        f.clock.advanceMs(2 * kMinute);
    }
    CHECK_FALSE(f.pickup.pausing());
}
