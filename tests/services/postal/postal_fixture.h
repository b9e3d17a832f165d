#pragma once
// A postal counter in memory with La Poste's 2026 catalogue, the café manager and the medical assistant, on a
// Wednesday of June 2030 at 10:00 local time, with a clock the tests move.

#include "kiosk/services/health/local_days.h"
#include "kiosk/services/postal/postal_counter.h"
#include "kiosk/services/staff_service.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace vk::services::postal::testing {

inline const std::string kDay = "2030-06-12";
inline const std::string kNextDay = "2030-06-13";

inline std::int64_t at(const std::string& day, const std::string& time) { return *health::localToUnixMs(day, time); }

inline StaffSession sessionOf(const StaffAccount& account) { return {account.id, account.displayName, account.role, 0}; }

// A scripted relay point: what it says it collected on each day.
struct SimulatedCashOnDelivery : CashOnDeliverySource {
    std::map<std::string, std::int64_t, std::less<>> byDay;
    std::int64_t codCollectedCents(std::string_view localDay) override {
        const auto found = byDay.find(localDay);
        return found == byDay.end() ? 0 : found->second;
    }
};

struct PostalFixture {
    storage::Database db = storage::Database::openInMemory();
    ManualClock clock{at(kDay, "10:00")};
    StaffService staff{db, clock, PinHasher(PinHasher::Strength::FastForTests), PinPolicy{5, 5}};
    StaffSession cafe = sessionOf(*staff.createAccount(&systemActor(SystemActor::CommandLine), "Julien Girard",
                                                       StaffRole::CafeManager, "1357").account);
    StaffSession assistant = sessionOf(*staff.createAccount(&systemActor(SystemActor::CommandLine), "Claire Moreau",
                                                            StaffRole::MedicalAssistant, "2580").account);
    PostalCounter counter{db, clock, staff};

    PostalFixture() { REQUIRE(counter.seedDefaultCatalogue()); }

    std::string itemId(const std::string& code) {
        const auto item = counter.itemByCode(code);
        REQUIRE(item);
        return item->id;
    }

    SaleResult sell(std::vector<SaleRequest::Line> lines, PaymentMethod method = PaymentMethod::Cash,
                    std::vector<SaleRequest::Letter> letters = {}) {
        SaleRequest request;
        request.lines = std::move(lines);
        request.letters = std::move(letters);
        request.method = method;
        return counter.sell(&cafe, request);
    }

    std::vector<storage::AuditEntry> audit(const std::string& action) {
        std::vector<storage::AuditEntry> entries;
        for (const auto& entry : staff.recentAudit(10'000))
            if (entry.action == action) entries.push_back(entry);
        return entries;
    }

    int count(const std::string& sql) { return db.sql().execAndGet(sql).getInt(); }
};

}  // namespace vk::services::postal::testing
