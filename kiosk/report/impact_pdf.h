#pragma once
// The impact report as a printable A4 PDF for funders (docs/impact.md): the village and span, the three key
// figures, a bar chart of the kilometres saved each month, the table per service, the method and the distances
// used, then the months one by one. Drawn with cairo, in the current language.

#include "kiosk/services/impact/impact_report.h"

#include <filesystem>
#include <string>

namespace vk::report {

// Writes the PDF to a temporary file beside `file` and renames it into place, so that a failed write leaves no
// half file and an older report whole. `madeOnDay` ("2026-12-02") is printed in the footer. Returns an empty
// string when written, else why not (in English, for the command line).
std::string writeImpactPdf(const services::impact::ImpactReport& report, const std::string& villageName,
                           const std::string& madeOnDay, const std::filesystem::path& file);

}  // namespace vk::report
