// Any bytes as text bound for the receipt printer: after the sanitiser and the code page nothing can steer the
// printer (no byte below 0x20, no DEL), whatever the input.
#include "hardware/escpos/code_pages.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace vk::hardware::escpos;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (const CodePage page : {CodePage::Wpc1252, CodePage::Cp858})
        for (const char c : encodeText(text, page)) {
            const auto byte = static_cast<unsigned char>(c);
            if (byte < 0x20 || byte == 0x7F) std::abort();
        }
    for (const char32_t c : sanitizeText(text))
        if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) std::abort();
    for (const char c : sanitizeUtf8(text))
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) std::abort();
    return 0;
}
