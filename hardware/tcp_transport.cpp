#include "hardware/tcp_transport.h"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace vk::hardware {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

std::string errorText(int code) { return std::strerror(code); }

// Waits for `events` on `fd` until `deadline`, across signals. 0: timed out; > 0: ready; < 0: poll failed.
int pollUntil(int fd, short events, Clock::time_point deadline, short& revents) {
    while (true) {
        const auto left = std::max(milliseconds{0}, std::chrono::ceil<milliseconds>(deadline - Clock::now()));
        pollfd entry{fd, events, 0};
        const int ready = ::poll(&entry, 1, static_cast<int>(std::min<milliseconds::rep>(left.count(), 60'000)));
        if (ready < 0 && errno == EINTR) continue;
        if (ready == 0 && Clock::now() < deadline) continue;  // the 60 s cap, not the deadline
        revents = entry.revents;
        return ready;
    }
}

bool connectionGone(int code) {
    return code == EPIPE || code == ECONNRESET || code == ENOTCONN || code == ETIMEDOUT || code == EHOSTUNREACH ||
           code == ENETUNREACH || code == ECONNABORTED || code == ENETDOWN;
}

void setOption(int fd, int level, int name, int value) {
    // Best effort: a socket without these still works, it only notices a vanished printer later or answers slower.
    (void)::setsockopt(fd, level, name, &value, sizeof value);
}

}  // namespace

TcpTransport::TcpTransport(std::string address, std::uint16_t port, TcpTransportOptions options)
    : address_(std::move(address)), port_(port), options_(options) {}

TcpTransport::~TcpTransport() { close(); }

std::string TcpTransport::describe() const {
    const bool ipv6 = address_.find(':') != std::string::npos;
    return "tcp:" + (ipv6 ? "[" + address_ + "]" : address_) + ":" + std::to_string(port_);
}

TransportResult TcpTransport::fail(TransportError error, std::size_t bytes, const std::string& message) {
    if (error == TransportError::Disconnected || error == TransportError::IoError) close();
    return {error, bytes, message};
}

TransportResult TcpTransport::open() {
    if (socket_ >= 0) return {};
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    const std::string service = std::to_string(port_);
    if (const int code = ::getaddrinfo(address_.c_str(), service.c_str(), &hints, &found); code != 0 || !found)
        return {TransportError::IoError, 0, "\"" + address_ + "\" is not an IP address (" + gai_strerror(code) + ")"};
    const addrinfo target = *found;
    sockaddr_storage peer{};
    std::memcpy(&peer, found->ai_addr, std::min<std::size_t>(found->ai_addrlen, sizeof peer));
    ::freeaddrinfo(found);

    const int fd = ::socket(target.ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return {TransportError::IoError, 0, "cannot create a socket: " + errorText(errno)};
    // Status requests are 3 bytes sent right after a job: without TCP_NODELAY, Nagle's algorithm would hold them
    // until the job's last segment is acknowledged.
    setOption(fd, IPPROTO_TCP, TCP_NODELAY, 1);
    // An idle connection to a printer that was switched off is noticed in about a minute instead of never.
    setOption(fd, SOL_SOCKET, SO_KEEPALIVE, 1);
    setOption(fd, IPPROTO_TCP, TCP_KEEPIDLE, 30);
    setOption(fd, IPPROTO_TCP, TCP_KEEPINTVL, 10);
    setOption(fd, IPPROTO_TCP, TCP_KEEPCNT, 3);

    if (::connect(fd, reinterpret_cast<const sockaddr*>(&peer), target.ai_addrlen) != 0) {
        const int code = errno;
        if (code != EINPROGRESS && code != EINTR) {
            ::close(fd);
            return {TransportError::NotConnected, 0, "cannot connect to " + describe() + ": " + errorText(code)};
        }
        short revents = 0;
        const int ready = pollUntil(fd, POLLOUT, Clock::now() + options_.connectTimeout, revents);
        if (ready <= 0) {
            const int pollCode = errno;
            ::close(fd);
            if (ready == 0)
                return {TransportError::NotConnected, 0,
                        "no answer from " + describe() + " within " + std::to_string(options_.connectTimeout.count()) +
                            " ms"};
            return {TransportError::IoError, 0, "cannot wait for " + describe() + ": " + errorText(pollCode)};
        }
        int socketError = 0;
        socklen_t length = sizeof socketError;
        if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &socketError, &length) != 0) socketError = errno;
        if (socketError != 0) {
            ::close(fd);
            return {TransportError::NotConnected, 0, "cannot connect to " + describe() + ": " + errorText(socketError)};
        }
    }
    socket_ = fd;
    return {};
}

void TcpTransport::close() {
    if (socket_ < 0) return;
    ::close(socket_);
    socket_ = -1;
}

TransportResult TcpTransport::write(std::span<const std::uint8_t> data, milliseconds timeout) {
    if (socket_ < 0) return {TransportError::NotConnected, 0, "not connected to " + describe()};
    const auto deadline = Clock::now() + timeout;
    std::size_t sent = 0;
    while (sent < data.size()) {
        short revents = 0;
        const int ready = pollUntil(socket_, POLLOUT, deadline, revents);
        if (ready < 0) {
            const int code = errno;
            return fail(TransportError::IoError, sent, "cannot wait for " + describe() + ": " + errorText(code));
        }
        // A partial write is normal; Timeout is for "nothing moved".
        if (ready == 0) return sent > 0 ? TransportResult{TransportError::None, sent, {}}
                                        : TransportResult{TransportError::Timeout, 0, "the printer accepts no data"};
        // MSG_NOSIGNAL: a printer that closed the connection must give EPIPE here, not a SIGPIPE that ends the kiosk.
        const ssize_t n = ::send(socket_, data.data() + sent, data.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0) {
            const int code = errno;
            if (code == EAGAIN || code == EWOULDBLOCK || code == EINTR) continue;
            if (connectionGone(code))
                return fail(TransportError::Disconnected, sent, "connection to " + describe() + " lost: " + errorText(code));
            return fail(TransportError::IoError, sent, "cannot send to " + describe() + ": " + errorText(code));
        }
        sent += static_cast<std::size_t>(n);
    }
    return {TransportError::None, sent, {}};
}

TransportResult TcpTransport::read(std::span<std::uint8_t> buffer, milliseconds timeout) {
    if (socket_ < 0) return {TransportError::NotConnected, 0, "not connected to " + describe()};
    if (buffer.empty()) return {};
    const auto deadline = Clock::now() + timeout;
    while (true) {
        const ssize_t n = ::recv(socket_, buffer.data(), buffer.size(), MSG_DONTWAIT);
        if (n > 0) return {TransportError::None, static_cast<std::size_t>(n), {}};
        if (n == 0) return fail(TransportError::Disconnected, 0, describe() + " closed the connection");
        const int code = errno;
        if (code != EAGAIN && code != EWOULDBLOCK && code != EINTR) {
            if (connectionGone(code))
                return fail(TransportError::Disconnected, 0, "connection to " + describe() + " lost: " + errorText(code));
            return fail(TransportError::IoError, 0, "cannot read from " + describe() + ": " + errorText(code));
        }
        short revents = 0;
        const int ready = pollUntil(socket_, POLLIN, deadline, revents);
        if (ready == 0) return {TransportError::Timeout, 0, "no answer from " + describe()};
        if (ready < 0) {
            const int pollCode = errno;
            return fail(TransportError::IoError, 0, "cannot wait for " + describe() + ": " + errorText(pollCode));
        }
    }
}

}  // namespace vk::hardware
