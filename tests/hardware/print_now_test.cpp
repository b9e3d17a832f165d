#include "hardware/escpos/printer_profiles.h"
#include "hardware/escpos/receipt_encoder.h"
#include "hardware/file_transport.h"
#include "hardware/print_now.h"
#include "hardware/printer_address.h"
#include "hardware/test_receipt.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>

using namespace vk::hardware;
namespace fs = std::filesystem;

TEST_CASE("the test receipt goes whole to a virtual printer, whose silence reads as unknown", "[print-now]") {
    const fs::path roll = fs::temp_directory_path() / "vk-print-now-roll.bin";
    fs::remove(roll);
    PrinterAddress address = openPrinterAddress("virtual:" + roll.string());
    REQUIRE(address.transport);
    CHECK(address.statusPolicy == StatusPolicy::BestEffort);
    const auto bytes = escpos::encode(makeTestReceipt("Lavardin", "21/11/2026 10:30"), *escpos::findPrinterProfile("generic-80"));
    const PrintNowReport report = printNow(*address.transport, bytes);
    CHECK(report.error.empty());
    CHECK(report.bytesWritten == bytes.size());
    CHECK_FALSE(report.statusAfter.known);
    std::ifstream in(roll, std::ios::binary);
    const std::vector<char> written{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    REQUIRE(written.size() >= bytes.size());
    // ESC @ then FS . : every job starts by resetting the printer and leaving a clone's Kanji mode.
    CHECK(written[0] == 0x1B);
    CHECK(written[1] == '@');
    CHECK(written[2] == 0x1C);
    CHECK(written[3] == '.');
    fs::remove(roll);
}

TEST_CASE("a printer that is not there is reported, nothing is claimed sent", "[print-now][bad-input]") {
    PrinterAddress address = openPrinterAddress("file:/dev/usb/lp-that-does-not-exist");
    REQUIRE(address.transport);
    const PrintNowReport report = printNow(*address.transport, std::vector<std::uint8_t>(100, 'x'));
    CHECK(report.bytesWritten == 0);
    CHECK_THAT(report.error, Catch::Contains("cannot reach the printer"));
}

TEST_CASE("printer addresses: each kind is understood, a wrong one says how to write it", "[print-now][bad-input]") {
    CHECK(openPrinterAddress("usb").transport);
    CHECK(openPrinterAddress("usb:04b8:0202").transport);
    CHECK(openPrinterAddress("tcp:192.0.2.10").transport);
    CHECK(openPrinterAddress("tcp:192.0.2.10:9100").transport);
    CHECK(openPrinterAddress("file:/dev/usb/lp0").statusPolicy == StatusPolicy::BestEffort);
    CHECK_THAT(openPrinterAddress("usb:epson").error, Catch::Contains("lsusb"));
    CHECK_THAT(openPrinterAddress("tcp:192.0.2.10:99999").error, Catch::Contains("port"));
    CHECK_THAT(openPrinterAddress("virtual:relative/roll.bin").error, Catch::Contains("absolute"));
    CHECK_THAT(openPrinterAddress("lpt1").error, Catch::Contains("not understood"));
}
