#pragma once
// A time bank in memory, on a Wednesday in June 2030 at 10:00 local time, with three members of a simulated
// directory (the board's members are not needed to test the ledger) and the café manager at the counter.

#include "kiosk/services/health/local_days.h"
#include "kiosk/services/staff_service.h"
#include "kiosk/services/timebank/time_bank.h"

#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

namespace vk::services::timebank::testing {

inline const std::string kAnne = "0190a000-0000-7000-8000-00000000000a";
inline const std::string kBruno = "0190a000-0000-7000-8000-00000000000b";
inline const std::string kChantal = "0190a000-0000-7000-8000-00000000000c";

class SimulatedMembers final : public MemberDirectory {
public:
    struct Entry {
        TimeBankMember member;
        std::string card;
        std::string pin;
    };
    std::map<std::string, Entry> entries{
        {kAnne, {{kAnne, "Anne Martin"}, "04A1B2C3", "1234"}},
        {kBruno, {{kBruno, "Bruno Petit"}, "04D4E5F6", "5678"}},
        {kChantal, {{kChantal, "Chantal Roux"}, "", "2468"}},
    };
    std::optional<TimeBankMember> find(const std::string& id) override {
        const auto found = entries.find(id);
        if (found == entries.end()) return std::nullopt;
        return found->second.member;
    }
    std::optional<TimeBankMember> byCard(const std::string& card) override {
        for (const auto& [id, entry] : entries)
            if (!entry.card.empty() && entry.card == card) return entry.member;
        return std::nullopt;
    }
    NameAndPinLookup byNameAndPin(const std::string& name, const std::string& pin) override {
        for (const auto& [id, entry] : entries)
            if (entry.member.name == name && entry.pin == pin) return {entry.member, 0};
        return {};
    }
};

inline StaffSession sessionOf(const StaffAccount& account) { return {account.id, account.displayName, account.role, 0}; }

struct TimeBankFixture {
    explicit TimeBankFixture(TimeBankSettings settings = {}) : bank{db, clock, staff, members, settings} {}

    storage::Database db = storage::Database::openInMemory();
    ManualClock clock{*health::localToUnixMs("2030-06-12", "10:00")};
    StaffService staff{db, clock, PinHasher(PinHasher::Strength::FastForTests), PinPolicy{5, 5}};
    StaffSession cafe = sessionOf(
        *staff.createAccount(&systemActor(SystemActor::CommandLine), "Paul Café", StaffRole::CafeManager, "7391").account);
    StaffSession assistant = sessionOf(*staff.createAccount(&systemActor(SystemActor::CommandLine), "Claire Moreau",
                                                            StaffRole::MedicalAssistant, "2580")
                                            .account);
    SimulatedMembers members;
    TimeBank bank;

    // Bruno gave Anne `minutes` of help: Anne pays, Bruno is credited.
    TransferRequest brunoHelpsAnne(int minutes = 90, const std::string& key = "") {
        TransferRequest request;
        request.payerMemberId = kAnne;
        request.providerMemberId = kBruno;
        request.minutes = minutes;
        request.what = "Taille de la haie";
        request.category = "garden";
        request.idempotencyKey = key;
        return request;
    }

    std::vector<storage::AuditEntry> audit(const std::string& action) {
        std::vector<storage::AuditEntry> entries;
        for (const auto& entry : staff.recentAudit(10'000))
            if (entry.action == action) entries.push_back(entry);
        return entries;
    }
    int count(const std::string& sql) { return db.sql().execAndGet(sql).getInt(); }
};

}  // namespace vk::services::timebank::testing
