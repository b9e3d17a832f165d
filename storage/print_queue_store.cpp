#include "storage/print_queue_store.h"

#include <SQLiteCpp/Statement.h>

namespace vk::storage {
namespace {

PrintJobState stateFromText(const std::string& text) {
    if (text == "printing") return PrintJobState::Printing;
    if (text == "done") return PrintJobState::Done;
    if (text == "failed") return PrintJobState::Failed;
    return PrintJobState::Queued;
}

std::vector<std::uint8_t> blob(const SQLite::Column& column) {
    const auto* data = static_cast<const std::uint8_t*>(column.getBlob());
    const int size = column.getBytes();
    if (data == nullptr || size <= 0) return {};
    return {data, data + size};
}

std::optional<std::int64_t> optionalInt(const SQLite::Column& column) {
    if (column.isNull()) return std::nullopt;
    return column.getInt64();
}

// Columns in the order of kJobColumns; bytes only when the query selected them.
constexpr const char* kJobColumns =
    "id, kind, state, uncertain, attempts, created_at, started_at, finished_at, last_error";

PrintJob readJob(SQLite::Statement& query, bool withBytes) {
    PrintJob job;
    job.id = query.getColumn(0).getInt64();
    job.kind = query.getColumn(1).getString();
    job.state = stateFromText(query.getColumn(2).getString());
    job.uncertain = query.getColumn(3).getInt() != 0;
    job.attempts = query.getColumn(4).getInt();
    job.createdAt = query.getColumn(5).getInt64();
    job.startedAt = optionalInt(query.getColumn(6));
    job.finishedAt = optionalInt(query.getColumn(7));
    job.lastError = query.getColumn(8).getString();
    if (withBytes) {
        job.bytes = blob(query.getColumn(9));
        job.duplicateBytes = blob(query.getColumn(10));
    }
    return job;
}

}  // namespace

std::int64_t PrintQueueStore::add(const std::string& kind, std::span<const std::uint8_t> bytes,
                                  std::span<const std::uint8_t> duplicateBytes, std::int64_t nowMs) {
    SQLite::Statement insert(db_.sql(),
                             "INSERT INTO print_job(kind, bytes, duplicate_bytes, created_at) VALUES (?, ?, ?, ?)");
    insert.bind(1, kind);
    // An empty span may carry a null pointer, which SQLite would store as NULL rather than an empty blob.
    static constexpr std::uint8_t kNothing = 0;
    insert.bind(2, bytes.empty() ? &kNothing : bytes.data(), static_cast<int>(bytes.size()));
    insert.bind(3, duplicateBytes.empty() ? &kNothing : duplicateBytes.data(), static_cast<int>(duplicateBytes.size()));
    insert.bind(4, nowMs);
    insert.exec();
    return db_.sql().getLastInsertRowid();
}

std::optional<PrintJob> PrintQueueStore::nextQueued() {
    SQLite::Statement query(db_.sql(), std::string("SELECT ") + kJobColumns +
                                           ", bytes, duplicate_bytes FROM print_job WHERE state = 'queued' "
                                           "ORDER BY id LIMIT 1");
    if (!query.executeStep()) return std::nullopt;
    return readJob(query, true);
}

std::optional<PrintJob> PrintQueueStore::find(std::int64_t id) {
    SQLite::Statement query(db_.sql(),
                            std::string("SELECT ") + kJobColumns + ", bytes, duplicate_bytes FROM print_job WHERE id = ?");
    query.bind(1, id);
    if (!query.executeStep()) return std::nullopt;
    return readJob(query, true);
}

std::vector<PrintJob> PrintQueueStore::recent(int limit) {
    SQLite::Statement query(db_.sql(), std::string("SELECT ") + kJobColumns + " FROM print_job ORDER BY id DESC LIMIT ?");
    query.bind(1, limit);
    std::vector<PrintJob> jobs;
    while (query.executeStep()) jobs.push_back(readJob(query, false));
    return jobs;
}

int PrintQueueStore::countPending() {
    return db_.sql().execAndGet("SELECT count(*) FROM print_job WHERE state IN ('queued', 'printing')").getInt();
}

int PrintQueueStore::countFailed() {
    return db_.sql().execAndGet("SELECT count(*) FROM print_job WHERE state = 'failed'").getInt();
}

void PrintQueueStore::markPrinting(std::int64_t id, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(), "UPDATE print_job SET state = 'printing', attempts = attempts + 1, "
                                        "started_at = ? WHERE id = ?");
    update.bind(1, nowMs);
    update.bind(2, id);
    update.exec();
}

void PrintQueueStore::markDone(std::int64_t id, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(), "UPDATE print_job SET state = 'done', finished_at = ?, last_error = NULL "
                                        "WHERE id = ?");
    update.bind(1, nowMs);
    update.bind(2, id);
    update.exec();
}

void PrintQueueStore::requeue(std::int64_t id, bool uncertain, const std::string& error) {
    SQLite::Statement update(db_.sql(), "UPDATE print_job SET state = 'queued', uncertain = max(uncertain, ?), "
                                        "last_error = ? WHERE id = ?");
    update.bind(1, uncertain ? 1 : 0);
    update.bind(2, error);
    update.bind(3, id);
    update.exec();
}

void PrintQueueStore::markFailed(std::int64_t id, const std::string& error, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(), "UPDATE print_job SET state = 'failed', finished_at = ?, last_error = ? "
                                        "WHERE id = ?");
    update.bind(1, nowMs);
    update.bind(2, error);
    update.bind(3, id);
    update.exec();
}

int PrintQueueStore::recoverInterrupted() {
    return db_.sql().exec("UPDATE print_job SET state = 'queued', uncertain = 1, "
                          "last_error = 'interrupted while printing' WHERE state = 'printing'");
}

}  // namespace vk::storage
