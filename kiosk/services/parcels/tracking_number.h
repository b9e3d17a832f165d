#pragma once
// What the scanner (or the keypad) gives for a parcel's number: cleaned, checked, and where the format says
// which carrier it is without doubt, that carrier.

#include <optional>
#include <string>
#include <string_view>

namespace vk::services::parcels {

enum class TrackingProblem {
    None,
    Empty,
    Unreadable,  // bytes a label never holds: a garbled scan
    TooLong,     // more than kMaxTrackingLength once cleaned (a scanner that read a whole page)
    TooShort,
    MisScan,     // a UPU S10 number whose check digit does not match
};

struct TrackingCheck {
    std::string normalized;  // spaces removed, upper case
    TrackingProblem problem = TrackingProblem::None;
    bool upuS10 = false;
    // The carrier code ("colissimo") when the format belongs to one carrier only; empty when it must be asked.
    std::string carrierCode;
};

inline constexpr std::size_t kMaxTrackingLength = 40;

TrackingCheck checkTrackingNumber(std::string_view scanned);

// The UPU S10 check digit of eight serial digits (weights 8 6 4 2 3 5 9 7; 11 − sum mod 11; 10 → 0, 11 → 5).
int upuS10CheckDigit(std::string_view eightDigits);

}  // namespace vk::services::parcels
