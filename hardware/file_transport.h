#pragma once
// A printer reached through a file: the kernel's USB printer device (/dev/usb/lp0, driver usblp), or a plain file
// that stands in for a printer during development.

#include "hardware/printer_transport.h"

#include <filesystem>
#include <string>

namespace vk::hardware {

class FileTransport final : public PrinterTransport {
public:
    enum class Kind {
        // A character device. Missing means unplugged (NotConnected); it is opened read-write so that a printer
        // with a back channel answers status requests, write-only if that is all we may do.
        Device,
        // The "virtual printer": a plain file, created if absent, every job appended as the printer would have
        // received it (one long roll: decode it with an ESC/POS viewer or cut it at the jobs' ESC @). It never
        // answers, so its status stays "unknown": run it with StatusPolicy::BestEffort.
        AppendFile,
    };
    // Paths under /dev/ are devices, anything else a virtual printer.
    static Kind kindFor(const std::filesystem::path& path);

    FileTransport(std::filesystem::path path, Kind kind);
    ~FileTransport() override;
    FileTransport(const FileTransport&) = delete;
    FileTransport& operator=(const FileTransport&) = delete;

    std::string describe() const override;
    TransportResult open() override;
    void close() override;
    bool isOpen() const override { return fd_ >= 0; }
    TransportResult write(std::span<const std::uint8_t> data, std::chrono::milliseconds timeout) override;
    TransportResult read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout) override;

private:
    TransportResult fail(TransportError error, std::size_t bytes, const std::string& message);

    std::filesystem::path path_;
    Kind kind_;
    int fd_ = -1;
    bool readable_ = false;
};

}  // namespace vk::hardware
