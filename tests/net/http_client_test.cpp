#include "net/http_client.h"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <functional>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

using vk::net::HttpClient;
using vk::net::HttpOutcome;
using vk::net::HttpRequest;
using vk::net::HttpResponse;
using namespace std::chrono_literals;

namespace {

using Clock = std::chrono::steady_clock;

// Catch2 prints the key instead of a bare number when an outcome check fails.
std::string show(HttpOutcome outcome) { return std::string(vk::net::outcomeKey(outcome)); }

// A listening TCP socket on 127.0.0.1 with a port the kernel picks. Never any other address: the tests must not
// reach, or be reachable from, the network.
int listenOnLoopback(bool listening, int& port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) throw std::runtime_error("socket() failed");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = 0;
    ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    if (::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
        (listening && ::listen(fd, 16) != 0)) {
        ::close(fd);
        throw std::runtime_error("could not bind a loopback socket");
    }
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    port = ntohs(address.sin_port);
    return fd;
}

std::string headerValue(const std::string& head, std::string_view name) {
    std::string lowerHead = head;
    std::string lowerName = "\r\n" + std::string(name) + ":";
    const auto lower = [](std::string& text) {
        for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    };
    lower(lowerHead);
    lower(lowerName);
    const auto at = lowerHead.find(lowerName);
    if (at == std::string::npos) return {};
    auto begin = at + lowerName.size();
    while (begin < head.size() && head[begin] == ' ') ++begin;
    return head.substr(begin, head.find("\r\n", begin) - begin);
}

// One accepted connection as a handler sees it.
class Connection {
public:
    Connection(int fd, std::string head, const std::atomic<bool>& stopping, std::atomic<std::size_t>& bytesSent)
        : fd_(fd), head_(std::move(head)), stopping_(stopping), bytesSent_(bytesSent) {}

    const std::string& head() const { return head_; }
    std::string path() const {
        const auto start = head_.find(' ');
        if (start == std::string::npos) return {};
        return head_.substr(start + 1, head_.find(' ', start + 1) - start - 1);
    }
    std::string header(std::string_view name) const { return headerValue(head_, name); }
    bool stopping() const { return stopping_; }

    // Holds the connection open, answering nothing, until the client hangs up, the test ends or `limit` passes.
    void waitForHangUp(std::chrono::milliseconds limit) {
        const auto deadline = Clock::now() + limit;
        char buffer[4096];
        while (!stopping_ && Clock::now() < deadline) {
            pollfd readable{fd_, POLLIN, 0};
            if (::poll(&readable, 1, 20) <= 0) continue;
            if (::recv(fd_, buffer, sizeof buffer, 0) <= 0) return;
        }
    }

    // False once the peer has gone away (or a send blocked past SO_SNDTIMEO).
    bool send(std::string_view data) {
        while (!data.empty()) {
            const ssize_t sent = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
            if (sent <= 0) return false;
            bytesSent_ += static_cast<std::size_t>(sent);
            data.remove_prefix(static_cast<std::size_t>(sent));
        }
        return true;
    }

private:
    int fd_;
    std::string head_;
    const std::atomic<bool>& stopping_;
    std::atomic<std::size_t>& bytesSent_;
};

// A tiny HTTP/1.1 server on a thread: one connection at a time, one request per connection. Every loop in it is
// bounded by a connection count or a deadline, so it stops by itself even if a test forgets it.
class LoopbackServer {
public:
    using Handler = std::function<void(Connection&)>;
    enum class ReadRequest { Yes, No };

    explicit LoopbackServer(Handler handler, ReadRequest readRequest = ReadRequest::Yes)
        : handler_(std::move(handler)), readRequest_(readRequest) {
        listenFd_ = listenOnLoopback(true, port_);
        thread_ = std::thread([this] { run(); });
    }
    ~LoopbackServer() {
        stopping_ = true;
        thread_.join();
        ::close(listenFd_);
    }
    LoopbackServer(const LoopbackServer&) = delete;
    LoopbackServer& operator=(const LoopbackServer&) = delete;

    std::string url(std::string_view path, std::string_view scheme = "http") const {
        return std::string(scheme) + "://127.0.0.1:" + std::to_string(port_) + std::string(path);
    }
    int connections() const { return connections_; }
    std::size_t bytesSent() const { return bytesSent_; }
    std::vector<std::string> requests() const {
        const std::lock_guard lock(mutex_);
        return requests_;
    }

private:
    static constexpr int kMaxConnections = 32;
    static constexpr auto kLifetime = 10s;

    void run() {
        const auto deadline = Clock::now() + kLifetime;
        while (!stopping_ && connections_ < kMaxConnections && Clock::now() < deadline) {
            pollfd waiting{listenFd_, POLLIN, 0};
            if (::poll(&waiting, 1, 20) <= 0) continue;
            const int fd = ::accept4(listenFd_, nullptr, nullptr, SOCK_CLOEXEC);
            if (fd < 0) continue;
            ++connections_;
            const timeval sendTimeout{2, 0};
            ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &sendTimeout, sizeof sendTimeout);
            std::string head = readRequest_ == ReadRequest::Yes ? readHead(fd) : std::string();
            {
                const std::lock_guard lock(mutex_);
                requests_.push_back(head);
            }
            Connection connection(fd, std::move(head), stopping_, bytesSent_);
            handler_(connection);
            ::close(fd);
        }
    }

    // Up to the blank line that ends the request head, within 2 s and 64 KiB.
    std::string readHead(int fd) const {
        std::string head;
        const auto deadline = Clock::now() + 2s;
        char buffer[4096];
        while (head.find("\r\n\r\n") == std::string::npos && head.size() < 64 * 1024 && Clock::now() < deadline &&
               !stopping_) {
            pollfd readable{fd, POLLIN, 0};
            if (::poll(&readable, 1, 20) <= 0) continue;
            const ssize_t received = ::recv(fd, buffer, sizeof buffer, 0);
            if (received <= 0) break;
            head.append(buffer, static_cast<std::size_t>(received));
        }
        return head;
    }

    Handler handler_;
    ReadRequest readRequest_;
    int listenFd_ = -1;
    int port_ = 0;
    std::atomic<bool> stopping_{false};
    std::atomic<int> connections_{0};
    std::atomic<std::size_t> bytesSent_{0};
    mutable std::mutex mutex_;
    std::vector<std::string> requests_;
    std::thread thread_;
};

std::string response(std::string_view statusLine, std::string_view extraHeaders, std::string_view body) {
    return "HTTP/1.1 " + std::string(statusLine) + "\r\n" + std::string(extraHeaders) +
           "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + std::string(body);
}

constexpr std::string_view kFeedBody = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n";
constexpr std::string_view kEtag = "\"rota-v1\"";
constexpr std::string_view kLastModified = "Tue, 05 Mar 2024 08:00:00 GMT";

void serveFeed(Connection& connection) {
    const std::string validators =
        "ETag: " + std::string(kEtag) + "\r\nLast-Modified: " + std::string(kLastModified) + "\r\n";
    if (connection.header("If-None-Match") == kEtag || connection.header("If-Modified-Since") == kLastModified)
        connection.send("HTTP/1.1 304 Not Modified\r\n" + validators + "Connection: close\r\n\r\n");
    else
        connection.send(response("200 OK", validators + "Content-Type: text/calendar\r\n", kFeedBody));
}

constexpr std::size_t kFiftyMegabytes = 50 * 1024 * 1024;

// Sends up to `total` bytes of body in 64 KiB pieces until the client hangs up.
void streamBody(Connection& connection, std::size_t total, bool chunked) {
    const std::string piece(64 * 1024, 'x');
    char sizeLine[32];
    std::snprintf(sizeLine, sizeof sizeLine, "%zx\r\n", piece.size());
    const auto deadline = Clock::now() + 5s;
    for (std::size_t sent = 0; sent < total && !connection.stopping() && Clock::now() < deadline;
         sent += piece.size()) {
        const bool ok = chunked ? connection.send(sizeLine) && connection.send(piece) && connection.send("\r\n")
                                : connection.send(piece);
        if (!ok) return;
    }
}

}  // namespace

TEST_CASE("a feed is fetched with its body, ETag and Last-Modified", "[net][http]") {
    LoopbackServer server(serveFeed);
    HttpRequest request;
    request.url = server.url("/rota.ics");
    const HttpResponse response = HttpClient().get(request);

    CHECK(show(response.outcome) == "ok");
    CHECK(response.status == 200);
    CHECK(response.body == kFeedBody);
    REQUIRE(response.etag);
    CHECK(*response.etag == kEtag);
    REQUIRE(response.lastModified);
    CHECK(*response.lastModified == kLastModified);
    CHECK(response.effectiveUrl == request.url);
    CHECK(response.message.empty());
    REQUIRE(server.requests().size() == 1);
    CHECK(headerValue(server.requests().front(), "User-Agent") == "village-kiosk/0.1");
    CHECK(headerValue(server.requests().front(), "If-None-Match").empty());
}

TEST_CASE("an unchanged feed answers 304 to its ETag and costs no body", "[net][http]") {
    LoopbackServer server(serveFeed);
    HttpClient client;
    HttpRequest request;
    request.url = server.url("/rota.ics");
    const HttpResponse first = client.get(request);
    REQUIRE(show(first.outcome) == "ok");
    REQUIRE(first.etag);

    request.ifNoneMatch = first.etag;
    const HttpResponse second = client.get(request);
    CHECK(show(second.outcome) == "not_modified");
    CHECK(second.status == 304);
    CHECK(second.body.empty());
    REQUIRE(server.requests().size() == 2);
    CHECK(headerValue(server.requests().back(), "If-None-Match") == kEtag);
}

TEST_CASE("If-Modified-Since is sent and a 304 is reported as not modified", "[net][http]") {
    LoopbackServer server(serveFeed);
    HttpRequest request;
    request.url = server.url("/rota.ics");
    request.ifModifiedSince = std::string(kLastModified);
    const HttpResponse response = HttpClient().get(request);
    CHECK(show(response.outcome) == "not_modified");
    REQUIRE(server.requests().size() == 1);
    CHECK(headerValue(server.requests().front(), "If-Modified-Since") == kLastModified);
}

TEST_CASE("a declared 50 MB body is refused without being downloaded", "[net][http][limits]") {
    LoopbackServer server([](Connection& connection) {
        if (!connection.send("HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(kFiftyMegabytes) +
                             "\r\nConnection: close\r\n\r\n"))
            return;
        streamBody(connection, kFiftyMegabytes, false);
    });
    HttpRequest request;
    request.url = server.url("/huge.ics");
    request.maxBodyBytes = 1024 * 1024;
    request.timeout = 3s;
    const auto started = Clock::now();
    const HttpResponse response = HttpClient().get(request);

    CHECK(show(response.outcome) == "too_large");
    CHECK(response.body.empty());
    CHECK(response.message.find("1 MB") != std::string::npos);
    CHECK(Clock::now() - started < 2s);
    // Whatever the kernel buffered before the client hung up, it is a small part of the 50 MB.
    CHECK(server.bytesSent() < kFiftyMegabytes / 4);
}

TEST_CASE("a declared length over the cap is refused before any body arrives", "[net][http][limits]") {
    LoopbackServer server([](Connection& connection) {
        if (connection.send("HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(kFiftyMegabytes) +
                            "\r\nConnection: close\r\n\r\n"))
            connection.waitForHangUp(3s);  // no body: only the declared length can tell the client to stop
    });
    HttpRequest request;
    request.url = server.url("/huge.ics");
    request.timeout = 2s;
    const auto started = Clock::now();
    const HttpResponse response = HttpClient().get(request);
    CHECK(show(response.outcome) == "too_large");
    CHECK(response.message == "the answer is larger than the 5 MB limit");
    CHECK(Clock::now() - started < 1s);
}

TEST_CASE("a streamed body without a length is cut off as soon as it passes the cap", "[net][http][limits]") {
    LoopbackServer server([](Connection& connection) {
        if (!connection.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")) return;
        streamBody(connection, kFiftyMegabytes, true);
    });
    HttpRequest request;
    request.url = server.url("/endless.ics");
    request.maxBodyBytes = 256 * 1024;
    request.timeout = 3s;
    const auto started = Clock::now();
    const HttpResponse response = HttpClient().get(request);

    CHECK(show(response.outcome) == "too_large");
    CHECK(response.body.size() <= request.maxBodyBytes);
    CHECK(response.body.empty());
    CHECK(Clock::now() - started < 2s);
    CHECK(server.bytesSent() < kFiftyMegabytes / 4);
}

TEST_CASE("a body of exactly the cap is accepted and one byte more is refused", "[net][http][limits]") {
    constexpr std::size_t cap = 10000;
    const bool declareLength = GENERATE(true, false);
    LoopbackServer server([declareLength](Connection& connection) {
        const std::size_t size = connection.path() == "/exact" ? cap : cap + 1;
        const std::string body(size, 'a');
        if (declareLength)
            connection.send(response("200 OK", "", body));
        else  // ends when the connection closes, so only the write callback can see the size
            connection.send("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + body);
    });
    HttpClient client;
    HttpRequest request;
    request.maxBodyBytes = cap;
    request.timeout = 2s;

    request.url = server.url("/exact");
    const HttpResponse exact = client.get(request);
    CHECK(show(exact.outcome) == "ok");
    CHECK(exact.body.size() == cap);

    request.url = server.url("/over");
    const HttpResponse over = client.get(request);
    CHECK(show(over.outcome) == "too_large");
    CHECK(over.body.empty());
}

// 64 KiB of zero bytes, gzip-compressed to 96 bytes.
constexpr unsigned char kGzippedZeros[] = {
    0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xed, 0xc1, 0x01, 0x01, 0x00, 0x00,
    0x00, 0x80, 0x90, 0xfe, 0xaf, 0xee, 0x08, 0x0a, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x6a, 0xeb, 0x8e, 0x97, 0xd7, 0x00, 0x00, 0x01, 0x00,
};

TEST_CASE("the cap counts decompressed bytes, so a compressed bomb is refused", "[net][http][limits]") {
    const std::size_t cap = GENERATE(std::size_t{10000}, std::size_t{65536});
    LoopbackServer server([](Connection& connection) {
        const std::string gzipped(reinterpret_cast<const char*>(kGzippedZeros), sizeof kGzippedZeros);
        connection.send(response("200 OK", "Content-Encoding: gzip\r\n", gzipped));
    });
    HttpRequest request;
    request.url = server.url("/bomb.ics");
    request.maxBodyBytes = cap;
    request.timeout = 2s;
    const HttpResponse response = HttpClient().get(request);
    if (cap < 65536) {
        CHECK(show(response.outcome) == "too_large");
        CHECK(response.body.empty());
    } else {
        CHECK(show(response.outcome) == "ok");
        CHECK(response.body == std::string(65536, '\0'));
    }
}

TEST_CASE("a redirect is followed and only the final answer's validators are kept", "[net][http][redirect]") {
    LoopbackServer server([](Connection& connection) {
        if (connection.path() == "/old")
            connection.send(response("301 Moved Permanently",
                                     "Location: /new\r\nETag: \"stale\"\r\nLast-Modified: " +
                                         std::string(kLastModified) + "\r\n",
                                     "moved"));
        else
            connection.send(response("200 OK", "", kFeedBody));
    });
    HttpRequest request;
    request.url = server.url("/old");
    const HttpResponse response = HttpClient().get(request);
    CHECK(show(response.outcome) == "ok");
    CHECK(response.body == kFeedBody);
    CHECK(response.effectiveUrl == server.url("/new"));
    // Validators of the 301 would make the next conditional request ask about the wrong document.
    CHECK_FALSE(response.etag);
    CHECK_FALSE(response.lastModified);
}

TEST_CASE("a redirect loop stops after maxRedirects hops", "[net][http][redirect]") {
    LoopbackServer server([](Connection& connection) {
        connection.send(response("302 Found", "Location: /loop\r\n", ""));
    });
    HttpRequest request;
    request.url = server.url("/loop");
    request.maxRedirects = 3;
    request.timeout = 3s;
    const HttpResponse response = HttpClient().get(request);
    CHECK(show(response.outcome) == "too_many_redirects");
    CHECK(response.message.find('3') != std::string::npos);
    CHECK(server.requests().size() == 4);  // the first request and three redirects, no more
}

TEST_CASE("no redirect is followed when maxRedirects is zero or negative", "[net][http][redirect]") {
    const int maxRedirects = GENERATE(0, -1);
    LoopbackServer server([](Connection& connection) {
        if (connection.path() == "/old")
            connection.send(response("302 Found", "Location: /new\r\n", ""));
        else
            serveFeed(connection);
    });
    HttpRequest request;
    request.url = server.url("/old");
    request.maxRedirects = maxRedirects;
    request.timeout = 2s;
    const HttpResponse response = HttpClient().get(request);
    CHECK(show(response.outcome) == "too_many_redirects");
    CHECK(server.requests().size() == 1);
}

TEST_CASE("a redirect to a local file or another protocol is refused, not followed",
          "[net][http][redirect][security]") {
    // libcurl's own default would follow a redirect to ftp://; SERVER stands for the loopback server's address.
    std::string target = GENERATE(as<std::string>{}, "file:///etc/passwd", "ftp://SERVER/rota.ics");
    LoopbackServer server([&target](Connection& connection) {
        connection.send(response("302 Found", "Location: " + target + "\r\n", ""));
    });
    if (const auto at = target.find("SERVER"); at != std::string::npos)
        target.replace(at, 6, server.url("").substr(std::string_view("http://").size()));
    HttpRequest request;
    request.url = server.url("/feed");
    request.timeout = 2s;
    const HttpResponse response = HttpClient().get(request);
    INFO("redirect to " << target);
    CHECK(show(response.outcome) == "bad_url");
    CHECK(response.body.find("root:") == std::string::npos);
    CHECK(response.body.empty());
    CHECK(server.connections() == 1);
}

TEST_CASE("a server that accepts and never answers times out on time", "[net][http][timeout]") {
    LoopbackServer server([](Connection& connection) { connection.waitForHangUp(4s); });
    HttpRequest request;
    request.url = server.url("/silent");
    request.timeout = 1s;
    const auto started = Clock::now();
    const HttpResponse response = HttpClient().get(request);
    const auto elapsed = Clock::now() - started;

    CHECK(show(response.outcome) == "timeout");
    CHECK(response.message == "the server did not answer within 1 s");
    CHECK(elapsed >= 900ms);
    CHECK(elapsed < 3s);
    CHECK(server.connections() == 1);
}

TEST_CASE("a zero timeout never means waiting forever", "[net][http][timeout]") {
    LoopbackServer server([](Connection& connection) { connection.waitForHangUp(4s); });
    HttpRequest request;
    request.url = server.url("/silent");
    request.timeout = 0ms;
    request.connectTimeout = 0ms;
    const auto started = Clock::now();
    const HttpResponse response = HttpClient().get(request);
    CHECK(show(response.outcome) == "timeout");
    CHECK(Clock::now() - started < 1s);
}

TEST_CASE("an answer that is not HTTP is a network error", "[net][http]") {
    LoopbackServer server([](Connection& connection) { connection.send("hello, this is not HTTP\n"); });
    HttpRequest request;
    request.url = server.url("/rota.ics");
    request.timeout = 2s;
    const HttpResponse response = HttpClient().get(request);
    CHECK(show(response.outcome) == "network_error");
    CHECK(response.body.empty());
}

TEST_CASE("a closed port is a network error", "[net][http]") {
    // Bound but not listening: the kernel refuses connections, and no other process can take the port meanwhile.
    int port = 0;
    const int fd = listenOnLoopback(false, port);
    HttpRequest request;
    request.url = "http://127.0.0.1:" + std::to_string(port) + "/";
    request.timeout = 2s;
    request.connectTimeout = 1s;
    const HttpResponse response = HttpClient().get(request);
    ::close(fd);

    CHECK(show(response.outcome) == "network_error");
    CHECK(response.status == 0);
    CHECK_FALSE(response.message.empty());
}

TEST_CASE("a server error is an HTTP error that names the status", "[net][http]") {
    LoopbackServer server([](Connection& connection) {
        connection.send(response("500 Internal Server Error", "", "database down"));
    });
    HttpRequest request;
    request.url = server.url("/rota.ics");
    request.timeout = 2s;
    const HttpResponse response = HttpClient().get(request);
    CHECK(show(response.outcome) == "http_error");
    CHECK(response.status == 500);
    CHECK(response.message.find("500") != std::string::npos);
    CHECK(response.body == "database down");
}

TEST_CASE("https to a server that does not speak TLS is a TLS error", "[net][http][tls]") {
    LoopbackServer server(
        [](Connection& connection) { connection.send("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n"); },
        LoopbackServer::ReadRequest::No);
    HttpRequest request;
    request.url = server.url("/rota.ics", "https");
    request.timeout = 2s;
    const HttpResponse response = HttpClient().get(request);
    CHECK(show(response.outcome) == "tls_error");
    CHECK(response.body.empty());
}

TEST_CASE("addresses other than http and https are refused before any connection", "[net][http][security]") {
    // SERVER stands for the loopback server's address: a refused scheme must not even open a connection to it.
    std::string url = GENERATE(as<std::string>{}, "file:///etc/passwd", "ftp://SERVER/rota.ics", "gopher://SERVER/",
                               "dict://SERVER/", "", "SERVER/rota.ics", "http://", "http://SERVER/a b\r\nHost: evil");
    LoopbackServer server(serveFeed);
    if (const auto at = url.find("SERVER"); at != std::string::npos)
        url.replace(at, 6, server.url("").substr(std::string_view("http://").size()));
    HttpRequest request;
    request.url = url;
    request.timeout = 2s;
    const HttpResponse response = HttpClient().get(request);
    INFO("url: " << url);
    CHECK(show(response.outcome) == "bad_url");
    CHECK(response.body.empty());
    CHECK_FALSE(response.message.empty());
    CHECK(server.connections() == 0);
}

TEST_CASE("a validator with a line break cannot inject request headers", "[net][http][security]") {
    LoopbackServer server(serveFeed);
    HttpRequest request;
    request.url = server.url("/rota.ics");
    request.ifNoneMatch = "\"v1\"\r\nX-Injected: yes";
    const HttpResponse response = HttpClient().get(request);
    CHECK(show(response.outcome) == "bad_url");
    CHECK(server.connections() == 0);
}

TEST_CASE("an extra header line or a method with a line break is refused before any connection",
          "[net][http][security][bad-input]") {
    LoopbackServer server(serveFeed);
    HttpRequest request;
    request.url = server.url("/send");
    request.method = "POST";
    request.body = "to=1";
    request.headers = {"Authorization: Bearer abc\r\nX-Injected: yes"};
    CHECK(show(HttpClient().get(request).outcome) == "bad_url");
    request.headers.clear();
    request.method = "POST\r\nX-Injected: yes";
    CHECK(show(HttpClient().get(request).outcome) == "bad_url");
    CHECK(server.connections() == 0);
}

TEST_CASE("one client serves several worker threads at once", "[net][http][threads]") {
    LoopbackServer server(serveFeed);
    const HttpClient client;
    constexpr int workers = 4;
    std::atomic<int> fetched{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < workers; ++i) {
        threads.emplace_back([&] {
            HttpRequest request;
            request.url = server.url("/rota.ics");
            request.timeout = 3s;
            const HttpResponse response = client.get(request);
            if (response.outcome == HttpOutcome::Ok && response.body == kFeedBody) ++fetched;
        });
    }
    for (auto& thread : threads) thread.join();
    CHECK(fetched == workers);
}

TEST_CASE("every outcome has its own stable key", "[net][http]") {
    const std::vector<HttpOutcome> outcomes{
        HttpOutcome::Ok,      HttpOutcome::NotModified,  HttpOutcome::HttpError, HttpOutcome::TooLarge,
        HttpOutcome::TooManyRedirects, HttpOutcome::Timeout, HttpOutcome::NetworkError, HttpOutcome::TlsError,
        HttpOutcome::BadUrl};
    std::set<std::string_view> keys;
    for (const auto outcome : outcomes) keys.insert(vk::net::outcomeKey(outcome));
    CHECK(keys.size() == outcomes.size());
    CHECK(keys.count("unknown") == 0);
    CHECK(vk::net::outcomeKey(HttpOutcome::TooLarge) == "too_large");
    CHECK(vk::net::outcomeKey(HttpOutcome::NotModified) == "not_modified");
    CHECK(vk::net::outcomeKey(HttpOutcome::BadUrl) == "bad_url");
}
