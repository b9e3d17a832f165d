#include "hardware/pcsc_reader.h"
#include "reader_test_support.h"
#include "virtual_pcsc.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string_view>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using vk::hardware::parseGetUidResponse;
using vk::hardware::PcscReader;
using vk::hardware::PcscReaderOptions;
using vk::hardware::ReaderEvent;
using vk::hardware::ReaderEventQueue;
using vk::hardware::ReadKind;
using vk::hardware::SmartCardApi;
using Bytes = std::vector<std::uint8_t>;

using vk::test::eventually;
using vk::test::contains;
using vk::test::stopsHere;
using vk::test::VirtualCard;
using vk::test::waitForEvent;

namespace {

const Bytes kUid7Answer{0x04, 0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6, 0x90, 0x00};
const Bytes kUid4Answer{0xDE, 0xAD, 0xBE, 0xEF, 0x90, 0x00};
constexpr char kPnp[] = "\\\\?PnP?\\Notification";
constexpr char kAcr122[] = "ACS ACR122U PICC Interface 00 00";

// pcscd as the reader sees it: readers come and go, cards are put down and taken away, the service stops.
class FakePcsc {
public:
    struct Reader {
        bool cardPresent = false;
        DWORD cardEvents = 0;  // pcsc-lite's insert/remove counter, in the top 16 bits of the state
        Bytes answer;
    };

    void plugReader(const std::string& name) { change([&] { readers_[name]; }); }
    void unplugReader(const std::string& name) { change([&] { readers_.erase(name); }); }
    void presentCard(const std::string& reader, Bytes answer) {
        change([&] {
            Reader& r = readers_[reader];
            r.cardPresent = true;
            ++r.cardEvents;
            r.answer = std::move(answer);
        });
    }
    void removeCard(const std::string& reader) {
        change([&] {
            readers_[reader].cardPresent = false;
            ++readers_[reader].cardEvents;
        });
    }
    // Taken away and another put down between two looks of the reader.
    void swapCard(const std::string& reader, Bytes answer) {
        change([&] {
            readers_[reader].cardEvents += 2;
            readers_[reader].answer = std::move(answer);
        });
    }
    void setService(bool up) { change([&] { serviceUp_ = up; }); }

    int transmits() {
        std::lock_guard lock(mutex_);
        return transmits_;
    }
    int connects() {
        std::lock_guard lock(mutex_);
        return connects_;
    }
    Bytes lastCommand() {
        std::lock_guard lock(mutex_);
        return lastCommand_;
    }
    // SCardGetStatusChange calls begun: once above zero the reader is waiting on "pcscd", or about to.
    int statusChangeCalls() {
        std::lock_guard lock(mutex_);
        return statusChangeCalls_;
    }

    class Api final : public SmartCardApi {
    public:
        explicit Api(std::shared_ptr<FakePcsc> pcsc) : pcsc_(std::move(pcsc)) {}
        LONG establishContext(SCARDCONTEXT& context) override {
            std::lock_guard lock(pcsc_->mutex_);
            if (!pcsc_->serviceUp_) return SCARD_E_NO_SERVICE;
            context = 1;
            return SCARD_S_SUCCESS;
        }
        LONG releaseContext(SCARDCONTEXT) override { return SCARD_S_SUCCESS; }
        LONG listReaders(SCARDCONTEXT, std::vector<std::string>& readers) override {
            std::lock_guard lock(pcsc_->mutex_);
            if (!pcsc_->serviceUp_) return SCARD_E_NO_SERVICE;
            readers.clear();
            for (const auto& entry : pcsc_->readers_) readers.push_back(entry.first);
            return SCARD_S_SUCCESS;
        }
        LONG getStatusChange(SCARDCONTEXT, DWORD timeoutMs, SCARD_READERSTATE* states, DWORD count) override {
            std::unique_lock lock(pcsc_->mutex_);
            ++pcsc_->statusChangeCalls_;
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
            for (;;) {
                if (!pcsc_->serviceUp_) return SCARD_E_NO_SERVICE;
                if (pcsc_->cancelled_) {
                    pcsc_->cancelled_ = false;
                    return SCARD_E_CANCELLED;
                }
                bool changed = false;
                for (DWORD i = 0; i < count; ++i) {
                    const DWORD now = pcsc_->stateOf(states[i].szReader);
                    states[i].dwEventState = now;
                    if (now != (states[i].dwCurrentState & ~static_cast<DWORD>(SCARD_STATE_CHANGED))) {
                        states[i].dwEventState |= SCARD_STATE_CHANGED;
                        changed = true;
                    }
                }
                if (changed) return SCARD_S_SUCCESS;
                if (pcsc_->changed_.wait_until(lock, deadline) == std::cv_status::timeout) return SCARD_E_TIMEOUT;
            }
        }
        LONG cancel(SCARDCONTEXT) override {
            {
                std::lock_guard lock(pcsc_->mutex_);
                pcsc_->cancelled_ = true;
            }
            pcsc_->changed_.notify_all();
            return SCARD_S_SUCCESS;
        }
        LONG connect(SCARDCONTEXT, const std::string& reader, SCARDHANDLE& card, DWORD& protocol) override {
            std::lock_guard lock(pcsc_->mutex_);
            ++pcsc_->connects_;
            const auto found = pcsc_->readers_.find(reader);
            if (found == pcsc_->readers_.end()) return SCARD_E_UNKNOWN_READER;
            if (!found->second.cardPresent) return SCARD_E_NO_SMARTCARD;
            pcsc_->connectedReader_ = reader;
            card = 7;
            protocol = SCARD_PROTOCOL_T1;
            return SCARD_S_SUCCESS;
        }
        LONG transmit(SCARDHANDLE, DWORD, std::span<const std::uint8_t> command, Bytes& response) override {
            std::lock_guard lock(pcsc_->mutex_);
            ++pcsc_->transmits_;
            pcsc_->lastCommand_.assign(command.begin(), command.end());
            response = pcsc_->readers_[pcsc_->connectedReader_].answer;
            return SCARD_S_SUCCESS;
        }
        LONG disconnect(SCARDHANDLE) override { return SCARD_S_SUCCESS; }

    private:
        std::shared_ptr<FakePcsc> pcsc_;
    };

private:
    template <typename Change>
    void change(Change&& apply) {
        {
            std::lock_guard lock(mutex_);
            apply();
        }
        changed_.notify_all();
    }

    DWORD stateOf(const std::string& reader) const {
        if (reader == kPnp) return static_cast<DWORD>(readers_.size()) << 16U;
        const auto found = readers_.find(reader);
        if (found == readers_.end()) return SCARD_STATE_UNKNOWN;
        const DWORD presence = found->second.cardPresent ? SCARD_STATE_PRESENT : SCARD_STATE_EMPTY;
        return presence | (found->second.cardEvents << 16U);
    }

    std::mutex mutex_;
    std::condition_variable changed_;
    bool serviceUp_ = true;
    bool cancelled_ = false;
    std::map<std::string, Reader> readers_;
    std::string connectedReader_;
    int connects_ = 0;
    int transmits_ = 0;
    int statusChangeCalls_ = 0;
    Bytes lastCommand_;
};

PcscReaderOptions fastOptions() {
    PcscReaderOptions options;
    options.retryInterval = 20ms;
    options.statusWait = 20ms;
    return options;
}

struct FakeSetup {
    std::shared_ptr<FakePcsc> pcsc = std::make_shared<FakePcsc>();
    ReaderEventQueue queue;
    std::unique_ptr<SmartCardApi> api() { return std::make_unique<FakePcsc::Api>(pcsc); }
};

}  // namespace

TEST_CASE("the UID is taken from a GET DATA answer only when the reader says 90 00", "[pcsc]") {
    CHECK(parseGetUidResponse(kUid7Answer) == "04A1B2C3D4E5F6");
    CHECK(parseGetUidResponse(kUid4Answer) == "DEADBEEF");
    CHECK_FALSE(parseGetUidResponse(Bytes{0x6A, 0x81}));                    // not supported: a contact card
    CHECK_FALSE(parseGetUidResponse(Bytes{0x63, 0x00}));                    // the card did not answer
    CHECK_FALSE(parseGetUidResponse(Bytes{0x04, 0xA1, 0xB2, 0xC3, 0x62, 0x82}));
    CHECK_FALSE(parseGetUidResponse(Bytes{0x90, 0x00}));                    // no UID bytes
    CHECK_FALSE(parseGetUidResponse(Bytes{}));
    CHECK_FALSE(parseGetUidResponse(Bytes(40, 0x90)));                      // not a UID
}

TEST_CASE("a card on the NFC reader is read once, however long it stays", "[pcsc]") {
    FakeSetup setup;
    setup.pcsc->plugReader(kAcr122);
    PcscReader reader(setup.queue, fastOptions(), setup.api());
    REQUIRE(eventually([&] { return contains(reader.status(), std::string("ready: ") + kAcr122); }));
    CHECK(reader.connected());

    setup.pcsc->presentCard(kAcr122, kUid7Answer);
    const auto event = waitForEvent(setup.queue);
    REQUIRE(event);
    CHECK(event->kind == ReadKind::CardUid);
    CHECK(event->value == "04A1B2C3D4E5F6");
    CHECK(event->source == "nfc");
    CHECK(setup.pcsc->lastCommand() == Bytes{0xFF, 0xCA, 0x00, 0x00, 0x00});

    const auto looked = reader.statusWaits();
    REQUIRE(eventually([&] { return reader.statusWaits() >= looked + 10; }));  // ten looks with the card still there
    CHECK_FALSE(setup.queue.take());
    CHECK(setup.pcsc->transmits() == 1);

    setup.pcsc->removeCard(kAcr122);
    setup.pcsc->presentCard(kAcr122, kUid4Answer);
    const auto second = waitForEvent(setup.queue);
    REQUIRE(second);
    CHECK(second->value == "DEADBEEF");
}

TEST_CASE("a card swapped for another between two looks is read again", "[pcsc]") {
    FakeSetup setup;
    setup.pcsc->plugReader(kAcr122);
    setup.pcsc->presentCard(kAcr122, kUid7Answer);
    PcscReader reader(setup.queue, fastOptions(), setup.api());
    const auto first = waitForEvent(setup.queue);
    REQUIRE(first);
    CHECK(first->value == "04A1B2C3D4E5F6");
    setup.pcsc->swapCard(kAcr122, kUid4Answer);
    const auto second = waitForEvent(setup.queue);
    REQUIRE(second);
    CHECK(second->value == "DEADBEEF");
}

TEST_CASE("NFC readers plugged in and out are followed", "[pcsc]") {
    FakeSetup setup;
    PcscReader reader(setup.queue, fastOptions(), setup.api());
    REQUIRE(eventually([&] { return reader.status() == "no NFC reader connected"; }));
    CHECK_FALSE(reader.connected());

    setup.pcsc->plugReader(kAcr122);
    REQUIRE(eventually([&] { return reader.connected(); }));
    setup.pcsc->presentCard(kAcr122, kUid7Answer);
    REQUIRE(waitForEvent(setup.queue));

    setup.pcsc->unplugReader(kAcr122);
    REQUIRE(eventually([&] { return reader.status() == "no NFC reader connected"; }));

    // Plugged back in with a card already lying on it: the card is read.
    setup.pcsc->presentCard(kAcr122, kUid4Answer);
    const auto event = waitForEvent(setup.queue);
    REQUIRE(event);
    CHECK(event->value == "DEADBEEF");
}

TEST_CASE("without pcscd the NFC reader says so, and recovers when it starts", "[pcsc]") {
    FakeSetup setup;
    setup.pcsc->setService(false);
    setup.pcsc->plugReader(kAcr122);
    PcscReader reader(setup.queue, fastOptions(), setup.api());
    REQUIRE(eventually([&] { return contains(reader.status(), "no PC/SC service (pcscd) running"); }));
    CHECK_FALSE(reader.connected());

    setup.pcsc->setService(true);
    REQUIRE(eventually([&] { return reader.connected(); }));

    setup.pcsc->setService(false);  // pcscd stops while we wait on it
    REQUIRE(eventually([&] { return contains(reader.status(), "no PC/SC service"); }));
    setup.pcsc->setService(true);
    REQUIRE(eventually([&] { return reader.connected(); }));
    setup.pcsc->presentCard(kAcr122, kUid7Answer);
    const auto event = waitForEvent(setup.queue);
    REQUIRE(event);
    CHECK(event->value == "04A1B2C3D4E5F6");
}

TEST_CASE("a card without a UID is reported once, not retried while it stays", "[pcsc]") {
    FakeSetup setup;
    setup.pcsc->plugReader(kAcr122);
    PcscReader reader(setup.queue, fastOptions(), setup.api());
    setup.pcsc->presentCard(kAcr122, Bytes{0x6A, 0x81});
    REQUIRE(eventually([&] { return contains(reader.status(), "no UID from this card (reader answered 6A 81)"); }));
    const auto looked = reader.statusWaits();
    REQUIRE(eventually([&] { return reader.statusWaits() >= looked + 10; }));
    CHECK(setup.pcsc->transmits() == 1);
    CHECK_FALSE(setup.queue.take());
}

TEST_CASE("only readers matching the configured name are watched", "[pcsc]") {
    FakeSetup setup;
    const std::string vitale = "Gemalto PC Twin Reader 00 00";  // a health-card reader nearby: not ours
    setup.pcsc->plugReader(vitale);
    setup.pcsc->plugReader(kAcr122);
    setup.pcsc->presentCard(vitale, kUid4Answer);
    setup.pcsc->presentCard(kAcr122, kUid7Answer);
    auto options = fastOptions();
    options.readerNameFilter = "ACR122";
    PcscReader reader(setup.queue, options, setup.api());
    const auto event = waitForEvent(setup.queue);
    REQUIRE(event);
    CHECK(event->value == "04A1B2C3D4E5F6");
    const auto looked = reader.statusWaits();
    REQUIRE(eventually([&] { return reader.statusWaits() >= looked + 5; }));
    CHECK_FALSE(setup.queue.take());
    CHECK(setup.pcsc->connects() == 1);
    CHECK(reader.status() == std::string("ready: ") + kAcr122);
}

TEST_CASE("stopping the NFC reader is quick, waiting on pcscd or without it", "[pcsc]") {
    FakeSetup setup;
    setup.pcsc->plugReader(kAcr122);
    PcscReaderOptions slow;
    slow.statusWait = 30s;
    slow.retryInterval = 30s;
    auto started = std::chrono::steady_clock::now();
    {
        PcscReader reader(setup.queue, slow, setup.api());
        REQUIRE(eventually([&] { return reader.connected() && setup.pcsc->statusChangeCalls() > 0; }));
        // Now inside the 30 s SCardGetStatusChange.
    }
    CHECK(std::chrono::steady_clock::now() - started < 1s);

    setup.pcsc->setService(false);
    started = std::chrono::steady_clock::now();
    {
        PcscReader reader(setup.queue, slow, setup.api());
        REQUIRE(eventually([&] { return contains(reader.status(), "pcscd"); }));
    }
    CHECK(std::chrono::steady_clock::now() - started < 1s);
}

// ---- The real pcsc-lite, with pcscd and vsmartcard's virtual reader (vpcd); the card is played by this test.

TEST_CASE("a card on pcscd's virtual reader is read through the real PC/SC stack", "[pcsc][vpcd]") {
    const vk::test::VirtualPcscStack stack;
    if (stopsHere(stack.obstacle())) return;

    ReaderEventQueue queue;
    PcscReaderOptions options;
    options.readerNameFilter = vk::test::kVirtualReaderName;
    options.statusWait = 200ms;
    options.retryInterval = 100ms;
    PcscReader reader(queue, options);
    if (!eventually([&] { return contains(reader.status(), "ready: Virtual PCD"); }, 5s) &&
        stopsHere(stack.noReader(reader.status())))
        return;

    {
        VirtualCard card(stack.port(), Bytes{0x04, 0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6});
        if (!eventually([&] { return card.connected(); }, 5s) && stopsHere(stack.portClosed())) return;
        const auto event = waitForEvent(queue, 5s);
        INFO(reader.status());
        REQUIRE(event);
        CHECK(event->kind == ReadKind::CardUid);
        CHECK(event->value == "04A1B2C3D4E5F6");
        // Three of pcscd's presence polls with the card still there, then two of our own looks after them: no repeat.
        const int polls = card.atrRequests();
        REQUIRE(eventually([&] { return card.atrRequests() >= polls + 3; }, 5s));
        const auto looked = reader.statusWaits();
        REQUIRE(eventually([&] { return reader.statusWaits() >= looked + 2; }, 5s));
        CHECK_FALSE(queue.take());
    }
    VirtualCard other(stack.port(), Bytes{0xDE, 0xAD, 0xBE, 0xEF});
    const auto event = waitForEvent(queue, 5s);
    INFO(reader.status());
    REQUIRE(event);
    CHECK(event->value == "DEADBEEF");
}
