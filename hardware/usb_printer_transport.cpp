#include "hardware/usb_printer_transport.h"

#include "hardware/usb_hotplug.h"

#include <libusb.h>

#include <algorithm>
#include <charconv>
#include <climits>
#include <cstdio>
#include <utility>

namespace vk::hardware {

namespace {

constexpr std::uint8_t kPrinterClass = LIBUSB_CLASS_PRINTER;          // 7
constexpr std::uint8_t kVendorClass = LIBUSB_CLASS_VENDOR_SPEC;       // 0xFF
constexpr std::size_t kMaxTransferBytes = std::size_t{1} << 20;      // libusb takes an int length
constexpr std::chrono::milliseconds kMaxTimeout{60'000};

// libusb reads a timeout of 0 as "wait forever": a printer that stops taking data (paper out, cover open) would
// then hang the device thread. Every transfer gets at least 1 ms and at most a minute.
unsigned int boundedTimeout(std::chrono::milliseconds timeout) {
    return static_cast<unsigned int>(std::clamp(timeout, std::chrono::milliseconds{1}, kMaxTimeout).count());
}

std::optional<std::uint16_t> parseHex16(std::string_view text) {
    if (text.empty() || text.size() > 4) return std::nullopt;
    std::uint16_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
    if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

std::string usbError(std::string_view what, int code) {
    return std::string(what) + ": " + libusb_strerror(code);
}

struct ConfigDescriptorDeleter {
    void operator()(libusb_config_descriptor* config) const { libusb_free_config_descriptor(config); }
};

}  // namespace

std::optional<UsbId> parseUsbId(std::string_view text) {
    const auto colon = text.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    const auto vendor = parseHex16(text.substr(0, colon));
    const auto product = parseHex16(text.substr(colon + 1));
    if (!vendor || !product) return std::nullopt;
    return UsbId{*vendor, *product};
}

std::string formatUsbId(UsbId id) {
    char text[10];
    std::snprintf(text, sizeof text, "%04x:%04x", static_cast<unsigned>(id.vendor), static_cast<unsigned>(id.product));
    return text;
}

std::optional<UsbPrinterMatch> UsbPrinterMatch::parse(std::string_view spec, std::vector<UsbId> knownPrinters) {
    UsbPrinterMatch match;
    match.knownPrinters = std::move(knownPrinters);
    if (spec == "usb") return match;
    if (!spec.starts_with("usb:")) return std::nullopt;
    match.id = parseUsbId(spec.substr(4));
    if (!match.id) return std::nullopt;
    return match;
}

std::string UsbPrinterMatch::spec() const {
    return id ? "usb:" + formatUsbId(*id) : std::string("usb");
}

std::optional<UsbPrinterInterface> findPrinterInterface(libusb_device* device, const UsbPrinterMatch& match) {
    libusb_device_descriptor deviceDescriptor{};
    if (libusb_get_device_descriptor(device, &deviceDescriptor) != 0) return std::nullopt;
    const UsbId id{deviceDescriptor.idVendor, deviceDescriptor.idProduct};
    if (match.id && *match.id != id) return std::nullopt;
    // Some ESC/POS printers announce a vendor-specific interface instead of the printer class; we print to those
    // only when the configuration names them (here or in the list), never to any 0xFF device that happens to be
    // plugged in (a card reader, a scale).
    const bool vendorClassAllowed =
        match.id.has_value() || std::ranges::find(match.knownPrinters, id) != match.knownPrinters.end();

    // The active configuration comes from the descriptors libusb cached (sysfs on Linux): no control transfer.
    libusb_config_descriptor* rawConfig = nullptr;
    if (libusb_get_active_config_descriptor(device, &rawConfig) != 0) return std::nullopt;
    const std::unique_ptr<libusb_config_descriptor, ConfigDescriptorDeleter> config(rawConfig);

    std::optional<UsbPrinterInterface> best;
    int bestRank = -1;
    for (int i = 0; i < config->bNumInterfaces; ++i) {
        const libusb_interface& interface = config->interface[i];
        for (int a = 0; a < interface.num_altsetting; ++a) {
            const libusb_interface_descriptor& alt = interface.altsetting[a];
            const bool printerClass = alt.bInterfaceClass == kPrinterClass;
            if (!printerClass && !(alt.bInterfaceClass == kVendorClass && vendorClassAllowed)) continue;
            UsbPrinterInterface found;
            found.interfaceNumber = alt.bInterfaceNumber;
            found.altSetting = alt.bAlternateSetting;
            for (int e = 0; e < alt.bNumEndpoints; ++e) {
                const libusb_endpoint_descriptor& endpoint = alt.endpoint[e];
                if ((endpoint.bmAttributes & LIBUSB_TRANSFER_TYPE_MASK) != LIBUSB_TRANSFER_TYPE_BULK) continue;
                if ((endpoint.bEndpointAddress & LIBUSB_ENDPOINT_DIR_MASK) == LIBUSB_ENDPOINT_IN) {
                    if (!found.bulkIn) {
                        found.bulkIn = endpoint.bEndpointAddress;
                        found.bulkInMaxPacket = static_cast<std::uint16_t>(endpoint.wMaxPacketSize & 0x7FF);
                    }
                } else if (found.bulkOut == 0) {
                    found.bulkOut = endpoint.bEndpointAddress;
                }
            }
            if (found.bulkOut == 0) continue;
            // Printer-class devices often offer alternate setting 0 unidirectional and 1 bidirectional (usblp
            // prefers the latter too): a printer that can answer status requests beats one that cannot.
            const int rank = (printerClass ? 2 : 0) + (found.bulkIn ? 1 : 0);
            if (rank > bestRank) {
                best = found;
                bestRank = rank;
            }
        }
    }
    return best;
}

std::shared_ptr<UsbContext> UsbContext::create(std::string& error) {
    libusb_context* context = nullptr;
    if (const int r = libusb_init(&context); r != 0) {
        error = usbError("libusb could not start", r);
        return nullptr;
    }
    return std::shared_ptr<UsbContext>(new UsbContext(context));
}

UsbContext::~UsbContext() { libusb_exit(context_); }

UsbPrinterTransport::UsbPrinterTransport(UsbPrinterMatch match, std::shared_ptr<UsbContext> context)
    : match_(std::move(match)), context_(std::move(context)) {}

UsbPrinterTransport::~UsbPrinterTransport() { close(); }

std::string UsbPrinterTransport::describe() const {
    std::string text = match_.spec();
    if (isOpen() && !match_.id) text += " (" + formatUsbId(connectedId_) + ")";
    return text;
}

TransportResult UsbPrinterTransport::open() {
    if (handle_) return {};
    if (!context_) {
        std::string error;
        context_ = UsbContext::create(error);
        if (!context_) return {TransportError::IoError, 0, error};
    }

    libusb_device** list = nullptr;
    const ssize_t count = libusb_get_device_list(context_->get(), &list);
    if (count < 0) return {TransportError::IoError, 0, usbError("cannot list USB devices", static_cast<int>(count))};
    libusb_device* device = nullptr;
    UsbPrinterInterface found;
    for (ssize_t i = 0; i < count && !device; ++i) {
        if (auto candidate = findPrinterInterface(list[i], match_)) {
            device = libusb_ref_device(list[i]);
            found = *candidate;
        }
    }
    libusb_free_device_list(list, 1);
    if (!device) {
        return {TransportError::NotConnected, 0,
                match_.id ? "no USB printer " + formatUsbId(*match_.id) + " found" : "no USB printer found"};
    }

    libusb_device_descriptor deviceDescriptor{};
    libusb_get_device_descriptor(device, &deviceDescriptor);
    const std::string where = "USB printer " + formatUsbId({deviceDescriptor.idVendor, deviceDescriptor.idProduct}) +
                              " (bus " + std::to_string(libusb_get_bus_number(device)) + " device " +
                              std::to_string(libusb_get_device_address(device)) + ")";
    libusb_device_handle* handle = nullptr;
    const int opened = libusb_open(device, &handle);
    libusb_unref_device(device);  // the handle holds its own reference
    if (opened == LIBUSB_ERROR_NO_DEVICE || opened == LIBUSB_ERROR_NOT_FOUND)
        return {TransportError::NotConnected, 0, where + " went away"};
    if (opened == LIBUSB_ERROR_ACCESS)
        return {TransportError::IoError, 0,
                "no permission to open " + where + ": the kiosk user needs write access to its /dev/bus/usb node"};
    if (opened != 0) return {TransportError::IoError, 0, usbError("cannot open " + where, opened)};

    // The kernel's usblp driver binds to every printer-class interface (that is /dev/usb/lp0); libusb detaches it
    // while we hold the interface and re-attaches it on release, so CUPS or a technician get the device back.
    // Not supported outside Linux, where there is nothing to detach.
    libusb_set_auto_detach_kernel_driver(handle, 1);
    // No libusb_reset_device(): a reset re-enumerates the printer (new address, usblp re-binds) and some models
    // eject the paper or lose their settings; nothing on a receipt printer needs it.
    int r = libusb_claim_interface(handle, found.interfaceNumber);
    if (r == 0 && found.altSetting != 0) {
        r = libusb_set_interface_alt_setting(handle, found.interfaceNumber, found.altSetting);
        if (r != 0) libusb_release_interface(handle, found.interfaceNumber);
    }
    if (r != 0) {
        libusb_close(handle);
        if (r == LIBUSB_ERROR_NO_DEVICE) return {TransportError::NotConnected, 0, where + " went away"};
        if (r == LIBUSB_ERROR_BUSY)
            return {TransportError::IoError, 0, where + " is in use by another program (CUPS?)"};
        return {TransportError::IoError, 0, usbError("cannot claim " + where, r)};
    }

    handle_ = handle;
    interface_ = found;
    connectedId_ = {deviceDescriptor.idVendor, deviceDescriptor.idProduct};
    pendingIn_.clear();
    return {};
}

void UsbPrinterTransport::close() {
    if (!handle_) return;
    // Fails harmlessly (LIBUSB_ERROR_NO_DEVICE) when the printer is already gone.
    libusb_release_interface(handle_, interface_.interfaceNumber);
    libusb_close(handle_);
    handle_ = nullptr;
    pendingIn_.clear();
}

TransportResult UsbPrinterTransport::failure(int libusbError, std::size_t bytes, std::string_view what) {
    switch (libusbError) {
    case LIBUSB_ERROR_TIMEOUT:
        return {TransportError::Timeout, bytes, std::string(what) + " timed out"};
    case LIBUSB_ERROR_NO_DEVICE:
        // The handle is useless now; a replugged printer gets a new address and a new handle from open().
        close();
        return {TransportError::Disconnected, bytes, "USB printer unplugged or switched off"};
    default:
        return {TransportError::IoError, bytes, usbError(what, libusbError)};
    }
}

TransportResult UsbPrinterTransport::write(std::span<const std::uint8_t> data, std::chrono::milliseconds timeout) {
    if (!handle_) return {TransportError::NotConnected, 0, "USB printer is not open"};
    if (data.empty()) return {};
    const int length = static_cast<int>(std::min(data.size(), kMaxTransferBytes));
    int transferred = 0;
    // libusb's buffer parameter is not const, but it only reads from it on an OUT endpoint.
    const int r = libusb_bulk_transfer(handle_, interface_.bulkOut, const_cast<std::uint8_t*>(data.data()), length,
                                       &transferred, boundedTimeout(timeout));
    const auto bytes = static_cast<std::size_t>(std::max(transferred, 0));
    if (r == 0) return {TransportError::None, bytes, {}};
    if (r == LIBUSB_ERROR_PIPE) {
        // A stalled endpoint stays halted until the host clears it, whatever the printer does next.
        libusb_clear_halt(handle_, interface_.bulkOut);
        return {TransportError::IoError, bytes, "USB printer refused the data (endpoint stalled)"};
    }
    return failure(r, bytes, "USB write");
}

TransportResult UsbPrinterTransport::read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout) {
    if (!handle_) return {TransportError::NotConnected, 0, "USB printer is not open"};
    if (buffer.empty()) return {};
    if (!pendingIn_.empty()) {
        const std::size_t n = std::min(buffer.size(), pendingIn_.size());
        std::copy_n(pendingIn_.begin(), n, buffer.begin());
        pendingIn_.erase(pendingIn_.begin(), pendingIn_.begin() + static_cast<std::ptrdiff_t>(n));
        return {TransportError::None, n, {}};
    }
    if (!interface_.bulkIn) return {TransportError::IoError, 0, "this USB printer cannot answer (no bulk IN endpoint)"};

    // A bulk IN transfer shorter than the packet the printer sends ends in LIBUSB_ERROR_OVERFLOW and the bytes are
    // lost, so ask for whole packets and keep what the caller had no room for.
    const std::size_t packet = std::max<std::size_t>(interface_.bulkInMaxPacket, 1);
    const std::size_t want = std::min((buffer.size() + packet - 1) / packet * packet, kMaxTransferBytes);
    std::vector<std::uint8_t> chunk(want);
    int transferred = 0;
    const int r = libusb_bulk_transfer(handle_, *interface_.bulkIn, chunk.data(), static_cast<int>(want), &transferred,
                                       boundedTimeout(timeout));
    const auto received = static_cast<std::size_t>(std::max(transferred, 0));
    const std::size_t n = std::min(received, buffer.size());
    std::copy_n(chunk.begin(), n, buffer.begin());
    pendingIn_.assign(chunk.begin() + static_cast<std::ptrdiff_t>(n),
                      chunk.begin() + static_cast<std::ptrdiff_t>(received));
    // Bytes that arrived before a multi-packet read timed out are an answer, not a timeout.
    if (r == 0 || (r == LIBUSB_ERROR_TIMEOUT && n > 0)) return {TransportError::None, n, {}};
    if (r == LIBUSB_ERROR_PIPE) {
        libusb_clear_halt(handle_, *interface_.bulkIn);
        return {TransportError::IoError, n, "USB printer stalled its status endpoint"};
    }
    return failure(r, n, "USB read");
}

bool UsbPrinterTransport::deviceArrived() {
    if (!context_) {
        std::string error;
        context_ = UsbContext::create(error);
        if (!context_) return false;
    }
    if (!hotplug_) hotplug_ = std::make_unique<UsbHotplug>(context_, match_);
    hotplug_->poll();
    bool arrived = false;
    for (const UsbPrinterChange& change : hotplug_->takeChanges())
        arrived = arrived || change.kind == UsbPrinterChange::Kind::Arrived;
    return arrived;
}

}  // namespace vk::hardware
