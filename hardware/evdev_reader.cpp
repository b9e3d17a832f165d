#include "hardware/evdev_reader.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <system_error>

namespace vk::hardware {
namespace {

std::string errorText(int errorNumber) { return std::generic_category().message(errorNumber); }

}  // namespace

std::string describeOpenError(const std::string& path, int errorNumber) {
    switch (errorNumber) {
        case EACCES:
        case EPERM:
            return "permission denied on " + path +
                   ": add the kiosk user to the input group or install the udev rule";
        case ENOENT:
        case ENODEV:
        case ENXIO:
            return path + " not found: the reader is unplugged, or the path in the config is wrong "
                          "(see ls -l /dev/input/by-id/)";
        default:
            return "cannot open " + path + ": " + errorText(errorNumber);
    }
}

EvdevReader::EvdevReader(ReaderEventQueue& queue, EvdevReaderOptions options)
    : queue_(queue), options_(std::move(options)), decoder_(options_.decoder) {
    if (options_.source.empty()) options_.source = options_.devicePath;
    std::array<int, 2> fds{-1, -1};
    // Without the wake pipe (no file descriptors left) stop() still works, through the poll timeouts.
    if (::pipe2(fds.data(), O_CLOEXEC | O_NONBLOCK) == 0) {
        wakeRead_ = fds[0];
        wakeWrite_ = fds[1];
    }
    status_ = "starting: " + options_.devicePath;
    thread_ = std::thread([this] { run(); });
}

EvdevReader::~EvdevReader() {
    stop();
    if (wakeRead_ >= 0) ::close(wakeRead_);
    if (wakeWrite_ >= 0) ::close(wakeWrite_);
}

void EvdevReader::stop() {
    stopping_ = true;
    if (wakeWrite_ >= 0) {
        const char byte = 1;
        [[maybe_unused]] const ssize_t written = ::write(wakeWrite_, &byte, 1);
    }
    if (thread_.joinable()) thread_.join();
}

std::string EvdevReader::status() const {
    std::lock_guard lock(statusMutex_);
    return status_;
}

void EvdevReader::setStatus(std::string status, bool connected) {
    std::lock_guard lock(statusMutex_);
    status_ = std::move(status);
    connected_ = connected;
}

bool EvdevReader::waitForStop(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!stopping_) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) break;
        pollfd wake{wakeRead_, POLLIN, 0};
        // Capped so that a reader without a wake pipe still notices stop() soon.
        ::poll(&wake, 1, static_cast<int>(std::min<long long>(left.count(), 200)));
    }
    return stopping_;
}

void EvdevReader::run() {
    while (!stopping_) {
        const int fd = openDevice();
        if (fd >= 0) {
            decoder_.reset();
            readUntilGone(fd);
            ::close(fd);  // also releases the grab
        }
        if (waitForStop(options_.reopenInterval)) break;
    }
    setStatus("stopped: " + options_.source, false);
}

int EvdevReader::openDevice() {
    const std::string& path = options_.devicePath;
    if (path.empty()) {
        setStatus("no device configured", false);
        return -1;
    }
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        setStatus(describeOpenError(path, errno), false);
        return -1;
    }
    int version = 0;
    if (::ioctl(fd, EVIOCGVERSION, &version) != 0) {
        struct stat info {};
        if (::fstat(fd, &info) == 0 && S_ISFIFO(info.st_mode)) {
            setStatus("ready: replaying recorded events from " + path, true);
            return fd;
        }
        ::close(fd);
        setStatus(path + " is not an input device: the config should name a /dev/input/by-id/…-event-kbd path",
                  false);
        return -1;
    }
    // Timestamps from the monotonic clock, so that an NTP step between two keys is not taken for a long pause.
    int clock = CLOCK_MONOTONIC;
    ::ioctl(fd, EVIOCSCLOCKID, &clock);

    std::array<char, 128> name{};
    if (::ioctl(fd, EVIOCGNAME(name.size() - 1), name.data()) < 0) name[0] = 0;
    const std::string deviceName = name[0] != 0 ? std::string(name.data()) : path;
    if (::ioctl(fd, EVIOCGRAB, 1) != 0) {
        // EBUSY: another program (a second kiosk, evtest --grab) holds it. Scans still reach us, but they also type.
        setStatus("reading " + deviceName + " but cannot grab it (" + errorText(errno) +
                      "): scans also type into the focused field",
                  true);
    } else {
        setStatus("ready: " + deviceName, true);
    }
    return fd;
}

void EvdevReader::readUntilGone(int deviceFd) {
    // A pipe may hand over part of a struct; a real evdev node never does, but the carry costs nothing.
    std::array<unsigned char, 64 * sizeof(input_event)> buffer{};
    std::size_t pending = 0;
    while (!stopping_) {
        std::array<pollfd, 2> fds{pollfd{deviceFd, POLLIN, 0}, pollfd{wakeRead_, POLLIN, 0}};
        const int ready = ::poll(fds.data(), wakeRead_ >= 0 ? 2 : 1, 500);
        if (ready < 0 && errno != EINTR) {
            setStatus(options_.source + ": poll failed (" + errorText(errno) + "), reopening", false);
            return;
        }
        if (ready <= 0) continue;
        if ((fds[0].revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL)) == 0) continue;

        const ssize_t n = ::read(deviceFd, buffer.data() + pending, buffer.size() - pending);
        if (n < 0) {
            if (errno == EAGAIN || errno == EINTR) continue;
            // ENODEV: unplugged. The node is gone for good; a replug makes a new one, found by reopening the path.
            setStatus(errno == ENODEV ? options_.source + " disconnected; looking for it again"
                                      : options_.source + ": read failed (" + errorText(errno) + "), reopening",
                      false);
            return;
        }
        if (n == 0) {
            setStatus(options_.source + " closed (end of stream); looking for it again", false);
            return;
        }
        pending += static_cast<std::size_t>(n);
        std::size_t offset = 0;
        for (; offset + sizeof(input_event) <= pending; offset += sizeof(input_event)) {
            input_event event{};
            std::memcpy(&event, buffer.data() + offset, sizeof event);
            if (auto scan = decoder_.feed(event)) queue_.post({scan->kind, std::move(scan->value), options_.source});
        }
        std::memmove(buffer.data(), buffer.data() + offset, pending - offset);
        pending -= offset;
    }
}

}  // namespace vk::hardware
