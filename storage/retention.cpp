#include "storage/retention.h"

#include "storage/transaction.h"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <chrono>
#include <regex>

namespace vk::storage {
namespace {

constexpr std::int64_t kMsPerDay = 24LL * 60 * 60 * 1000;
// A backup of the kiosk's database takes seconds; a .partial a day old belongs to one that died.
constexpr std::int64_t kStalePartialMs = kMsPerDay;

// The names Database::backupTo gives: the pre-migration copy next to the database, and the dated file it makes
// inside a folder given as destination (the date sorts as the name does).
const std::regex kPreMigrationCopy(R"(.+\.before-schema-v[0-9]+)");
const std::regex kDatedBackup(R"(village-kiosk-[0-9]{8}-[0-9]{6}\.db)");

std::int64_t modifiedUnixMs(const std::filesystem::path& file, std::error_code& ec) {
    const auto written = std::filesystem::last_write_time(file, ec);
    if (ec) return 0;
    using namespace std::chrono;
    return duration_cast<milliseconds>(file_clock::to_sys(written).time_since_epoch()).count();
}

void removeCopy(const std::filesystem::path& file, PrunedCopies& pruned) {
    std::error_code ec;
    const bool removed = std::filesystem::remove(file, ec);
    if (ec) {
        pruned.problems.push_back("cannot delete the old copy « " + file.string() + " »: " + ec.message());
        return;
    }
    if (removed) pruned.removed.push_back(file);
    for (const char* suffix : {"-wal", "-shm", "-journal"}) std::filesystem::remove(file.string() + suffix, ec);
}

}  // namespace

const std::vector<RetentionCategory>& retentionCategories() {
    static const std::vector<RetentionCategory> categories{
        {"audit_log_days", "staff actions in the audit log", "audit_log", "at"},
        // A removed staff account keeps its name until the period ends, so the audit log can still be read.
        {"removed_staff_days", "removed staff accounts", "staff_account", "deleted_at"},
        // Check-in records: names, dates of birth, arrival times.
        {"appointments_days", "appointments and check-ins", "appointment", "starts_at"},
        {"patient_cards_days", "patient cards linked for check-in", "patient_card", "created_at"},
        {"staff_notices_days", "acknowledged staff notices", "staff_notice", "acknowledged_at"},
        // Printed (or given up) receipts: a ticket or parcel receipt may carry a name. Waiting jobs have no
        // finished_at and are never purged.
        {"print_jobs_days", "printed receipts in the print queue", "print_job", "finished_at"},
        // Messages to residents hold a phone number or an e-mail address; those still waiting are never purged.
        {"outbox_days", "sent, failed or cancelled messages to residents", "outbox_message", "created_at",
         "state IN ('sent', 'failed', 'cancelled')"},
        // Parcels that left the café (picked up, returned, collected by the driver): names, phones, e-mails,
        // who collected them, signatures. One on the shelf has no closed_at and is never purged.
        {"parcels_days", "parcels that left the relay point", "parcel", "closed_at"},
        // Registered letters' numbers and recipient towns: a number names one letter someone sent. The day's count
        // stays in its closing row.
        {"postal_registered_days", "registered letters logged at the postal counter", "postal_registered_letter",
         "created_at"},
        // Board members who were removed: name, village, phone. Their posts go with them.
        {"removed_members_days", "removed members of the exchange board", "member", "deleted_at"},
        // A post leaves the board when it expires and is erased this long after.
        {"board_posts_days", "expired posts of the exchange board", "board_post", "expires_at"},
        // Orders at the counter name their customer: erased this long after they were collected or cancelled
        // (an open one never is). The monthly counts of the months purged go with them.
        {"orders_days", "collected or cancelled orders at the counter", "orders_order", "updated_at",
         "state IN ('collected', 'cancelled')"},
        // Standing orders that were ended, with their pauses.
        {"orders_standing_days", "ended standing orders at the counter", "orders_standing_order", "deleted_at"},
        // Patients waiting for an earlier slot at the health centre: names and phone numbers.
        {"waiting_list_days", "the health centre's waiting list", "health_waiting_list", "created_at"},
        // Sign-ups to the café's events: names, phones, e-mails. The events themselves hold nobody's name.
        {"agenda_signups_days", "sign-ups to the café's events", "agenda_signup", "created_at"},
        // Versions of members and posts that sync replaced or the hub refused (names, texts); a held change waits
        // to be applied and is kept until it is.
        {"sync_history_days", "versions replaced or refused in sync with the territory hub", "sync_history", "at",
         "kind <> 'held'"},
        // Recipients of the seniors' meals: name, address, diet, funder, consent. Counted from the end of their
        // service (or their removal); one still served has no service_ended_at and is never purged. Their round
        // assignments go with them (ON DELETE CASCADE); the counts of meals served name nobody and stay.
        {"meals_days", "recipients of the seniors' meals, after their service ended", "meal_recipient",
         "service_ended_at"},
    };
    return categories;
}

std::vector<PurgeReport> purgeExpired(Database& db, const std::map<std::string, int>& periodDays,
                                      std::int64_t nowMs) {
    std::vector<PurgeReport> reports;
    inTransaction(db, [&] {
        for (const RetentionCategory& category : retentionCategories()) {
            const auto period = periodDays.find(category.key);
            if (period == periodDays.end() || period->second <= 0) continue;
            // Table and column names come from the fixed registry above, never from input.
            SQLite::Statement purge(db.sql(), std::string("DELETE FROM ") + category.table + " WHERE " +
                                                  category.timeColumn + " IS NOT NULL AND " + category.timeColumn +
                                                  " < ?" +
                                                  (category.onlyWhere ? std::string(" AND ") + category.onlyWhere : ""));
            purge.bind(1, nowMs - static_cast<std::int64_t>(period->second) * kMsPerDay);
            reports.push_back({category.key, purge.exec()});
        }
    });
    return reports;
}

PrunedCopies pruneOldCopies(const std::filesystem::path& folder, const CopyRetentionRules& rules, std::int64_t nowMs) {
    PrunedCopies pruned;
    std::error_code ec;
    if (folder.empty() || !std::filesystem::is_directory(folder, ec)) return pruned;

    std::vector<std::filesystem::path> datedBackups;
    std::filesystem::directory_iterator entries(folder, ec);
    for (; !ec && entries != std::filesystem::directory_iterator(); entries.increment(ec)) {
        const std::filesystem::path& file = entries->path();
        std::error_code statError;
        // Only plain files: a link may point at something that is not ours.
        if (!entries->is_regular_file(statError) || entries->is_symlink(statError)) continue;
        std::string name = file.filename().string();
        const bool partial = name.ends_with(".partial");
        if (partial) name.resize(name.size() - std::string_view(".partial").size());
        const bool preMigrationCopy = std::regex_match(name, kPreMigrationCopy);
        const bool datedBackup = std::regex_match(name, kDatedBackup);
        if (!preMigrationCopy && !datedBackup) continue;

        const std::int64_t modifiedMs = modifiedUnixMs(file, statError);
        if (statError) {
            pruned.problems.push_back("cannot read the date of « " + file.string() + " »: " + statError.message());
            continue;
        }
        if (partial) {
            if (nowMs - modifiedMs > kStalePartialMs) removeCopy(file, pruned);
        } else if (preMigrationCopy) {
            if (rules.preMigrationCopyDays > 0 &&
                nowMs - modifiedMs > static_cast<std::int64_t>(rules.preMigrationCopyDays) * kMsPerDay)
                removeCopy(file, pruned);
        } else {
            datedBackups.push_back(file);
        }
    }
    if (ec) pruned.problems.push_back("cannot list the folder « " + folder.string() + " »: " + ec.message());

    if (rules.datedBackupsToKeep > 0 && datedBackups.size() > static_cast<std::size_t>(rules.datedBackupsToKeep)) {
        std::sort(datedBackups.begin(), datedBackups.end(), std::greater<>());
        for (std::size_t i = static_cast<std::size_t>(rules.datedBackupsToKeep); i < datedBackups.size(); ++i)
            removeCopy(datedBackups[i], pruned);
    }
    return pruned;
}

}  // namespace vk::storage
