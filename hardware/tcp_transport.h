#pragma once
// A receipt printer on the network: raw TCP, usually port 9100 ("JetDirect"), bytes in, status bytes out.

#include "hardware/printer_transport.h"

#include <chrono>
#include <cstdint>
#include <string>

namespace vk::hardware {

struct TcpTransportOptions {
    std::chrono::milliseconds connectTimeout{3000};
};

class TcpTransport final : public PrinterTransport {
public:
    // `address` is a numeric IPv4 or IPv6 address. Names are refused: a resolver that cannot reach its server
    // blocks for many seconds, and the device thread must stay responsive. Give the printer a fixed address.
    TcpTransport(std::string address, std::uint16_t port = 9100, TcpTransportOptions options = {});
    ~TcpTransport() override;
    TcpTransport(const TcpTransport&) = delete;
    TcpTransport& operator=(const TcpTransport&) = delete;

    std::string describe() const override;
    TransportResult open() override;
    void close() override;
    bool isOpen() const override { return socket_ >= 0; }
    TransportResult write(std::span<const std::uint8_t> data, std::chrono::milliseconds timeout) override;
    TransportResult read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout) override;

private:
    TransportResult fail(TransportError error, std::size_t bytes, const std::string& message);

    std::string address_;
    std::uint16_t port_;
    TcpTransportOptions options_;
    int socket_ = -1;
};

}  // namespace vk::hardware
