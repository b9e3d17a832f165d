#include "eventually.h"
#include "hardware/print_queue.h"
#include "hardware/tcp_transport.h"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <thread>

using namespace std::chrono_literals;
using vk::hardware::PrinterDevice;
using vk::hardware::PrinterDeviceOptions;
using vk::hardware::Receipt;
using vk::hardware::TcpTransport;
using vk::hardware::TransportError;

using vk::test::eventually;

namespace {

// A network printer on 127.0.0.1 and an ephemeral port: it keeps what it receives and answers DLE EOT requests
// with `statusAnswer`. Every wait is bounded, so a broken transport fails the test instead of hanging it.
class LoopbackPrinter {
public:
    enum class Behaviour { Print, HangUpAtOnce, Silent };

    explicit LoopbackPrinter(Behaviour behaviour = Behaviour::Print) : behaviour_(behaviour) {
        listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        REQUIRE(listener_ >= 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = 0;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::bind(listener_, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
        REQUIRE(::listen(listener_, 4) == 0);
        socklen_t length = sizeof address;
        REQUIRE(::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) == 0);
        port_ = ntohs(address.sin_port);
        thread_ = std::thread([this] { serve(); });
    }
    ~LoopbackPrinter() {
        stop_ = true;
        thread_.join();
        ::close(listener_);
    }

    std::uint16_t port() const { return port_; }
    std::string received() {
        std::lock_guard lock(mutex_);
        return received_;
    }
    std::uint8_t statusAnswer = 0x12;

private:
    void serve() {
        const auto deadline = std::chrono::steady_clock::now() + 10s;
        while (!stop_ && std::chrono::steady_clock::now() < deadline) {
            pollfd entry{listener_, POLLIN, 0};
            if (::poll(&entry, 1, 10) <= 0) continue;
            const int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
            if (client < 0) continue;
            if (behaviour_ == Behaviour::HangUpAtOnce) {
                ::close(client);
                continue;
            }
            talk(client, deadline);
            ::close(client);
        }
    }
    void talk(int client, std::chrono::steady_clock::time_point deadline) {
        std::vector<std::uint8_t> command;
        while (!stop_ && std::chrono::steady_clock::now() < deadline) {
            pollfd entry{client, POLLIN, 0};
            if (::poll(&entry, 1, 10) <= 0) continue;
            std::uint8_t buffer[512];
            const ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
            if (n <= 0) return;
            for (ssize_t i = 0; i < n; ++i) {
                const std::uint8_t byte = buffer[i];
                if (command.empty() && byte != 0x10) {
                    std::lock_guard lock(mutex_);
                    received_.push_back(static_cast<char>(byte));
                    continue;
                }
                command.push_back(byte);
                if (command.size() < 3) continue;
                command.clear();
                if (behaviour_ == Behaviour::Silent) continue;
                const std::uint8_t answer = statusAnswer;
                (void)::send(client, &answer, 1, MSG_NOSIGNAL);
            }
        }
    }

    Behaviour behaviour_;
    int listener_ = -1;
    std::uint16_t port_ = 0;
    std::atomic<bool> stop_{false};
    std::mutex mutex_;
    std::string received_;
    std::thread thread_;
};

std::span<const std::uint8_t> bytesOf(const std::string& text) {
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

}  // namespace

TEST_CASE("bytes sent over TCP reach the printer and its status answer comes back", "[tcp]") {
    LoopbackPrinter printer;
    TcpTransport transport("127.0.0.1", printer.port());
    CHECK(transport.describe() == "tcp:127.0.0.1:" + std::to_string(printer.port()));
    REQUIRE(transport.open().ok());
    CHECK(transport.isOpen());

    const std::string text = "Bonjour\n";
    const auto sent = transport.write(bytesOf(text), 1000ms);
    CHECK(sent.ok());
    CHECK(sent.bytes == text.size());
    const std::uint8_t request[] = {0x10, 0x04, 0x01};
    REQUIRE(transport.write(request, 1000ms).ok());
    std::array<std::uint8_t, 1> answer{};
    const auto read = transport.read(answer, 2000ms);
    REQUIRE(read.ok());
    CHECK(read.bytes == 1);
    CHECK(answer[0] == 0x12);
    CHECK(eventually([&] { return printer.received() == text; }));
    transport.close();
    CHECK_FALSE(transport.isOpen());
}

TEST_CASE("a printer that does not answer gives a read Timeout within the time given", "[tcp]") {
    LoopbackPrinter printer(LoopbackPrinter::Behaviour::Silent);
    TcpTransport transport("127.0.0.1", printer.port());
    REQUIRE(transport.open().ok());
    const std::uint8_t request[] = {0x10, 0x04, 0x04};
    REQUIRE(transport.write(request, 1000ms).ok());
    std::array<std::uint8_t, 1> answer{};
    const auto start = std::chrono::steady_clock::now();
    const auto read = transport.read(answer, 50ms);
    CHECK(read.error == TransportError::Timeout);
    CHECK(read.bytes == 0);
    CHECK(std::chrono::steady_clock::now() - start >= 40ms);
}

TEST_CASE("nothing listening on the port is NotConnected", "[tcp]") {
    std::uint16_t port = 0;
    {
        LoopbackPrinter closed;  // take a free port, then let it go
        port = closed.port();
    }
    TcpTransport transport("127.0.0.1", port);
    const auto result = transport.open();
    CHECK(result.error == TransportError::NotConnected);
    CHECK_FALSE(transport.isOpen());
    std::array<std::uint8_t, 1> buffer{};
    CHECK(transport.write(buffer, 10ms).error == TransportError::NotConnected);
}

TEST_CASE("a printer hanging up gives Disconnected, not SIGPIPE", "[tcp]") {
    LoopbackPrinter printer(LoopbackPrinter::Behaviour::HangUpAtOnce);
    TcpTransport transport("127.0.0.1", printer.port());
    REQUIRE(transport.open().ok());
    const std::vector<std::uint8_t> chunk(4096, 'x');
    TransportError error = TransportError::None;
    // The first sends may still land in the kernel's buffer; the peer's reset surfaces on a later one.
    REQUIRE(eventually([&] { return (error = transport.write(chunk, 100ms).error) != TransportError::None; }));
    CHECK(error == TransportError::Disconnected);
    CHECK_FALSE(transport.isOpen());
}

TEST_CASE("a printer name is refused: the address must be numeric", "[tcp]") {
    TcpTransport transport("printer.example", 9100);
    const auto result = transport.open();
    CHECK(result.error == TransportError::IoError);
    CHECK(result.message.find("not an IP address") != std::string::npos);
}

TEST_CASE("the print queue prints through TCP and asks the status before and after", "[tcp][print-queue]") {
    LoopbackPrinter printer;
    const auto file = std::filesystem::temp_directory_path() / ("vk-tcp-queue-" + std::to_string(::getpid()) + ".db");
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file.string() + suffix);
    {
        PrinterDeviceOptions options;
        options.statusTimeout = 200ms;
        options.backoffMin = 5ms;
        options.backoffMax = 20ms;
        const auto encode = [](const Receipt& receipt) {
            std::string text = (receipt.duplicate ? "DUPLICATA " : "") + receipt.lines.at(0).text + "\n";
            return std::vector<std::uint8_t>(text.begin(), text.end());
        };
        PrinterDevice device(file, encode, std::make_unique<TcpTransport>("127.0.0.1", printer.port()), options);
        device.submit({"queue_ticket", {{"M-100"}}, false});
        REQUIRE(eventually([&] { return device.snapshot().pendingJobs == 0 && !printer.received().empty(); }));
        CHECK(printer.received() == "M-100\n");
        CHECK(device.snapshot().status.known);
        CHECK(device.snapshot().ready);
    }
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file.string() + suffix);
}
