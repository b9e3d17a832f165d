#pragma once
// Append-only record of what staff did on this kiosk, kept for the configured retention period.

#include "storage/database.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vk::storage {

struct AuditEntry {
    std::int64_t seq = 0;
    std::int64_t at = 0;
    std::optional<std::string> actorId;  // empty for the kiosk itself or the command line
    std::string actorName;
    std::string action;  // a stable key such as "staff.login" or "staff.account.create"
    std::string detail;
};

class AuditLog {
public:
    explicit AuditLog(Database& db) : db_(db) {}

    void append(const AuditEntry& entry);
    std::vector<AuditEntry> recent(int limit);

private:
    Database& db_;
};

}  // namespace vk::storage
