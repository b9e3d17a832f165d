#include "kiosk/services/orders/delivery_calendar.h"

#include "kiosk/services/health/local_days.h"

#include <algorithm>

namespace vk::services::orders {

DeliveryCalendar::DeliveryCalendar(storage::Supplier supplier, std::vector<storage::DayRange> holidays,
                                   const parcels::OpeningCalendar& cafe)
    : supplier_(std::move(supplier)), holidays_(std::move(holidays)), cafe_(cafe) {
    for (const std::string& day : supplier_.deliveryDays)
        if (const int index = parcels::weekdayFromName(day); index >= 0) weekday_[index] = true;
}

std::optional<std::int64_t> DeliveryCalendar::cutoffMs(const std::string& day) const {
    if (!health::isValidDay(day)) return std::nullopt;
    return health::localToUnixMs(health::addDays(day, -supplier_.cutoffDaysBefore), supplier_.cutoffTime);
}

bool DeliveryCalendar::deliveryWeekday(const std::string& day) const {
    const int weekday = health::weekdayIndex(day);
    return weekday >= 0 && weekday < 7 && weekday_[weekday];
}

bool DeliveryCalendar::onHoliday(const std::string& day) const {
    return std::any_of(holidays_.begin(), holidays_.end(), [&](const storage::DayRange& h) { return h.contains(day); });
}

bool DeliveryCalendar::delivers(const std::string& day) const {
    return deliveryWeekday(day) && !onHoliday(day) && cafe_.isOpen(day);
}

DayRefusal DeliveryCalendar::check(const std::string& day, std::int64_t nowMs) const {
    if (!health::isValidDay(day)) return DayRefusal::DayInvalid;
    if (day < health::localDay(nowMs)) return DayRefusal::DayPast;
    if (!deliveryWeekday(day)) return DayRefusal::NotDeliveryDay;
    if (onHoliday(day)) return DayRefusal::SupplierHoliday;
    if (!cafe_.isOpen(day)) return DayRefusal::CafeClosed;
    const auto cutoff = cutoffMs(day);
    if (!cutoff || nowMs >= *cutoff) return DayRefusal::AfterCutoff;
    return DayRefusal::None;
}

std::string DeliveryCalendar::nextPossibleDay(const std::string& fromDay, std::int64_t nowMs, int daysAhead) const {
    const std::string today = health::localDay(nowMs);
    std::string day = health::isValidDay(fromDay) && fromDay > today ? fromDay : today;
    const std::string last = health::addDays(today, daysAhead);
    while (day <= last) {
        if (check(day, nowMs) == DayRefusal::None) return day;
        day = health::addDays(day, 1);
    }
    return {};
}

std::vector<std::string> DeliveryCalendar::possibleDays(std::int64_t nowMs, int daysAhead) const {
    std::vector<std::string> days;
    const std::string today = health::localDay(nowMs);
    for (int i = 0; i <= daysAhead; ++i) {
        const std::string day = health::addDays(today, i);
        if (check(day, nowMs) == DayRefusal::None) days.push_back(day);
    }
    return days;
}

}  // namespace vk::services::orders
