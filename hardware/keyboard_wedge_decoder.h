#pragma once
// Readers that pretend to be a keyboard ("keyboard wedge"): barcode scanners, magstripe readers and the cheap
// 125 kHz / 13.56 MHz card readers that type the card number followed by Enter. The decoder turns their raw
// evdev key events into one scan per Enter; it knows nothing of files or threads, so tests feed it recordings.

#include "hardware/reader_events.h"

#include <linux/input.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vk::hardware {

// What a device is known to be. A keyboard wedge only sends text, and some barcodes look exactly like a card
// number (an EAN-8 is 8 digits, a GTIN-14 is 14, a DHL waybill is 10), so a device whose role is known should
// say so in the config; Auto guesses from the text (see classifyScan).
enum class ScanRole { Auto, Barcode, Card };

struct KeyboardWedgeOptions {
    // Scanners type a whole code within a few milliseconds per key; a longer pause means the partial text is
    // a fragment (a scan cut short, a stray key) and must not be glued to the next scan.
    std::chrono::milliseconds maxKeyGap{200};
    // Longer than any barcode or magstripe track we expect; a stuck scanner must not grow memory.
    std::size_t maxLength = 256;
    ScanRole role = ScanRole::Auto;
};

struct WedgeScan {
    ReadKind kind = ReadKind::Barcode;
    std::string value;  // barcode text as typed, or a card UID as upper-case hex
};

// Decides what a completed scan is:
//  - 8, 14 or 20 hex digits: a card UID of 4, 7 or 10 bytes (ISO 14443 single, double, triple size), upper-cased;
//  - exactly 10 decimal digits not above 4294967295: the 32-bit number that 125 kHz (EM4100) readers print,
//    converted to 8 hex digits so every UID has the same form ("0012345678" -> "00BC614E");
//  - anything else (EAN-13, Code 128, a magstripe track…): a barcode, text unchanged.
// In Auto, an all-digit 8 or 14 character text whose GS1 check digit is right is taken for an EAN-8 / GTIN-14
// barcode rather than a UID. In Barcode role everything is a barcode; in Card role, a text that is no UID
// (a magstripe track) is still passed on as a barcode so nothing typed is lost.
WedgeScan classifyScan(std::string_view text, ScanRole role = ScanRole::Auto);

// The character the US layout gives a key, whatever layout the host keyboard uses: scanners send US keycodes by
// default, and an AZERTY host would otherwise read "1234" as "&é\"'". Returns 0 for keys that type nothing.
char usLayoutCharacter(std::uint16_t keyCode, bool shifted);

class KeyboardWedgeDecoder {
public:
    explicit KeyboardWedgeDecoder(KeyboardWedgeOptions options = {});

    // Feeds one event; returns the scan completed by an Enter key press, if any.
    std::optional<WedgeScan> feed(const input_event& event);
    // Forgets a partial scan and the modifier state (the device was closed and reopened).
    void reset();

    // Scans thrown away (gap, too long): for the staff device panel.
    std::size_t droppedScans() const { return droppedScans_; }

private:
    void dropPartial();

    KeyboardWedgeOptions options_;
    std::string text_;
    bool discardUntilEnter_ = false;  // past maxLength, or events lost: the rest of this scan is worthless
    bool ignoreUntilReport_ = false;  // after SYN_DROPPED
    std::uint8_t heldModifiers_ = 0;  // one bit per Shift / Ctrl / Alt key, left and right apart
    std::optional<std::int64_t> lastKeyMicros_;
    std::size_t droppedScans_ = 0;
};

}  // namespace vk::hardware
