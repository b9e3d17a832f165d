#pragma once
// Notifications to residents as an area: the outbox's worker thread, which sends by e-mail (SMTP) and SMS (an HTTP
// gateway), the staff list « Messages », and `outbox list` / `outbox send`. Areas queue messages with
// storage::OutboxStore::enqueue inside their own transaction, then may call wake() so that the worker sends at once;
// without it the worker finds the message at its next look (the loop's next poll, or within a minute).

#include "kiosk/services/area.h"
#include "kiosk/services/notifications/notification_settings.h"
#include "kiosk/services/notifications/outbox_dispatcher.h"
#include "storage/outbox_store.h"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace vk::services {
struct StaffSession;
}

namespace vk::services::notifications {

class NotificationServices : public AreaServices {
public:
    explicit NotificationServices(const AreaContext& context);
    ~NotificationServices() override;

    // Starts the worker on a connection of its own (not for a private in-memory database, which it cannot share).
    void startBackgroundWork(std::function<void()> wake) override;
    // True when the worker sent or gave up a message since the last poll; also wakes the worker when a message
    // queued on this connection is due.
    bool poll(std::int64_t nowMs) override;
    void stop() override;

    // Any thread: the worker looks at the outbox now (after an enqueue, or « Réessayer maintenant »).
    void wake();
    bool workerRunning() const { return worker_.joinable(); }

    // `outbox send`: sends what is due now on this thread and connection, after requeueing what a killed sender
    // left half-sent. Not while the worker runs (the kiosk): only one sender at a time.
    DispatchReport sendDueNow();

    std::vector<storage::OutboxMessage> recent(int limit = 50);
    storage::OutboxCounts counts();
    // Staff (cafe_manager, admin): audited. False when the message is no longer pending or failed, or the actor
    // may not.
    bool retryNow(const StaffSession* actor, const std::string& id);
    bool cancel(const StaffSession* actor, const std::string& id);

    // Why a channel's messages stay pending, as a translation key ("notifications.email_not_configured"), or
    // nothing when the channel can send.
    std::optional<std::string> channelProblem(storage::OutboxChannel channel) const;
    // The technician's sentence behind it (a missing password file), may be empty.
    std::string channelDetail(storage::OutboxChannel channel) const;

    const NotificationSettings settings;

private:
    void run(std::string databaseFile);

    const AreaContext context_;
    std::string senderName_;
    std::mutex mutex_;
    std::condition_variable wakeWorker_;
    bool wakeRequested_ = false;
    bool stopping_ = false;
    std::atomic<bool> changed_{false};
    std::atomic<bool> cancelSend_{false};  // stop() cuts a send under way short instead of waiting its timeout
    std::function<void()> wakeUi_;
    std::int64_t nextDueCheckMs_ = 0;
    std::thread worker_;
};

AreaDefinition notificationsArea();

}  // namespace vk::services::notifications
