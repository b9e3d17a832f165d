#pragma once
// When the kiosk's output goes to the journal (systemd sets JOURNAL_STREAM for StandardOutput/Error=journal),
// each line gets the syslog priority journald reads from an sd-daemon prefix ("<3>" = err): `journalctl -p err
// -u village-kiosk` then lists the faults alone. Standard output is informational; on standard error a line
// that says "error", "failed" or "cannot" is an error, one that says "warning" a warning, anything else a notice.

#include <string_view>

namespace vk::cli {

// The sd-daemon(3) level for one line of output: 3 (err), 4 (warning), 5 (notice) or 6 (info).
int journalPriority(std::string_view line, bool standardError);

// Puts the prefixes on std::cout and std::cerr when JOURNAL_STREAM is set; otherwise changes nothing. Lines
// written from several threads stay whole. Call once, at the start of main.
void prefixJournalPrioritiesIfLogging();

}  // namespace vk::cli
