#include "kiosk/services/sync/sync_service.h"

#include "kiosk/services/clock.h"

#include <algorithm>
#include <fstream>
#include <limits>
#include <map>

namespace vk::services::sync {
namespace {

// A round that needs more exchanges than this stops and goes on at the next one (a hub answering "more" forever).
constexpr int kMaxExchangesPerRound = 400;

std::optional<std::string> readCredential(const std::filesystem::path& file, std::string& error) {
    std::ifstream in(file);
    if (!in) {
        error = "the hub credential (" + file.string() + ") cannot be read";
        return std::nullopt;
    }
    std::string credential;
    std::getline(in, credential);
    while (!credential.empty() && (credential.back() == '\r' || credential.back() == ' ')) credential.pop_back();
    if (credential.empty() || credential.size() > 200 ||
        std::any_of(credential.begin(), credential.end(), [](char c) { return static_cast<unsigned char>(c) < 0x21; })) {
        error = "the hub credential (" + file.string() + ") is not one village-hub add-kiosk printed";
        return std::nullopt;
    }
    return credential;
}

}  // namespace

SyncService::SyncService(storage::Database& db, const Clock& clock, SyncSettings settings)
    : db_(db), store_(db), clock_(clock), settings_(std::move(settings)) {
    endpoint_.baseUrl = settings_.hubUrl;
    endpoint_.kioskId = db_.kioskId();
    endpoint_.caFile = settings_.caFile.string();
}

SyncService::~SyncService() { stop(); }

bool SyncService::beginRound() {
    round_ = SyncRoundResult{};
    exchanges_ = 0;
    batch_.clear();
    phase_ = Phase::Pushing;
    if (!settings_.enabled()) {
        round_.error = "no hub is configured ([sync] hub_url)";
        return false;
    }
    std::string error;
    const auto credential = readCredential(settings_.credentialFile, error);
    if (!credential) {
        round_.error = error;
        return false;
    }
    endpoint_.credential = *credential;
    return true;
}

std::optional<net::HttpRequest> SyncService::nextRequest() {
    if (++exchanges_ > kMaxExchangesPerRound) {
        round_.error = "the round needed more than " + std::to_string(kMaxExchangesPerRound) +
                       " exchanges; it goes on at the next one";
        phase_ = Phase::Idle;
        return std::nullopt;
    }
    if (phase_ == Phase::Pushing) {
        batch_ = store_.pendingChanges(kPushBatch);
        if (!batch_.empty()) {
            net::hub::PushRequest push;
            push.kioskId = db_.kioskId();
            for (const auto& change : batch_)
                push.changes.push_back({change.changeId, change.table, change.recordId, change.baseSeq, change.row});
            return net::hub::pushRequest(endpoint_, push);
        }
        phase_ = Phase::Pulling;
    }
    if (phase_ == Phase::Pulling) return net::hub::pullRequest(endpoint_, store_.status().pulledUpTo, pullLimit_);
    return std::nullopt;
}

bool SyncService::handle(const net::HttpResponse& response) {
    const auto answer = net::hub::readAnswer(response);
    if (!answer.ok) {
        if (answer.forgotten && phase_ == Phase::Pulling) {
            store_.restartPullFromZero();
            fullPull_ = true;
            seenInFullPull_.clear();
            return true;
        }
        round_.error = answer.message;
        return false;
    }
    std::string problem;
    if (phase_ == Phase::Pushing) {
        const auto decoded = net::hub::decodePushResponse(response.body, problem);
        if (!decoded) {
            round_.error = "the hub's answer to a push could not be read: " + problem;
            return false;
        }
        std::map<std::string, const net::hub::PushResult*> byChange;
        for (const auto& result : decoded->results) byChange[result.changeId] = &result;
        std::vector<storage::PushedChange> pushed;
        for (const auto& change : batch_) {
            const auto found = byChange.find(change.changeId);
            if (found == byChange.end()) continue;  // stays queued; the round stops below
            const auto& result = *found->second;
            storage::PushedChange done{change.changeId, change.table, change.recordId, change.lastOutboxSeq,
                                       storage::PushVerdict::Accepted, result.seq, result.reason};
            if (result.verdict == net::hub::Verdict::Duplicate) done.verdict = storage::PushVerdict::Duplicate;
            if (result.verdict == net::hub::Verdict::Refused) done.verdict = storage::PushVerdict::Refused;
            done.verdict == storage::PushVerdict::Refused ? ++round_.refused : ++round_.pushed;
            pushed.push_back(std::move(done));
        }
        store_.recordPushed(pushed, clock_.nowMs());
        if (pushed.size() != batch_.size()) {
            round_.error = "the hub did not answer for every change pushed";
            return false;
        }
        return true;
    }
    const auto decoded = net::hub::decodePullResponse(response.body, problem);
    if (!decoded) {
        round_.error = "the hub's answer to a pull could not be read: " + problem;
        return false;
    }
    store_.rememberVillage(decoded->village);
    std::vector<storage::IncomingChange> changes;
    changes.reserve(decoded->changes.size());
    for (const auto& change : decoded->changes) {
        storage::IncomingChange incoming{change.seq, change.changeId, change.table, change.recordId,
                                         change.fromKiosk, change.row, std::nullopt};
        if (change.replaced)
            incoming.replaced = storage::ReplacedVersion{change.replaced->seq, change.replaced->fromKiosk,
                                                         change.replaced->row};
        changes.push_back(std::move(incoming));
    }
    if (fullPull_)
        for (const auto& change : changes) seenInFullPull_.emplace(change.table, change.recordId);
    const auto counts = store_.applyPulled(changes, decoded->upTo, clock_.nowMs());
    round_.pulled += static_cast<int>(changes.size());
    round_.applied += counts.applied;
    round_.held += counts.held;
    if (!decoded->more) {
        phase_ = Phase::Idle;
        if (fullPull_) {
            // Everything the hub still has came: what it did not bring was deleted elsewhere while this kiosk was
            // away longer than the hub keeps tombstones.
            round_.forgotten += store_.forgetUnseen(seenInFullPull_);
            fullPull_ = false;
            seenInFullPull_.clear();
        }
    }
    return true;
}

void SyncService::endRound(std::int64_t nowMs) {
    phase_ = Phase::Idle;
    round_.ok = round_.error.empty();
    try {
        store_.recordRound(nowMs, round_.ok ? std::nullopt : std::optional<std::string>(round_.error), round_.pushed,
                           round_.pulled);
    } catch (const std::exception&) {
        // The line for staff is not worth failing the round over; the next round writes it again.
    }
    lastRound_ = round_;
    if (round_.ok) {
        failuresInARow_ = 0;
        nextRoundAt_ = nowMs + std::int64_t{settings_.intervalSeconds} * 1000;
    } else {
        ++failuresInARow_;
        const std::int64_t base = std::int64_t{settings_.intervalSeconds} * 1000;
        const int doublings = std::min(failuresInARow_, 12);
        nextRoundAt_ = nowMs + std::min(kMaxBackoffMs, base << doublings);
    }
}

SyncRoundResult SyncService::runRound(const net::HttpClient& client) {
    pullLimit_ = net::hub::kDefaultPullLimit;
    if (beginRound()) {
        while (auto request = nextRequest()) {
            if (!handle(client.get(*request))) break;
        }
    }
    endRound(clock_.nowMs());
    return round_;
}

void SyncService::startBackgroundWork(std::function<void()> wake) {
    if (!settings_.enabled()) return;
    worker_ = std::make_unique<net::FetchWorker>();
    worker_->setWakeCallback(std::move(wake));
    nextRoundAt_ = 0;  // the first round soon after start
}

bool SyncService::poll(std::int64_t nowMs) {
    if (!worker_) return false;
    bool changed = false;
    if (waiting_) {
        auto answer = worker_->take();
        if (!answer) return false;
        waiting_ = false;
        const int appliedBefore = round_.applied;
        const bool goOn = handle(answer->response);
        changed = round_.applied != appliedBefore;
        std::optional<net::HttpRequest> next;
        if (goOn) next = nextRequest();
        if (next) {
            worker_->request("hub", std::move(*next));
            waiting_ = true;
        } else {
            endRound(nowMs);
            changed = true;
        }
        return changed;
    }
    if (nowMs < nextRoundAt_) return false;
    pullLimit_ = kLoopPullBatch;
    if (!beginRound()) {
        endRound(nowMs);
        return true;
    }
    if (auto request = nextRequest()) {
        worker_->request("hub", std::move(*request));
        waiting_ = true;
    } else {
        endRound(nowMs);
        return true;
    }
    return false;
}

std::int64_t SyncService::nextDueMs() const {
    if (!settings_.enabled() || waiting_) return std::numeric_limits<std::int64_t>::max();
    return nextRoundAt_;
}

void SyncService::stop() { worker_.reset(); }

}  // namespace vk::services::sync
