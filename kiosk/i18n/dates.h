#pragma once
#include <cstdint>
#include <string>

namespace vk::i18n {

// "samedi 21 novembre 2026" / "Saturday 21 November 2026", in the kiosk's local time zone.
std::string longDate(std::int64_t unixMs);
// "14:05"
std::string clockTime(std::int64_t unixMs);
// "9 h 30" / "9:30", "14 h" / "14:00": a time of day as people read it in a sentence, from "09:30".
std::string spokenTime(const std::string& hhmm);
// spokenTime of a moment, in the kiosk's local time zone.
std::string spokenClockTime(std::int64_t unixMs);
// "21/11 14:05", for lists staff read
std::string shortDateTime(std::int64_t unixMs);

// "14 mars 1950" / "14 March 1950": a date as people say it, for a birth date read back to them.
std::string dayMonthYear(int day, int month, int year);

}  // namespace vk::i18n
