#include "storage/retention.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

namespace vk::storage {

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
    };
    return categories;
}

std::vector<PurgeReport> purgeExpired(Database& db, const std::map<std::string, int>& periodDays,
                                      std::int64_t nowMs) {
    constexpr std::int64_t kMsPerDay = 24LL * 60 * 60 * 1000;
    std::vector<PurgeReport> reports;
    SQLite::Transaction transaction(db.sql(), SQLite::TransactionBehavior::IMMEDIATE);
    for (const RetentionCategory& category : retentionCategories()) {
        const auto period = periodDays.find(category.key);
        if (period == periodDays.end() || period->second <= 0) continue;
        // Table and column names come from the fixed registry above, never from input.
        SQLite::Statement purge(db.sql(), std::string("DELETE FROM ") + category.table + " WHERE " +
                                              category.timeColumn + " IS NOT NULL AND " + category.timeColumn +
                                              " < ?");
        purge.bind(1, nowMs - static_cast<std::int64_t>(period->second) * kMsPerDay);
        reports.push_back({category.key, purge.exec()});
    }
    transaction.commit();
    return reports;
}

}  // namespace vk::storage
