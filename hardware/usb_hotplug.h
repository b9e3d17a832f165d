#pragma once
// Notices USB receipt printers arriving and leaving, so the device thread can open() again after a replug instead
// of retrying blindly. libusb hotplug callbacks where libusb has them, a periodic rescan elsewhere. Either way
// nothing is opened here: changes are posted, and the device thread decides.

#include "hardware/usb_printer_transport.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace vk::hardware {

struct UsbPrinterChange {
    enum class Kind { Arrived, Left };
    Kind kind = Kind::Arrived;
    UsbId id;
    std::uint8_t bus = 0;
    std::uint8_t address = 0;
};

struct UsbHotplugOptions {
    std::chrono::milliseconds rescanInterval{2000};  // without hotplug callbacks
    bool forceRescan = false;                         // rescan even where libusb has hotplug (tests)
};

class UsbHotplug {
public:
    // `context` is the device thread's, shared with its UsbPrinterTransport; it must not be null. Printers present
    // now are not reported: the device thread tries open() once at start anyway.
    UsbHotplug(std::shared_ptr<UsbContext> context, UsbPrinterMatch match, UsbHotplugOptions options = {});
    ~UsbHotplug();
    UsbHotplug(const UsbHotplug&) = delete;
    UsbHotplug& operator=(const UsbHotplug&) = delete;

    bool usesHotplugCallbacks() const { return callbackHandle_ >= 0; }
    // Called after each posted change, from the thread that polled; e.g. to tell the UI loop that the device panel
    // changed. It must not call back into libusb.
    void setWakeCallback(std::function<void()> wake);

    // Device thread, never blocks: lets libusb run the hotplug callbacks it has queued, or rescans when due.
    // (Sync transfers of the transport on the same context deliver callbacks as well.)
    void poll();
    // Any thread: the changes posted since the last call, oldest first.
    std::vector<UsbPrinterChange> takeChanges();

    struct Mailbox;  // what the libusb callback may touch; defined in usb_hotplug.cpp

private:
    void rescan();

    std::shared_ptr<UsbContext> context_;
    UsbPrinterMatch match_;
    UsbHotplugOptions options_;
    std::unique_ptr<Mailbox> mailbox_;
    int callbackHandle_ = -1;
    std::chrono::steady_clock::time_point nextRescan_;
    std::vector<UsbPrinterChange> present_;  // rescan mode: the printers seen last time
};

}  // namespace vk::hardware
