#pragma once
// The outbox: messages to residents waiting to be sent, and those sent lately. An area queues a message with
// enqueue() on the same connection and inside the same transaction as the change it tells of, so that a crash
// leaves either both or neither. The notifications worker (kiosk/services/notifications/) sends what is due:
// it claims a message (state 'sending'), hands it to net/, then marks it sent, to retry, or failed. A message
// left 'sending' by a kill goes back to 'pending' at the next start (requeueInterrupted) under the same id, so the
// far end sees the same Message-ID or Idempotency-Key and can drop the copy.

#include "storage/database.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vk::storage {

enum class OutboxChannel { Email, Sms };
enum class OutboxState { Pending, Sending, Sent, Failed, Cancelled };

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

// A message as stored, with what became of it.
struct OutboxMessage {
    std::string id;  // also the e-mail's Message-ID and the SMS gateway's idempotency key
    OutboxChannel channel = OutboxChannel::Email;
    std::string recipient;
    std::string subject;
    std::string body;
    std::string purpose;
    std::string relatedId;
    OutboxState state = OutboxState::Pending;
    int attempts = 0;  // tries started, the one in flight included
    std::int64_t createdAt = 0;
    std::int64_t nextAttemptAt = 0;
    std::optional<std::int64_t> sentAt;
    std::string lastError;  // English, for staff and the technician; empty until a try failed
};

struct OutboxCounts {
    int pending = 0;
    int sending = 0;
    int sent = 0;
    int failed = 0;
    int cancelled = 0;
    bool operator==(const OutboxCounts&) const = default;
};

// How a try that did not deliver the message ends.
enum class DeliveryFailure {
    Transient,  // the network is down, a timeout, SMTP 4xx, HTTP 408/429/5xx: try again later
    Permanent,  // the far end refuses this message (SMTP 5xx on RCPT, HTTP 4xx): try a few times, then give up
};

// When to try again: 1, 2, 4 … minutes after each failed try, at most an hour apart.
struct OutboxRetryPolicy {
    std::int64_t firstDelayMs = 60'000;
    std::int64_t maxDelayMs = 3'600'000;
    // A permanent refusal is believed after this many tries (a misconfigured gateway may answer 4xx for a while).
    int permanentFailureAttempts = 3;
    // Transient failures are retried this many times (about two days at the cap), then the message is failed.
    int transientFailureAttempts = 60;

    // The wait after the `attempts`-th failed try (attempts >= 1).
    std::int64_t backoffMs(int attempts) const;
};

std::string_view channelKey(OutboxChannel channel);  // "email", "sms"
std::string_view stateKey(OutboxState state);        // "pending", "sending", "sent", "failed", "cancelled"

class OutboxStore {
public:
    explicit OutboxStore(Database& db) : db_(db) {}

    // Queues the message, due at once. Returns its id, or nothing when a message with the same dedupeKey was
    // queued before (whatever became of it). Throws std::invalid_argument for a recipient with a control
    // character (a line break would start a new mail header) or an empty recipient or body.
    std::optional<std::string> enqueue(const OutgoingMessage& message, std::int64_t nowMs);

    // At start-up, before any sending: messages a killed sender left 'sending' are pending again, due at once,
    // with the same id. Returns how many. Only one process sends at a time (the kiosk or `outbox send`).
    int requeueInterrupted(std::int64_t nowMs);

    // Pending messages whose next try is due, oldest due first; only of `channel` when given.
    std::vector<OutboxMessage> due(std::int64_t nowMs, int limit, std::optional<OutboxChannel> channel = {});
    // The earliest next try among pending messages (of `channel` when given), if any.
    std::optional<std::int64_t> nextAttemptAt(std::optional<OutboxChannel> channel = {});

    // Takes a pending message for sending: 'sending', attempts + 1, in one statement so that two senders never
    // both get it. Returns the message as claimed, or nothing when it is no longer pending.
    std::optional<OutboxMessage> claim(const std::string& id, std::int64_t nowMs);
    void markSent(const std::string& id, std::int64_t nowMs);
    // After a failed try of a claimed message: pending again after the backoff (or `retryAfterMs` when the far end
    // asked for a wait, within [0, maxDelayMs]), or 'failed' once the policy gives up. Returns the new state.
    OutboxState markFailedTry(const std::string& id, DeliveryFailure failure, const std::string& error,
                              std::int64_t nowMs, const OutboxRetryPolicy& policy,
                              std::optional<std::int64_t> retryAfterMs = {});

    // Staff: a pending or failed message is due now (a failed one starts its count of tries again).
    bool retryNow(const std::string& id, std::int64_t nowMs);
    // Staff: a pending or failed message is never sent. A message being sent cannot be called back.
    bool cancel(const std::string& id, std::int64_t nowMs);

    // Pending messages of one purpose, oldest first, whether due or waiting for a retry: an area cancels those that
    // have become pointless (the reminder of an appointment cancelled since).
    std::vector<OutboxMessage> pendingOfPurpose(const std::string& purpose);
    std::optional<OutboxMessage> find(const std::string& id);
    // The latest messages first (by creation), for the staff list and `outbox list`.
    std::vector<OutboxMessage> recent(int limit);
    OutboxCounts counts();

private:
    Database& db_;
};

}  // namespace vk::storage
