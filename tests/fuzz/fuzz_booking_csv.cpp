// Any bytes as the booking tool's CSV export: parseCsv must return records in line order, never crash or hang.
#include "kiosk/services/health/booking_csv.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    int previousLine = 0;
    std::size_t bytes = 0;
    for (const auto& record : vk::services::health::parseCsv(text)) {
        if (record.line <= previousLine || record.fields.empty()) std::abort();
        previousLine = record.line;
        for (const auto& field : record.fields) bytes += field.size();
    }
    // A field holds bytes of the file only: never more than the file.
    if (bytes > size) std::abort();
    return 0;
}
