#include "storage/outbox_store.h"

#include "storage/record_id.h"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <stdexcept>

namespace vk::storage {
namespace {

bool hasControlCharacter(const std::string& text) {
    for (const unsigned char c : text)
        if (c < 0x20 || c == 0x7f) return true;
    return false;
}

OutboxState stateFromKey(const std::string& key) {
    if (key == "sending") return OutboxState::Sending;
    if (key == "sent") return OutboxState::Sent;
    if (key == "failed") return OutboxState::Failed;
    if (key == "cancelled") return OutboxState::Cancelled;
    return OutboxState::Pending;
}

constexpr const char* kColumns =
    "id, channel, recipient, subject, body, purpose, related_id, state, attempts, created_at, next_attempt_at, "
    "sent_at, last_error";

OutboxMessage readMessage(SQLite::Statement& row) {
    OutboxMessage message;
    message.id = row.getColumn(0).getString();
    message.channel = row.getColumn(1).getString() == "sms" ? OutboxChannel::Sms : OutboxChannel::Email;
    message.recipient = row.getColumn(2).getString();
    message.subject = row.getColumn(3).getString();
    message.body = row.getColumn(4).getString();
    message.purpose = row.getColumn(5).getString();
    message.relatedId = row.getColumn(6).isNull() ? std::string() : row.getColumn(6).getString();
    message.state = stateFromKey(row.getColumn(7).getString());
    message.attempts = row.getColumn(8).getInt();
    message.createdAt = row.getColumn(9).getInt64();
    message.nextAttemptAt = row.getColumn(10).getInt64();
    if (!row.getColumn(11).isNull()) message.sentAt = row.getColumn(11).getInt64();
    message.lastError = row.getColumn(12).isNull() ? std::string() : row.getColumn(12).getString();
    return message;
}

// The staff list shows the error on one line; a server may answer pages.
std::string shortError(const std::string& error) {
    std::string text = error.substr(0, 500);
    for (char& c : text)
        if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    return text;
}

}  // namespace

std::int64_t OutboxRetryPolicy::backoffMs(int attempts) const {
    std::int64_t delay = std::max<std::int64_t>(firstDelayMs, 1);
    for (int i = 1; i < attempts && delay < maxDelayMs; ++i) delay *= 2;
    return std::min(delay, maxDelayMs);
}

std::string_view channelKey(OutboxChannel channel) { return channel == OutboxChannel::Sms ? "sms" : "email"; }

std::string_view stateKey(OutboxState state) {
    switch (state) {
        case OutboxState::Pending: return "pending";
        case OutboxState::Sending: return "sending";
        case OutboxState::Sent: return "sent";
        case OutboxState::Failed: return "failed";
        case OutboxState::Cancelled: return "cancelled";
    }
    return "pending";
}

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

int OutboxStore::requeueInterrupted(std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(),
                             "UPDATE outbox_message SET state = 'pending', next_attempt_at = ?, "
                             "last_error = 'interrupted while sending; sent again under the same id' "
                             "WHERE state = 'sending'");
    update.bind(1, nowMs);
    return update.exec();
}

std::vector<OutboxMessage> OutboxStore::due(std::int64_t nowMs, int limit, std::optional<OutboxChannel> channel) {
    SQLite::Statement query(db_.sql(), std::string("SELECT ") + kColumns +
                                           " FROM outbox_message WHERE state = 'pending' AND next_attempt_at <= ?"
                                           " AND (? IS NULL OR channel = ?) ORDER BY next_attempt_at, id LIMIT ?");
    query.bind(1, nowMs);
    if (channel) {
        query.bind(2, std::string(channelKey(*channel)));
        query.bind(3, std::string(channelKey(*channel)));
    } else {
        query.bind(2);
        query.bind(3);
    }
    query.bind(4, limit);
    std::vector<OutboxMessage> messages;
    while (query.executeStep()) messages.push_back(readMessage(query));
    return messages;
}

std::optional<std::int64_t> OutboxStore::nextAttemptAt(std::optional<OutboxChannel> channel) {
    SQLite::Statement query(db_.sql(),
                            "SELECT MIN(next_attempt_at) FROM outbox_message WHERE state = 'pending'"
                            " AND (? IS NULL OR channel = ?)");
    if (channel) {
        query.bind(1, std::string(channelKey(*channel)));
        query.bind(2, std::string(channelKey(*channel)));
    }
    if (!query.executeStep() || query.getColumn(0).isNull()) return std::nullopt;
    return query.getColumn(0).getInt64();
}

std::optional<OutboxMessage> OutboxStore::claim(const std::string& id, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(),
                             "UPDATE outbox_message SET state = 'sending', attempts = attempts + 1 "
                             "WHERE id = ? AND state = 'pending' AND next_attempt_at <= ?");
    update.bind(1, id);
    update.bind(2, nowMs);
    if (update.exec() != 1) return std::nullopt;
    return find(id);
}

void OutboxStore::markSent(const std::string& id, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(),
                             "UPDATE outbox_message SET state = 'sent', sent_at = ?, last_error = NULL "
                             "WHERE id = ? AND state = 'sending'");
    update.bind(1, nowMs);
    update.bind(2, id);
    update.exec();
}

OutboxState OutboxStore::markFailedTry(const std::string& id, DeliveryFailure failure, const std::string& error,
                                       std::int64_t nowMs, const OutboxRetryPolicy& policy,
                                       std::optional<std::int64_t> retryAfterMs) {
    const std::optional<OutboxMessage> message = find(id);
    if (!message || message->state != OutboxState::Sending) return message ? message->state : OutboxState::Pending;
    const int limit = failure == DeliveryFailure::Permanent ? policy.permanentFailureAttempts
                                                            : policy.transientFailureAttempts;
    const bool giveUp = message->attempts >= limit;
    std::int64_t delay = policy.backoffMs(message->attempts);
    if (retryAfterMs) delay = std::clamp<std::int64_t>(*retryAfterMs, 0, policy.maxDelayMs);
    SQLite::Statement update(db_.sql(),
                             "UPDATE outbox_message SET state = ?, next_attempt_at = ?, last_error = ? "
                             "WHERE id = ? AND state = 'sending'");
    update.bind(1, giveUp ? "failed" : "pending");
    update.bind(2, giveUp ? nowMs : nowMs + delay);
    update.bind(3, shortError(error));
    update.bind(4, id);
    update.exec();
    return giveUp ? OutboxState::Failed : OutboxState::Pending;
}

bool OutboxStore::retryNow(const std::string& id, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(),
                             "UPDATE outbox_message SET next_attempt_at = ?, "
                             "attempts = CASE state WHEN 'failed' THEN 0 ELSE attempts END, state = 'pending' "
                             "WHERE id = ? AND state IN ('pending', 'failed')");
    update.bind(1, nowMs);
    update.bind(2, id);
    return update.exec() == 1;
}

bool OutboxStore::cancel(const std::string& id, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(),
                             "UPDATE outbox_message SET state = 'cancelled', next_attempt_at = ? "
                             "WHERE id = ? AND state IN ('pending', 'failed')");
    update.bind(1, nowMs);
    update.bind(2, id);
    return update.exec() == 1;
}

std::vector<OutboxMessage> OutboxStore::pendingOfPurpose(const std::string& purpose) {
    SQLite::Statement query(db_.sql(), std::string("SELECT ") + kColumns +
                                           " FROM outbox_message WHERE state = 'pending' AND purpose = ?"
                                           " ORDER BY created_at, id");
    query.bind(1, purpose);
    std::vector<OutboxMessage> messages;
    while (query.executeStep()) messages.push_back(readMessage(query));
    return messages;
}

std::optional<OutboxMessage> OutboxStore::find(const std::string& id) {
    SQLite::Statement query(db_.sql(), std::string("SELECT ") + kColumns + " FROM outbox_message WHERE id = ?");
    query.bind(1, id);
    if (!query.executeStep()) return std::nullopt;
    return readMessage(query);
}

std::vector<OutboxMessage> OutboxStore::recent(int limit) {
    SQLite::Statement query(db_.sql(), std::string("SELECT ") + kColumns +
                                           " FROM outbox_message ORDER BY created_at DESC, id DESC LIMIT ?");
    query.bind(1, limit);
    std::vector<OutboxMessage> messages;
    while (query.executeStep()) messages.push_back(readMessage(query));
    return messages;
}

OutboxCounts OutboxStore::counts() {
    SQLite::Statement query(db_.sql(), "SELECT state, COUNT(*) FROM outbox_message GROUP BY state");
    OutboxCounts counts;
    while (query.executeStep()) {
        const int n = query.getColumn(1).getInt();
        switch (stateFromKey(query.getColumn(0).getString())) {
            case OutboxState::Pending: counts.pending = n; break;
            case OutboxState::Sending: counts.sending = n; break;
            case OutboxState::Sent: counts.sent = n; break;
            case OutboxState::Failed: counts.failed = n; break;
            case OutboxState::Cancelled: counts.cancelled = n; break;
        }
    }
    return counts;
}

}  // namespace vk::storage
