#include "hardware/keyboard_wedge_decoder.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>

namespace vk::hardware {
namespace {

// evdev key values: 0 release, 1 press, 2 autorepeat.
constexpr std::int32_t kRelease = 0;
constexpr std::int32_t kPress = 1;

struct KeyCharacters {
    char plain = 0;
    char shifted = 0;
};

constexpr std::array<KeyCharacters, KEY_KPSLASH + 1> makeUsTable() {
    std::array<KeyCharacters, KEY_KPSLASH + 1> table{};
    const auto row = [&table](int firstKey, const char* plain, const char* shifted) {
        for (int i = 0; plain[i] != 0; ++i) table[static_cast<std::size_t>(firstKey + i)] = {plain[i], shifted[i]};
    };
    // Rows of the US keyboard, in keycode order (linux/input-event-codes.h numbers keys along each row).
    row(KEY_1, "1234567890-=", "!@#$%^&*()_+");
    row(KEY_Q, "qwertyuiop[]", "QWERTYUIOP{}");
    row(KEY_A, "asdfghjkl;'`", "ASDFGHJKL:\"~");
    row(KEY_BACKSLASH, "\\zxcvbnm,./", "|ZXCVBNM<>?");
    table[KEY_KPASTERISK] = {'*', '*'};
    table[KEY_SPACE] = {' ', ' '};
    // The keypad: some scanners are set to type digits there. Shift does not change them for a scanner.
    row(KEY_KP7, "789-456+1230.", "789-456+1230.");
    table[KEY_KPSLASH] = {'/', '/'};
    return table;
}

constexpr auto kUsTable = makeUsTable();

constexpr std::uint8_t kLeftShift = 1U << 0U;
constexpr std::uint8_t kRightShift = 1U << 1U;
constexpr std::uint8_t kShiftMask = kLeftShift | kRightShift;
constexpr std::uint8_t kLeftCtrl = 1U << 2U;
constexpr std::uint8_t kRightCtrl = 1U << 3U;
constexpr std::uint8_t kLeftAlt = 1U << 4U;
constexpr std::uint8_t kRightAlt = 1U << 5U;

std::uint8_t modifierBit(std::uint16_t code) {
    switch (code) {
        case KEY_LEFTSHIFT: return kLeftShift;
        case KEY_RIGHTSHIFT: return kRightShift;
        case KEY_LEFTCTRL: return kLeftCtrl;
        case KEY_RIGHTCTRL: return kRightCtrl;
        case KEY_LEFTALT: return kLeftAlt;
        case KEY_RIGHTALT: return kRightAlt;
        default: return 0;
    }
}

std::int64_t eventMicros(const input_event& event) {
    // input_event_sec / input_event_usec name the timestamp on both 64-bit and y2038-safe 32-bit layouts.
    return static_cast<std::int64_t>(event.input_event_sec) * 1'000'000 +
           static_cast<std::int64_t>(event.input_event_usec);
}

bool allDecimal(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool allHex(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
}

// GS1 (EAN / UPC / GTIN) mod-10 check digit: weights 3, 1, 3… from the digit left of the check digit.
bool hasValidGs1CheckDigit(std::string_view digits) {
    int sum = 0;
    int weight = 3;
    for (std::size_t i = digits.size() - 1; i-- > 0;) {
        sum += (digits[i] - '0') * weight;
        weight = 4 - weight;
    }
    return (10 - sum % 10) % 10 == digits.back() - '0';
}

std::optional<std::string> asCardUid(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    if ((text.size() == 8 || text.size() == 14 || text.size() == 20) && allHex(text)) {
        std::string uid(text);
        for (char& c : uid) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return uid;
    }
    if (text.size() == 10 && allDecimal(text)) {
        const unsigned long long number = std::strtoull(std::string(text).c_str(), nullptr, 10);
        if (number > 0xFFFF'FFFFULL) return std::nullopt;
        std::string uid(8, '0');
        for (std::size_t i = 0; i < 8; ++i) uid[7 - i] = kHex[(number >> (4 * i)) & 0xFU];
        return uid;
    }
    return std::nullopt;
}

}  // namespace

WedgeScan classifyScan(std::string_view text, ScanRole role) {
    if (role == ScanRole::Barcode) return {ReadKind::Barcode, std::string(text)};
    if (role == ScanRole::Auto && (text.size() == 8 || text.size() == 14) && allDecimal(text) &&
        hasValidGs1CheckDigit(text)) {
        return {ReadKind::Barcode, std::string(text)};
    }
    if (auto uid = asCardUid(text)) return {ReadKind::CardUid, std::move(*uid)};
    return {ReadKind::Barcode, std::string(text)};
}

char usLayoutCharacter(std::uint16_t keyCode, bool shifted) {
    if (keyCode >= kUsTable.size()) return 0;
    const KeyCharacters& key = kUsTable[keyCode];
    return shifted ? key.shifted : key.plain;
}

KeyboardWedgeDecoder::KeyboardWedgeDecoder(KeyboardWedgeOptions options) : options_(options) {
    text_.reserve(options_.maxLength);
}

void KeyboardWedgeDecoder::reset() {
    text_.clear();
    discardUntilEnter_ = false;
    heldModifiers_ = 0;
    lastKeyMicros_.reset();
    ignoreUntilReport_ = false;
}

void KeyboardWedgeDecoder::dropPartial() {
    if (!text_.empty() || discardUntilEnter_) ++droppedScans_;
    text_.clear();
    discardUntilEnter_ = false;
}

std::optional<WedgeScan> KeyboardWedgeDecoder::feed(const input_event& event) {
    if (event.type == EV_SYN) {
        if (event.code == SYN_DROPPED) {
            // The kernel's buffer overflowed and events were lost: the scan under way has a hole, so its tail
            // must not make a scan of its own; and the protocol says to ignore everything up to the next
            // SYN_REPORT.
            text_.clear();
            discardUntilEnter_ = true;
            heldModifiers_ = 0;
            ignoreUntilReport_ = true;
        } else if (event.code == SYN_REPORT) {
            ignoreUntilReport_ = false;
        }
        return std::nullopt;
    }
    if (ignoreUntilReport_ || event.type != EV_KEY) return std::nullopt;  // EV_MSC (scan codes), LEDs…

    const std::uint8_t modifier = modifierBit(event.code);
    if (modifier != 0) {
        if (event.value == kPress) heldModifiers_ |= modifier;
        if (event.value == kRelease) heldModifiers_ &= static_cast<std::uint8_t>(~modifier);
    }
    // Autorepeat is the kernel's doing when a release arrives late (a USB hiccup): a scanner never holds a key to
    // type it twice, so a repeat adds nothing.
    if (event.value != kPress) return std::nullopt;

    const std::int64_t now = eventMicros(event);
    if (lastKeyMicros_ && std::llabs(now - *lastKeyMicros_) > options_.maxKeyGap.count() * 1000) dropPartial();
    lastKeyMicros_ = now;
    if (modifier != 0) return std::nullopt;

    if (event.code == KEY_ENTER || event.code == KEY_KPENTER) {
        if (discardUntilEnter_) {
            dropPartial();
            return std::nullopt;
        }
        if (text_.empty()) return std::nullopt;
        WedgeScan scan = classifyScan(text_, options_.role);
        text_.clear();
        return scan;
    }

    // Ctrl or Alt combinations are not text (Alt + keypad digits is a code-page trick some scanners use for
    // accented letters); skip them rather than type their digits.
    if ((heldModifiers_ & ~kShiftMask) != 0) return std::nullopt;
    const char c = usLayoutCharacter(event.code, (heldModifiers_ & kShiftMask) != 0);
    if (c == 0 || discardUntilEnter_) return std::nullopt;
    if (text_.size() >= options_.maxLength) {
        text_.clear();
        discardUntilEnter_ = true;
        return std::nullopt;
    }
    text_.push_back(c);
    return std::nullopt;
}

}  // namespace vk::hardware
