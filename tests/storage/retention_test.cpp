#include "storage/audit_log.h"
#include "storage/database.h"
#include "storage/retention.h"
#include "storage/staff_store.h"

#include <catch2/catch.hpp>

using namespace vk::storage;

namespace {
constexpr std::int64_t kDay = 24LL * 60 * 60 * 1000;
constexpr std::int64_t kNow = 1'800'000'000'000;
}  // namespace

TEST_CASE("audit entries past their retention period are purged, recent ones kept", "[storage][retention]") {
    Database db = Database::openInMemory();
    AuditLog log(db);
    log.append({0, kNow - 400 * kDay, std::nullopt, "system", "old", ""});
    log.append({0, kNow - 10 * kDay, std::nullopt, "system", "recent", ""});

    const auto reports = purgeExpired(db, {{"audit_log_days", 365}}, kNow);
    const auto kept = log.recent(10);
    REQUIRE(kept.size() == 1);
    CHECK(kept[0].action == "recent");
    bool reported = false;
    for (const auto& report : reports)
        if (report.key == "audit_log_days") reported = report.rowsDeleted == 1;
    CHECK(reported);
}

TEST_CASE("removed staff accounts are erased after their period, live accounts never are", "[storage][retention]") {
    Database db = Database::openInMemory();
    StaffStore staff(db);
    const auto live = staff.create("Claire", StaffRole::MedicalAssistant, "h", kNow - 3000 * kDay);
    const auto removedLongAgo = staff.create("Paul", StaffRole::CafeManager, "h", kNow - 900 * kDay);
    staff.softDelete(removedLongAgo.id, kNow - 800 * kDay);
    const auto removedRecently = staff.create("Léa", StaffRole::CafeManager, "h", kNow - 50 * kDay);
    staff.softDelete(removedRecently.id, kNow - 5 * kDay);

    purgeExpired(db, {{"removed_staff_days", 365}}, kNow);
    CHECK(db.sql().execAndGet("SELECT count(*) FROM staff_account").getInt() == 2);
    CHECK(staff.findActive(live.id));
    CHECK(db.sql().execAndGet("SELECT count(*) FROM staff_account WHERE id = '" + removedLongAgo.id + "'").getInt() == 0);
}

TEST_CASE("a category without a period is kept whole", "[storage][retention]") {
    Database db = Database::openInMemory();
    AuditLog log(db);
    log.append({0, 1, std::nullopt, "system", "ancient", ""});
    purgeExpired(db, {}, kNow);
    CHECK(log.recent(10).size() == 1);
}
