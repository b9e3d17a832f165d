#include "kiosk/services/parcels/opening_calendar.h"

#include "kiosk/services/health/local_days.h"

#include <algorithm>

namespace vk::services::parcels {
namespace {

// A year of closures is the most a café can have; past that the calendar is wrong, and the day is kept.
constexpr int kMaxDaysSearched = 366;

}  // namespace

int weekdayFromName(const std::string& name) {
    static constexpr const char* kNames[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    for (int i = 0; i < 7; ++i)
        if (name == kNames[i]) return i;
    return -1;
}

OpeningCalendar::OpeningCalendar(const std::vector<std::string>& openingDays, const std::vector<std::string>& closures)
    : closures_(closures.begin(), closures.end()) {
    for (const std::string& name : openingDays)
        if (const int index = weekdayFromName(name); index >= 0) weekdayOpen_[index] = true;
    if (std::none_of(std::begin(weekdayOpen_), std::end(weekdayOpen_), [](bool open) { return open; }))
        std::fill(std::begin(weekdayOpen_), std::end(weekdayOpen_), true);
}

bool OpeningCalendar::isOpen(const std::string& day) const {
    const int weekday = health::weekdayIndex(day);
    return weekday >= 0 && weekday < 7 && weekdayOpen_[weekday] && closures_.count(day) == 0;
}

std::string OpeningCalendar::nextOpenDay(const std::string& day) const {
    std::string candidate = day;
    for (int i = 0; i < kMaxDaysSearched; ++i) {
        if (isOpen(candidate)) return candidate;
        candidate = health::addDays(candidate, 1);
    }
    return day;
}

std::string OpeningCalendar::deadline(const std::string& receivedDay, int holdDays, storage::HoldBasis basis) const {
    if (basis == storage::HoldBasis::CalendarDays) return nextOpenDay(health::addDays(receivedDay, holdDays));
    std::string day = receivedDay;
    int counted = 0;
    for (int i = 0; i < kMaxDaysSearched && counted < holdDays; ++i) {
        day = health::addDays(day, 1);
        if (isOpen(day)) ++counted;
    }
    return day;
}

}  // namespace vk::services::parcels
