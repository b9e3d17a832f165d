#pragma once
// The café's calendar as the hold periods see it: which local days it opens, and the last day a parcel waits.

#include "storage/parcel_store.h"

#include <set>
#include <string>
#include <vector>

namespace vk::services::parcels {

class OpeningCalendar {
public:
    // `openingDays` "mon" … "sun"; `closures` "YYYY-MM-DD". With no opening day at all, every day counts as open
    // (a configuration mistake must not keep parcels forever).
    OpeningCalendar(const std::vector<std::string>& openingDays, const std::vector<std::string>& closures);

    bool isOpen(const std::string& day) const;
    // The next open day from `day` on (`day` itself when open).
    std::string nextOpenDay(const std::string& day) const;
    // The last day a parcel received on `receivedDay` waits: `holdDays` later, counted in calendar days or in
    // opening days, then moved to the next open day if the café is closed that day.
    std::string deadline(const std::string& receivedDay, int holdDays, storage::HoldBasis basis) const;

private:
    bool weekdayOpen_[7] = {};
    std::set<std::string> closures_;
};

// "mon" … "sun" → 0 … 6, -1 otherwise.
int weekdayFromName(const std::string& name);

}  // namespace vk::services::parcels
