#pragma once
// A keyboard-wedge reader (barcode scanner, magstripe, 125 kHz card reader) read straight from its evdev node on
// a thread of its own. The device is grabbed (EVIOCGRAB) so that what it types never lands in the focused text
// field; scans go to the ReaderEventQueue like any other reader's.

#include "hardware/keyboard_wedge_decoder.h"
#include "hardware/reader_events.h"

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>

namespace vk::hardware {

struct EvdevReaderOptions {
    // A stable name from the config, e.g. /dev/input/by-id/usb-Honeywell_Imaging_Scanner-event-kbd:
    // /dev/input/eventN numbers change from boot to boot. A FIFO is accepted too, to replay a recording of raw
    // struct input_event values without the device.
    std::string devicePath;
    std::string source;  // the reader's name in ReaderEvent::source and on the staff panel; devicePath if empty
    KeyboardWedgeOptions decoder;
    std::chrono::milliseconds reopenInterval{3000};  // hot-plug: how often a missing device is looked for again
};

// The status line for a device that cannot be opened, with what staff can do about it.
std::string describeOpenError(const std::string& path, int errorNumber);

class EvdevReader {
public:
    // Starts the thread at once; a missing or unreadable device is reported in status(), never thrown.
    EvdevReader(ReaderEventQueue& queue, EvdevReaderOptions options);
    ~EvdevReader();
    EvdevReader(const EvdevReader&) = delete;
    EvdevReader& operator=(const EvdevReader&) = delete;

    // Returns within a few milliseconds: the thread waits on a wake pipe beside the device.
    void stop();

    // One line for the staff device panel ("ready: …", "permission denied on …", "… not found …").
    std::string status() const;
    bool connected() const { return connected_.load(); }

private:
    void run();
    int openDevice();
    void readUntilGone(int deviceFd);
    bool waitForStop(std::chrono::milliseconds timeout);
    void setStatus(std::string status, bool connected);

    ReaderEventQueue& queue_;
    EvdevReaderOptions options_;
    KeyboardWedgeDecoder decoder_;
    int wakeRead_ = -1;
    int wakeWrite_ = -1;
    std::atomic<bool> stopping_{false};
    std::atomic<bool> connected_{false};
    mutable std::mutex statusMutex_;
    std::string status_;
    std::thread thread_;  // last: started once everything above exists
};

}  // namespace vk::hardware
