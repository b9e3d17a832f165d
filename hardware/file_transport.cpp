#include "hardware/file_transport.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace vk::hardware {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

std::string errorText(int code) { return std::strerror(code); }

int pollUntil(int fd, short events, Clock::time_point deadline) {
    while (true) {
        const auto left = std::max(milliseconds{0}, std::chrono::ceil<milliseconds>(deadline - Clock::now()));
        pollfd entry{fd, events, 0};
        const int ready = ::poll(&entry, 1, static_cast<int>(std::min<milliseconds::rep>(left.count(), 60'000)));
        if (ready < 0 && errno == EINTR) continue;
        if (ready == 0 && Clock::now() < deadline) continue;
        return ready;
    }
}

// usblp answers ENODEV once the printer is unplugged, EIO when the USB transfer fails on the way out.
bool deviceGone(int code) { return code == ENODEV || code == ENXIO || code == EIO || code == ESHUTDOWN; }

}  // namespace

FileTransport::Kind FileTransport::kindFor(const std::filesystem::path& path) {
    return path.string().starts_with("/dev/") ? Kind::Device : Kind::AppendFile;
}

FileTransport::FileTransport(std::filesystem::path path, Kind kind) : path_(std::move(path)), kind_(kind) {}

FileTransport::~FileTransport() { close(); }

std::string FileTransport::describe() const {
    return (kind_ == Kind::Device ? "file:" : "virtual:") + path_.string();
}

TransportResult FileTransport::fail(TransportError error, std::size_t bytes, const std::string& message) {
    if (error == TransportError::Disconnected || error == TransportError::IoError) close();
    return {error, bytes, message};
}

TransportResult FileTransport::open() {
    if (fd_ >= 0) return {};
    const std::string name = path_.string();
    if (kind_ == Kind::AppendFile) {
        // No O_NONBLOCK: it means nothing for a plain file, and each write goes straight to the page cache.
        fd_ = ::open(name.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
        if (fd_ < 0) {
            const int code = errno;
            return {TransportError::IoError, 0, "cannot open the virtual printer " + name + ": " + errorText(code)};
        }
        readable_ = false;
        return {};
    }
    // O_NONBLOCK: a printer that stops taking data (paper out) must not hang the device thread in write().
    fd_ = ::open(name.c_str(), O_RDWR | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    readable_ = fd_ >= 0;
    if (fd_ < 0 && (errno == EACCES || errno == EPERM))
        fd_ = ::open(name.c_str(), O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd_ < 0) {
        const int code = errno;
        if (code == ENOENT || code == ENODEV || code == ENXIO)
            return {TransportError::NotConnected, 0, "no printer at " + name + " (unplugged or switched off)"};
        if (code == EBUSY)
            return {TransportError::NotConnected, 0, name + " is in use by another program (CUPS?)"};
        if (code == EACCES || code == EPERM)
            return {TransportError::IoError, 0, "no permission to write to " + name + " (is the kiosk user in group lp?)"};
        return {TransportError::IoError, 0, "cannot open " + name + ": " + errorText(code)};
    }
    struct stat info{};
    if (::fstat(fd_, &info) == 0 && !S_ISCHR(info.st_mode)) {
        close();
        return {TransportError::IoError, 0, name + " is not a device; use a virtual printer for a plain file"};
    }
    return {};
}

void FileTransport::close() {
    if (fd_ < 0) return;
    ::close(fd_);
    fd_ = -1;
    readable_ = false;
}

TransportResult FileTransport::write(std::span<const std::uint8_t> data, milliseconds timeout) {
    if (fd_ < 0) return {TransportError::NotConnected, 0, describe() + " is not open"};
    const auto deadline = Clock::now() + timeout;
    std::size_t written = 0;
    while (written < data.size()) {
        const ssize_t n = ::write(fd_, data.data() + written, data.size() - written);
        if (n > 0) {
            written += static_cast<std::size_t>(n);
            continue;
        }
        const int code = n < 0 ? errno : EAGAIN;
        if (code == EINTR) continue;
        if (code == EAGAIN || code == EWOULDBLOCK) {
            const int ready = pollUntil(fd_, POLLOUT, deadline);
            if (ready > 0) continue;
            if (ready == 0)
                return written > 0 ? TransportResult{TransportError::None, written, {}}
                                   : TransportResult{TransportError::Timeout, 0, "the printer accepts no data"};
            const int pollCode = errno;
            return fail(TransportError::IoError, written, "cannot wait for " + describe() + ": " + errorText(pollCode));
        }
        if (kind_ == Kind::Device && deviceGone(code))
            return fail(TransportError::Disconnected, written, describe() + " went away: " + errorText(code));
        return fail(TransportError::IoError, written, "cannot write to " + describe() + ": " + errorText(code));
    }
    return {TransportError::None, written, {}};
}

TransportResult FileTransport::read(std::span<std::uint8_t> buffer, milliseconds timeout) {
    if (fd_ < 0) return {TransportError::NotConnected, 0, describe() + " is not open"};
    // A plain file never answers; saying so at once keeps the virtual printer fast.
    if (!readable_) return {TransportError::Timeout, 0, describe() + " does not answer"};
    if (buffer.empty()) return {};
    const auto deadline = Clock::now() + timeout;
    while (true) {
        const ssize_t n = ::read(fd_, buffer.data(), buffer.size());
        if (n > 0) return {TransportError::None, static_cast<std::size_t>(n), {}};
        if (n == 0) return {TransportError::Timeout, 0, "no answer from " + describe()};
        const int code = errno;
        if (code == EINTR) continue;
        // usblp refuses reads (EINVAL) from a printer without a back channel: it will never answer.
        if (code == EINVAL) return {TransportError::Timeout, 0, describe() + " has no back channel"};
        if (deviceGone(code))
            return fail(TransportError::Disconnected, 0, describe() + " went away: " + errorText(code));
        if (code != EAGAIN && code != EWOULDBLOCK)
            return fail(TransportError::IoError, 0, "cannot read from " + describe() + ": " + errorText(code));
        if (Clock::now() >= deadline) return {TransportError::Timeout, 0, "no answer from " + describe()};
        const int ready = pollUntil(fd_, POLLIN, deadline);
        if (ready == 0) return {TransportError::Timeout, 0, "no answer from " + describe()};
        if (ready < 0) {
            const int pollCode = errno;
            return fail(TransportError::IoError, 0, "cannot wait for " + describe() + ": " + errorText(pollCode));
        }
    }
}

}  // namespace vk::hardware
