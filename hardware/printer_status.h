#pragma once
// What an ESC/POS printer says about itself when asked with DLE EOT n ("real-time status transmission"). The
// printer answers these even while offline (paper out, cover open), which is when we most need them.

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace vk::hardware {

// DLE EOT 1: printer status (online/offline). DLE EOT 2: why it is offline (cover, paper-end stop, error).
// DLE EOT 4: the paper roll sensors. Each request is answered with one byte.
inline constexpr std::array<std::uint8_t, 3> kRequestPrinterStatus{0x10, 0x04, 0x01};
inline constexpr std::array<std::uint8_t, 3> kRequestOfflineCause{0x10, 0x04, 0x02};
inline constexpr std::array<std::uint8_t, 3> kRequestPaperStatus{0x10, 0x04, 0x04};

struct PrinterStatus {
    // False until the printer answered DLE EOT 1 and 4 with well-formed bytes. Unknown is never "ready".
    bool known = false;
    bool online = false;
    bool coverOpen = false;
    bool paperNearEnd = false;  // still prints; staff should change the roll soon
    bool paperOut = false;
    bool error = false;  // mechanical, cutter or overheating; some clear by themselves

    bool readyToPrint() const { return known && online && !coverOpen && !paperOut && !error; }
    bool operator==(const PrinterStatus&) const = default;
};

// Every DLE EOT answer has bits 0 and 7 off and bits 1 and 4 on; anything else is not a status byte (noise, a
// misattributed byte, a printer in another mode).
bool isStatusByte(std::uint8_t byte);

// std::nullopt: that request got no answer. DLE EOT 2 only refines why the printer is offline and may be absent;
// without a well-formed answer to 1 and 4 the status is unknown, and any malformed answer makes it unknown.
PrinterStatus parsePrinterStatus(std::optional<std::uint8_t> printerStatus, std::optional<std::uint8_t> offlineCause,
                                 std::optional<std::uint8_t> paperStatus);

// For staff and the log, English: "ready", "paper out, cover open", "no answer"…
std::string describePrinterStatus(const PrinterStatus& status);

}  // namespace vk::hardware
