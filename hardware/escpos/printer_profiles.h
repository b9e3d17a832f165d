#pragma once
// What the encoder needs to know about a receipt printer, as data. A profile is chosen by name in the kiosk's
// configuration; docs/hardware.md lists them.

#include "hardware/escpos/code_pages.h"

#include <span>
#include <string_view>

namespace vk::hardware::escpos {

struct PrinterProfile {
    std::string_view name;
    std::string_view description;
    int dotsPerLine = 576;  // printable width; nothing we send is wider
    int columns = 48;       // font A (12×24 dots) characters per line
    CodePage codePage = CodePage::Wpc1252;
    bool nativeQr = true;     // understands GS ( k; otherwise QR codes go as raster images
    bool hasCutter = true;    // GS V; otherwise a cut is a feed to the tear bar
    bool hasDrawer = false;   // ESC p reaches a cash drawer
    int rasterBandRows = 24;  // rows in one GS v 0 command, so that a band fits the receive buffer
    int feedLinesBeforeCut = 4;  // the head is this far below the cutter (or the tear bar)
};

// epson-tm-t20, generic-80, generic-80-512, generic-58, clone-58-cp858.
std::span<const PrinterProfile> printerProfiles();
// Null for an unknown name.
const PrinterProfile* findPrinterProfile(std::string_view name);

}  // namespace vk::hardware::escpos
