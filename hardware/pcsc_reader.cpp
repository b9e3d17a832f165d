#include "hardware/pcsc_reader.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace vk::hardware {
namespace {

// pcsc-lite's name for the pseudo-reader whose state changes when a reader is plugged in or out.
constexpr char kPnpNotification[] = "\\\\?PnP?\\Notification";

// pcsc-lite keeps a per-reader count of card insertions and removals in the upper 16 bits of dwEventState:
// a different count with the card still present means it was swapped while we were busy.
DWORD cardEventCount(DWORD state) { return state >> 16U; }

class PcscLiteApi final : public SmartCardApi {
public:
    LONG establishContext(SCARDCONTEXT& context) override {
        return SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &context);
    }
    LONG releaseContext(SCARDCONTEXT context) override { return SCardReleaseContext(context); }

    LONG listReaders(SCARDCONTEXT context, std::vector<std::string>& readers) override {
        readers.clear();
        // Two calls (size, then names); a reader plugged in between makes the second one fail: ask again.
        for (int attempt = 0; attempt < 3; ++attempt) {
            DWORD size = 0;
            LONG result = SCardListReaders(context, nullptr, nullptr, &size);
            if (result == SCARD_E_NO_READERS_AVAILABLE) return SCARD_S_SUCCESS;
            if (result != SCARD_S_SUCCESS) return result;
            std::vector<char> names(size + 1, '\0');
            result = SCardListReaders(context, nullptr, names.data(), &size);
            if (result == SCARD_E_INSUFFICIENT_BUFFER) continue;
            if (result == SCARD_E_NO_READERS_AVAILABLE) return SCARD_S_SUCCESS;
            if (result != SCARD_S_SUCCESS) return result;
            // A multi-string: names separated by NUL, ended by an empty one.
            for (const char* name = names.data(); *name != '\0'; name += readers.back().size() + 1) {
                readers.emplace_back(name);
            }
            return SCARD_S_SUCCESS;
        }
        return SCARD_E_INSUFFICIENT_BUFFER;
    }

    LONG getStatusChange(SCARDCONTEXT context, DWORD timeoutMs, SCARD_READERSTATE* states, DWORD count) override {
        return SCardGetStatusChange(context, timeoutMs, states, count);
    }
    LONG cancel(SCARDCONTEXT context) override { return SCardCancel(context); }

    LONG connect(SCARDCONTEXT context, const std::string& reader, SCARDHANDLE& card, DWORD& protocol) override {
        return SCardConnect(context, reader.c_str(), SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, &card,
                            &protocol);
    }

    LONG transmit(SCARDHANDLE card, DWORD protocol, std::span<const std::uint8_t> command,
                  std::vector<std::uint8_t>& response) override {
        std::array<BYTE, MAX_BUFFER_SIZE> buffer{};
        DWORD length = buffer.size();
        const SCARD_IO_REQUEST* pci = protocol == SCARD_PROTOCOL_T0 ? SCARD_PCI_T0 : SCARD_PCI_T1;
        const LONG result = SCardTransmit(card, pci, command.data(), static_cast<DWORD>(command.size()), nullptr,
                                          buffer.data(), &length);
        if (result == SCARD_S_SUCCESS) response.assign(buffer.begin(), buffer.begin() + length);
        return result;
    }

    // LEAVE_CARD: resetting would cost the next reader of this card (another program) its session for nothing.
    LONG disconnect(SCARDHANDLE card) override { return SCardDisconnect(card, SCARD_LEAVE_CARD); }
};

std::string hexBytes(std::span<const std::uint8_t> bytes, const char* separator) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string text;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i > 0) text += separator;
        text += kHex[bytes[i] >> 4U];
        text += kHex[bytes[i] & 0xFU];
    }
    return text;
}

}  // namespace

std::unique_ptr<SmartCardApi> makePcscLiteApi() { return std::make_unique<PcscLiteApi>(); }

std::optional<std::string> parseGetUidResponse(std::span<const std::uint8_t> response) {
    // 4, 7 or 10 bytes for ISO 14443 A, 8 for FeliCa IDm or ISO 15693; anything longer is not a UID.
    constexpr std::size_t kMaxUidLength = 16;
    if (response.size() < 3 || response.size() > kMaxUidLength + 2) return std::nullopt;
    const std::size_t uidLength = response.size() - 2;
    if (response[uidLength] != 0x90 || response[uidLength + 1] != 0x00) return std::nullopt;
    return hexBytes(response.first(uidLength), "");
}

std::string describePcscError(LONG result) {
    switch (result) {
        case SCARD_E_NO_SERVICE:
        case SCARD_E_SERVICE_STOPPED:
            return "no PC/SC service (pcscd) running: install pcscd and enable pcscd.socket";
        case SCARD_E_NO_READERS_AVAILABLE: return "no NFC reader connected";
        case SCARD_E_SHARING_VIOLATION: return "the NFC reader is held by another program";
        case SCARD_W_REMOVED_CARD:
        case SCARD_E_NO_SMARTCARD: return "the card left the reader too soon: hold it still for a second";
        case SCARD_W_UNRESPONSIVE_CARD:
        case SCARD_W_UNPOWERED_CARD: return "the card does not answer";
        case SCARD_E_READER_UNAVAILABLE:
        case SCARD_E_UNKNOWN_READER: return "the NFC reader was unplugged";
        default: {
            std::array<char, 16> code{};
            std::snprintf(code.data(), code.size(), "0x%08lX", static_cast<unsigned long>(result));
            return std::string("PC/SC error ") + code.data() + ": " + pcsc_stringify_error(result);
        }
    }
}

PcscReader::PcscReader(ReaderEventQueue& queue, PcscReaderOptions options, std::unique_ptr<SmartCardApi> api)
    : queue_(queue), options_(std::move(options)), api_(std::move(api)) {
    status_ = "starting";
    thread_ = std::thread([this] { run(); });
}

PcscReader::~PcscReader() { stop(); }

void PcscReader::stop() {
    {
        std::lock_guard lock(stopMutex_);
        stopping_ = true;
    }
    stopSignal_.notify_all();
    {
        // SCardCancel is the one call PC/SC allows on a context from another thread: it ends the pending
        // SCardGetStatusChange with SCARD_E_CANCELLED.
        std::lock_guard lock(contextMutex_);
        if (context_) api_->cancel(*context_);
    }
    if (thread_.joinable()) thread_.join();
}

std::string PcscReader::status() const {
    std::lock_guard lock(statusMutex_);
    return status_;
}

void PcscReader::setStatus(std::string status, bool connected) {
    std::lock_guard lock(statusMutex_);
    status_ = std::move(status);
    connected_ = connected;
}

bool PcscReader::waitForStop(std::chrono::milliseconds timeout) {
    std::unique_lock lock(stopMutex_);
    return stopSignal_.wait_for(lock, timeout, [this] { return stopping_.load(); });
}

void PcscReader::run() {
    while (!stopping_) {
        if (!context_ && !establish()) {
            if (waitForStop(options_.retryInterval)) break;
            continue;
        }
        if (!watchOnce()) {
            // pcscd stopped or restarted: the context is dead, start over with a new one.
            releaseContext();
            if (waitForStop(options_.retryInterval)) break;
        }
    }
    releaseContext();
    setStatus("stopped", false);
}

bool PcscReader::establish() {
    SCARDCONTEXT context = 0;
    const LONG result = api_->establishContext(context);
    if (result != SCARD_S_SUCCESS) {
        setStatus(describePcscError(result), false);
        return false;
    }
    std::lock_guard lock(contextMutex_);
    context_ = context;
    readers_.clear();
    pnpState_ = SCARD_STATE_UNAWARE;
    return true;
}

void PcscReader::releaseContext() {
    std::lock_guard lock(contextMutex_);
    if (context_) api_->releaseContext(*context_);
    context_.reset();
}

bool PcscReader::watchOnce() {
    const SCARDCONTEXT context = *context_;
    std::vector<std::string> names;
    LONG result = api_->listReaders(context, names);
    if (result != SCARD_S_SUCCESS) {
        setStatus(describePcscError(result), false);
        return false;
    }
    const std::size_t found = names.size();
    std::erase_if(names, [this](const std::string& name) {
        return name.find(options_.readerNameFilter) == std::string::npos;
    });
    std::erase_if(readers_, [&names](const auto& entry) {
        return std::find(names.begin(), names.end(), entry.first) == names.end();
    });

    if (names.empty()) {
        setStatus(found == 0 ? std::string("no NFC reader connected")
                             : "no reader matching \"" + options_.readerNameFilter + "\" among " +
                                   std::to_string(found) + " connected",
                  false);
    } else {
        std::string line = "ready: " + names.front();
        for (std::size_t i = 1; i < names.size(); ++i) line += ", " + names[i];
        if (!lastCardProblem_.empty()) line += " (last card: " + lastCardProblem_ + ")";
        setStatus(std::move(line), true);
    }

    std::vector<SCARD_READERSTATE> states(names.size() + 1);
    for (std::size_t i = 0; i < names.size(); ++i) {
        states[i].szReader = names[i].c_str();
        states[i].dwCurrentState = readers_[names[i]].knownState;
    }
    states.back().szReader = kPnpNotification;
    states.back().dwCurrentState = pnpState_;

    if (stopping_) return true;
    result = api_->getStatusChange(context, static_cast<DWORD>(options_.statusWait.count()), states.data(),
                                   static_cast<DWORD>(states.size()));
    // Counted once acted on, whichever way this returns.
    struct CountWhenDone {
        std::atomic<std::uint64_t>& count;
        ~CountWhenDone() { ++count; }
    } countWhenDone{statusWaits_};
    // TIMEOUT: nothing happened. CANCELLED: stop() (the loop checks). UNKNOWN_READER: one left between the list
    // and the wait. All three: list again.
    if (result == SCARD_E_TIMEOUT || result == SCARD_E_CANCELLED || result == SCARD_E_UNKNOWN_READER) return true;
    if (result != SCARD_S_SUCCESS) {
        setStatus(describePcscError(result), false);
        return false;
    }

    pnpState_ = states.back().dwEventState & ~static_cast<DWORD>(SCARD_STATE_CHANGED);
    for (std::size_t i = 0; i < names.size(); ++i) {
        const DWORD event = states[i].dwEventState;
        ReaderSlot& slot = readers_[names[i]];
        if ((event & (SCARD_STATE_UNKNOWN | SCARD_STATE_IGNORE)) != 0) {
            readers_.erase(names[i]);  // unplugged; the next listing agrees
            continue;
        }
        const bool present = (event & SCARD_STATE_PRESENT) != 0 && (event & SCARD_STATE_MUTE) == 0;
        const bool swapped = slot.cardHandled && cardEventCount(event) != cardEventCount(slot.knownState);
        slot.knownState = event & ~static_cast<DWORD>(SCARD_STATE_CHANGED);
        if (!present) {
            slot.cardHandled = false;
        } else if (!slot.cardHandled || swapped) {
            // Marked before reading: a card that cannot be read is tried once, not in a loop while it stays.
            slot.cardHandled = true;
            readCard(names[i]);
        }
    }
    return true;
}

void PcscReader::readCard(const std::string& reader) {
    SCARDHANDLE card = 0;
    DWORD protocol = 0;
    LONG result = api_->connect(*context_, reader, card, protocol);
    if (result != SCARD_S_SUCCESS) {
        lastCardProblem_ = describePcscError(result);
        return;
    }
    std::vector<std::uint8_t> response;
    result = api_->transmit(card, protocol, kGetUidApdu, response);
    api_->disconnect(card);
    if (result != SCARD_S_SUCCESS) {
        lastCardProblem_ = describePcscError(result);
        return;
    }
    auto uid = parseGetUidResponse(response);
    if (!uid) {
        lastCardProblem_ = "no UID from this card (reader answered " + hexBytes(response, " ") + ")";
        return;
    }
    lastCardProblem_.clear();
    queue_.post({ReadKind::CardUid, std::move(*uid), options_.source});
}

}  // namespace vk::hardware
