// Every audited change and its audit line are one transaction. The audit table is made to refuse every insert
// (a temporary trigger, as a full disk would refuse the line that comes last): each change must then leave the
// database exactly as it was. The same change without the trigger must change it, or the check proves nothing.

#include "kiosk/services/board/board_area.h"
#include "kiosk/services/health/health_area.h"
#include "kiosk/services/kiosk_runtime.h"

#include <SQLiteCpp/Statement.h>
#include <catch2/catch.hpp>

#include <functional>
#include <string>

using namespace vk;
using namespace vk::services;

namespace {

// Every row of every table but the audit log's, as text: equal strings are equal contents.
std::string contents(storage::Database& db) {
    std::string all;
    SQLite::Statement tables(db.sql(),
                             "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                             "AND name NOT IN ('audit_log') AND name NOT LIKE '%fts%' ORDER BY name");
    while (tables.executeStep()) {
        const std::string table = tables.getColumn(0).getString();
        SQLite::Statement rows(db.sql(), "SELECT * FROM \"" + table + "\"");
        all += "[" + table + "]";
        while (rows.executeStep()) {
            for (int c = 0; c < rows.getColumnCount(); ++c) all += rows.getColumn(c).getString() + "|";
            all += "\n";
        }
    }
    return all;
}

void refuseAuditLines(storage::Database& db, bool refuse) {
    if (refuse)
        db.sql().exec("CREATE TEMP TRIGGER refuse_audit BEFORE INSERT ON main.audit_log "
                      "BEGIN SELECT RAISE(ABORT, 'audit line refused'); END");
    else
        db.sql().exec("DROP TRIGGER IF EXISTS temp.refuse_audit");
}

// Runs `change` with the audit refused (nothing may change) and then allowed (something must).
void checkAllOrNothing(storage::Database& db, const std::string& what, const std::function<void()>& change) {
    INFO(what);
    const std::string before = contents(db);
    refuseAuditLines(db, true);
    try {
        change();
    } catch (const std::exception&) {
        // The service may hand the failure back as a message or throw it to the loop's catch-all: either way no
        // row of the change may stay.
    }
    refuseAuditLines(db, false);
    CHECK(contents(db) == before);
    const auto auditBefore = db.sql().execAndGet("SELECT count(*) FROM audit_log").getInt();
    change();
    CHECK(contents(db) != before);
    CHECK(db.sql().execAndGet("SELECT count(*) FROM audit_log").getInt() > auditBefore);
}

}  // namespace

TEST_CASE("no audited change is stored without its audit line", "[audit][reliability]") {
    KioskConfig config;
    ManualClock clock{1'795'417'200'000};  // Monday 23 November 2026, 08:00 in Paris
    RuntimeOptions options{true, PinHasher::Strength::FastForTests, &clock};
    options.seedDemoData = true;
    KioskRuntime runtime(config, options);
    auto& db = runtime.database;
    const StaffSession& admin = systemActor(SystemActor::CommandLine);
    auto& health = runtime.area<health::HealthServices>();
    auto& boardArea = runtime.area<board::BoardServices>();

    checkAllOrNothing(db, "staff account", [&] {
        runtime.staff.createAccount(&admin, "Camille Essai", StaffRole::CafeManager, "4826");
    });
    const std::string accountId = runtime.staff.accounts().front().id;
    checkAllOrNothing(db, "staff PIN", [&] { runtime.staff.resetPin(&admin, accountId, "739215"); });
    checkAllOrNothing(db, "rota visit", [&] {
        health.rota.addVisit(admin, "Dr Essai", "", "2026-12-10", "2026-12-11");
    });
    checkAllOrNothing(db, "rota hours", [&] { health.rota.addHours(admin, "2026-12-12", "09:00", "12:00"); });
    checkAllOrNothing(db, "rota closure", [&] { health.rota.addClosure(admin, "2026-12-24", "2026-12-26", "Noël"); });
    checkAllOrNothing(db, "rota announcement", [&] { health.rota.announce(admin, 15, ""); });
    std::string appointmentId;
    checkAllOrNothing(db, "appointment", [&] {
        const auto added = health.appointments.add(&admin, {"2026-11-23", "10:30", "Essai", "Dominique", "", "", ""});
        if (added.appointment) appointmentId = added.appointment->id;
    });
    REQUIRE_FALSE(appointmentId.empty());
    checkAllOrNothing(db, "appointment edit", [&] {
        health.appointments.edit(&admin, appointmentId, {"2026-11-23", "10:30", "Essai", "Claude", "", "", ""});
    });
    checkAllOrNothing(db, "arrival at the desk", [&] { health.waitingRoom.markArrived(&admin, appointmentId); });
    checkAllOrNothing(db, "walk-in", [&] { health.waitingRoom.addWalkIn(&admin, {"Passant", "", ""}); });
    checkAllOrNothing(db, "appointment import", [&] {
        health.appointments.importCsv(&admin, "date,heure,nom,prénom,naissance,téléphone\n"
                                              "2026-11-24,09:00,Importé,Sacha,,\n");
    });
    checkAllOrNothing(db, "help asked at the kiosk", [&] { health.checkIn.askForHelp(health::HelpReason::Asked); });
    checkAllOrNothing(db, "board member", [&] {
        board::MemberForm form;
        form.name = "Alex Essai";
        form.village = "Essai";
        boardArea.members.add(&admin, form);
    });
    checkAllOrNothing(db, "board member removed", [&] {
        boardArea.members.remove(&admin, boardArea.members.list("Alex", 1).front().id);
    });
}
