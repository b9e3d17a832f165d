#pragma once
// The print queue's jobs: what the printer still owes, and what it printed lately. The print queue's device
// thread works on its own connection (docs/storage.md: one connection per thread); submit writes through another.

#include "storage/database.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace vk::storage {

enum class PrintJobState { Queued, Printing, Done, Failed };

struct PrintJob {
    std::int64_t id = 0;
    std::string kind;
    std::vector<std::uint8_t> bytes;
    std::vector<std::uint8_t> duplicateBytes;  // the same receipt marked DUPLICATA
    PrintJobState state = PrintJobState::Queued;
    // Some bytes may have reached the printer already (cut off mid-job, or a restart while printing): the next
    // attempt prints duplicateBytes.
    bool uncertain = false;
    int attempts = 0;
    std::int64_t createdAt = 0;
    std::optional<std::int64_t> startedAt;
    std::optional<std::int64_t> finishedAt;
    std::string lastError;
};

class PrintQueueStore {
public:
    explicit PrintQueueStore(Database& db) : db_(db) {}

    std::int64_t add(const std::string& kind, std::span<const std::uint8_t> bytes,
                     std::span<const std::uint8_t> duplicateBytes, std::int64_t nowMs);
    // The oldest job still waiting, bytes included.
    std::optional<PrintJob> nextQueued();
    std::optional<PrintJob> find(std::int64_t id);
    // Newest first, without the bytes: for the staff panel.
    std::vector<PrintJob> recent(int limit);
    // Jobs queued or printing.
    int countPending();
    // Jobs given up and not yet purged (print_jobs_days).
    int countFailed();

    // Counts an attempt. From here until markDone or requeue, a crash leaves the job uncertain.
    void markPrinting(std::int64_t id, std::int64_t nowMs);
    void markDone(std::int64_t id, std::int64_t nowMs);
    // Back to the queue. `uncertain` only ever turns on: once bytes may have been printed, every later attempt is
    // a duplicate.
    void requeue(std::int64_t id, bool uncertain, const std::string& error);
    void markFailed(std::int64_t id, const std::string& error, std::int64_t nowMs);
    // At start-up: jobs left "printing" by a crash or a power cut go back to the queue as uncertain.
    int recoverInterrupted();

private:
    Database& db_;
};

}  // namespace vk::storage
