#pragma once
// What a card or barcode reader tells the workflows. The real readers (evdev_reader.h, pcsc_reader.h) and the
// SimulatedReader (tests, the staff device panel) post the same events here.

#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

namespace vk::hardware {

enum class ReadKind { Barcode, CardUid };

struct ReaderEvent {
    ReadKind kind = ReadKind::Barcode;
    std::string value;   // a barcode's text, or a card UID as upper-case hex
    std::string source;  // which reader, for the staff device panel
};

// A thread-safe mailbox: reader threads post, the UI thread takes events once per frame.
class ReaderEventQueue {
public:
    // Called after each post, from the posting thread, to wake the UI loop.
    void setWakeCallback(std::function<void()> wake);
    void post(ReaderEvent event);
    std::optional<ReaderEvent> take();

private:
    std::mutex mutex_;
    std::deque<ReaderEvent> events_;
    std::function<void()> wake_;
};

// A reader that exists only in software: it posts what it is told to, exactly as a real one would.
class SimulatedReader {
public:
    explicit SimulatedReader(ReaderEventQueue& queue) : queue_(queue) {}
    void presentCard(const std::string& uidHex) { queue_.post({ReadKind::CardUid, uidHex, "simulated"}); }
    void scanBarcode(const std::string& text) { queue_.post({ReadKind::Barcode, text, "simulated"}); }

private:
    ReaderEventQueue& queue_;
};

}  // namespace vk::hardware
