#pragma once
// The [devices] section of kiosk.toml (docs/hardware.md). No printer: receipts become PNG previews in the data
// folder.

#include <string>

namespace vk::services {

struct DeviceSettings {
    std::string printerUri;  // "usb", "usb:04b8:0202", "tcp:192.0.2.10:9100", "file:/dev/usb/lp0", "virtual:/path"
    std::string printerProfile = "generic-80";
    std::string readerDevice;         // a keyboard-style reader: /dev/input/by-id/…-event-kbd
    std::string readerRole = "auto";  // "auto", "barcode" or "card": what the keyboard-style reader reads
    bool nfc = false;                 // watch PC/SC (NFC) readers for cards
    std::string nfcReaderFilter;      // only PC/SC readers whose name holds this ("ACR122")
};

}  // namespace vk::services
