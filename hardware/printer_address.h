#pragma once
// The configured printer address (devices.printer) turned into a transport:
//   usb                     the first USB receipt printer found (interface class 7)
//   usb:04b8:0202           that VID:PID, as lsusb prints it (also vendor-class printers)
//   tcp:192.0.2.10[:9100]   a network printer's raw port (numeric address: a name lookup could block printing)
//   file:/dev/usb/lp0       the kernel's printer device
//   virtual:/path/roll.bin  the development printer: every job appended to a file

#include "hardware/print_queue.h"
#include "hardware/printer_transport.h"

#include <memory>
#include <string>

namespace vk::hardware {

struct PrinterAddress {
    std::unique_ptr<PrinterTransport> transport;
    // Whether the device can be trusted to answer DLE EOT (USB, TCP) or not (a file, a one-way lp device).
    StatusPolicy statusPolicy = StatusPolicy::Required;
    std::string error;  // when transport is null: what is wrong with the address, for the technician
};

PrinterAddress openPrinterAddress(const std::string& address);

}  // namespace vk::hardware
