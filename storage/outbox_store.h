#pragma once
// The outbox: messages to residents waiting to be sent, and those sent lately. An area queues a message with
// enqueue() on the same connection and inside the same transaction as the change it tells of, so that a crash
// leaves either both or neither. The notifications worker (net/) sends what is due.

#include "storage/database.h"

#include <cstdint>
#include <optional>
#include <string>

namespace vk::storage {

enum class OutboxChannel { Email, Sms };

struct OutgoingMessage {
    OutboxChannel channel = OutboxChannel::Email;
    std::string recipient;   // an e-mail address or a phone number, already checked by the caller
    std::string subject;     // e-mail only
    std::string body;
    std::string purpose;     // what it is about, for the staff list and the log: "parcel.arrival"
    std::string relatedId;   // the record it is about (a parcel's id), may be empty
    // Unique when set: a second enqueue with the same key is ignored ("parcel:<id>:arrival:sms").
    std::string dedupeKey;
};

class OutboxStore {
public:
    explicit OutboxStore(Database& db) : db_(db) {}

    // Queues the message, due at once. Returns its id, or nothing when a message with the same dedupeKey was
    // queued before (whatever became of it). Throws std::invalid_argument for a recipient with a control
    // character (a line break would start a new mail header) or an empty recipient or body.
    std::optional<std::string> enqueue(const OutgoingMessage& message, std::int64_t nowMs);

private:
    Database& db_;
};

}  // namespace vk::storage
