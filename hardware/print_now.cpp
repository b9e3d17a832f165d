#include "hardware/print_now.h"

#include <optional>
#include <span>

namespace vk::hardware {
namespace {

std::optional<std::uint8_t> ask(PrinterTransport& transport, std::span<const std::uint8_t> request,
                                std::chrono::milliseconds timeout) {
    if (!transport.write(request, timeout).ok()) return std::nullopt;
    std::uint8_t answer = 0;
    const TransportResult read = transport.read(std::span<std::uint8_t>(&answer, 1), timeout);
    if (!read.ok() || read.bytes != 1) return std::nullopt;
    return answer;
}

}  // namespace

PrinterStatus askStatus(PrinterTransport& transport, std::chrono::milliseconds timeout) {
    const auto printer = ask(transport, kRequestPrinterStatus, timeout);
    // A printer that did not answer the first question will not answer the others: do not wait three times.
    if (!printer) return parsePrinterStatus(std::nullopt, std::nullopt, std::nullopt);
    const auto offline = ask(transport, kRequestOfflineCause, timeout);
    const auto paper = ask(transport, kRequestPaperStatus, timeout);
    return parsePrinterStatus(printer, offline, paper);
}

PrintNowReport printNow(PrinterTransport& transport, const std::vector<std::uint8_t>& bytes,
                        std::chrono::milliseconds deadline) {
    PrintNowReport report;
    report.bytesTotal = bytes.size();
    if (const TransportResult opened = transport.open(); !opened.ok()) {
        report.error = "cannot reach the printer: " + opened.message;
        return report;
    }
    const auto giveUpAt = std::chrono::steady_clock::now() + deadline;
    while (report.bytesWritten < bytes.size()) {
        if (std::chrono::steady_clock::now() >= giveUpAt) {
            report.error = "the printer stopped taking data (" + std::to_string(report.bytesWritten) + " of " +
                           std::to_string(bytes.size()) + " bytes sent)";
            break;
        }
        const TransportResult written = transport.write(
            std::span<const std::uint8_t>(bytes).subspan(report.bytesWritten), std::chrono::milliseconds(1000));
        report.bytesWritten += written.bytes;
        if (!written.ok() && written.error != TransportError::Timeout) {
            report.error = written.message.empty() ? "the printer went away during the job" : written.message;
            break;
        }
    }
    if (report.error.empty()) report.statusAfter = askStatus(transport, std::chrono::milliseconds(1500));
    transport.close();
    return report;
}

}  // namespace vk::hardware
