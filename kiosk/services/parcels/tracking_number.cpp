#include "kiosk/services/parcels/tracking_number.h"

#include <algorithm>
#include <cctype>

namespace vk::services::parcels {
namespace {

bool allDigits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}
bool allLetters(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// Two letters, eight serial digits, the check digit, the country's two letters: "RA123456785FR".
bool isS10Shape(std::string_view n) {
    return n.size() == 13 && allLetters(n.substr(0, 2)) && allDigits(n.substr(2, 9)) && allLetters(n.substr(11, 2));
}

// Formats that one carrier alone uses. An S10 number can be La Poste's or Chronopost's, and eight or ten digits
// are used by several carriers: those are asked.
std::string carrierOf(std::string_view n) {
    // Colissimo's domestic numbers: a digit, a letter, eleven digits ("6A12345678901").
    if (n.size() == 13 && allDigits(n.substr(0, 1)) && allLetters(n.substr(1, 1)) && allDigits(n.substr(2)))
        return "colissimo";
    // Packeta: Z and ten digits.
    if (n.size() == 11 && n[0] == 'Z' && allDigits(n.substr(1))) return "packeta";
    // DPD's parcel numbers: fourteen digits.
    if (n.size() == 14 && allDigits(n)) return "dpd";
    return {};
}

}  // namespace

int upuS10CheckDigit(std::string_view eightDigits) {
    static constexpr int kWeights[] = {8, 6, 4, 2, 3, 5, 9, 7};
    int sum = 0;
    for (std::size_t i = 0; i < 8 && i < eightDigits.size(); ++i) sum += (eightDigits[i] - '0') * kWeights[i];
    const int check = 11 - sum % 11;
    if (check == 10) return 0;
    if (check == 11) return 5;
    return check;
}

TrackingCheck checkTrackingNumber(std::string_view scanned) {
    TrackingCheck result;
    // A scanner in keyboard mode ends with Enter (CR, LF or both), sometimes a tab: not part of the number.
    while (!scanned.empty() && (scanned.back() == '\r' || scanned.back() == '\n' || scanned.back() == '\t'))
        scanned.remove_suffix(1);
    while (!scanned.empty() && (scanned.front() == '\r' || scanned.front() == '\n' || scanned.front() == '\t'))
        scanned.remove_prefix(1);
    // Checked before anything is copied: 500 characters is not a number, whatever they are.
    if (scanned.size() > 4 * kMaxTrackingLength) {
        result.problem = TrackingProblem::TooLong;
        return result;
    }
    for (const char raw : scanned) {
        const auto c = static_cast<unsigned char>(raw);
        if (c == ' ') continue;
        if (c < 0x21 || c > 0x7e) {
            result.problem = TrackingProblem::Unreadable;
            result.normalized.clear();
            return result;
        }
        result.normalized += static_cast<char>(std::toupper(c));
    }
    if (result.normalized.empty()) {
        result.problem = TrackingProblem::Empty;
        return result;
    }
    if (result.normalized.size() > kMaxTrackingLength) {
        result.problem = TrackingProblem::TooLong;
        return result;
    }
    if (result.normalized.size() < 6) {
        result.problem = TrackingProblem::TooShort;
        return result;
    }
    const std::string& n = result.normalized;
    if (isS10Shape(n)) {
        result.upuS10 = true;
        if (upuS10CheckDigit(std::string_view(n).substr(2, 8)) != n[10] - '0') result.problem = TrackingProblem::MisScan;
        return result;
    }
    result.carrierCode = carrierOf(n);
    return result;
}

}  // namespace vk::services::parcels
