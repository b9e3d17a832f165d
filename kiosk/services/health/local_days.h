#pragma once
// Calendar days and wall-clock times in the kiosk's local time zone (the system's, Europe/Paris on a French
// kiosk), written "YYYY-MM-DD" and "HH:MM" so that they sort and compare as text.

#include <cstdint>
#include <optional>
#include <string>

namespace vk::services::health {

std::string localDay(std::int64_t unixMs);
std::string localTime(std::int64_t unixMs);
// The ms UTC of a local day and time; nullopt for a malformed one.
std::optional<std::int64_t> localToUnixMs(const std::string& day, const std::string& time);

bool isValidDay(const std::string& day);
bool isValidTime(const std::string& time);

std::string addDays(const std::string& day, int days);
int weekdayIndex(const std::string& day);  // 0 Monday … 6 Sunday
std::string mondayOf(const std::string& day);
// The week residents mean by "this week": the current one from Monday to Friday, the next one at the weekend.
std::string displayedWeekMonday(const std::string& today);
int minutesOf(const std::string& time);    // "09:30" → 570

}  // namespace vk::services::health
