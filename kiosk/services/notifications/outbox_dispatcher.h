#pragma once
// Sends what the outbox has due, one message at a time: claims it, hands it to SMTP or the SMS gateway, and
// records what came of it. The notifications worker thread runs it on its own connection; `outbox send` runs it
// on the command line's. Messages of a channel that is not configured are left pending, untouched.

#include "kiosk/services/clock.h"
#include "kiosk/services/notifications/notification_settings.h"
#include "storage/database.h"
#include "storage/outbox_store.h"

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace vk::services::notifications {

struct DispatchedMessage {
    std::string id;
    storage::OutboxChannel channel = storage::OutboxChannel::Email;
    storage::OutboxState state = storage::OutboxState::Pending;  // after the try: sent, pending (retry) or failed
    int attempts = 0;
    std::string error;
    std::int64_t nextAttemptAt = 0;
};

struct DispatchReport {
    std::vector<DispatchedMessage> messages;  // in the order tried
    int sent = 0;
    int retrying = 0;  // the try failed; pending again
    int failed = 0;    // given up
    bool anyTried() const { return !messages.empty(); }
};

class OutboxDispatcher {
public:
    // `cancel`, when given, stops a send under way soon after it turns true (the message is tried again later).
    OutboxDispatcher(storage::Database& db, const NotificationSettings& settings, std::string senderName,
                     const Clock& clock, storage::OutboxRetryPolicy policy = {},
                     const std::atomic<bool>* cancel = nullptr);

    // Sends every message due now (at most `limit`), stopping early when `stopRequested` says so.
    DispatchReport sendDue(int limit = 100, const std::function<bool()>& stopRequested = {});
    // The next try due among the channels that can send, if any.
    std::optional<std::int64_t> nextAttemptAt();
    bool canSend(storage::OutboxChannel channel) const;

private:
    DispatchedMessage sendOne(const storage::OutboxMessage& message);

    storage::Database& db_;
    storage::OutboxStore store_;
    const NotificationSettings& settings_;
    std::string senderName_;
    const Clock& clock_;
    storage::OutboxRetryPolicy policy_;
    const std::atomic<bool>* cancel_;
};

}  // namespace vk::services::notifications
