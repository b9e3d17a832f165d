#pragma once
// A receipt printer on USB through libusb: printer-class interfaces (class 7), or vendor-specific ones (class 0xFF)
// for models the configuration names. Everything here runs on the print queue's device thread; libusb.h stays out
// of this header so that users of vk_hardware need no libusb include path.

#include "hardware/printer_transport.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct libusb_context;
struct libusb_device;
struct libusb_device_handle;

namespace vk::hardware {

class UsbHotplug;

struct UsbId {
    std::uint16_t vendor = 0;
    std::uint16_t product = 0;
    bool operator==(const UsbId&) const = default;
};

// "04b8:0202" (hex, either case) to an id; nullopt when malformed.
std::optional<UsbId> parseUsbId(std::string_view text);
// "04b8:0202", as lsusb prints it.
std::string formatUsbId(UsbId id);

// Which device "usb" or "usb:04b8:0202" means.
struct UsbPrinterMatch {
    std::optional<UsbId> id;          // empty: the first printer found
    std::vector<UsbId> knownPrinters; // from the config: also accepted when their interface says class 0xFF

    // "usb" or "usb:vvvv:pppp"; nullopt for anything else.
    static std::optional<UsbPrinterMatch> parse(std::string_view spec, std::vector<UsbId> knownPrinters = {});
    std::string spec() const;
};

// Where a matched printer's bytes go, read from its descriptors.
struct UsbPrinterInterface {
    std::uint8_t interfaceNumber = 0;
    std::uint8_t altSetting = 0;
    std::uint8_t bulkOut = 0;           // endpoint address, direction bit included
    std::optional<std::uint8_t> bulkIn; // unidirectional printers (protocol 1) have none
    std::uint16_t bulkInMaxPacket = 64;
};

// The interface `device` would be printed through under `match`, or nullopt when it is not such a printer. Reads
// only the descriptors libusb cached at enumeration: no I/O, so it is safe inside a hotplug callback.
std::optional<UsbPrinterInterface> findPrinterInterface(libusb_device* device, const UsbPrinterMatch& match);

// One libusb context, shared by the transport and the hotplug watcher of the same device thread.
class UsbContext {
public:
    // nullptr and `error` set when libusb cannot start (no usbfs, e.g. in a container without /dev/bus/usb).
    static std::shared_ptr<UsbContext> create(std::string& error);
    ~UsbContext();
    UsbContext(const UsbContext&) = delete;
    UsbContext& operator=(const UsbContext&) = delete;
    libusb_context* get() const { return context_; }

private:
    explicit UsbContext(libusb_context* context) : context_(context) {}
    libusb_context* context_;
};

class UsbPrinterTransport final : public PrinterTransport {
public:
    // Without a context, the transport creates its own on the first open().
    explicit UsbPrinterTransport(UsbPrinterMatch match, std::shared_ptr<UsbContext> context = nullptr);
    ~UsbPrinterTransport() override;
    UsbPrinterTransport(const UsbPrinterTransport&) = delete;
    UsbPrinterTransport& operator=(const UsbPrinterTransport&) = delete;

    std::string describe() const override;
    TransportResult open() override;
    void close() override;
    bool isOpen() const override { return handle_ != nullptr; }
    TransportResult write(std::span<const std::uint8_t> data, std::chrono::milliseconds timeout) override;
    TransportResult read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout) override;

    // Hot-plug: the first call starts watching (libusb callbacks, or rescans where they are missing).
    bool deviceArrived() override;

    // What open() found; meaningful while open.
    const UsbPrinterInterface& printerInterface() const { return interface_; }
    std::optional<UsbId> connectedId() const { return isOpen() ? std::optional(connectedId_) : std::nullopt; }

private:
    TransportResult failure(int libusbError, std::size_t bytes, std::string_view what);

    UsbPrinterMatch match_;
    std::shared_ptr<UsbContext> context_;
    libusb_device_handle* handle_ = nullptr;
    UsbPrinterInterface interface_;
    UsbId connectedId_;
    // Bulk IN is read a whole packet at a time (see read()); what the caller had no room for waits here.
    std::vector<std::uint8_t> pendingIn_;
    std::unique_ptr<UsbHotplug> hotplug_;
};

}  // namespace vk::hardware
