#include "storage/audit_log.h"
#include "storage/database.h"
#include "storage/retention.h"
#include "storage/staff_store.h"

#include "temp_dir.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

using namespace vk::storage;
using vk::storage::testing::makeDatabaseAtVersion;
using vk::storage::testing::TempDir;
namespace fs = std::filesystem;

namespace {
constexpr std::int64_t kDay = 24LL * 60 * 60 * 1000;
constexpr std::int64_t kNow = 1'800'000'000'000;

// A file with some bytes in it, last written `ageMs` before kNow.
fs::path fileAged(const fs::path& file, std::int64_t ageMs) {
    std::ofstream(file, std::ios::binary) << "copy";
    const std::chrono::sys_time<std::chrono::milliseconds> written{std::chrono::milliseconds(kNow - ageMs)};
    fs::last_write_time(file, std::chrono::file_clock::from_sys(written));
    return file;
}

bool wasRemoved(const PrunedCopies& pruned, const fs::path& file) {
    return std::find(pruned.removed.begin(), pruned.removed.end(), file) != pruned.removed.end();
}
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

TEST_CASE("pre-migration copies past their period are deleted, even the newest, other files stay", "[storage][retention][copies]") {
    TempDir dir;
    const fs::path database = fileAged(dir.path / "village-kiosk.db", 400 * kDay);
    const fs::path wal = fileAged(dir.path / "village-kiosk.db-wal", 400 * kDay);
    const fs::path notes = fileAged(dir.path / "notes-before-schema-v2.txt", 400 * kDay);
    const fs::path oldCopy = fileAged(dir.path / "village-kiosk.db.before-schema-v2", 60 * kDay);
    const fs::path oldCopyWal = fileAged(dir.path / "village-kiosk.db.before-schema-v2-wal", 60 * kDay);
    const fs::path newestCopy = fileAged(dir.path / "village-kiosk.db.before-schema-v3", 31 * kDay);

    CopyRetentionRules rules;
    rules.preMigrationCopyDays = 30;
    auto pruned = pruneOldCopies(dir.path, rules, kNow);
    CHECK(pruned.removed.size() == 2);
    CHECK(wasRemoved(pruned, oldCopy));
    CHECK(wasRemoved(pruned, newestCopy));
    CHECK(pruned.problems.empty());
    CHECK_FALSE(fs::exists(oldCopyWal));
    for (const fs::path& kept : {database, wal, notes}) {
        INFO(kept.string());
        CHECK(fs::exists(kept));
    }

    const fs::path recentCopy = fileAged(dir.path / "village-kiosk.db.before-schema-v4", 29 * kDay);
    pruned = pruneOldCopies(dir.path, rules, kNow);
    CHECK(pruned.removed.empty());
    CHECK(fs::exists(recentCopy));
}

TEST_CASE("only the newest dated backups in a folder are kept, whatever their file times", "[storage][retention][copies]") {
    TempDir dir;
    std::vector<fs::path> backups;
    // Ten daily backups; the file times run the other way (copied onto a stick), so only the names can tell.
    for (int day = 1; day <= 10; ++day) {
        const std::string name = "village-kiosk-202601" + std::string(day < 10 ? "0" : "") + std::to_string(day) +
                                 "-030000.db";
        backups.push_back(fileAged(dir.path / name, day * kDay));
    }
    const fs::path live = fileAged(dir.path / "village-kiosk.db", 900 * kDay);
    const fs::path other = fileAged(dir.path / "village-kiosk-notes.db", 900 * kDay);

    CopyRetentionRules rules;
    rules.datedBackupsToKeep = 7;
    const auto pruned = pruneOldCopies(dir.path, rules, kNow);
    REQUIRE(pruned.removed.size() == 3);
    for (int i = 0; i < 10; ++i) {
        INFO(backups[static_cast<std::size_t>(i)].filename().string());
        CHECK(fs::exists(backups[static_cast<std::size_t>(i)]) == (i >= 3));
    }
    CHECK(fs::exists(live));
    CHECK(fs::exists(other));
}

TEST_CASE("a half-made backup is deleted once it is a day old, not while one may still be writing it", "[storage][retention][copies]") {
    TempDir dir;
    const fs::path dead = fileAged(dir.path / "village-kiosk-20260101-030000.db.partial", 2 * kDay);
    const fs::path deadCopy = fileAged(dir.path / "village-kiosk.db.before-schema-v3.partial", 2 * kDay);
    const fs::path running = fileAged(dir.path / "village-kiosk-20260103-030000.db.partial", 60 * 1000);
    const auto pruned = pruneOldCopies(dir.path, CopyRetentionRules{}, kNow);
    CHECK(pruned.removed.size() == 2);
    CHECK_FALSE(fs::exists(dead));
    CHECK_FALSE(fs::exists(deadCopy));
    CHECK(fs::exists(running));
}

TEST_CASE("rules of 0 keep every copy, and a folder that does not exist has nothing to prune", "[storage][retention][copies]") {
    TempDir dir;
    fileAged(dir.path / "village-kiosk.db.before-schema-v2", 900 * kDay);
    for (int day = 1; day <= 9; ++day)
        fileAged(dir.path / ("village-kiosk-2026010" + std::to_string(day) + "-030000.db"), day * kDay);
    CopyRetentionRules keepAll;
    keepAll.preMigrationCopyDays = 0;
    keepAll.datedBackupsToKeep = 0;
    CHECK(pruneOldCopies(dir.path, keepAll, kNow).removed.empty());
    CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 10);

    const auto nothing = pruneOldCopies(dir.path / "no-such-folder", CopyRetentionRules{}, kNow);
    CHECK(nothing.removed.empty());
    CHECK(nothing.problems.empty());
    CHECK(pruneOldCopies("", CopyRetentionRules{}, kNow).removed.empty());
}

TEST_CASE("the copies the database makes are the ones the pruning finds", "[storage][retention][copies]") {
    TempDir dir;
    const fs::path file = dir.path / "village-kiosk.db";
    makeDatabaseAtVersion(file, 2);
    Database db = Database::open(file);
    db.backupTo(dir.path);
    const fs::path older = fileAged(dir.path / "village-kiosk-20000101-000000.db", 0);

    // Both copies are older than the rules allow, seen from a year on.
    CopyRetentionRules rules;
    rules.datedBackupsToKeep = 1;
    const auto pruned = pruneOldCopies(dir.path, rules, nowUnixMs() + 365 * kDay);
    CHECK(wasRemoved(pruned, file.string() + ".before-schema-v" + std::to_string(Database::latestSchemaVersion())));
    CHECK(wasRemoved(pruned, older));
    CHECK(pruned.removed.size() == 2);
    CHECK(fs::exists(file));
    int datedBackups = 0;
    for (const auto& entry : fs::directory_iterator(dir.path))
        if (entry.path().filename().string().starts_with("village-kiosk-")) ++datedBackups;
    CHECK(datedBackups == 1);
}
