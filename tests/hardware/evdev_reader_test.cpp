// The evdev reader against a FIFO standing in for /dev/input/event*: the reader takes a FIFO as a recorded
// event stream, so the thread, hot-plug and status logic run without a device. /dev/uinput (a real virtual
// keyboard, with EVIOCGRAB) is not available in the containers these tests run in.

#include "hardware/evdev_reader.h"
#include "reader_test_support.h"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using vk::hardware::EvdevReader;
using vk::hardware::EvdevReaderOptions;
using vk::hardware::ReaderEvent;
using vk::hardware::ReaderEventQueue;
using vk::hardware::ReadKind;

using vk::test::eventually;
using vk::test::contains;
using vk::test::waitForEvent;

namespace {

class TempDir {
public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "vk-evdev-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

// A "device": a FIFO held open for writing, as long as the object lives.
class FakeDevice {
public:
    explicit FakeDevice(const std::filesystem::path& path) {
        REQUIRE(::mkfifo(path.c_str(), 0600) == 0);
        fd_ = ::open(path.c_str(), O_RDWR | O_CLOEXEC);  // RDWR: never blocks, and the reader never sees EOF
        REQUIRE(fd_ >= 0);
    }
    ~FakeDevice() { unplug(); }
    void unplug() {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }

    void typeDigitsAndEnter(std::string_view digits) {
        static constexpr std::uint16_t kDigits[] = {KEY_0, KEY_1, KEY_2, KEY_3, KEY_4,
                                                    KEY_5, KEY_6, KEY_7, KEY_8, KEY_9};
        std::vector<input_event> events;
        const auto add = [&](std::uint16_t type, std::uint16_t code, std::int32_t value) {
            input_event event{};
            micros_ += 1000;
            event.input_event_sec = static_cast<decltype(event.input_event_sec)>(micros_ / 1'000'000);
            event.input_event_usec = static_cast<decltype(event.input_event_usec)>(micros_ % 1'000'000);
            event.type = type;
            event.code = code;
            event.value = value;
            events.push_back(event);
        };
        const auto tap = [&](std::uint16_t code) {
            add(EV_KEY, code, 1);
            add(EV_SYN, SYN_REPORT, 0);
            add(EV_KEY, code, 0);
            add(EV_SYN, SYN_REPORT, 0);
        };
        for (const char c : digits) tap(kDigits[c - '0']);
        tap(KEY_ENTER);
        // Written in odd-sized pieces: the reader must put structs back together.
        const auto* bytes = reinterpret_cast<const unsigned char*>(events.data());
        std::size_t left = events.size() * sizeof(input_event);
        while (left > 0) {
            const std::size_t piece = std::min<std::size_t>(left, 37);
            REQUIRE(::write(fd_, bytes, piece) == static_cast<ssize_t>(piece));
            bytes += piece;
            left -= piece;
        }
    }

private:
    int fd_ = -1;
    std::int64_t micros_ = 1'000'000;
};

EvdevReaderOptions fastOptions(const std::filesystem::path& path) {
    EvdevReaderOptions options;
    options.devicePath = path.string();
    options.source = "scanner";
    options.reopenInterval = 20ms;
    return options;
}

}  // namespace

TEST_CASE("a scan read from the device reaches the UI queue", "[evdev]") {
    TempDir dir;
    FakeDevice device(dir / "event-kbd");
    ReaderEventQueue queue;
    std::atomic<int> wakes = 0;
    queue.setWakeCallback([&] { ++wakes; });
    EvdevReader reader(queue, fastOptions(dir / "event-kbd"));
    REQUIRE(eventually([&] { return reader.connected(); }));
    CHECK(contains(reader.status(), "ready"));

    device.typeDigitsAndEnter("3760123456789");
    const auto event = waitForEvent(queue);
    REQUIRE(event);
    CHECK(event->kind == ReadKind::Barcode);
    CHECK(event->value == "3760123456789");
    CHECK(event->source == "scanner");
    CHECK(wakes == 1);

    device.typeDigitsAndEnter("0012345678");  // a 125 kHz card reader's decimal number
    const auto card = waitForEvent(queue);
    REQUIRE(card);
    CHECK(card->kind == ReadKind::CardUid);
    CHECK(card->value == "00BC614E");
}

TEST_CASE("a reader unplugged and plugged back in is found again", "[evdev]") {
    TempDir dir;
    const auto path = dir / "event-kbd";
    ReaderEventQueue queue;
    EvdevReader reader(queue, fastOptions(path));
    REQUIRE(eventually([&] { return contains(reader.status(), "not found"); }));
    CHECK_FALSE(reader.connected());

    {
        FakeDevice device(path);
        REQUIRE(eventually([&] { return reader.connected(); }));
        device.typeDigitsAndEnter("4006381333931");
        const auto event = waitForEvent(queue);
        REQUIRE(event);
        CHECK(event->value == "4006381333931");
        std::filesystem::remove(path);  // first: an open FIFO without writer would look like a quiet device
        device.unplug();
        REQUIRE(eventually([&] { return !reader.connected(); }));
    }
    REQUIRE(eventually([&] { return contains(reader.status(), "not found"); }));

    FakeDevice again(path);
    REQUIRE(eventually([&] { return reader.connected(); }));
    again.typeDigitsAndEnter("3760123456789");
    const auto event = waitForEvent(queue);
    REQUIRE(event);
    CHECK(event->value == "3760123456789");
}

TEST_CASE("a wrong device path is reported, never fatal", "[evdev]") {
    TempDir dir;
    {
        std::ofstream text(dir / "notes.txt");
        text << "not a device\n";
    }
    ReaderEventQueue queue;
    const std::vector<std::string> paths{"/dev/null", (dir / "notes.txt").string(), (dir / "").string(), ""};
    for (const std::string& path : paths) {
        EvdevReaderOptions options;
        options.devicePath = path;
        EvdevReader reader(queue, options);
        REQUIRE(eventually([&] { return !contains(reader.status(), "starting"); }));
        INFO(path << ": " << reader.status());
        CHECK_FALSE(reader.connected());
        CHECK((contains(reader.status(), "not an input device") || contains(reader.status(), "no device")));
    }
    CHECK_FALSE(queue.take());
}

TEST_CASE("a device the kiosk may not open says how to fix it", "[evdev]") {
    // Not reproducible as root (the tests run as root here): the message itself is checked.
    const std::string denied = vk::hardware::describeOpenError("/dev/input/by-id/usb-Scanner-event-kbd", EACCES);
    CHECK(contains(denied, "permission denied on /dev/input/by-id/usb-Scanner-event-kbd"));
    CHECK(contains(denied, "input group"));
    CHECK(contains(denied, "udev rule"));
    CHECK(contains(vk::hardware::describeOpenError("/dev/input/x", ENOENT), "not found"));
    CHECK(contains(vk::hardware::describeOpenError("/dev/input/x", EIO), "cannot open /dev/input/x"));
}

TEST_CASE("stopping the evdev reader is quick, connected or waiting", "[evdev]") {
    TempDir dir;
    ReaderEventQueue queue;
    auto options = fastOptions(dir / "event-kbd");
    options.reopenInterval = 60s;
    const auto started = std::chrono::steady_clock::now();
    {
        EvdevReader waiting(queue, options);
        REQUIRE(eventually([&] { return contains(waiting.status(), "not found"); }));
    }
    CHECK(std::chrono::steady_clock::now() - started < 1s);

    FakeDevice device(dir / "event-kbd");
    const auto connectedAt = std::chrono::steady_clock::now();
    {
        EvdevReader connected(queue, options);
        REQUIRE(eventually([&] { return connected.connected(); }));
        connected.stop();
        CHECK(contains(connected.status(), "stopped"));
    }
    CHECK(std::chrono::steady_clock::now() - connectedAt < 1s);
}
