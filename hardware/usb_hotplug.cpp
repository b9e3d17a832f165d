#include "hardware/usb_hotplug.h"

#include <libusb.h>

#include <algorithm>
#include <mutex>
#include <utility>

namespace vk::hardware {

struct UsbHotplug::Mailbox {
    explicit Mailbox(const UsbPrinterMatch& printerMatch) : match(printerMatch) {}

    void post(UsbPrinterChange change) {
        std::function<void()> wakeNow;
        {
            std::lock_guard lock(mutex);
            // A flapping cable must not grow memory without bound; the newest changes are the ones that matter.
            constexpr std::size_t kMaxPending = 64;
            if (changes.size() >= kMaxPending) changes.erase(changes.begin());
            changes.push_back(change);
            wakeNow = wake;
        }
        if (wakeNow) wakeNow();
    }

    const UsbPrinterMatch& match;
    std::mutex mutex;
    std::vector<UsbPrinterChange> changes;
    std::function<void()> wake;
};

namespace {

UsbPrinterChange describeChange(libusb_device* device, UsbPrinterChange::Kind kind) {
    libusb_device_descriptor descriptor{};
    libusb_get_device_descriptor(device, &descriptor);
    return {kind, {descriptor.idVendor, descriptor.idProduct}, libusb_get_bus_number(device),
            libusb_get_device_address(device)};
}

// Runs inside libusb's event handling, possibly in the middle of the transport's own transfer: opening or closing
// a device here would re-enter libusb, so it only posts. Descriptors are cached, reading them does no I/O.
int onHotplug(libusb_context*, libusb_device* device, libusb_hotplug_event event, void* userData) {
    auto* mailbox = static_cast<UsbHotplug::Mailbox*>(userData);
    if (findPrinterInterface(device, mailbox->match)) {
        mailbox->post(describeChange(device, event == LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED
                                                 ? UsbPrinterChange::Kind::Arrived
                                                 : UsbPrinterChange::Kind::Left));
    }
    return 0;  // stay registered
}

bool sameDevice(const UsbPrinterChange& a, const UsbPrinterChange& b) {
    return a.bus == b.bus && a.address == b.address && a.id == b.id;
}

}  // namespace

UsbHotplug::UsbHotplug(std::shared_ptr<UsbContext> context, UsbPrinterMatch match, UsbHotplugOptions options)
    : context_(std::move(context)), match_(std::move(match)), options_(options),
      mailbox_(std::make_unique<Mailbox>(match_)) {
    if (!options_.forceRescan && libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG)) {
        // libusb's class filter compares bDeviceClass, but printers say "class 7" per interface and leave the
        // device class 0: take every device and filter in the callback.
        libusb_hotplug_callback_handle handle = -1;
        const int r = libusb_hotplug_register_callback(
            context_->get(),
            static_cast<libusb_hotplug_event>(LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED | LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT),
            static_cast<libusb_hotplug_flag>(0), LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY,
            LIBUSB_HOTPLUG_MATCH_ANY, onHotplug, mailbox_.get(), &handle);
        if (r == 0) callbackHandle_ = handle;
    }
    if (!usesHotplugCallbacks()) {
        rescan();
        mailbox_->changes.clear();  // the baseline, not news
    }
}

UsbHotplug::~UsbHotplug() {
    if (usesHotplugCallbacks()) libusb_hotplug_deregister_callback(context_->get(), callbackHandle_);
}

void UsbHotplug::setWakeCallback(std::function<void()> wake) {
    std::lock_guard lock(mailbox_->mutex);
    mailbox_->wake = std::move(wake);
}

void UsbHotplug::poll() {
    if (usesHotplugCallbacks()) {
        timeval zero{};
        libusb_handle_events_timeout_completed(context_->get(), &zero, nullptr);
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    if (now < nextRescan_) return;
    nextRescan_ = now + options_.rescanInterval;
    rescan();
}

void UsbHotplug::rescan() {
    libusb_device** list = nullptr;
    const ssize_t count = libusb_get_device_list(context_->get(), &list);
    if (count < 0) return;  // try again next time; a listing error says nothing about the printer
    std::vector<UsbPrinterChange> now;
    for (ssize_t i = 0; i < count; ++i) {
        if (findPrinterInterface(list[i], match_)) now.push_back(describeChange(list[i], UsbPrinterChange::Kind::Arrived));
    }
    libusb_free_device_list(list, 1);

    for (UsbPrinterChange gone : present_) {
        if (std::ranges::none_of(now, [&](const auto& device) { return sameDevice(device, gone); })) {
            gone.kind = UsbPrinterChange::Kind::Left;
            mailbox_->post(gone);
        }
    }
    for (const UsbPrinterChange& arrived : now) {
        if (std::ranges::none_of(present_, [&](const auto& device) { return sameDevice(device, arrived); }))
            mailbox_->post(arrived);
    }
    present_ = std::move(now);
}

std::vector<UsbPrinterChange> UsbHotplug::takeChanges() {
    std::lock_guard lock(mailbox_->mutex);
    return std::exchange(mailbox_->changes, {});
}

}  // namespace vk::hardware
