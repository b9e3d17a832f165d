#pragma once
// NFC readers (ACS ACR122U and other PC/SC contactless readers) through pcsc-lite. A thread watches every reader
// and the PnP pseudo-reader, reads the UID of each card put on a reader once, and posts it as a CardUid event.
//
// A UID identifies a card, it does not authenticate it: most cards send it in clear before any security, and
// "magic" cards let anyone write any UID. Use it to find a member or a staff badge, never as a password.

#include "hardware/reader_events.h"

#include <winscard.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>

namespace vk::hardware {

// The few PC/SC calls the reader makes, one to one with SCard*, so that tests can stand in for pcscd.
class SmartCardApi {
public:
    virtual ~SmartCardApi() = default;
    virtual LONG establishContext(SCARDCONTEXT& context) = 0;
    virtual LONG releaseContext(SCARDCONTEXT context) = 0;
    // Empty, with SCARD_S_SUCCESS, when no reader is plugged in.
    virtual LONG listReaders(SCARDCONTEXT context, std::vector<std::string>& readers) = 0;
    virtual LONG getStatusChange(SCARDCONTEXT context, DWORD timeoutMs, SCARD_READERSTATE* states, DWORD count) = 0;
    virtual LONG cancel(SCARDCONTEXT context) = 0;
    virtual LONG connect(SCARDCONTEXT context, const std::string& reader, SCARDHANDLE& card, DWORD& protocol) = 0;
    virtual LONG transmit(SCARDHANDLE card, DWORD protocol, std::span<const std::uint8_t> command,
                          std::vector<std::uint8_t>& response) = 0;
    virtual LONG disconnect(SCARDHANDLE card) = 0;
};

// The real thing: libpcsclite, talking to pcscd.
std::unique_ptr<SmartCardApi> makePcscLiteApi();

// The pseudo-APDU that PC/SC contactless readers answer themselves (PC/SC part 3, 3.2.2.1.3): GET DATA, UID.
inline constexpr std::uint8_t kGetUidApdu[] = {0xFF, 0xCA, 0x00, 0x00, 0x00};

// The UID as upper-case hex from a GET DATA answer (UID bytes then SW1 SW2 = 90 00); nothing when the reader
// refused (6A 81: not supported, e.g. a contact card; 63 00: no answer from the card) or the answer is malformed.
std::optional<std::string> parseGetUidResponse(std::span<const std::uint8_t> response);

// pcsc-lite's error text plus what staff can do about the common ones.
std::string describePcscError(LONG result);

struct PcscReaderOptions {
    std::string readerNameFilter;  // only readers whose name contains this ("ACR122"); all when empty
    std::string source = "nfc";    // ReaderEvent::source
    std::chrono::milliseconds retryInterval{3000};  // pcscd absent or restarted: how often to try again
    // Upper bound of one SCardGetStatusChange wait: SCardCancel ends it sooner, this only bounds a lost cancel.
    std::chrono::milliseconds statusWait{1000};
};

class PcscReader {
public:
    // Starts the thread at once; a missing pcscd or reader is reported in status(), never thrown.
    PcscReader(ReaderEventQueue& queue, PcscReaderOptions options = {},
               std::unique_ptr<SmartCardApi> api = makePcscLiteApi());
    ~PcscReader();
    PcscReader(const PcscReader&) = delete;
    PcscReader& operator=(const PcscReader&) = delete;

    void stop();

    // One line for the staff device panel ("ready: ACS ACR122U …", "no PC/SC service (pcscd) running" …).
    std::string status() const;
    bool connected() const { return connected_.load(); }
    // How many SCardGetStatusChange waits have returned and been acted on: a test waits for this to move on to
    // know that the reader has looked again (and, say, not read the same card twice).
    std::uint64_t statusWaits() const { return statusWaits_.load(); }

private:
    struct ReaderSlot {
        DWORD knownState = SCARD_STATE_UNAWARE;
        bool cardHandled = false;  // the card on it now has been read (or tried): no repeat until it leaves
    };

    void run();
    bool establish();
    void releaseContext();
    bool watchOnce();
    void readCard(const std::string& reader);
    bool waitForStop(std::chrono::milliseconds timeout);
    void setStatus(std::string status, bool connected);

    ReaderEventQueue& queue_;
    PcscReaderOptions options_;
    std::unique_ptr<SmartCardApi> api_;
    std::map<std::string, ReaderSlot> readers_;
    DWORD pnpState_ = SCARD_STATE_UNAWARE;
    std::string lastCardProblem_;

    std::mutex contextMutex_;  // guards context_ against stop()'s SCardCancel from another thread
    std::optional<SCARDCONTEXT> context_;
    std::mutex stopMutex_;
    std::condition_variable stopSignal_;
    std::atomic<bool> stopping_{false};
    std::atomic<bool> connected_{false};
    std::atomic<std::uint64_t> statusWaits_{0};
    mutable std::mutex statusMutex_;
    std::string status_;
    std::thread thread_;  // last: started once everything above exists
};

}  // namespace vk::hardware
