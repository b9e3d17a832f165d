#pragma once
// The seniors' meals in memory on Wednesday 12 June 2030 at 10:00 local time: the café manager, a medical
// assistant, three simulated members of the board who may drive (Anne, Bruno, Chantal) and a printer that keeps what
// it is given.

#include "hardware/receipt.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/meals/senior_meals.h"
#include "kiosk/services/staff_service.h"
#include "services/timebank/time_bank_fixture.h"

#include <catch2/catch.hpp>

#include <string>
#include <variant>
#include <vector>

namespace vk::services::meals::testing {

using timebank::testing::kAnne;
using timebank::testing::kBruno;
using timebank::testing::kChantal;

inline const std::string kToday = "2030-06-12";  // a Wednesday
inline constexpr int kWednesday = 1 << 2;

inline std::int64_t at(const std::string& day, const std::string& time) { return *health::localToUnixMs(day, time); }

// Every text a receipt prints, one string.
inline std::string receiptText(const hardware::Receipt& receipt) {
    std::string text;
    for (const auto& line : receipt.lines) text += line.text + "\n";
    for (const auto& element : receipt.elements) {
        if (const auto* line = std::get_if<hardware::ReceiptLine>(&element)) text += line->text + "\n";
        if (const auto* row = std::get_if<hardware::ColumnsRow>(&element))
            text += row->left + " " + row->middle + " " + row->right + "\n";
    }
    return text;
}

struct MealsFixture {
    static RecipientForm form(const std::string& name, const std::string& mode, const std::string& funder,
                              const std::string& diet = "", const std::string& address = "") {
        RecipientForm f;
        f.name = name;
        f.mode = mode;
        f.address = address.empty() && mode == "home" ? "3 rue des Lilas, " + name : address;
        f.weekdays = kEveryDay;
        f.diet = diet;
        f.funder = funder;
        f.consentOn = "2030-06-01";
        f.consentBy = "Paul Café";
        f.startsOn = "2030-06-01";
        return f;
    }

    MealRecipient added(const RecipientForm& f) {
        const RecipientResult result = meals.addRecipient(&manager, f);
        INFO(errorKey(result.error));
        REQUIRE(result.ok());
        return *result.recipient;
    }

    std::vector<storage::AuditEntry> audit(const std::string& action) {
        std::vector<storage::AuditEntry> entries;
        for (const auto& entry : staff.recentAudit(10'000))
            if (entry.action == action) entries.push_back(entry);
        return entries;
    }
    int count(const std::string& sql) { return db.sql().execAndGet(sql).getInt(); }
    void setNow(const std::string& day, const std::string& time) { clock.setMs(at(day, time)); }

    storage::Database db = storage::Database::openInMemory();
    ManualClock clock{at(kToday, "10:00")};
    StaffService staff{db, clock, PinHasher(PinHasher::Strength::FastForTests), PinPolicy{5, 5}};
    StaffSession manager = timebank::testing::sessionOf(
        *staff.createAccount(&systemActor(SystemActor::CommandLine), "Paul Café", StaffRole::CafeManager, "7391").account);
    StaffSession assistant = timebank::testing::sessionOf(*staff.createAccount(
        &systemActor(SystemActor::CommandLine), "Claire Moreau", StaffRole::MedicalAssistant, "2580").account);
    timebank::testing::SimulatedMembers members;
    hardware::PreviewPrinter printer;
    SeniorMeals meals{db, clock, staff, members, printer, "Saint-Aubin"};
};

}  // namespace vk::services::meals::testing
