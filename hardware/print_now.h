#pragma once
// Printing one job at once, without the queue: the technician's `print-test`, which must say right away whether
// the printer took the bytes and how it answered.

#include "hardware/printer_status.h"
#include "hardware/printer_transport.h"

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace vk::hardware {

struct PrintNowReport {
    std::size_t bytesTotal = 0;
    std::size_t bytesWritten = 0;
    PrinterStatus statusAfter;  // unknown when the printer does not answer (a file, a one-way printer)
    std::string error;          // empty when every byte went out
};

PrintNowReport printNow(PrinterTransport& transport, const std::vector<std::uint8_t>& bytes,
                        std::chrono::milliseconds deadline = std::chrono::seconds(30));

// Asks DLE EOT 1, 2 and 4 and parses the answers; what does not come within `timeout` counts as unknown.
PrinterStatus askStatus(PrinterTransport& transport, std::chrono::milliseconds timeout);

}  // namespace vk::hardware
