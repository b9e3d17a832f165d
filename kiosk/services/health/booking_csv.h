#pragma once
// The booking tool's appointment export, read as CSV: no SQL, no validation of the values (AppointmentBook does
// that), so that it can be tried alone on hostile files (tests/fuzz).

#include <string>
#include <string_view>
#include <vector>

namespace vk::services::health {

struct CsvRecord {
    int line = 0;
    std::vector<std::string> fields;
    bool unterminated = false;  // a quote opened and never closed: the rest of the file is in this record
};

// RFC 4180 with leniency: CR LF or LF, "" inside quotes, a stray quote inside an unquoted field kept as text; a
// UTF-8 byte order mark is skipped, blank lines are dropped. The separator is the one the header row uses most:
// the export is ';' in French settings, ',' elsewhere.
std::vector<CsvRecord> parseCsv(std::string_view text);

}  // namespace vk::services::health
