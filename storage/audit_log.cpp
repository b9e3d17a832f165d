#include "storage/audit_log.h"

#include <SQLiteCpp/Statement.h>

namespace vk::storage {

void AuditLog::append(const AuditEntry& entry) {
    SQLite::Statement insert(db_.sql(),
                             "INSERT INTO audit_log(at, actor_id, actor_name, action, detail) VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, entry.at);
    if (entry.actorId)
        insert.bind(2, *entry.actorId);
    else
        insert.bind(2);
    insert.bind(3, entry.actorName);
    insert.bind(4, entry.action);
    insert.bind(5, entry.detail);
    insert.exec();
}

std::vector<AuditEntry> AuditLog::recent(int limit) {
    SQLite::Statement query(db_.sql(),
                            "SELECT seq, at, actor_id, actor_name, action, detail FROM audit_log "
                            "ORDER BY seq DESC LIMIT ?");
    query.bind(1, limit);
    std::vector<AuditEntry> entries;
    while (query.executeStep()) {
        AuditEntry entry;
        entry.seq = query.getColumn(0).getInt64();
        entry.at = query.getColumn(1).getInt64();
        if (!query.getColumn(2).isNull()) entry.actorId = query.getColumn(2).getString();
        entry.actorName = query.getColumn(3).getString();
        entry.action = query.getColumn(4).getString();
        entry.detail = query.getColumn(5).getString();
        entries.push_back(std::move(entry));
    }
    return entries;
}

}  // namespace vk::storage
