#pragma once
// Orders in memory on Wednesday 12 June 2030 at 10:00 local time: the café open Monday to Saturday and closed
// on Friday 21 June, a baker (Tuesday to Saturday, before 18:00 for tomorrow, totals only) and a market gardener
// (Thursdays, before 12:00 two days before, per customer), the board's members simulated, the café manager.

#include "hardware/receipt.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/orders/order_book.h"
#include "kiosk/services/staff_service.h"
#include "services/timebank/time_bank_fixture.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace vk::services::orders::testing {

using timebank::testing::kAnne;
using timebank::testing::kBruno;
using timebank::testing::kChantal;
using timebank::testing::SimulatedMembers;

inline const std::string kToday = "2030-06-12";  // a Wednesday

inline std::int64_t at(const std::string& day, const std::string& time) { return *health::localToUnixMs(day, time); }

struct OrdersFixture {
    OrdersFixture() {
        SupplierForm bakerForm;
        bakerForm.name = "Boulangerie Morel";
        bakerForm.email = "morel@example.fr";
        bakerForm.deliveryDays = {"tue", "wed", "thu", "fri", "sat"};
        bakerForm.cutoffTime = "18:00";
        bakerForm.cutoffDaysBefore = 1;
        baker = require(book.addSupplier(&manager, bakerForm));
        baguette = requireItem(book.addItem(&manager, baker, "Baguette", 110));
        countryLoaf = requireItem(book.addItem(&manager, baker, "Pain de campagne", 320));
        croissant = requireItem(book.addItem(&manager, baker, "Croissant", 120));

        SupplierForm gardenerForm;
        gardenerForm.name = "Les Jardins du Moulin";
        gardenerForm.email = "jardins@example.fr";
        gardenerForm.deliveryDays = {"thu"};
        gardenerForm.cutoffTime = "12:00";
        gardenerForm.cutoffDaysBefore = 2;
        gardenerForm.listPerCustomer = true;
        gardener = require(book.addSupplier(&manager, gardenerForm));
        vegetableBox = requireItem(book.addItem(&manager, gardener, "Panier de légumes", 1500));
        eggs = requireItem(book.addItem(&manager, gardener, "Œufs (6)", 280));
    }

    static std::string require(const SupplierChange& change) {
        INFO(errorKey(change.error));
        REQUIRE(change.ok());
        return change.supplier->id;
    }
    static std::string requireItem(const ItemChange& change) {
        INFO(errorKey(change.error));
        REQUIRE(change.ok());
        return change.item->id;
    }

    PlaceRequest request(const std::string& supplier, const std::string& day, std::vector<ItemQuantity> items,
                         const std::string& memberId = kAnne, const std::string& key = "") {
        PlaceRequest r;
        r.supplierId = supplier;
        r.customer.memberId = memberId;
        r.day = day;
        r.items = std::move(items);
        r.dedupeKey = key;
        return r;
    }

    Order placed(const PlaceRequest& r) {
        const OrderResult result = book.place(&manager, r);
        INFO(errorKey(result.error) << " " << result.failure);
        REQUIRE(result.ok());
        return *result.order;
    }

    void setNow(const std::string& day, const std::string& time) { clock.setMs(at(day, time)); }

    std::vector<storage::AuditEntry> audit(const std::string& action) {
        std::vector<storage::AuditEntry> entries;
        for (const auto& entry : staff.recentAudit(10'000))
            if (entry.action == action) entries.push_back(entry);
        return entries;
    }
    int count(const std::string& sql) { return db.sql().execAndGet(sql).getInt(); }

    storage::Database db = storage::Database::openInMemory();
    ManualClock clock{at(kToday, "10:00")};
    StaffService staff{db, clock, PinHasher(PinHasher::Strength::FastForTests), PinPolicy{5, 5}};
    StaffSession manager = timebank::testing::sessionOf(
        *staff.createAccount(&systemActor(SystemActor::CommandLine), "Paul Café", StaffRole::CafeManager, "7391").account);
    StaffSession assistant = timebank::testing::sessionOf(*staff.createAccount(
        &systemActor(SystemActor::CommandLine), "Claire Moreau", StaffRole::MedicalAssistant, "2580").account);
    timebank::testing::SimulatedMembers members;
    parcels::OpeningCalendar cafe{{"mon", "tue", "wed", "thu", "fri", "sat"}, {"2030-06-21"}};
    OrderBook book{db, clock, staff, members, cafe, OrdersSettings{}};
    std::string baker, gardener;
    std::string baguette, countryLoaf, croissant, vegetableBox, eggs;
};

}  // namespace vk::services::orders::testing
