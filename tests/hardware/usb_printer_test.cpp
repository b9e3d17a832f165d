// The USB printer transport against a fake printer under umockdev: the fake lives in a umockdev testbed (sysfs
// attributes and descriptors) and answers libusb's usbdevfs ioctls, so libusb runs its real Linux code path without
// touching this machine's USB devices. The binary links libumockdev-preload, which redirects /sys, /dev and ioctl().

#include "eventually.h"
#include "hardware/usb_hotplug.h"
#include "hardware/usb_printer_transport.h"

#include <catch2/catch.hpp>
#include <libusb.h>
#include <linux/ioctl.h>
#include <linux/usbdevice_fs.h>
#include <umockdev.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using vk::hardware::TransportError;
using vk::hardware::TransportResult;
using vk::hardware::UsbContext;
using vk::hardware::UsbHotplug;
using vk::hardware::UsbHotplugOptions;
using vk::hardware::UsbId;
using vk::hardware::UsbPrinterChange;
using vk::hardware::UsbPrinterMatch;
using vk::hardware::UsbPrinterTransport;
using vk::test::eventually;

namespace {

constexpr std::uint8_t kStatusAnswer = 0x12;  // ESC/POS "online, cover closed, paper present": only the fixed bits

struct FakePrinterSpec {
    std::uint16_t vendor = 0x04b8;
    std::uint16_t product = 0x0202;
    std::uint8_t interfaceClass = 7;
    std::uint8_t bulkOut = 0x01;
    std::uint8_t bulkIn = 0x82;  // 0: a unidirectional printer without one
    std::uint16_t maxPacket = 64;
};

// Device, configuration, interface and endpoint descriptors, as the kernel exposes them in sysfs "descriptors".
std::string descriptorsHex(const FakePrinterSpec& spec) {
    std::vector<std::uint8_t> d;
    auto byte = [&](unsigned value) { d.push_back(static_cast<std::uint8_t>(value)); };
    auto le16 = [&](unsigned value) {
        byte(value & 0xFF);
        byte(value >> 8);
    };
    const unsigned endpoints = spec.bulkIn ? 2 : 1;
    byte(18), byte(LIBUSB_DT_DEVICE), le16(0x0200), byte(0), byte(0), byte(0), byte(64);
    le16(spec.vendor), le16(spec.product), le16(0x0100), byte(0), byte(0), byte(0), byte(1);
    byte(9), byte(LIBUSB_DT_CONFIG), le16(9 + 9 + 7 * endpoints), byte(1), byte(1), byte(0), byte(0xC0), byte(1);
    // Subclass 1 (printer); protocol 2 is bidirectional, 1 unidirectional.
    byte(9), byte(LIBUSB_DT_INTERFACE), byte(0), byte(0), byte(endpoints), byte(spec.interfaceClass), byte(1);
    byte(spec.bulkIn ? 2 : 1), byte(0);
    byte(7), byte(LIBUSB_DT_ENDPOINT), byte(spec.bulkOut), byte(LIBUSB_TRANSFER_TYPE_BULK), le16(spec.maxPacket), byte(0);
    if (spec.bulkIn) {
        byte(7), byte(LIBUSB_DT_ENDPOINT), byte(spec.bulkIn), byte(LIBUSB_TRANSFER_TYPE_BULK), le16(spec.maxPacket);
        byte(0);
    }
    std::string hex;
    for (std::uint8_t b : d) {
        constexpr char digits[] = "0123456789abcdef";
        hex += digits[b >> 4];
        hex += digits[b & 0xF];
    }
    return hex;
}

usbdevfs_urb* urbOf(UMockdevIoctlData* data) { return reinterpret_cast<usbdevfs_urb*>(data->data); }

// A receipt printer on bus 1, address 1: takes bulk OUT bytes, answers DLE EOT n status requests on bulk IN.
// umockdev calls onIoctl() on its own thread, hence the mutex.
class FakeUsbPrinter {
public:
    FakeUsbPrinter() : testbed_(umockdev_testbed_new()), handler_(umockdev_ioctl_base_new()) {
        g_signal_connect_data(handler_, "handle-ioctl", reinterpret_cast<GCallback>(&FakeUsbPrinter::onIoctl), this,
                              nullptr, static_cast<GConnectFlags>(0));
    }

    ~FakeUsbPrinter() {
        for (UMockdevIoctlData* urb : reapable_) umockdev_ioctl_data_unref(urb);
        for (UMockdevIoctlData* urb : waitingIn_) umockdev_ioctl_data_unref(urb);
        g_object_unref(handler_);
        g_object_unref(testbed_);
    }

    FakeUsbPrinter(const FakeUsbPrinter&) = delete;
    FakeUsbPrinter& operator=(const FakeUsbPrinter&) = delete;

    // Before the first libusb context exists (libusb enumerates at init).
    void plugIn(const FakePrinterSpec& spec = {}) {
        spec_ = spec;
        REQUIRE(umockdev_testbed_attach_ioctl(testbed_, "/dev/bus/usb/001/001", handler_, nullptr));
        const std::string device = R"(P: /devices/usb1
N: bus/usb/001/001
E: SUBSYSTEM=usb
E: DRIVER=usb
E: BUSNUM=001
E: DEVNUM=001
E: DEVNAME=/dev/bus/usb/001/001
E: DEVTYPE=usb_device
A: bConfigurationValue=1\n
A: busnum=1\n
A: devnum=1\n
A: speed=480\n
H: descriptors=)" + descriptorsHex(spec) + "\n";
        REQUIRE(umockdev_testbed_add_from_string(testbed_, device.c_str(), nullptr));
    }

    // As the kernel does: pending URBs end with -ENODEV, new requests fail with ENODEV, udev says "remove"
    // (umockdev 0.17 sends no remove event on its own).
    void unplug() {
        {
            std::lock_guard lock(mutex_);
            unplugged_ = true;
            claimed_ = false;
            for (UMockdevIoctlData* urb : waitingIn_) {
                urbOf(urb)->status = -ENODEV;
                reapable_.push_back(urb);
            }
            waitingIn_.clear();
        }
        umockdev_testbed_uevent(testbed_, "/sys/devices/usb1", "remove");
    }

    void replug() {
        {
            std::lock_guard lock(mutex_);
            unplugged_ = false;
            toHost_.clear();
        }
        umockdev_testbed_uevent(testbed_, "/sys/devices/usb1", "add");
    }

    std::vector<std::uint8_t> received() {
        std::lock_guard lock(mutex_);
        return received_;
    }
    int outUrbs() {
        std::lock_guard lock(mutex_);
        return outUrbs_;
    }
    bool claimed() {
        std::lock_guard lock(mutex_);
        return claimed_;
    }
    int disconnectClaims() {
        std::lock_guard lock(mutex_);
        return disconnectClaims_;
    }
    int resets() {
        std::lock_guard lock(mutex_);
        return resets_;
    }
    // Bulk IN URBs submitted and not answered: above zero, a read is waiting on the printer.
    int readsWaiting() {
        std::lock_guard lock(mutex_);
        return static_cast<int>(waitingIn_.size());
    }

private:
    static gboolean onIoctl(UMockdevIoctlBase*, UMockdevIoctlClient* client, gpointer self) {
        static_cast<FakeUsbPrinter*>(self)->handle(client);
        return TRUE;
    }

    void handle(UMockdevIoctlClient* client) {
        const gulong request = umockdev_ioctl_client_get_request(client);
        UMockdevIoctlData* arg = umockdev_ioctl_client_get_arg(client);
        std::lock_guard lock(mutex_);
        switch (request) {
        case USBDEVFS_REAPURB:
        case USBDEVFS_REAPURBNDELAY:
            return reap(client, arg);
        case USBDEVFS_DISCARDURB:
            return discard(client, arg);
        default:
            break;
        }
        if (unplugged_) return umockdev_ioctl_client_complete(client, -1, ENODEV);
        switch (request) {
        case USBDEVFS_GET_CAPABILITIES: {
            // No NO_PACKET_SIZE_LIM and no scatter-gather: libusb then splits bulk transfers into 16 KiB URBs,
            // which lets a test see a write spread over several of them.
            UMockdevIoctlData* caps = umockdev_ioctl_data_resolve(arg, 0, sizeof(std::uint32_t), nullptr);
            const std::uint32_t value = USBDEVFS_CAP_BULK_CONTINUATION | USBDEVFS_CAP_REAP_AFTER_DISCONNECT;
            std::memcpy(caps->data, &value, sizeof value);
            umockdev_ioctl_data_unref(caps);
            return umockdev_ioctl_client_complete(client, 0, 0);
        }
        case USBDEVFS_DISCONNECT_CLAIM:  // libusb's auto-detach: unbind usblp and claim in one step
            ++disconnectClaims_;
            claimed_ = true;
            return umockdev_ioctl_client_complete(client, 0, 0);
        case USBDEVFS_CLAIMINTERFACE:
            claimed_ = true;
            return umockdev_ioctl_client_complete(client, 0, 0);
        case USBDEVFS_RELEASEINTERFACE:
            claimed_ = false;
            return umockdev_ioctl_client_complete(client, 0, 0);
        case USBDEVFS_IOCTL:  // USBDEVFS_CONNECT after release: usblp gets the interface back
            return umockdev_ioctl_client_complete(client, 0, 0);
        case USBDEVFS_RESET:
            ++resets_;
            return umockdev_ioctl_client_complete(client, 0, 0);
        case USBDEVFS_SUBMITURB:
            return submit(client, arg);
        default:
            return umockdev_ioctl_client_complete(client, -1, ENOTTY);
        }
    }

    void submit(UMockdevIoctlClient* client, UMockdevIoctlData* arg) {
        UMockdevIoctlData* urbData = umockdev_ioctl_data_resolve(arg, 0, sizeof(usbdevfs_urb), nullptr);
        usbdevfs_urb* urb = urbOf(urbData);
        const bool out = urb->endpoint == spec_.bulkOut;
        const bool in = spec_.bulkIn != 0 && urb->endpoint == spec_.bulkIn;
        if (urb->type != USBDEVFS_URB_TYPE_BULK || !(out || in)) {
            // What the kernel says for an endpoint the interface does not have.
            umockdev_ioctl_data_unref(urbData);
            return umockdev_ioctl_client_complete(client, -1, ENOENT);
        }
        if (out) {
            UMockdevIoctlData* buffer =
                umockdev_ioctl_data_resolve(urbData, offsetof(usbdevfs_urb, buffer), urb->buffer_length, nullptr);
            const auto* bytes = buffer ? buffer->data : nullptr;
            const auto length = static_cast<std::size_t>(urb->buffer_length);
            if (bytes) received_.insert(received_.end(), bytes, bytes + length);
            for (std::size_t i = 0; bytes && i + 2 < length; ++i) {
                if (bytes[i] == 0x10 && bytes[i + 1] == 0x04 && bytes[i + 2] >= 1 && bytes[i + 2] <= 4)
                    toHost_.push_back(kStatusAnswer);
            }
            if (buffer) umockdev_ioctl_data_unref(buffer);
            ++outUrbs_;
            urb->actual_length = urb->buffer_length;
            urb->status = 0;
            reapable_.push_back(urbData);
        } else {
            waitingIn_.push_back(urbData);
        }
        answerWaitingReads();
        umockdev_ioctl_client_complete(client, 0, 0);
    }

    void answerWaitingReads() {
        while (!waitingIn_.empty() && !toHost_.empty()) {
            UMockdevIoctlData* urbData = waitingIn_.front();
            waitingIn_.pop_front();
            usbdevfs_urb* urb = urbOf(urbData);
            UMockdevIoctlData* buffer =
                umockdev_ioctl_data_resolve(urbData, offsetof(usbdevfs_urb, buffer), urb->buffer_length, nullptr);
            const std::size_t n = std::min(toHost_.size(), static_cast<std::size_t>(urb->buffer_length));
            std::copy_n(toHost_.begin(), n, buffer->data);
            toHost_.erase(toHost_.begin(), toHost_.begin() + static_cast<std::ptrdiff_t>(n));
            umockdev_ioctl_data_unref(buffer);
            urb->actual_length = static_cast<int>(n);
            urb->status = 0;
            reapable_.push_back(urbData);
        }
    }

    void reap(UMockdevIoctlClient* client, UMockdevIoctlData* arg) {
        if (reapable_.empty()) return umockdev_ioctl_client_complete(client, -1, EAGAIN);
        UMockdevIoctlData* urbData = reapable_.front();
        reapable_.pop_front();
        UMockdevIoctlData* pointer = umockdev_ioctl_data_resolve(arg, 0, sizeof(void*), nullptr);
        umockdev_ioctl_data_set_ptr(pointer, 0, urbData);
        umockdev_ioctl_data_unref(pointer);
        umockdev_ioctl_data_unref(urbData);
        umockdev_ioctl_client_complete(client, 0, 0);
    }

    // libusb cancels a timed-out transfer this way; the URB comes back from the next reap with -ENOENT.
    void discard(UMockdevIoctlClient* client, UMockdevIoctlData* arg) {
        gulong address = 0;
        std::memcpy(&address, arg->data, sizeof address);
        const auto found = std::ranges::find_if(waitingIn_, [&](auto* urb) { return urb->client_addr == address; });
        if (found == waitingIn_.end()) return umockdev_ioctl_client_complete(client, -1, EINVAL);
        UMockdevIoctlData* urbData = *found;
        waitingIn_.erase(found);
        urbOf(urbData)->status = -ENOENT;
        urbOf(urbData)->actual_length = 0;
        reapable_.push_back(urbData);
        umockdev_ioctl_client_complete(client, 0, 0);
    }

    UMockdevTestbed* testbed_;
    UMockdevIoctlBase* handler_;
    FakePrinterSpec spec_;
    std::mutex mutex_;
    bool unplugged_ = false;
    bool claimed_ = false;
    int disconnectClaims_ = 0;
    int resets_ = 0;
    int outUrbs_ = 0;
    std::vector<std::uint8_t> received_;
    std::deque<std::uint8_t> toHost_;
    std::deque<UMockdevIoctlData*> waitingIn_;  // bulk IN URBs the printer has nothing for yet
    std::deque<UMockdevIoctlData*> reapable_;
};

// Every test gets a fresh testbed; libusb contexts are created after the fake is plugged in and destroyed before it.
struct UsbTestbed {
    UsbTestbed() {
        // umockdev 0.17 answers this by looking at /sys (the testbed's or the host's), and remembers the answer:
        // ask only once a testbed exists, and before any libusb context does.
        if (!umockdev_in_mock_environment()) {
            FAIL("usb_tests must run with umockdev's preload library (linked in by CMake, or under "
                 "umockdev-wrapper): without it libusb would open this machine's real USB devices");
        }
    }
    FakeUsbPrinter printer;
};

UsbPrinterMatch match(const char* spec, std::vector<UsbId> knownPrinters = {}) {
    auto parsed = UsbPrinterMatch::parse(spec, std::move(knownPrinters));
    REQUIRE(parsed);
    return *parsed;
}

// What the print queue does: write until everything went or something failed.
TransportResult writeAll(UsbPrinterTransport& transport, const std::vector<std::uint8_t>& data) {
    std::size_t sent = 0;
    while (sent < data.size()) {
        const auto result = transport.write(std::span(data).subspan(sent), 500ms);
        sent += result.bytes;
        if (!result.ok()) return {result.error, sent, result.message};
    }
    return {TransportError::None, sent, {}};
}

}  // namespace

TEST_CASE("printer addresses in the config are parsed strictly", "[usb]") {
    CHECK_FALSE(match("usb").id);
    CHECK(match("usb:04b8:0202").id == UsbId{0x04b8, 0x0202});
    CHECK(match("usb:04B8:0E15").id == UsbId{0x04b8, 0x0e15});
    CHECK(match("usb:04b8:0202").spec() == "usb:04b8:0202");
    CHECK_FALSE(UsbPrinterMatch::parse("usb:04b8"));
    CHECK_FALSE(UsbPrinterMatch::parse("usb:04b8:02x2"));
    CHECK_FALSE(UsbPrinterMatch::parse("usb:104b8:0202"));
    CHECK_FALSE(UsbPrinterMatch::parse("tcp:192.0.2.10:9100"));
}

TEST_CASE_METHOD(UsbTestbed, "a printer-class device is found, claimed through usblp's detach and never reset",
                 "[usb]") {
    printer.plugIn();
    UsbPrinterTransport transport(match("usb"));
    CHECK(transport.describe() == "usb");
    const auto opened = transport.open();
    REQUIRE(opened.ok());
    CHECK(transport.isOpen());
    CHECK(transport.describe() == "usb (04b8:0202)");
    CHECK(printer.claimed());
    CHECK(printer.disconnectClaims() == 1);
    CHECK(transport.open().ok());  // cheap when already open
    transport.close();
    CHECK_FALSE(transport.isOpen());
    CHECK_FALSE(printer.claimed());
    CHECK(printer.resets() == 0);
}

TEST_CASE_METHOD(UsbTestbed, "a printer is found by its VID:PID and another VID:PID is not connected", "[usb]") {
    printer.plugIn();
    auto context = [] {
        std::string error;
        auto created = UsbContext::create(error);
        REQUIRE(created);
        return created;
    }();
    UsbPrinterTransport wanted(match("usb:04b8:0202"), context);
    REQUIRE(wanted.open().ok());
    CHECK(wanted.describe() == "usb:04b8:0202");
    CHECK(wanted.connectedId() == UsbId{0x04b8, 0x0202});
    wanted.close();

    UsbPrinterTransport other(match("usb:0416:5011"), context);
    const auto result = other.open();
    CHECK(result.error == TransportError::NotConnected);
    CHECK(result.message == "no USB printer 0416:5011 found");
    CHECK_FALSE(other.isOpen());
}

TEST_CASE_METHOD(UsbTestbed, "endpoints come from the descriptors, not from habit", "[usb]") {
    FakePrinterSpec spec;
    spec.bulkOut = 0x03;
    spec.bulkIn = 0x85;
    spec.maxPacket = 512;
    printer.plugIn(spec);
    UsbPrinterTransport transport(match("usb"));
    REQUIRE(transport.open().ok());
    CHECK(transport.printerInterface().bulkOut == 0x03);
    CHECK(transport.printerInterface().bulkIn == std::uint8_t{0x85});
    CHECK(transport.printerInterface().bulkInMaxPacket == 512);

    const std::vector<std::uint8_t> job = {0x1B, 0x40, 'B', 'o', 'n', 'j', 'o', 'u', 'r', '\n', 0x10, 0x04, 0x01};
    REQUIRE(writeAll(transport, job).ok());
    CHECK(printer.received() == job);
    std::uint8_t status = 0;
    const auto answer = transport.read(std::span(&status, 1), 200ms);
    REQUIRE(answer.ok());
    CHECK(status == kStatusAnswer);
}

TEST_CASE_METHOD(UsbTestbed, "a vendor-specific interface is used only for printers the config names", "[usb]") {
    FakePrinterSpec spec;
    spec.interfaceClass = 0xFF;
    printer.plugIn(spec);

    SECTION("not by class alone") {
        UsbPrinterTransport transport(match("usb"));
        CHECK(transport.open().error == TransportError::NotConnected);
    }
    SECTION("listed among the known printers") {
        UsbPrinterTransport transport(match("usb", {{0x0416, 0x5011}, {0x04b8, 0x0202}}));
        CHECK(transport.open().ok());
    }
    SECTION("named by VID:PID") {
        UsbPrinterTransport transport(match("usb:04b8:0202"));
        CHECK(transport.open().ok());
    }
}

TEST_CASE_METHOD(UsbTestbed, "bytes written arrive intact, also when a write spans several URBs", "[usb]") {
    printer.plugIn();
    UsbPrinterTransport transport(match("usb"));
    REQUIRE(transport.open().ok());
    // A raster logo is tens of kilobytes; libusb hands the fake at most 16 KiB per URB.
    std::vector<std::uint8_t> job(40'000);
    for (std::size_t i = 0; i < job.size(); ++i) job[i] = static_cast<std::uint8_t>(i * 7 + i / 256);
    const auto result = writeAll(transport, job);
    REQUIRE(result.ok());
    CHECK(result.bytes == job.size());
    CHECK(printer.received() == job);
    CHECK(printer.outUrbs() >= 3);
}

TEST_CASE_METHOD(UsbTestbed, "a status request is answered with a byte", "[usb]") {
    printer.plugIn();
    UsbPrinterTransport transport(match("usb"));
    REQUIRE(transport.open().ok());

    SECTION("one request, one byte") {
        REQUIRE(writeAll(transport, {0x10, 0x04, 0x01}).ok());
        std::uint8_t reply[8] = {};
        const auto result = transport.read(reply, 200ms);
        REQUIRE(result.ok());
        CHECK(result.bytes == 1);
        CHECK(reply[0] == kStatusAnswer);
    }
    SECTION("a reply longer than the caller's buffer waits for the next read") {
        REQUIRE(writeAll(transport, {0x10, 0x04, 0x01, 0x10, 0x04, 0x04}).ok());
        std::uint8_t reply = 0;
        REQUIRE(transport.read(std::span(&reply, 1), 200ms).bytes == 1);
        reply = 0;
        const auto second = transport.read(std::span(&reply, 1), 1ms);
        REQUIRE(second.ok());
        CHECK(reply == kStatusAnswer);
    }
}

TEST_CASE_METHOD(UsbTestbed, "a read with nothing to say times out quickly and the printer stays usable", "[usb]") {
    printer.plugIn();
    UsbPrinterTransport transport(match("usb"));
    REQUIRE(transport.open().ok());
    std::uint8_t reply[4] = {};
    const auto started = std::chrono::steady_clock::now();
    const auto result = transport.read(reply, 50ms);
    const auto elapsed = std::chrono::steady_clock::now() - started;
    CHECK(result.error == TransportError::Timeout);
    CHECK(result.bytes == 0);
    CHECK(elapsed < 1s);
    CHECK(transport.isOpen());
    REQUIRE(writeAll(transport, {'o', 'k'}).ok());
    CHECK(printer.received() == std::vector<std::uint8_t>{'o', 'k'});
}

TEST_CASE_METHOD(UsbTestbed, "a printer without a bulk IN endpoint prints but cannot answer", "[usb]") {
    FakePrinterSpec spec;
    spec.bulkIn = 0;
    printer.plugIn(spec);
    UsbPrinterTransport transport(match("usb"));
    REQUIRE(transport.open().ok());
    CHECK_FALSE(transport.printerInterface().bulkIn);
    REQUIRE(writeAll(transport, {'h', 'i'}).ok());
    std::uint8_t reply = 0;
    CHECK(transport.read(std::span(&reply, 1), 50ms).error == TransportError::IoError);
}

TEST_CASE_METHOD(UsbTestbed, "unplugging mid-job says Disconnected, and after a replug open() works again", "[usb]") {
    printer.plugIn();
    UsbPrinterTransport transport(match("usb"));
    REQUIRE(transport.open().ok());
    const std::vector<std::uint8_t> firstHalf(100, 'a');
    REQUIRE(writeAll(transport, firstHalf).ok());

    printer.unplug();
    const std::vector<std::uint8_t> secondHalf(100, 'b');
    const auto result = transport.write(secondHalf, 200ms);
    CHECK(result.error == TransportError::Disconnected);
    CHECK(result.bytes == 0);
    CHECK_FALSE(transport.isOpen());
    CHECK(printer.received() == firstHalf);
    CHECK(transport.write(secondHalf, 200ms).error == TransportError::NotConnected);
    CHECK(transport.open().error == TransportError::NotConnected);

    printer.replug();
    // udev's "add" reaches libusb on its own monitor thread: the device list catches up shortly after.
    REQUIRE(eventually([&] { return transport.open().ok(); }));
    REQUIRE(writeAll(transport, secondHalf).ok());
    auto expected = firstHalf;
    expected.insert(expected.end(), secondHalf.begin(), secondHalf.end());
    CHECK(printer.received() == expected);
}

TEST_CASE_METHOD(UsbTestbed, "a printer unplugged while a read waits says Disconnected", "[usb]") {
    printer.plugIn();
    UsbPrinterTransport transport(match("usb"));
    REQUIRE(transport.open().ok());
    std::atomic<bool> readWasWaiting{false};
    std::thread cable([&] {
        readWasWaiting = eventually([&] { return printer.readsWaiting() > 0; }, 2000ms);
        printer.unplug();
    });
    std::uint8_t reply[4] = {};
    const auto result = transport.read(reply, 4000ms);
    cable.join();
    CHECK(readWasWaiting);
    CHECK(result.error == TransportError::Disconnected);
    CHECK_FALSE(transport.isOpen());
}

TEST_CASE_METHOD(UsbTestbed, "with no printer plugged in, open() says not connected", "[usb]") {
    UsbPrinterTransport transport(match("usb"));
    const auto result = transport.open();
    CHECK(result.error == TransportError::NotConnected);
    CHECK(result.message == "no USB printer found");
    CHECK_FALSE(transport.isOpen());
    std::uint8_t byte = 0;
    CHECK(transport.write(std::span<const std::uint8_t>(&byte, 1), 50ms).error == TransportError::NotConnected);
    CHECK(transport.read(std::span(&byte, 1), 50ms).error == TransportError::NotConnected);
}

TEST_CASE_METHOD(UsbTestbed, "the hotplug watcher reports a printer leaving and coming back", "[usb]") {
    printer.plugIn();
    std::string error;
    const auto context = UsbContext::create(error);
    REQUIRE(context);
    UsbHotplugOptions options;
    SECTION("through libusb's hotplug callbacks") {
        REQUIRE(libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG));
    }
    SECTION("through the periodic rescan") {
        options.forceRescan = true;
        options.rescanInterval = 10ms;
    }
    UsbHotplug hotplug(context, match("usb"), options);
    CHECK(hotplug.usesHotplugCallbacks() == !options.forceRescan);
    int wakes = 0;
    hotplug.setWakeCallback([&] { ++wakes; });
    UsbPrinterTransport transport(match("usb"), context);
    REQUIRE(transport.open().ok());

    std::vector<UsbPrinterChange> changes;
    auto waitFor = [&](UsbPrinterChange::Kind kind) {
        return eventually([&] {
            hotplug.poll();
            for (const auto& change : hotplug.takeChanges()) changes.push_back(change);
            return !changes.empty() && changes.back().kind == kind;
        });
    };
    printer.unplug();
    REQUIRE(waitFor(UsbPrinterChange::Kind::Left));
    CHECK(changes.back().id == UsbId{0x04b8, 0x0202});
    CHECK(transport.write(std::vector<std::uint8_t>{'x'}, 200ms).error == TransportError::Disconnected);

    printer.replug();
    REQUIRE(waitFor(UsbPrinterChange::Kind::Arrived));
    CHECK(changes.back().bus == 1);
    CHECK(changes.back().address == 1);
    CHECK(wakes == static_cast<int>(changes.size()));
    CHECK(transport.open().ok());
}
