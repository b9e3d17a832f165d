#include "hardware/printer_address.h"

#include "hardware/file_transport.h"
#include "hardware/tcp_transport.h"
#include "hardware/usb_printer_transport.h"

#include <charconv>

namespace vk::hardware {

PrinterAddress openPrinterAddress(const std::string& address) {
    PrinterAddress result;
    if (address == "usb" || address.starts_with("usb:")) {
        const auto match = UsbPrinterMatch::parse(address);
        if (!match) {
            result.error = "printer address « " + address + " »: write usb or usb:VVVV:PPPP in hexadecimal, as lsusb shows it";
            return result;
        }
        result.transport = std::make_unique<UsbPrinterTransport>(*match);
        return result;
    }
    if (address.starts_with("tcp:")) {
        std::string host = address.substr(4);
        std::uint16_t port = 9100;
        if (const auto colon = host.rfind(':'); colon != std::string::npos) {
            const std::string portText = host.substr(colon + 1);
            const auto [end, error] = std::from_chars(portText.data(), portText.data() + portText.size(), port);
            if (error != std::errc() || end != portText.data() + portText.size() || port == 0) {
                result.error = "printer address « " + address + " »: the port must be a number from 1 to 65535";
                return result;
            }
            host = host.substr(0, colon);
        }
        if (host.empty()) {
            result.error = "printer address « " + address + " »: write tcp:192.0.2.10 or tcp:192.0.2.10:9100";
            return result;
        }
        result.transport = std::make_unique<TcpTransport>(host, port);
        return result;
    }
    if (address.starts_with("file:") || address.starts_with("virtual:")) {
        const std::filesystem::path path = address.substr(address.find(':') + 1);
        if (path.empty() || path.is_relative()) {
            result.error = "printer address « " + address + " »: give an absolute path";
            return result;
        }
        const bool virtualPrinter = address.starts_with("virtual:");
        const auto kind = virtualPrinter ? FileTransport::Kind::AppendFile : FileTransport::kindFor(path);
        result.transport = std::make_unique<FileTransport>(path, kind);
        // The kernel's usblp passes status requests on only for bidirectional printers; a file never answers.
        result.statusPolicy = StatusPolicy::BestEffort;
        return result;
    }
    result.error = "printer address « " + address + " » is not understood: use usb, usb:VVVV:PPPP, tcp:ADDRESS[:PORT], "
                   "file:/dev/usb/lp0 or virtual:/path";
    return result;
}

}  // namespace vk::hardware
