#include "hardware/escpos/receipt_encoder.h"
#include "hardware/escpos/receipt_layout.h"
#include "hardware/receipt_image.h"
#include "escpos_test_support.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>
#include <string>

using namespace vk::hardware;
using namespace vk::hardware::escpos;
using namespace vk::hardware::escpos::test;
using namespace std::string_literals;

namespace {

constexpr int ESC = 0x1B;
constexpr int GS = 0x1D;
constexpr int LF = 0x0A;

// Eight columns keep golden jobs short; 96 dots is 12 bytes a raster row.
const PrinterProfile kTiny{"tiny", "8 columns, everything", 96, 8, CodePage::Wpc1252, true, true, true, 4, 3};

const PrinterProfile& profile(std::string_view name) {
    const PrinterProfile* found = findPrinterProfile(name);
    REQUIRE(found != nullptr);
    return *found;
}

std::size_t countSequence(const Bytes& bytes, const Bytes& sequence) {
    std::size_t count = 0;
    for (auto it = bytes.begin(); (it = std::search(it, bytes.end(), sequence.begin(), sequence.end())) != bytes.end(); ++it) {
        ++count;
    }
    return count;
}

}  // namespace

TEST_CASE("a job resets the printer, leaves Kanji mode and selects the code page", "[escpos]") {
    CHECK(hex(encode(Receipt{}, kTiny)) == hex(job({header(CodePage::Wpc1252)})));
    CHECK(hex(encode(Receipt{}, profile("generic-58"))) == hex(job({{ESC, '@', 0x1C, '.', ESC, 't', 16, ESC, 'R', 0}})));
    CHECK(hex(encode(Receipt{}, profile("clone-58-cp858"))) == hex(job({{ESC, '@', 0x1C, '.', ESC, 't', 19, ESC, 'R', 0}})));
}

TEST_CASE("a ticket built the old way prints bold, double size and centred lines, then feeds and cuts", "[escpos]") {
    const Receipt ticket{"queue_ticket", {{"Mairie", false, true, true}, {"A12", true, true, true}, {"Merci", false, false, false}}};
    const Bytes expected = job({header(CodePage::Wpc1252),
                                {ESC, 'a', 1}, {ESC, 'E', 1}, "Mairie", {LF},
                                {GS, '!', 0x11}, "A12", {LF},
                                {ESC, 'a', 0}, {ESC, 'E', 0}, {GS, '!', 0}, "Merci", {LF},
                                {ESC, 'd', 3}, {GS, 'V', 1}});
    CHECK(hex(encode(ticket, kTiny)) == hex(expected));
}

TEST_CASE("right alignment, a separator across the paper and large text wrapped at half the columns", "[escpos]") {
    Receipt receipt;
    receipt.add(ReceiptLine{"Total", false, false, false, Align::Right})
        .add(Separator{'='})
        .add(ReceiptLine{.text = "x", .align = Align::Center})
        .add(ReceiptLine{"Bonjour tout", true});
    const Bytes expected = job({header(CodePage::Wpc1252),
                                {ESC, 'a', 2}, "Total", {LF},
                                {ESC, 'a', 0}, "========", {LF},
                                {ESC, 'a', 1}, "x", {LF},
                                {ESC, 'a', 0}, {GS, '!', 0x11}, "Bonj", {LF}, "our", {LF}, "tout", {LF},
                                {ESC, 'd', 3}, {GS, 'V', 1}});
    CHECK(hex(encode(receipt, kTiny)) == hex(expected));
}

TEST_CASE("columns fill the line with the amounts flush right, and long text wraps in the left column", "[escpos]") {
    Receipt receipt;
    receipt.add(columns("Café crème", "2,50 €"))
        .add(columns("Croissant", "x2", "2,40 €"))
        .add(columns("Tarte aux pommes et à la rhubarbe du jardin", "12,00 €"))
        .add(ColumnsRow{"Total", "", "16,90 €", true});
    const Bytes expected = job({header(CodePage::Wpc1252),
                                "Caf\xE9 cr\xE8me" + std::string(13, ' ') + " " + "  2,50 \x80", {LF},
                                "Croissant" + std::string(9, ' ') + " " + "  x2" + " " + "  2,40 \x80", {LF},
                                "Tarte aux pommes et \xE0" + std::string(2, ' ') + " " + " 12,00 \x80", {LF},
                                "la rhubarbe du jardin", {LF},
                                {ESC, 'E', 1}, "Total" + std::string(18, ' ') + " " + " 16,90 \x80", {LF},
                                {ESC, 'd', 4}});  // generic-58 has no cutter: feed to the tear bar
    CHECK(hex(encode(receipt, profile("generic-58"))) == hex(expected));
}

TEST_CASE("a 10 kB line wraps at the column width without losing a character", "[escpos]") {
    std::string text;
    for (int i = 0; text.size() < 10'000; ++i) {
        text += "mot" + std::to_string(i) + ' ';
        if (i == 500) text += std::string(100, 'x') + ' ';
    }
    const PrinterProfile& paper = profile("generic-80");
    Receipt receipt;
    receipt.add(ReceiptLine{text});
    const Bytes bytes = encode(receipt, paper);
    const Bytes head = job({header(CodePage::Wpc1252)});
    const Bytes tail = job({{ESC, 'd', 5}, {GS, 'V', 1}});
    REQUIRE(std::equal(head.begin(), head.end(), bytes.begin()));
    REQUIRE(std::equal(tail.rbegin(), tail.rend(), bytes.rbegin()));

    std::vector<std::string> lines{""};
    for (auto it = bytes.begin() + static_cast<long>(head.size()); it != bytes.end() - static_cast<long>(tail.size()); ++it) {
        if (*it == LF) lines.emplace_back();
        else lines.back() += static_cast<char>(*it);
    }
    REQUIRE(lines.back().empty());  // the last line ends with LF too
    lines.pop_back();
    CHECK(lines.size() >= text.size() / 49);  // 48 columns, and the space a line breaks at
    std::string printed;
    for (const std::string& line : lines) {
        CHECK(line.size() <= 48);
        CHECK_FALSE(line.empty());
        printed += line;
    }
    std::string typed = text;
    typed.erase(std::remove(typed.begin(), typed.end(), ' '), typed.end());
    printed.erase(std::remove(printed.begin(), printed.end(), ' '), printed.end());
    CHECK(printed == typed);
    CHECK(std::count(lines.begin(), lines.end(), std::string(48, 'x')) == 2);  // the 100-letter word, cut 48 + 48 + 4
}

TEST_CASE("a QR code goes as GS ( k on a printer that has it", "[escpos]") {
    Receipt receipt;
    receipt.add(QrCode{"https://vk.fr", 3, QrErrorCorrection::Low});
    const Bytes expected = job({header(CodePage::Wpc1252),
                                {ESC, 'a', 1},
                                {GS, '(', 'k', 4, 0, '1', 'A', '2', 0},
                                {GS, '(', 'k', 3, 0, '1', 'C', 3},
                                {GS, '(', 'k', 3, 0, '1', 'E', '0'},
                                {GS, '(', 'k', 16, 0, '1', 'P', '0'}, "https://vk.fr",
                                {GS, '(', 'k', 3, 0, '1', 'Q', '0'},
                                {ESC, 'd', 3}, {GS, 'V', 1}});
    CHECK(hex(encode(receipt, kTiny)) == hex(expected));
}

TEST_CASE("without GS ( k the QR code goes as a GS v 0 raster, module for module", "[escpos]") {
    const PrinterProfile& paper = profile("generic-58");
    Receipt receipt;
    receipt.add(QrCode{"HELLO", 4});
    const Bytes bytes = encode(receipt, paper);
    const Bytes head = job({header(CodePage::Wpc1252), {GS, 'v', '0', 0, 48, 0, 24, 0}});
    REQUIRE(std::equal(head.begin(), head.end(), bytes.begin()));

    const auto matrix = encodeQrMatrix("HELLO", QrErrorCorrection::Medium);
    REQUIRE(matrix);
    REQUIRE(matrix->size == 21);
    const int side = (21 + 8) * 4;  // four modules of quiet zone on each side
    const auto rows = rasterRows(bytes);
    REQUIRE(static_cast<int>(rows.size()) == side);
    const int left = (384 - side) / 2 + 16;
    int mismatches = 0;
    for (int my = 0; my < 21; ++my) {
        for (int mx = 0; mx < 21; ++mx) {
            const int dot = rows[static_cast<std::size_t>(16 + my * 4 + 2)][static_cast<std::size_t>(left + mx * 4 + 2)];
            if (dot != matrix->dark[static_cast<std::size_t>(my * 21 + mx)]) ++mismatches;
        }
    }
    CHECK(mismatches == 0);
    CHECK(std::all_of(rows[0].begin(), rows[0].end(), [](std::uint8_t d) { return d == 0; }));  // quiet zone
}

TEST_CASE("a small image is sent as one raster band of full-width rows", "[escpos]") {
    ReceiptImage image{10, 2, {1, 0, 1, 0, 1, 0, 1, 0, 1, 1, /**/ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, Align::Left};
    Receipt receipt;
    receipt.add(image);
    const Bytes expected = job({header(CodePage::Wpc1252),
                                {GS, 'v', '0', 0, 12, 0, 2, 0},
                                {0xAA, 0xC0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                                {0xFF, 0xC0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                                {ESC, 'd', 3}, {GS, 'V', 1}});
    CHECK(hex(encode(receipt, kTiny)) == hex(expected));

    image.align = Align::Right;
    Receipt right;
    right.add(image);
    const auto rows = rasterRows(encode(right, kTiny));
    REQUIRE(rows.size() == 2);
    CHECK(std::vector<std::uint8_t>(rows[0].begin() + 86, rows[0].end()) ==
          std::vector<std::uint8_t>{1, 0, 1, 0, 1, 0, 1, 0, 1, 1});
    CHECK(std::all_of(rows[0].begin(), rows[0].begin() + 86, [](std::uint8_t dot) { return dot == 0; }));
}

TEST_CASE("barcodes go as GS k: CODE128 in set B or C, EAN-13 with twelve digits", "[escpos]") {
    Receipt receipt;
    receipt.add(Barcode{BarcodeSymbology::Code128, "VK-42", 60})
        .add(Barcode{BarcodeSymbology::Code128, "123456", 60, false})
        .add(Barcode{BarcodeSymbology::Ean13, "4006381333931"})
        .add(Barcode{BarcodeSymbology::Ean13, "4006381333932"});  // wrong check digit: printed as text
    const Bytes expected = job({header(CodePage::Wpc1252),
                                {ESC, 'a', 1},
                                {GS, 'H', 2}, {GS, 'f', 0}, {GS, 'h', 60}, {GS, 'w', 3}, {GS, 'k', 73, 7, '{', 'B'}, "VK-42",
                                {GS, 'H', 0}, {GS, 'f', 0}, {GS, 'h', 60}, {GS, 'w', 3}, {GS, 'k', 73, 5, '{', 'C', 12, 34, 56},
                                {GS, 'H', 2}, {GS, 'f', 0}, {GS, 'h', 80}, {GS, 'w', 3}, {GS, 'k', 67, 12}, "400638133393",
                                "4006381333932", {LF},
                                {ESC, 'd', 4}});
    CHECK(hex(encode(receipt, profile("generic-58"))) == hex(expected));
}

TEST_CASE("barcode modules follow the CODE128 and EAN-13 tables", "[escpos]") {
    const auto code128 = code128Modules("VK-42");
    REQUIRE(code128.size() == 90);  // start, five symbols, check: 11 modules each; stop: 13
    CHECK(std::vector<std::uint8_t>(code128.begin(), code128.begin() + 11) ==
          std::vector<std::uint8_t>{1, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0});  // start B, 211214
    // Check symbol: (104 + 54·1 + 43·2 + 13·3 + 20·4 + 18·5) mod 103 = 41, pattern 231311.
    CHECK(std::vector<std::uint8_t>(code128.begin() + 66, code128.begin() + 77) ==
          std::vector<std::uint8_t>{1, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0});

    CHECK(ean13CheckDigit("400638133393") == '1');
    const auto ean = ean13Modules("4006381333931");
    REQUIRE(ean.size() == 95);
    // Guard 101, then 0 in the L set (the lead digit 4 gives parity LGLLGG).
    CHECK(std::vector<std::uint8_t>(ean.begin(), ean.begin() + 10) == std::vector<std::uint8_t>{1, 0, 1, 0, 0, 0, 1, 1, 0, 1});
    CHECK(std::vector<std::uint8_t>(ean.begin() + 45, ean.begin() + 50) == std::vector<std::uint8_t>{0, 1, 0, 1, 0});
}

TEST_CASE("a drawer pulse and a full cut where the document says, and no second cut", "[escpos]") {
    Receipt receipt;
    receipt.add(DrawerPulse{}).add(ReceiptLine{"A"}).add(PaperCut{false});
    CHECK(hex(encode(receipt, kTiny)) ==
          hex(job({header(CodePage::Wpc1252), {ESC, 'p', 0, 25, 250}, "A", {LF}, {ESC, 'd', 3}, {GS, 'V', 0}})));
    // A 58 mm printer without drawer port nor cutter: no pulse, a feed to the tear bar.
    CHECK(hex(encode(receipt, profile("generic-58"))) == hex(job({header(CodePage::Wpc1252), "A", {LF}, {ESC, 'd', 4}})));
}

TEST_CASE("a duplicate starts with a DUPLICATA banner", "[escpos]") {
    const Receipt reprint{"parcel_receipt", {{"Hi"}}, true};
    const Bytes expected = job({header(CodePage::Wpc1252),
                                {ESC, 'a', 1}, {ESC, 'E', 1}, {GS, '!', 0x11}, "DUPLICATA", {LF},
                                {ESC, 'a', 0}, {ESC, 'E', 0}, {GS, '!', 0}, std::string(32, '='), {LF},
                                "Hi", {LF},
                                {ESC, 'd', 4}});
    CHECK(hex(encode(reprint, profile("generic-58"))) == hex(expected));
}

TEST_CASE("French text prints in both code pages", "[escpos]") {
    const std::string french = "Été : crème brûlée, œuf, 12 € « ça » — l’an…";
    Receipt receipt;
    receipt.add(ReceiptLine{french});
    CHECK(hex(encode(receipt, profile("generic-80"))) ==
          hex(job({header(CodePage::Wpc1252),
                   "\xC9" "t\xE9 : cr\xE8me br\xFB" "l\xE9" "e, \x9C" "uf, 12 \x80 \xAB \xE7" "a \xBB \x97 l\x92" "an\x85", {LF},
                   {ESC, 'd', 5}, {GS, 'V', 1}})));
    CHECK(hex(encode(receipt, profile("clone-58-cp858"))) ==
          hex(job({header(CodePage::Cp858),
                   "\x90" "t\x82 : cr\x8Ame br\x96" "l\x82" "e, oeuf, 12 \xD5 \xAE", {LF},  // 32 columns
                   "\x87" "a \xAF - l'an...", {LF},
                   {ESC, 'd', 4}})));
    // The narrow no-break space French puts before « : » stays unbreakable; what a page lacks prints '?'.
    CHECK(encodeText("Prix\u202F: 5\u202F€", CodePage::Wpc1252) == "Prix\xA0: 5\xA0\x80");
    CHECK(encodeText("Prix\u202F: 5\u202F€", CodePage::Cp858) == "Prix\xFF: 5\xFF\xD5");
    CHECK(encodeText("日本 🙂 Œ", CodePage::Wpc1252) == "?? ? \x8C");
    CHECK(encodeText("日本 🙂 Œ", CodePage::Cp858) == "?? ? OE");
}

TEST_CASE("control characters typed by a resident never reach the printer", "[escpos]") {
    // ESC @, GS V (cut), DLE EOT (status), ESC p (drawer), NUL, a stray byte, C1 CSI and NEL, CR LF, RLO, DEL.
    const std::string hostile = "A\x1B@B\x1DV\x01"s + "C\x10\x04\x01" + "D\x1Bp" + std::string(1, '\0') + "\x19\xFA" + "E" +
                                "\xC2\x9B" "2J" + "\xC2\x85" + "F\r\nG" + "\xE2\x80\xAE" + "H\x7F" + "I";
    const std::string clean = "A@BVCDp?E2J F  GHI";
    CHECK(encodeText(hostile, CodePage::Wpc1252) == clean);
    CHECK(encodeText(hostile, CodePage::Cp858) == clean);

    const auto build = [](const std::string& text, const std::string& code, const std::string& url, char glyph) {
        Receipt receipt{"hostile", {{text, true, true, true}}};
        receipt.add(ReceiptLine{text})
            .add(columns(text, text, text))
            .add(Separator{glyph})
            .add(Barcode{BarcodeSymbology::Code128, code})
            .add(QrCode{url});
        return receipt;
    };
    const Receipt typed = build(hostile, "VK\x1B" "d\x10" "42", "https://vk.fr/\x1B@\x1DV"s + std::string(1, '\0') + "x", '\x1B');
    const Receipt expected = build(clean, "VKd42", "https://vk.fr/@Vx", '-');
    for (const PrinterProfile& paper : printerProfiles()) {
        INFO(paper.name);
        const Bytes bytes = encode(typed, paper);
        CHECK(hex(bytes) == hex(encode(expected, paper)));
        CHECK(countSequence(bytes, {GS, 'V'}) == (paper.hasCutter ? 1U : 0U));
        CHECK(countSequence(bytes, {ESC, 'p'}) == 0);
        CHECK(countSequence(bytes, {ESC, '@'}) == 1);
    }

    // Whatever the bytes, encoded text holds no control byte.
    std::uint32_t seed = 12345;
    for (int round = 0; round < 200; ++round) {
        std::string noise;
        for (int i = 0; i < 64; ++i) {
            seed = seed * 1664525U + 1013904223U;
            noise.push_back(static_cast<char>(seed >> 24));
        }
        for (const CodePage page : {CodePage::Wpc1252, CodePage::Cp858}) {
            const std::string out = encodeText(noise, page);
            CHECK(std::none_of(out.begin(), out.end(), [](char c) {
                const auto byte = static_cast<unsigned char>(c);
                return byte < 0x20 || byte == 0x7F;
            }));
        }
    }
}

TEST_CASE("a logo wider than the paper is scaled down to the paper's dots", "[escpos]") {
    std::vector<std::uint8_t> rgba(1000 * 200 * 4, 255);
    for (int y = 0; y < 200; ++y) {
        for (int x = 0; x < 500; ++x) {
            std::uint8_t* pixel = &rgba[static_cast<std::size_t>((y * 1000 + x) * 4)];
            pixel[0] = pixel[1] = pixel[2] = 0;
        }
    }
    const ReceiptImage logo = imageFromRgba(rgba, 1000, 200);
    REQUIRE(logo.width == 1000);
    Receipt receipt;
    receipt.add(logo);
    const Bytes bytes = encode(receipt, profile("generic-58"));
    for (const RasterBand& band : rasterBands(bytes)) CHECK(band.bytesPerRow == 48);
    const auto rows = rasterRows(bytes);
    REQUIRE(rows.size() == 76);  // 200 × 384 / 1000
    for (const auto& row : {rows[0], rows[40], rows[75]}) {
        CHECK(row[0] == 1);
        CHECK(row[191] == 1);  // the last dot over the black half
        CHECK(row[192] == 0);
        CHECK(row[383] == 0);
    }
}

TEST_CASE("raster bands are never taller than the profile allows nor wider than its dots", "[escpos]") {
    ReceiptImage checker{700, 301, std::vector<std::uint8_t>(700 * 301), Align::Center};
    for (std::size_t i = 0; i < checker.dots.size(); ++i) checker.dots[i] = static_cast<std::uint8_t>((i / 3) % 2);
    Receipt receipt;
    receipt.add(checker).add(QrCode{"https://example.org/colis?id=" + std::string(120, '7')}).add(checker);

    std::vector<PrinterProfile> papers(printerProfiles().begin(), printerProfiles().end());
    papers.push_back(PrinterProfile{"odd-bands", "", 384, 32, CodePage::Wpc1252, false, false, false, 7, 4});
    for (const PrinterProfile& paper : papers) {
        INFO(paper.name);
        const Bytes bytes = encode(receipt, paper);
        const auto bands = rasterBands(bytes);
        REQUIRE_FALSE(bands.empty());
        int rows = 0;
        for (const RasterBand& band : bands) {
            CHECK(band.rows >= 1);
            CHECK(band.rows <= paper.rasterBandRows);
            CHECK(band.bytesPerRow * 8 == paper.dotsPerLine);
            rows += band.rows;
        }
        const int logoRows = 301 * paper.dotsPerLine / 700;
        if (paper.nativeQr) {
            CHECK(rows == 2 * logoRows);
        } else {
            CHECK(rows > 2 * logoRows);
        }
    }
}

TEST_CASE("printer profiles are found by name and stay within their paper", "[escpos]") {
    const PrinterProfile& epson = profile("epson-tm-t20");
    CHECK(epson.dotsPerLine == 576);
    CHECK(epson.columns == 48);
    CHECK(epson.codePage == CodePage::Wpc1252);
    CHECK(epson.nativeQr);
    CHECK(profile("generic-80-512").columns == 42);
    CHECK(profile("generic-58").dotsPerLine == 384);
    CHECK(profile("clone-58-cp858").codePage == CodePage::Cp858);
    CHECK(findPrinterProfile("epson") == nullptr);
    for (const PrinterProfile& paper : printerProfiles()) {
        INFO(paper.name);
        CHECK(paper.dotsPerLine % 8 == 0);
        CHECK(paper.dotsPerLine / paper.columns >= 12);  // font A is 12 dots wide
        CHECK(paper.rasterBandRows >= 1);
        CHECK(findPrinterProfile(paper.name) == &paper);
    }
}
