#include "services/full_disk.h"
#include "services/parcels/parcels_fixture.h"

#include "kiosk/services/health/local_days.h"
#include "kiosk/services/postal/postal_area.h"

#include <optional>
#include <sstream>

using namespace vk;
using namespace vk::services;
using namespace vk::services::parcels;
using namespace vk::services::parcels::testing;

TEST_CASE("intake queues the arrival SMS and e-mail with the code and deadline, prints the label, and the resident "
          "collects it at the counter",
          "[parcels][intake][pickup]") {
    ParcelsFixture f;
    const Parcel parcel = f.received("MR00012345", "Jeanne Moulin", "06 12 34 56 78", "jeanne.moulin@example.fr");
    REQUIRE(parcel.pickupCode);
    CHECK(isPickupCodeShape(*parcel.pickupCode));
    CHECK(parcel.shelfPlace == "A1");
    CHECK(parcel.deadlineDay == "2030-06-17");  // Mondial Relay: 5 calendar days
    CHECK(parcel.recipientPhone == "0612345678");

    // Both messages sit in the outbox, with the code, the café and the last day, and can be queued only once.
    CHECK(f.count("SELECT count(*) FROM outbox_message WHERE related_id = '" + parcel.id + "'") == 2);
    const std::string sms = f.db.sql()
                                .execAndGet("SELECT body FROM outbox_message WHERE dedupe_key = 'parcel:" + parcel.id +
                                            ":arrival:sms'")
                                .getString();
    CHECK_THAT(sms, Catch::Contains(*parcel.pickupCode));
    CHECK_THAT(sms, Catch::Contains("Café de la Place"));
    CHECK_THAT(sms, Catch::Contains("17 juin"));
    CHECK(f.count("SELECT count(*) FROM outbox_message WHERE dedupe_key = 'parcel:" + parcel.id + ":arrival:email' "
                  "AND recipient = 'jeanne.moulin@example.fr'") == 1);

    // The shelf label carries the place, the code and a barcode of the code.
    const auto labels = f.printed("parcel_label");
    REQUIRE(labels.size() == 1);
    CHECK_THAT(receiptText(labels[0]), Catch::Contains("A1"));
    CHECK_THAT(receiptText(labels[0]), Catch::Contains("[barcode " + *parcel.pickupCode + "]"));

    // At the kiosk: the code sends her to the counter, and the counter sees what she asked for.
    f.clock.advanceMs(kDayMs);
    CHECK(f.pickup.request(*parcel.pickupCode) == PickupOutcome::GoToCounter);
    REQUIRE(f.pickup.recentRequests().size() == 1);
    CHECK(f.pickup.recentRequests()[0].code == *parcel.pickupCode);

    // At the counter: nothing leaves without an identity check.
    HandOverInput input;
    input.parcelIds = {parcel.id};
    CHECK(f.desk.handOver(&f.manager, input).error == ParcelError::IdNotChecked);
    input.idChecked = true;
    input.signature = {{{10, 10}, {40, 30}, {80, 12}}, {{20, 40}, {60, 40}}};
    const HandOverResult result = f.desk.handOver(&f.manager, input);
    REQUIRE(result.ok());
    const Parcel collected = *f.desk.find(parcel.id);
    CHECK(collected.status == ParcelStatus::PickedUp);
    CHECK(collected.idCheckedBy == "Julien Girard");
    CHECK_FALSE(collected.collectedByName);
    CHECK(decodeSignature(collected.signature) == input.signature);
    CHECK(f.desk.onShelf().empty());
    const auto proofs = f.printed("parcel_proof_of_delivery");
    REQUIRE(proofs.size() == 1);
    CHECK_THAT(receiptText(proofs[0]), Catch::Contains("Jeanne Moulin"));
    CHECK_THAT(receiptText(proofs[0]), Catch::Contains("Julien Girard"));
    // The same code now names nothing.
    CHECK(f.desk.onShelfByCode(*parcel.pickupCode).empty());
    CHECK(f.audit("parcels.hand_over").size() == 1);
}

TEST_CASE("a parcel taken by someone else for the recipient is recorded with that person's name",
          "[parcels][pickup]") {
    ParcelsFixture f;
    const Parcel parcel = f.received("MR00012345", "André Lefèvre", "0623456789");
    HandOverInput input;
    input.parcelIds = {parcel.id};
    input.idChecked = true;
    input.collectedBy = "Odile Mercier";
    REQUIRE(f.desk.handOver(&f.manager, input).ok());
    CHECK(f.desk.find(parcel.id)->collectedByName == "Odile Mercier");
    CHECK_THAT(receiptText(f.printed("parcel_proof_of_delivery").at(0)), Catch::Contains("Odile Mercier pour André Lefèvre"));
}

TEST_CASE("a second parcel for the same resident gets the same code, so that one code collects both",
          "[parcels][intake]") {
    ParcelsFixture f;
    const Parcel first = f.received("MR00000001", "Jeanne Moulin", "0612345678");
    const Parcel second = f.received("6A12345678901", "jeanne moulin", "06 12 34 56 78", "", "");
    CHECK(second.pickupCode == first.pickupCode);
    CHECK(second.shelfPlace == "A2");
    CHECK(f.desk.onShelfByCode(*first.pickupCode).size() == 2);
    const Parcel other = f.received("MR00000002", "Hélène Rousseau", "0254112233");
    CHECK(other.pickupCode != first.pickupCode);
}

TEST_CASE("cash on delivery is recorded and counted on the day it is collected", "[parcels][cod]") {
    ParcelsFixture f;
    IntakeInput input{"6A12345678901", "", "Manuel Da Silva", "0656789012", "", "", 4590};
    const IntakeResult received = f.desk.receive(&f.manager, input);
    REQUIRE(received.ok());
    CHECK(received.carrier->code == "colissimo");
    CHECK(f.desk.codCollectedCents(kDay) == 0);
    f.setDay(kDay, "17:30");
    const HandOverResult handed = f.desk.handOver(&f.manager, {{received.parcel->id}, true, "", {}});
    REQUIRE(handed.ok());
    CHECK(handed.codCents == 4590);
    CHECK(f.desk.codCollectedCents(kDay) == 4590);
    CHECK(f.desk.codCollectedCents(health::addDays(kDay, 1)) == 0);
    CHECK(formatEuros(4590) == "45,90 €");
}

TEST_CASE("a parcel past its deadline is listed for return per carrier by shelf place, reminded before, and the "
          "handover prints the manifest and frees the places",
          "[parcels][returns][reminders]") {
    ParcelsFixture f;
    const Parcel mondial = f.received("MR00000001", "Jeanne Moulin", "0612345678");
    const Parcel dpd = f.received("09445440123456", "Hélène Rousseau", "", "helene@example.fr", "");
    const Parcel mondial2 = f.received("MR00000002", "Gisèle Lemoine", "0254778899");
    REQUIRE(mondial.deadlineDay == "2030-06-17");
    REQUIRE(dpd.deadlineDay == "2030-06-19");

    auto reminders = [&](const std::string& purpose) {
        return f.count("SELECT count(*) FROM outbox_message WHERE purpose = 'parcel." + purpose + "'");
    };
    // Two days before the deadline: one reminder per message channel, however often the job runs.
    f.setDay("2030-06-15");
    CHECK(f.desk.queueReminders() == 2);
    CHECK(f.desk.queueReminders() == 0);
    CHECK(reminders("reminder") == 2);
    // The last day.
    f.setDay("2030-06-17");
    f.desk.queueReminders();
    CHECK(reminders("last_day") == 2);
    f.desk.queueReminders();
    CHECK(reminders("last_day") == 2);

    // Nothing is due on the last day itself; the morning after, the two Mondial Relay parcels are.
    CHECK(f.desk.dueForReturn().empty());
    f.setDay("2030-06-18", "08:00");
    const auto due = f.desk.dueForReturn();
    REQUIRE(due.size() == 1);
    CHECK(due[0].carrier.code == "mondial-relay");
    REQUIRE(due[0].parcels.size() == 2);
    CHECK(due[0].parcels[0].shelfPlace == "A1");
    CHECK(due[0].parcels[1].shelfPlace == "A3");

    const HandoverResult returned = f.desk.returnToCarrier(&f.manager, "mondial-relay");
    REQUIRE(returned.ok());
    CHECK(returned.parcels.size() == 2);
    CHECK(f.desk.find(mondial.id)->status == ParcelStatus::Returned);
    const auto manifests = f.printed("parcel_return_manifest");
    REQUIRE(manifests.size() == 1);
    CHECK_THAT(receiptText(manifests[0]), Catch::Contains("A1 | MR00000001"));
    CHECK_THAT(receiptText(manifests[0]), Catch::Contains("2 colis"));
    // The places are free again; the DPD parcel stays.
    CHECK(f.desk.suggestFreePlace() == "A1");
    CHECK(f.desk.onShelf().size() == 1);
    CHECK(f.desk.returnToCarrier(&f.manager, "mondial-relay").error == ParcelError::NothingToHandOver);
}

TEST_CASE("a prepaid parcel dropped off gets a proof of deposit and goes on the driver's manifest",
          "[parcels][outgoing]") {
    ParcelsFixture f;
    const DepositResult deposit = f.desk.deposit(&f.manager, {"RA123456785FR", "colissimo", false});
    REQUIRE(deposit.ok());
    const auto proof = f.printed("parcel_proof_of_deposit");
    REQUIRE(proof.size() == 1);
    CHECK_THAT(receiptText(proof[0]), Catch::Contains("RA123456785FR"));
    CHECK_THAT(receiptText(proof[0]), Catch::Contains("mercredi 12 juin 2030"));
    // Dropped twice by mistake: said, not stored twice.
    CHECK(f.desk.deposit(&f.manager, {"RA123456785FR", "colissimo", false}).error == ParcelError::AlreadyOnShelf);
    REQUIRE(f.desk.outgoingWaiting().size() == 1);
    const HandoverResult handed = f.desk.handOverOutgoing(&f.manager, "colissimo");
    REQUIRE(handed.ok());
    CHECK(f.desk.find(deposit.parcel->id)->status == ParcelStatus::Collected);
    CHECK_THAT(receiptText(f.printed("parcel_outgoing_manifest").at(0)), Catch::Contains("RA123456785FR"));
    CHECK(f.desk.outgoingWaiting().empty());
}

TEST_CASE("scanning a parcel already on the shelf says where it is", "[parcels][intake]") {
    ParcelsFixture f;
    f.received("MR00012345", "Jeanne Moulin", "0612345678");
    const IntakeResult again = f.receive("mr 0001 2345", "Jeanne Moulin", "0612345678");
    CHECK(again.error == ParcelError::AlreadyOnShelf);
    REQUIRE(again.parcel);
    CHECK(again.parcel->shelfPlace == "A1");
    CHECK(f.count("SELECT count(*) FROM parcel") == 1);
}

TEST_CASE("a number that does not say its carrier is asked for, one that does is recognised", "[parcels][intake]") {
    ParcelsFixture f;
    CHECK(f.receive("12345678", "Jeanne Moulin", "0612345678", "", "").error == ParcelError::CarrierNeeded);
    CHECK(f.receive("Z1234567890", "Jeanne Moulin", "0612345678", "", "").carrier->code == "packeta");
    CHECK(f.receive("12345679", "Jeanne Moulin", "0612345678", "", "ups").error == ParcelError::CarrierUnknown);
}

TEST_CASE("a mis-scanned S10 number is refused unless the manager confirms it", "[parcels][intake][bad-input]") {
    ParcelsFixture f;
    CHECK(f.receive("RA123456784FR", "Jeanne Moulin", "0612345678", "", "colissimo").error == ParcelError::MisScan);
    CHECK(f.count("SELECT count(*) FROM parcel") == 0);
    IntakeInput input{"RA123456784FR", "colissimo", "Jeanne Moulin", "0612345678", "", "", 0, true};
    CHECK(f.desk.receive(&f.manager, input).ok());
}

TEST_CASE("an unreadable barcode or a 500-character number stores nothing and says why",
          "[parcels][intake][bad-input]") {
    ParcelsFixture f;
    CHECK(f.receive("\x02\x1b" "MR0001", "Jeanne Moulin", "0612345678").error == ParcelError::TrackingUnreadable);
    CHECK(f.receive(std::string(500, 'X'), "Jeanne Moulin", "0612345678").error == ParcelError::TrackingTooLong);
    CHECK(f.count("SELECT count(*) FROM parcel") == 0);
    CHECK(f.count("SELECT count(*) FROM outbox_message") == 0);
    CHECK(f.printer.lastReceipts().empty());
}

TEST_CASE("a name with control characters is stored without them, and an empty or 10 000-character one is refused",
          "[parcels][intake][bad-input]") {
    ParcelsFixture f;
    const Parcel parcel = f.received("MR00000001", "Jeanne\x1b[31m\r\n Moulin\x07", "0612345678");
    CHECK(parcel.recipientName == "Jeanne[31m Moulin");
    CHECK(f.receive("MR00000002", "   ", "0612345678").error == ParcelError::NameMissing);
    CHECK(f.receive("MR00000003", std::string(10'000, 'a'), "0612345678").error == ParcelError::NameTooLong);
    CHECK(f.count("SELECT count(*) FROM parcel") == 1);
}

TEST_CASE("an e-mail address with a line break is refused, and nothing is stored or queued",
          "[parcels][intake][bad-input]") {
    ParcelsFixture f;
    CHECK(f.receive("MR00000001", "Jeanne Moulin", "", "jeanne@example.fr\r\nBcc: all@example.fr").error ==
          ParcelError::EmailInvalid);
    CHECK(f.receive("MR00000001", "Jeanne Moulin", "", "jeanne at example").error == ParcelError::EmailInvalid);
    CHECK(f.receive("MR00000001", "Jeanne Moulin", "06 12 ab", "").error == ParcelError::PhoneInvalid);
    CHECK(f.count("SELECT count(*) FROM parcel") == 0);
    CHECK(f.count("SELECT count(*) FROM outbox_message") == 0);
}

TEST_CASE("a full shelf says so and still takes a typed place or the floor", "[parcels][intake][bad-input]") {
    ParcelsFixture f;  // six places
    for (int i = 1; i <= 6; ++i) f.received("MR0000000" + std::to_string(i), "Résident " + std::to_string(i), "0612345678");
    CHECK_FALSE(f.desk.suggestFreePlace());
    CHECK(f.receive("MR00000007", "Jeanne Moulin", "0612345678").error == ParcelError::ShelfFull);
    IntakeInput onA2{"MR00000007", "mondial-relay", "Jeanne Moulin", "0612345678", "", "a2", 0, false};
    const IntakeResult shared = f.desk.receive(&f.manager, onA2);
    REQUIRE(shared.ok());
    CHECK(shared.parcel->shelfPlace == "A2");
    IntakeInput onFloor{"MR00000008", "mondial-relay", "André Lefèvre", "0623456789", "", "floor", 0, false};
    CHECK(f.desk.receive(&f.manager, onFloor).parcel->shelfPlace == "SOL");
    IntakeInput nowhere{"MR00000009", "mondial-relay", "André Lefèvre", "0623456789", "", "Z99", 0, false};
    CHECK(f.desk.receive(&f.manager, nowhere).error == ParcelError::PlaceInvalid);
}

TEST_CASE("a full disk during intake keeps neither the parcel nor its messages nor a label, and the next try works",
          "[parcels][intake][bad-input]") {
    ParcelsFixture f(ParcelsSettings{});  // 30 places
    vk::testing::fillDisk(f.db);
    // The first intakes may still fit in pages the tables already have; the disk runs out within a few.
    std::optional<IntakeResult> failed;
    std::string tracking;
    for (int i = 0; i < 200 && !failed; ++i) {
        tracking = "MR" + std::to_string(10'000'000 + i);
        const int parcels = f.count("SELECT count(*) FROM parcel");
        const int messages = f.count("SELECT count(*) FROM outbox_message");
        const std::size_t labels = f.printed("parcel_label").size();
        IntakeResult result = f.receive(tracking, "Jeanne Moulin " + std::to_string(i), "0612345678",
                                        "jeanne" + std::to_string(i) + "@example.fr");
        if (result.ok()) continue;
        CHECK(f.count("SELECT count(*) FROM parcel") == parcels);
        CHECK(f.count("SELECT count(*) FROM outbox_message") == messages);
        CHECK(f.printed("parcel_label").size() == labels);
        failed = std::move(result);
    }
    REQUIRE(failed);
    CHECK(failed->error == ParcelError::StorageFailed);
    CHECK_THAT(failed->failure, Catch::Contains("disk is full"));
    vk::testing::freeDisk(f.db);
    const IntakeResult retried = f.receive(tracking, "Jeanne Moulin", "0612345678", "jeanne@example.fr");
    CHECK(retried.ok());
    CHECK(f.count("SELECT count(*) FROM outbox_message WHERE related_id = '" + retried.parcel->id + "'") == 2);
}

TEST_CASE("a resident without phone nor e-mail goes on the printable call list", "[parcels][intake]") {
    ParcelsFixture f;
    const IntakeResult result = f.receive("MR00000001", "Rose Martin");
    REQUIRE(result.ok());
    CHECK(result.onCallList);
    CHECK(result.messagesQueued == 0);
    f.received("MR00000002", "Jeanne Moulin", "0612345678");
    REQUIRE(f.desk.callList().size() == 1);
    CHECK(f.desk.callList()[0].recipientName == "Rose Martin");
    f.desk.printCallList();
    CHECK_THAT(receiptText(f.printed("parcel_call_list").at(0)), Catch::Contains("Rose Martin"));
}

TEST_CASE("only the café manager or an admin runs the relay point", "[parcels][staff]") {
    ParcelsFixture f;
    IntakeInput input{"MR00000001", "mondial-relay", "Jeanne Moulin", "0612345678", "", "", 0, false};
    CHECK(f.desk.receive(&f.assistant, input).error == ParcelError::NotAllowed);
    CHECK(f.desk.receive(nullptr, input).error == ParcelError::NotAllowed);
    CHECK(f.count("SELECT count(*) FROM parcel") == 0);
    CHECK(f.audit("parcels.refused").size() == 2);
}

TEST_CASE("the manager's correction of a carrier's hold period applies to the next parcel", "[parcels][carriers]") {
    ParcelsFixture f;
    Carrier mondial = *f.desk.carrier("mondial-relay");
    CHECK(mondial.holdDays == 5);
    mondial.holdDays = 8;
    mondial.holdBasis = storage::HoldBasis::OpeningDays;
    REQUIRE(f.desk.updateCarrier(&f.manager, mondial) == ParcelError::None);
    CHECK(f.received("MR00000001", "Jeanne Moulin", "0612345678").deadlineDay == "2030-06-20");
    CHECK(f.desk.carriers().size() == 6);
}

TEST_CASE("the lookups by tracking number, by code and the returns list use their indexes", "[parcels][storage]") {
    ParcelsFixture f;
    for (const std::string& plan : f.desk.store().lookupQueryPlans()) {
        INFO(plan);
        CHECK_THAT(plan, Catch::Contains("USING INDEX") || Catch::Contains("USING COVERING INDEX"));
    }
}

TEST_CASE("the export lists every parcel and a name cannot start a spreadsheet formula", "[parcels][export]") {
    ParcelsFixture f;
    f.received("MR00000001", "=HYPERLINK(\"x\")", "0612345678");
    f.received("MR00000002", "Jeanne; Moulin", "0612345678");
    std::ostringstream csv;
    f.desk.writeCsv(csv);
    CHECK_THAT(csv.str(), Catch::StartsWith("id;direction;carrier;tracking"));
    CHECK_THAT(csv.str(), Catch::Contains("\"'=HYPERLINK(\"\"x\"\")\""));
    CHECK_THAT(csv.str(), Catch::Contains("\"Jeanne; Moulin\""));
}

TEST_CASE("the postal counter's closing counts the cash the relay point collected on delivery that day", "[parcels][cod][postal]") {
    ParcelsFixture f;
    IntakeInput input{"6A12345678901", "", "Manuel Da Silva", "0656789012", "", "", 4590};
    const IntakeResult received = f.desk.receive(&f.manager, input);
    REQUIRE(received.ok());
    f.setDay(kDay, "17:30");
    REQUIRE(f.desk.handOver(&f.manager, {{received.parcel->id}, true, "", {}}).ok());
    // The postal area reads the same ledger, without the simulated source of its own tests.
    postal::RelayPointCashOnDelivery relayPoint(f.db);
    CHECK(relayPoint.codCollectedCents(kDay) == 4590);
    postal::PostalCounter counter(f.db, f.clock, f.staff);
    counter.seedDefaultCatalogue();
    CHECK(counter.report(kDay, &relayPoint).codCents == 4590);
    CHECK(counter.report(health::addDays(kDay, 1), &relayPoint).codCents == 0);
}
