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

// "du lundi 30 novembre au vendredi 4 décembre" / "from Monday 30 November to Friday 4 December": the days of a
// week with their month, from its Monday ("YYYY-MM-DD") to `lastDay` days later (4: Friday, 6: Sunday); the month
// is said once when both ends share it, the year only when they do not. A malformed Monday is returned as it is.
std::string weekRange(const std::string& mondayIso, int lastDay = 4, bool withWeekdays = true);
// The same for any two days: "du lundi 30 novembre au vendredi 4 décembre", "le mardi 1er décembre" for one day.
// Malformed days are returned as they came ("2026-13-01 – 2026-12-04").
// Without weekdays where they are said beside it: "du 30 novembre au 4 décembre".
std::string dayRange(const std::string& firstIso, const std::string& lastIso, bool withWeekdays = true);
// "jeudi 3 décembre 2026" / "Thursday 3 December 2026" for a day written "YYYY-MM-DD"; a malformed one as it is.
std::string dayText(const std::string& dayIso);
// "1er" / "1", "2"...: the day of the month as it is written in a date.
std::string dayOfMonth(int day);

// "14 mars 1950" / "14 March 1950": a date as people say it, for a birth date read back to them.
std::string dayMonthYear(int day, int month, int year);

}  // namespace vk::i18n
