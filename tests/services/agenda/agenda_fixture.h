#pragma once
// The café's agenda in memory on Wednesday 12 June 2030 at 10:00 local time: the café manager, three members of
// the board simulated (Anne, Bruno, Chantal; none left a phone) and Denise, a real member of the board with a
// phone, a printer that keeps what it is given, and a workshop on Friday at 14:30 with two places.

#include "hardware/receipt.h"
#include "kiosk/services/agenda/event_agenda.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/staff_service.h"
#include "services/timebank/time_bank_fixture.h"
#include "storage/member_store.h"
#include "storage/outbox_store.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace vk::services::agenda::testing {

using timebank::testing::kAnne;
using timebank::testing::kBruno;
using timebank::testing::kChantal;

inline const std::string kToday = "2030-06-12";  // a Wednesday
inline const std::string kFriday = "2030-06-14";

inline std::int64_t at(const std::string& day, const std::string& time) { return *health::localToUnixMs(day, time); }

struct AgendaFixture {
    AgendaFixture() {
        storage::MemberDetails details;
        details.displayName = "Denise Morel";
        details.nameKey = "denise morel";
        details.village = "Saint-Aubin";
        details.phone = "06 12 34 56 78";
        denise = storage::MemberStore(db).create(details, std::nullopt, clock.nowMs()).id;
        members.entries[denise] = {{denise, "Denise Morel"}, "", "1357"};
        EventForm workshopForm = form("Atelier numérique", kFriday, "14:30", 2);
        workshopForm.endsAt = "16:30";
        workshop = added(workshopForm);
    }

    static EventForm form(const std::string& title, const std::string& day, const std::string& time, int capacity) {
        EventForm f;
        f.title = title;
        f.place = "Salle du fond";
        f.description = "Venez avec votre téléphone.";
        f.day = day;
        f.startsAt = time;
        f.capacity = capacity;
        return f;
    }

    std::string added(const EventForm& f) {
        const EventChange change = book.addEvent(&manager, f);
        INFO(errorKey(change.error) << " " << change.failure);
        REQUIRE(change.ok());
        return change.event->id;
    }

    SignUpRequest member(const std::string& memberId, const std::string& event, const std::string& key = "") {
        SignUpRequest r;
        r.eventId = event;
        r.who.memberId = memberId;
        r.source = SignUpSource::Kiosk;
        r.dedupeKey = key;
        return r;
    }

    SignUp signedUp(const SignUpRequest& r, const StaffSession* actor = nullptr) {
        const SignUpResult result = book.signUp(actor ? actor : &kiosk(), r);
        INFO(errorKey(result.error) << " " << result.failure);
        REQUIRE(result.ok());
        return *result.signUp;
    }

    static const StaffSession& kiosk() { return systemActor(SystemActor::Kiosk); }

    std::vector<storage::AuditEntry> audit(const std::string& action) {
        std::vector<storage::AuditEntry> entries;
        for (const auto& entry : staff.recentAudit(10'000))
            if (entry.action == action) entries.push_back(entry);
        return entries;
    }
    std::vector<storage::OutboxMessage> outbox() { return storage::OutboxStore(db).recent(100); }
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
    AgendaSettings settings;
    EventAgenda book{db, clock, staff, members, printer, settings, "Saint-Aubin", "Europe/Paris"};
    std::string denise;
    std::string workshop;
};

}  // namespace vk::services::agenda::testing
