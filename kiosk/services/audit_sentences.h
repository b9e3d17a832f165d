#pragma once
// The activity log as staff read it: each line a sentence in the reader's language, with the names it was written
// with ("Marie Dupont added to the board's members"), never record ids or the English of the code.

#include "kiosk/services/staff_service.h"
#include "storage/audit_log.h"

#include <string>

namespace vk::services {

// The detail column of an audit line: the values as one JSON object.
std::string auditDetail(const AuditValues& values);
// The values back from a detail column; empty for a line written before values existed (its detail is free text).
AuditValues auditValuesOf(const std::string& detail);

// The line's sentence in the current language: "audit.sentence.ACTION" (or its plural form for a "count") filled
// with the values. A line without such a sentence reads as its short label, with its detail when it has one.
std::string auditSentence(const storage::AuditEntry& entry);
// Who wrote the line: a staff member's name as it was, the kiosk's own actors ("command line", "demo data"…) in
// the reader's language.
std::string auditActorName(const storage::AuditEntry& entry);

}  // namespace vk::services
