#pragma once
// When a supplier's order can be for a given day: the days it delivers, its holidays, the café's open days and
// the cut-off ("before 18:00 for tomorrow"). Plain days "YYYY-MM-DD" and local times, no storage.

#include "kiosk/services/parcels/opening_calendar.h"
#include "storage/order_store.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vk::services::orders {

// Why an order cannot be for a day; None when it can.
enum class DayRefusal { None, DayInvalid, DayPast, NotDeliveryDay, SupplierHoliday, CafeClosed, AfterCutoff };

class DeliveryCalendar {
public:
    DeliveryCalendar(storage::Supplier supplier, std::vector<storage::DayRange> holidays,
                     const parcels::OpeningCalendar& cafe);

    // The moment orders for `day` close (ms UTC), nullopt for a malformed day.
    std::optional<std::int64_t> cutoffMs(const std::string& day) const;
    // The supplier delivers that day and the café is open (the cut-off set aside).
    bool delivers(const std::string& day) const;
    // Why an order placed at `nowMs` cannot be for `day`: past, not a delivery day, a holiday, the café closed,
    // or past the cut-off (checked in that order).
    DayRefusal check(const std::string& day, std::int64_t nowMs) const;
    // The first day from `fromDay` on (today at the earliest) that an order placed at `nowMs` can be for, within
    // `daysAhead` days of today; "" when there is none.
    std::string nextPossibleDay(const std::string& fromDay, std::int64_t nowMs, int daysAhead = 366) const;
    // The days of the next `count` weeks an order placed now can be for (what the kiosk offers).
    std::vector<std::string> possibleDays(std::int64_t nowMs, int daysAhead) const;
    bool onHoliday(const std::string& day) const;
    bool cafeOpen(const std::string& day) const { return cafe_.isOpen(day); }
    bool deliveryWeekday(const std::string& day) const;
    const storage::Supplier& supplier() const { return supplier_; }

private:
    storage::Supplier supplier_;
    std::vector<storage::DayRange> holidays_;
    const parcels::OpeningCalendar& cafe_;
    bool weekday_[7] = {};
};

}  // namespace vk::services::orders
