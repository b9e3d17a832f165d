#include "hardware/escpos/printer_profiles.h"

#include <array>

namespace vk::hardware::escpos {

namespace {

// Band heights: an Epson TM-T20 has a 4 KB receive buffer, 48 rows of 72 bytes is 3.4 KB. Unknown printers and
// the 58 mm clones (often 2 KB or less) get 24 rows.
constexpr std::array<PrinterProfile, 5> kProfiles = {{
    {"epson-tm-t20", "Epson TM-T20 (II, III), 80 mm, WPC1252, QR, cutter, drawer", 576, 48, CodePage::Wpc1252, true,
     true, true, 48, 4},
    {"generic-80", "80 mm ESC/POS printer with 576 dots (Xprinter XP-80 and alike), WPC1252, QR, cutter, drawer", 576,
     48, CodePage::Wpc1252, true, true, true, 24, 5},
    {"generic-80-512", "80 mm ESC/POS printer with a 512-dot head, 42 columns, WPC1252, QR, cutter, drawer", 512, 42,
     CodePage::Wpc1252, true, true, true, 24, 5},
    {"generic-58", "58 mm ESC/POS printer, 384 dots, WPC1252, QR as an image, no cutter, no drawer", 384, 32,
     CodePage::Wpc1252, false, false, false, 24, 4},
    {"clone-58-cp858", "58 mm clone without WPC1252: PC858, QR as an image, no cutter, no drawer", 384, 32,
     CodePage::Cp858, false, false, false, 24, 4},
}};

}  // namespace

std::span<const PrinterProfile> printerProfiles() {
    return kProfiles;
}

const PrinterProfile* findPrinterProfile(std::string_view name) {
    for (const PrinterProfile& profile : kProfiles) {
        if (profile.name == name) return &profile;
    }
    return nullptr;
}

}  // namespace vk::hardware::escpos
