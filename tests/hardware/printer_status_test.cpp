#include "hardware/printer_status.h"

#include <catch2/catch.hpp>

using vk::hardware::describePrinterStatus;
using vk::hardware::isStatusByte;
using vk::hardware::parsePrinterStatus;

// Answers as Epson's ESC/POS reference lays them out: bits 1 and 4 always on, 0 and 7 always off (0x12);
// DLE EOT 1 bit 3 offline; DLE EOT 2 bit 2 cover open, bit 5 paper-end stop, bit 6 error; DLE EOT 4 bits 2-3 near
// end, bits 5-6 paper end.

TEST_CASE("a printer with nothing to report is ready", "[status]") {
    const auto status = parsePrinterStatus(0x12, 0x12, 0x12);
    CHECK(status.known);
    CHECK(status.online);
    CHECK(status.readyToPrint());
    CHECK(describePrinterStatus(status) == "ready");
}

TEST_CASE("an empty roll is paper out and not ready", "[status]") {
    // Offline (0x1A), stopped by a paper end (0x32), both roll sensors on (0x7E).
    const auto status = parsePrinterStatus(0x1A, 0x32, 0x7E);
    CHECK(status.known);
    CHECK_FALSE(status.online);
    CHECK(status.paperOut);
    CHECK(status.paperNearEnd);
    CHECK_FALSE(status.coverOpen);
    CHECK_FALSE(status.readyToPrint());
    CHECK(describePrinterStatus(status) == "paper out, paper near end");
}

TEST_CASE("paper out is seen from the roll sensor alone, without an offline cause", "[status]") {
    const auto status = parsePrinterStatus(0x1A, std::nullopt, 0x72);
    CHECK(status.known);
    CHECK(status.paperOut);
    CHECK_FALSE(status.readyToPrint());
}

TEST_CASE("an open cover stops the printer", "[status]") {
    const auto status = parsePrinterStatus(0x1A, 0x16, 0x12);
    CHECK(status.coverOpen);
    CHECK_FALSE(status.paperOut);
    CHECK_FALSE(status.readyToPrint());
    CHECK(describePrinterStatus(status) == "cover open");
}

TEST_CASE("a roll near its end still prints and says so", "[status]") {
    const auto status = parsePrinterStatus(0x12, 0x12, 0x1E);
    CHECK(status.paperNearEnd);
    CHECK_FALSE(status.paperOut);
    CHECK(status.readyToPrint());
    CHECK(describePrinterStatus(status) == "ready, paper near end");
}

TEST_CASE("an error reported by the offline cause is not ready", "[status]") {
    const auto status = parsePrinterStatus(0x1A, 0x52, 0x12);
    CHECK(status.error);
    CHECK_FALSE(status.readyToPrint());
    CHECK(describePrinterStatus(status) == "printer error");
}

TEST_CASE("offline without a cause is described as offline", "[status]") {
    const auto status = parsePrinterStatus(0x1A, std::nullopt, 0x12);
    CHECK(status.known);
    CHECK_FALSE(status.readyToPrint());
    CHECK(describePrinterStatus(status) == "offline");
}

TEST_CASE("no answer is unknown, never ready", "[status]") {
    const auto silent = parsePrinterStatus(std::nullopt, std::nullopt, std::nullopt);
    CHECK_FALSE(silent.known);
    CHECK_FALSE(silent.readyToPrint());
    CHECK(describePrinterStatus(silent) == "no answer");
    // Half an answer is no better: without the roll sensor we cannot say there is paper.
    CHECK_FALSE(parsePrinterStatus(0x12, 0x12, std::nullopt).known);
    CHECK_FALSE(parsePrinterStatus(std::nullopt, 0x12, 0x12).known);
}

TEST_CASE("a malformed byte makes the status unknown", "[status]") {
    for (const std::uint8_t bad : {0x00, 0xFF, 0x10, 0x02, 0x13, 0x92, 0x41})
        CHECK_FALSE(isStatusByte(bad));
    CHECK(isStatusByte(0x12));
    CHECK(isStatusByte(0x7E));
    // A zero byte would read as "online, paper present" if its fixed bits were not checked.
    CHECK_FALSE(parsePrinterStatus(0x00, 0x12, 0x12).known);
    CHECK_FALSE(parsePrinterStatus(0x12, 0x12, 0x00).known);
    CHECK_FALSE(parsePrinterStatus(0x12, 0xFF, 0x12).known);
    CHECK_FALSE(parsePrinterStatus(0x12, 0xFF, 0x12).readyToPrint());
}

TEST_CASE("the status requests are DLE EOT 1, 2 and 4", "[status]") {
    using namespace vk::hardware;
    CHECK(kRequestPrinterStatus == std::array<std::uint8_t, 3>{0x10, 0x04, 0x01});
    CHECK(kRequestOfflineCause == std::array<std::uint8_t, 3>{0x10, 0x04, 0x02});
    CHECK(kRequestPaperStatus == std::array<std::uint8_t, 3>{0x10, 0x04, 0x04});
}
