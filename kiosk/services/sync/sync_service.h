#pragma once
// Sync rounds with the territory hub: push what the outbox holds, then pull what the other kiosks did, until the
// hub has nothing more. A round is a sequence of HTTP exchanges; between them the database work (reading the
// outbox, applying a pulled batch) runs on the caller's thread. The kiosk's loop drives rounds through a
// FetchWorker, so nothing on screen waits for the network; `village-kiosk sync` and the tests run one at once.

#include "kiosk/services/sync/sync_settings.h"
#include "net/fetch_worker.h"
#include "net/http_client.h"
#include "net/hub/hub_client.h"
#include "storage/sync_store.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>

namespace vk::services {
class Clock;
}

namespace vk::services::sync {

struct SyncRoundResult {
    bool ok = false;
    int pushed = 0;   // records the hub took (accepted, or already had)
    int refused = 0;  // records the hub refused (listed in `village-kiosk sync history`)
    int pulled = 0;   // changes received from the hub
    int applied = 0;  // of them, rows written here
    int held = 0;     // of them, waiting for what they need (a member)
    int forgotten = 0;  // records deleted here because the hub no longer has them (after a pull from 0)
    std::string error;  // why the round stopped, when !ok
};

class SyncService {
public:
    SyncService(storage::Database& db, const Clock& clock, SyncSettings settings);
    ~SyncService();

    const SyncSettings& settings() const { return settings_; }

    // One whole round now, blocking (the command line, tests). Records the outcome for the staff's line.
    SyncRoundResult runRound(const net::HttpClient& client);

    // The kiosk's loop: rounds every interval_seconds (with backoff after failures), their exchanges on a
    // worker thread. poll() takes an answer, does the database part and sends the next request.
    void startBackgroundWork(std::function<void()> wake);
    bool poll(std::int64_t nowMs);
    std::int64_t nextDueMs() const;
    void stop();
    // The last round's result, once a round the loop drove has ended (for tests).
    const std::optional<SyncRoundResult>& lastRound() const { return lastRound_; }

    storage::SyncStatus status() { return store_.status(); }
    storage::SyncStore& store() { return store_; }

    static constexpr int kPushBatch = 500;
    // What the loop pulls per exchange: applying it runs on the loop's thread, between two frames.
    static constexpr int kLoopPullBatch = 500;
    static constexpr std::int64_t kMaxBackoffMs = 3'600'000;

private:
    enum class Phase { Idle, Pushing, Pulling };
    // Starts a round: reads the credential. False (with the round ended) when it cannot be read.
    bool beginRound();
    // The next exchange of the round in progress, or nullopt when it is complete.
    std::optional<net::HttpRequest> nextRequest();
    // Reads an answer; false when the round must stop (the error is set).
    bool handle(const net::HttpResponse& response);
    void endRound(std::int64_t nowMs);

    storage::Database& db_;
    storage::SyncStore store_;
    const Clock& clock_;
    SyncSettings settings_;
    net::hub::HubEndpoint endpoint_;

    Phase phase_ = Phase::Idle;
    std::vector<storage::OutgoingChange> batch_;
    SyncRoundResult round_;
    int exchanges_ = 0;
    int pullLimit_ = net::hub::kDefaultPullLimit;
    // A pull from 0 in progress (the hub forgot tombstones this kiosk had not pulled): what it brought so far.
    bool fullPull_ = false;
    std::set<std::pair<std::string, std::string>> seenInFullPull_;
    std::optional<SyncRoundResult> lastRound_;

    std::unique_ptr<net::FetchWorker> worker_;
    std::int64_t nextRoundAt_ = 0;
    int failuresInARow_ = 0;
    bool waiting_ = false;
};

}  // namespace vk::services::sync
