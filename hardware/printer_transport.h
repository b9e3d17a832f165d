#pragma once
// The byte pipe to a receipt printer: USB (libusb), a device file (/dev/usb/lp0) or raw TCP port 9100. The print
// queue's device thread is the only user; nothing here is called from the UI thread.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace vk::hardware {

enum class TransportError {
    None,
    NotConnected,  // no such device now (unplugged, switched off, nothing at that address)
    Timeout,       // nothing moved within the time given; for a read, "no answer"
    Disconnected,  // the device went away during the call
    IoError,       // anything else; see the message
};

struct TransportResult {
    TransportError error = TransportError::None;
    std::size_t bytes = 0;  // written or read, also on error (a partial write is normal)
    std::string message;    // for staff and the log, English, no full stop
    bool ok() const { return error == TransportError::None; }
};

class PrinterTransport {
public:
    virtual ~PrinterTransport() = default;
    // "usb:04b8:0202", "tcp:192.0.2.10:9100", "file:/dev/usb/lp0": what the device panel shows.
    virtual std::string describe() const = 0;
    // Connects if not connected; cheap when already open. Never blocks longer than a few seconds.
    virtual TransportResult open() = 0;
    virtual void close() = 0;
    virtual bool isOpen() const = 0;
    // Writes at most data.size() bytes within `timeout`; `bytes` says how many went.
    virtual TransportResult write(std::span<const std::uint8_t> data, std::chrono::milliseconds timeout) = 0;
    // Reads what the printer sends back (status bytes); Timeout with 0 bytes means it did not answer.
    virtual TransportResult read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout) = 0;
    // True when the device may just have come back (a USB hot-plug), so that a wait before reconnecting can end at
    // once instead of at the end of its backoff. Never blocks. Transports without such news keep the default.
    virtual bool deviceArrived() { return false; }
};

}  // namespace vk::hardware
