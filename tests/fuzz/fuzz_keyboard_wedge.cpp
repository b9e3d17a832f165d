// Any bytes as a keyboard wedge's evdev events (type, code, value, time step per 6 bytes), then as a finished scan:
// the decoder never crashes, never keeps more than its limit, and every UID it gives is upper-case hex.
#include "hardware/keyboard_wedge_decoder.h"

#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {
void checkScan(const vk::hardware::WedgeScan& scan, std::size_t maxLength) {
    if (scan.value.size() > maxLength) std::abort();
    if (scan.kind == vk::hardware::ReadKind::CardUid)
        for (const char c : scan.value)
            if (!std::isxdigit(static_cast<unsigned char>(c)) || std::islower(static_cast<unsigned char>(c))) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace vk::hardware;
    KeyboardWedgeOptions options;
    options.maxLength = 64;
    KeyboardWedgeDecoder decoder(options);
    long micros = 0;
    for (std::size_t i = 0; i + 6 <= size; i += 6) {
        input_event event{};
        event.type = static_cast<std::uint16_t>(data[i] % 5);  // EV_SYN, EV_KEY, EV_REL, EV_ABS, EV_MSC
        event.code = static_cast<std::uint16_t>(data[i + 1] | (data[i + 2] & 0x01) << 8);
        event.value = static_cast<std::int32_t>(data[i + 3] % 3);  // up, down, repeat
        micros += data[i + 4] * 1000 + data[i + 5];
        event.time.tv_sec = micros / 1'000'000;
        event.time.tv_usec = micros % 1'000'000;
        if (const auto scan = decoder.feed(event)) checkScan(*scan, options.maxLength);
    }
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (const ScanRole role : {ScanRole::Auto, ScanRole::Barcode, ScanRole::Card})
        checkScan(classifyScan(text, role), size);
    return 0;
}
