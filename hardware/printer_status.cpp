#include "hardware/printer_status.h"

namespace vk::hardware {
namespace {

// Bit layouts from Epson's ESC/POS reference for DLE EOT (the TM-T88 family; Citizen, Star and the common clones
// follow it):
//   n = 1  bit 3: offline.
//   n = 2  bit 2: cover open; bit 5: printing stopped by a paper end; bit 6: an error occurred.
//   n = 4  bits 2-3: roll near its end; bits 5-6: roll end, no paper. Each pair is set together; we take either
//          bit, so a printer that sets only one of them still reports the condition.
constexpr std::uint8_t kFixedBitsMask = 0x93;
constexpr std::uint8_t kFixedBitsValue = 0x12;
constexpr std::uint8_t kOffline = 0x08;
constexpr std::uint8_t kCoverOpen = 0x04;
constexpr std::uint8_t kPaperEndStop = 0x20;
constexpr std::uint8_t kErrorOccurred = 0x40;
constexpr std::uint8_t kPaperNearEnd = 0x0C;
constexpr std::uint8_t kPaperEnd = 0x60;

}  // namespace

bool isStatusByte(std::uint8_t byte) { return (byte & kFixedBitsMask) == kFixedBitsValue; }

PrinterStatus parsePrinterStatus(std::optional<std::uint8_t> printerStatus, std::optional<std::uint8_t> offlineCause,
                                 std::optional<std::uint8_t> paperStatus) {
    PrinterStatus status;
    if (!printerStatus || !paperStatus || !isStatusByte(*printerStatus) || !isStatusByte(*paperStatus)) return status;
    if (offlineCause && !isStatusByte(*offlineCause)) return status;
    status.known = true;
    status.online = (*printerStatus & kOffline) == 0;
    status.paperNearEnd = (*paperStatus & kPaperNearEnd) != 0;
    status.paperOut = (*paperStatus & kPaperEnd) != 0;
    if (offlineCause) {
        status.coverOpen = (*offlineCause & kCoverOpen) != 0;
        status.paperOut = status.paperOut || (*offlineCause & kPaperEndStop) != 0;
        status.error = (*offlineCause & kErrorOccurred) != 0;
    }
    return status;
}

std::string describePrinterStatus(const PrinterStatus& status) {
    if (!status.known) return "no answer";
    std::string text;
    const auto add = [&text](const char* words) {
        if (!text.empty()) text += ", ";
        text += words;
    };
    if (status.paperOut) add("paper out");
    if (status.coverOpen) add("cover open");
    if (status.error) add("printer error");
    // Offline with no cause given: the printer did not say why (no answer to DLE EOT 2, or a cause we do not read).
    if (!status.online && text.empty()) add("offline");
    if (text.empty()) text = "ready";
    if (status.paperNearEnd) add("paper near end");
    return text;
}

}  // namespace vk::hardware
