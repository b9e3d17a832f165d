#include "kiosk/services/health/booking_csv.h"

namespace vk::services::health {
namespace {

std::string_view trimSpaces(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// The separator is the one the header row uses most: the export is ';' in French settings, ',' elsewhere.
char detectSeparator(std::string_view text) {
    int semicolons = 0;
    int commas = 0;
    bool quoted = false;
    for (const char c : text) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == '\n') break;
        if (c == ';') ++semicolons;
        if (c == ',') ++commas;
    }
    return semicolons >= commas && semicolons > 0 ? ';' : ',';
}

}  // namespace

std::vector<CsvRecord> parseCsv(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    const char separator = detectSeparator(text);
    std::vector<CsvRecord> records;
    int line = 1;
    std::size_t i = 0;
    while (i < text.size()) {
        CsvRecord record;
        record.line = line;
        std::string field;
        bool inQuotes = false;
        bool fieldQuoted = false;
        bool endOfRecord = false;
        while (i < text.size() && !endOfRecord) {
            const char c = text[i];
            if (inQuotes) {
                if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    inQuotes = false;
                } else {
                    if (c == '\n') ++line;
                    field += c;
                }
                ++i;
                continue;
            }
            if (c == '"' && field.empty() && !fieldQuoted) {
                inQuotes = true;
                fieldQuoted = true;
            } else if (c == separator) {
                record.fields.push_back(std::move(field));
                field.clear();
                fieldQuoted = false;
            } else if (c == '\n') {
                ++line;
                endOfRecord = true;
            } else if (c != '\r') {
                field += c;
            }
            ++i;
        }
        record.unterminated = inQuotes;
        record.fields.push_back(std::move(field));
        const bool blank = record.fields.size() == 1 && trimSpaces(record.fields[0]).empty();
        if (!blank) records.push_back(std::move(record));
    }
    return records;
}

}  // namespace vk::services::health
