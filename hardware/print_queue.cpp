#include "hardware/print_queue.h"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace vk::hardware {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

storage::Database openConnection(const std::filesystem::path& file) {
    // Each ":memory:" connection is a database of its own: the device thread would never see a submitted job.
    if (file.empty() || file == ":memory:")
        throw std::invalid_argument("the print queue needs a database file (or a file:/name?vfs=memdb URI), not "
                                    "a private in-memory database");
    return storage::Database::open(file);
}

std::string inSeconds(milliseconds duration) {
    const auto tenths = duration.count() / 100;
    return std::to_string(tenths / 10) + (tenths % 10 != 0 ? "." + std::to_string(tenths % 10) : "") + " s";
}

}  // namespace

PrinterDevice::PrinterDevice(const std::filesystem::path& databaseFile, ReceiptEncoder encoder,
                             std::unique_ptr<PrinterTransport> transport, PrinterDeviceOptions options,
                             std::function<void()> onChange)
    : encoder_(std::move(encoder)),
      transport_(std::move(transport)),
      options_(options),
      onChange_(std::move(onChange)),
      submitDb_(openConnection(databaseFile)),
      deviceDb_(openConnection(databaseFile)),
      backoff_(options.backoffMin) {
    if (!encoder_ || !transport_) throw std::invalid_argument("the print queue needs an encoder and a transport");
    // Before the thread starts: a job left "printing" by a crash may have come out in part, so it is reprinted as
    // a duplicate.
    storage::PrintQueueStore(deviceDb_).recoverInterrupted();
    snapshot_.device = transport_->describe();
    snapshot_.pendingJobs = storage::PrintQueueStore(deviceDb_).countPending();
    snapshot_.failedJobs = storage::PrintQueueStore(deviceDb_).countFailed();
    thread_ = std::thread([this] { run(); });
}

PrinterDevice::~PrinterDevice() {
    {
        std::lock_guard lock(wakeMutex_);
        stopping_ = true;
    }
    wakeSignal_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void PrinterDevice::submit(const Receipt& receipt) { enqueue(receipt); }

std::optional<std::int64_t> PrinterDevice::enqueue(const Receipt& receipt) {
    std::int64_t id = 0;
    try {
        Receipt duplicate = receipt;
        duplicate.duplicate = true;
        const std::vector<std::uint8_t> bytes = encoder_(receipt);
        const std::vector<std::uint8_t> duplicateBytes = encoder_(duplicate);
        std::lock_guard lock(submitMutex_);
        id = storage::PrintQueueStore(submitDb_).add(receipt.kind, bytes, duplicateBytes, storage::nowUnixMs());
        refreshPending(submitDb_);
    } catch (const std::exception& e) {
        // The workflow goes on (the resident is told « dès que possible »); staff see why nothing came out.
        const std::string error = "could not queue a " + receipt.kind + " receipt: " + e.what();
        publish([&](PrinterSnapshot& s) { s.lastError = error; });
        return std::nullopt;
    }
    {
        std::lock_guard lock(wakeMutex_);
        workPending_ = true;
    }
    wakeSignal_.notify_all();
    return id;
}

PrinterSnapshot PrinterDevice::snapshot() const {
    std::lock_guard lock(snapshotMutex_);
    return snapshot_;
}

template <typename Change> void PrinterDevice::publish(Change&& change) {
    bool changed = false;
    {
        std::lock_guard lock(snapshotMutex_);
        const PrinterSnapshot before = snapshot_;
        change(snapshot_);
        changed = !(before == snapshot_);
    }
    // Outside the lock: the callback may read the snapshot.
    if (changed && onChange_) onChange_();
}

void PrinterDevice::refreshPending(storage::Database& db) {
    std::lock_guard lock(countMutex_);
    storage::PrintQueueStore store(db);
    const int pending = store.countPending();
    const int failed = store.countFailed();
    publish([&](PrinterSnapshot& s) {
        s.pendingJobs = pending;
        s.failedJobs = failed;
    });
}

bool PrinterDevice::stopRequested() const {
    std::lock_guard lock(wakeMutex_);
    return stopping_;
}

void PrinterDevice::waitForWork(milliseconds timeout) {
    // While the printer is away, wake every half second to hear of it coming back (USB hot-plug): a replugged
    // printer then prints at once, not at the end of a backoff of up to 30 s. Connected, the wait is one block.
    constexpr milliseconds kSlice{500};
    const auto until = Clock::now() + timeout;
    for (;;) {
        const bool watch = !transport_->isOpen();
        const auto left = std::chrono::ceil<milliseconds>(until - Clock::now());
        {
            std::unique_lock lock(wakeMutex_);
            if (wakeSignal_.wait_for(lock, watch ? std::min(left, kSlice) : left,
                                     [this] { return stopping_ || workPending_; })) {
                workPending_ = false;
                return;
            }
        }
        if (Clock::now() >= until) return;
        if (watch && transport_->deviceArrived()) {
            backoff_ = options_.backoffMin;
            return;
        }
    }
}

milliseconds PrinterDevice::nextBackoff() {
    const milliseconds wait = backoff_;
    backoff_ = std::min(backoff_ * 2, options_.backoffMax);
    return wait;
}

bool PrinterDevice::acceptable(const PrinterStatus& status) const {
    if (status.known) return status.readyToPrint();
    return options_.statusPolicy == StatusPolicy::BestEffort;
}

void PrinterDevice::run() {
    storage::PrintQueueStore store(deviceDb_);
    while (!stopRequested()) {
        try {
            runOnce(store);
        } catch (const std::exception& e) {
            // A database error (disk full, locked for too long): the jobs are still stored; try again later.
            const std::string error = std::string("print queue: ") + e.what();
            publish([&](PrinterSnapshot& s) { s.lastError = error; });
            // A job caught between markPrinting and its outcome would otherwise wait for the next start.
            try {
                store.recoverInterrupted();
            } catch (const std::exception&) {
                // Still failing: the next round tries again, and a restart recovers it in any case.
            }
            waitForWork(nextBackoff());
        }
    }
    transport_->close();
}

void PrinterDevice::runOnce(storage::PrintQueueStore& store) {
    refreshPending(deviceDb_);
    const std::optional<storage::PrintJob> job = store.nextQueued();
    if (!job) {
        publish([](PrinterSnapshot& s) { s.activity = PrinterActivity::Idle; });
        if (!nextIdleStatus_ || Clock::now() >= *nextIdleStatus_) {
            // While unreachable, look again on the reconnect backoff, so the panel sees a replugged printer soon.
            const bool reached = refreshIdleStatus();
            nextIdleStatus_ = Clock::now() + (reached ? options_.idleStatusInterval : nextBackoff());
        }
        waitForWork(std::max(milliseconds{0}, std::chrono::ceil<milliseconds>(*nextIdleStatus_ - Clock::now())));
        return;
    }
    if (job->attempts >= options_.maxAttempts) {
        const std::string error = "job " + std::to_string(job->id) + " (" + job->kind + ") given up after " +
                                  std::to_string(job->attempts) + " attempts: " + job->lastError;
        store.markFailed(job->id, error, storage::nowUnixMs());
        publish([&](PrinterSnapshot& s) { s.lastError = error; });
        return;
    }
    if (!connect()) {
        waitForWork(nextBackoff());
        return;
    }
    const StatusAnswer before = askStatus(options_.statusTimeout);
    noteStatus(before);
    if (before.transportLost) {
        waitForWork(nextBackoff());
        return;
    }
    if (!acceptable(before.status)) {
        // Paper out, cover open, offline, or silent: the job waits, untouched, until the printer says it is fine.
        waitForWork(options_.statusPollInterval);
        return;
    }
    backoff_ = options_.backoffMin;
    printJob(store, *job);
}

bool PrinterDevice::refreshIdleStatus() {
    if (!connect()) return false;
    // A device that has never answered (the virtual printer's file) would only collect a status request a minute.
    if (options_.statusPolicy == StatusPolicy::BestEffort && askedWhileIdle_ && !everAnswered_) return true;
    askedWhileIdle_ = true;
    const StatusAnswer answer = askStatus(options_.statusTimeout);
    noteStatus(answer);
    if (answer.transportLost) return false;
    backoff_ = options_.backoffMin;
    return true;
}

bool PrinterDevice::connect() {
    if (transport_->isOpen()) return true;
    const TransportResult result = transport_->open();
    if (result.ok()) {
        publish([](PrinterSnapshot& s) { s.connected = true; });
        return true;
    }
    const std::string error = "cannot reach the printer: " + result.message;
    publish([&](PrinterSnapshot& s) {
        s.connected = false;
        s.ready = false;
        s.activity = s.pendingJobs > 0 ? PrinterActivity::Reconnecting : s.activity;
        s.lastError = error;
    });
    return false;
}

void PrinterDevice::dropConnection(const std::string& error) {
    transport_->close();
    publish([&](PrinterSnapshot& s) {
        s.connected = false;
        s.ready = false;
        s.activity = PrinterActivity::Reconnecting;
        s.lastError = error;
    });
}

void PrinterDevice::noteStatus(const StatusAnswer& answer) {
    if (answer.transportLost) return;  // dropConnection has said why
    const bool ok = acceptable(answer.status);
    publish([&](PrinterSnapshot& s) {
        s.status = answer.status;
        s.ready = ok;
        if (ok) {
            s.lastError.clear();
        } else {
            s.lastError = "printer not ready: " + describePrinterStatus(answer.status);
            if (s.pendingJobs > 0) s.activity = PrinterActivity::WaitingForPrinter;
        }
    });
}

std::optional<std::uint8_t> PrinterDevice::askOne(std::span<const std::uint8_t> request, milliseconds timeout,
                                                  bool& lost, std::string& error) {
    const WriteOutcome sent = writeAll(request, options_.statusTimeout);
    if (!sent.complete) {
        // Half a request left in the pipe would swallow the next job's first bytes: start a fresh connection.
        lost = true;
        error = sent.stopped ? "stopped" : sent.error;
        return std::nullopt;
    }
    // Long waits go in slices so that a stop request is not kept waiting.
    constexpr milliseconds kSlice{200};
    const auto deadline = Clock::now() + timeout;
    while (true) {
        std::array<std::uint8_t, 1> answer{};
        const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
        const auto slice = std::clamp(left, milliseconds{0}, kSlice);
        const auto asked = Clock::now();
        const TransportResult result = transport_->read(answer, slice);
        if (result.bytes == 1) return answer[0];
        if (!result.ok() && result.error != TransportError::Timeout) {
            lost = true;
            error = result.message;
            return std::nullopt;
        }
        // A Timeout well before the time given is the transport saying it cannot answer at all (a plain file, a
        // one-way device): asking again would only spin.
        if (Clock::now() - asked < slice / 2) return std::nullopt;
        if (Clock::now() >= deadline || stopRequested()) return std::nullopt;
    }
}

PrinterDevice::StatusAnswer PrinterDevice::askStatus(milliseconds firstAnswerTimeout) {
    StatusAnswer answer;
    // Answers that came too late for an earlier request would be taken for the next one's: throw them away.
    for (int i = 0; i < 16; ++i) {
        std::array<std::uint8_t, 64> stale{};
        if (transport_->read(stale, milliseconds{0}).bytes == 0) break;
    }
    bool lost = false;
    const std::optional<std::uint8_t> printer = askOne(kRequestPrinterStatus, firstAnswerTimeout, lost, answer.error);
    std::optional<std::uint8_t> cause;
    std::optional<std::uint8_t> paper;
    // No answer to the first request: the printer is silent, asking more only costs time.
    if (!lost && printer) cause = askOne(kRequestOfflineCause, options_.statusTimeout, lost, answer.error);
    if (!lost && printer) paper = askOne(kRequestPaperStatus, options_.statusTimeout, lost, answer.error);
    if (lost) {
        answer.transportLost = true;
        dropConnection("connection lost while asking the printer's status: " + answer.error);
        return answer;
    }
    answer.status = parsePrinterStatus(printer, cause, paper);
    everAnswered_ = everAnswered_ || answer.status.known;
    nextIdleStatus_ = Clock::now() + options_.idleStatusInterval;
    return answer;
}

PrinterDevice::WriteOutcome PrinterDevice::writeAll(std::span<const std::uint8_t> bytes, milliseconds stallTimeout) {
    WriteOutcome outcome;
    auto lastProgress = Clock::now();
    while (outcome.written < bytes.size()) {
        if (stopRequested()) {
            outcome.stopped = true;
            return outcome;
        }
        const TransportResult result = transport_->write(bytes.subspan(outcome.written), options_.writeTimeout);
        outcome.written += std::min(result.bytes, bytes.size() - outcome.written);
        if (result.bytes > 0) lastProgress = Clock::now();
        if (result.ok() && result.bytes == 0) {
            outcome.error = "the transport wrote nothing without saying why";
            return outcome;
        }
        if (result.ok()) continue;
        if (result.error == TransportError::Timeout) {
            // A printer that stops reading (paper out mid-job with a full buffer) stalls the pipe; give it time.
            if (Clock::now() - lastProgress < stallTimeout) continue;
            outcome.error = "the printer accepted no data for " + inSeconds(stallTimeout);
            return outcome;
        }
        outcome.error = result.message;
        return outcome;
    }
    outcome.complete = true;
    return outcome;
}

void PrinterDevice::printJob(storage::PrintQueueStore& store, const storage::PrintJob& job) {
    const bool duplicate = job.uncertain;
    const std::vector<std::uint8_t>& bytes = duplicate ? job.duplicateBytes : job.bytes;
    store.markPrinting(job.id, storage::nowUnixMs());
    publish([](PrinterSnapshot& s) { s.activity = PrinterActivity::Printing; });

    const WriteOutcome written = writeAll(bytes, options_.writeStallTimeout);
    if (!written.complete) {
        // Some bytes out and no more: whatever came out is a torn receipt, so the next attempt is a duplicate.
        const std::string error = written.stopped ? "stopped while printing" : "cut off while printing: " + written.error;
        store.requeue(job.id, written.written > 0, error);
        if (written.stopped) return;
        dropConnection(error);
        waitForWork(nextBackoff());
        return;
    }

    const StatusAnswer after = askStatus(options_.statusAfterJobTimeout);
    if (!after.transportLost && acceptable(after.status)) {
        store.markDone(job.id, storage::nowUnixMs());
        noteStatus(after);
        refreshPending(deviceDb_);
        return;
    }
    // Every byte went out, but the printer cannot vouch for the receipt (it ran out of paper on it, or went
    // silent): print it again, marked DUPLICATA, once it is fine.
    const std::string error = after.transportLost ? "connection lost after the job: " + after.error
                                                  : "after the job: " + describePrinterStatus(after.status);
    store.requeue(job.id, true, error);
    if (after.transportLost) {
        waitForWork(nextBackoff());
        return;
    }
    noteStatus(after);
    waitForWork(options_.statusPollInterval);
}

}  // namespace vk::hardware
