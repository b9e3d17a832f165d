#include "storage/outbox_store.h"

#include "storage/record_id.h"

#include <SQLiteCpp/Statement.h>

#include <stdexcept>

namespace vk::storage {
namespace {

bool hasControlCharacter(const std::string& text) {
    for (const unsigned char c : text)
        if (c < 0x20 || c == 0x7f) return true;
    return false;
}

}  // namespace

std::optional<std::string> OutboxStore::enqueue(const OutgoingMessage& message, std::int64_t nowMs) {
    if (message.recipient.empty() || hasControlCharacter(message.recipient))
        throw std::invalid_argument("an outgoing message needs a recipient without control characters");
    if (hasControlCharacter(message.subject))
        throw std::invalid_argument("an e-mail subject cannot hold a line break or a control character");
    if (message.body.empty()) throw std::invalid_argument("an outgoing message needs a text");
    const std::string id = newRecordId(nowMs);
    SQLite::Statement insert(db_.sql(),
                             "INSERT INTO outbox_message(id, channel, recipient, subject, body, purpose, related_id, "
                             "dedupe_key, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                             "ON CONFLICT(dedupe_key) DO NOTHING");
    insert.bind(1, id);
    insert.bind(2, message.channel == OutboxChannel::Email ? "email" : "sms");
    insert.bind(3, message.recipient);
    insert.bind(4, message.subject);
    insert.bind(5, message.body);
    insert.bind(6, message.purpose);
    if (message.relatedId.empty()) insert.bind(7);
    else insert.bind(7, message.relatedId);
    if (message.dedupeKey.empty()) insert.bind(8);
    else insert.bind(8, message.dedupeKey);
    insert.bind(9, nowMs);
    insert.bind(10, nowMs);
    if (insert.exec() == 0) return std::nullopt;
    return id;
}

}  // namespace vk::storage
