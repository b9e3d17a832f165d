#pragma once
// The receipt printer as the workflows see it. submit() encodes the receipt, stores it as a job in SQLite and
// returns; one device thread per printer prints the jobs in order, asks the printer's status before and after each
// one, and rides out unplugs, paper outs and restarts. A job stored is a job printed, or reprinted marked
// DUPLICATA when nobody can tell whether the first copy came out whole.

#include "hardware/printer_status.h"
#include "hardware/printer_transport.h"
#include "hardware/receipt.h"
#include "storage/database.h"
#include "storage/print_queue_store.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace vk::hardware {

// Receipt to printer bytes (the ESC/POS encoder). Called on the submitting thread, twice per receipt.
using ReceiptEncoder = std::function<std::vector<std::uint8_t>(const Receipt&)>;

enum class StatusPolicy {
    // A printer that talks back (USB or TCP): no answer to DLE EOT counts as "not ready", and a job is done only
    // when the printer reports itself fine after it.
    Required,
    // A device that never answers (the development printer writing to a file, a one-way /dev/usb/lp*): no answer
    // is shown as "unknown" and does not hold jobs back; an answer that says paper out or cover open still does.
    BestEffort,
};

struct PrinterDeviceOptions {
    StatusPolicy statusPolicy = StatusPolicy::Required;
    std::chrono::milliseconds statusTimeout{500};  // for each DLE EOT answer
    // The answer after a job comes once the printer has taken in the whole job, which may lag behind our writes.
    std::chrono::milliseconds statusAfterJobTimeout{5000};
    std::chrono::milliseconds writeTimeout{1000};        // one transport write; also bounds shutdown
    std::chrono::milliseconds writeStallTimeout{10000};  // no byte accepted for this long: drop the connection
    std::chrono::milliseconds statusPollInterval{2000};  // while paper out, cover open or no answer
    std::chrono::milliseconds backoffMin{1000};          // after a transport error, doubling up to backoffMax
    std::chrono::milliseconds backoffMax{30000};
    std::chrono::milliseconds idleStatusInterval{60000};  // refreshes the staff panel while no job waits
    // A job cut off this many times is given up ("failed") rather than printing duplicates without end.
    int maxAttempts = 5;
};

enum class PrinterActivity { Starting, Idle, Printing, WaitingForPrinter, Reconnecting };

// What the device panel and the screens draw. Residents only learn whether their receipt prints now or
// « dès que possible »; staff see the rest.
struct PrinterSnapshot {
    std::string device;  // the transport's describe()
    bool connected = false;
    bool ready = false;      // connected, and the status allows printing now
    PrinterStatus status;    // the last answer; known = false when the printer did not answer
    PrinterActivity activity = PrinterActivity::Starting;
    int pendingJobs = 0;     // queued or printing
    int failedJobs = 0;      // given up after maxAttempts, until purged; details in PrintQueueStore::recent
    std::string lastError;   // English, for staff; empty while all is well
    bool operator==(const PrinterSnapshot&) const = default;
};

class PrinterDevice final : public ReceiptPrinter {
public:
    // `databaseFile` is the kiosk's database. The device opens two connections of its own on it: one for submit()
    // (any thread), one for its thread. A private ":memory:" database cannot be shared and is refused
    // (std::invalid_argument); tests use a file, or SQLite's memdb VFS ("file:/name?vfs=memdb").
    // `onChange` is called, from whichever thread changed it, each time the snapshot changes; it must be quick
    // and thread-safe (post an SDL user event). Throws storage::StorageError when the database cannot be opened.
    PrinterDevice(const std::filesystem::path& databaseFile, ReceiptEncoder encoder,
                  std::unique_ptr<PrinterTransport> transport, PrinterDeviceOptions options = {},
                  std::function<void()> onChange = {});
    // Stops the device thread: within about one transport call (writeTimeout, a connect timeout). A job cut off
    // by the stop is left queued, as uncertain if any of it went out.
    ~PrinterDevice() override;
    PrinterDevice(const PrinterDevice&) = delete;
    PrinterDevice& operator=(const PrinterDevice&) = delete;

    void submit(const Receipt& receipt) override;
    // As submit(), with the job's number; std::nullopt when the job could not be stored (the reason is in
    // snapshot().lastError).
    std::optional<std::int64_t> enqueue(const Receipt& receipt);

    PrinterSnapshot snapshot() const;
    bool printsNow() const override { return snapshot().ready; }

private:
    struct StatusAnswer {
        PrinterStatus status;
        bool transportLost = false;  // the connection failed while asking; it has been closed
        std::string error;
    };
    struct WriteOutcome {
        std::size_t written = 0;
        bool complete = false;
        bool stopped = false;
        std::string error;
    };

    void run();
    void runOnce(storage::PrintQueueStore& store);
    void printJob(storage::PrintQueueStore& store, const storage::PrintJob& job);
    bool refreshIdleStatus();
    bool connect();
    void dropConnection(const std::string& error);
    StatusAnswer askStatus(std::chrono::milliseconds firstAnswerTimeout);
    std::optional<std::uint8_t> askOne(std::span<const std::uint8_t> request, std::chrono::milliseconds timeout,
                                       bool& lost, std::string& error);
    WriteOutcome writeAll(std::span<const std::uint8_t> bytes, std::chrono::milliseconds stallTimeout);
    bool acceptable(const PrinterStatus& status) const;
    void noteStatus(const StatusAnswer& answer);

    std::chrono::milliseconds nextBackoff();
    bool stopRequested() const;
    void waitForWork(std::chrono::milliseconds timeout);
    void refreshPending(storage::Database& db);
    template <typename Change> void publish(Change&& change);

    ReceiptEncoder encoder_;
    std::unique_ptr<PrinterTransport> transport_;  // the device thread's alone once it runs
    PrinterDeviceOptions options_;
    std::function<void()> onChange_;

    std::mutex submitMutex_;  // guards submitDb_
    storage::Database submitDb_;
    storage::Database deviceDb_;  // the device thread's connection

    mutable std::mutex wakeMutex_;
    std::condition_variable wakeSignal_;
    bool stopping_ = false;
    bool workPending_ = false;

    std::chrono::milliseconds backoff_{0};
    std::optional<std::chrono::steady_clock::time_point> nextIdleStatus_;
    bool askedWhileIdle_ = false;
    bool everAnswered_ = false;

    std::mutex countMutex_;  // a count read and its publication happen together, so a stale count never wins
    mutable std::mutex snapshotMutex_;
    PrinterSnapshot snapshot_;

    std::thread thread_;  // last: starts once everything above exists
};

}  // namespace vk::hardware
