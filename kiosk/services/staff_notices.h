#pragma once
// Messages that staff must not miss, whichever area left them (a failed rota feed, a lock after wrong PINs,
// a printer out of paper). The staff home lists them until someone acknowledges them.

#include "kiosk/services/clock.h"
#include "kiosk/services/staff_service.h"
#include "storage/staff_notice_store.h"

#include <string>
#include <vector>

namespace vk::services {

class StaffNotices {
public:
    StaffNotices(storage::Database& db, const Clock& clock, StaffService& staff)
        : store_(db), clock_(clock), staff_(staff) {}

    std::vector<storage::StaffNotice> open() { return store_.open(); }
    void acknowledge(const StaffSession& actor, std::int64_t seq) {
        staff_.inTransaction([&] {
            // The notice's words, as staff read them when they acknowledged it.
            std::string message;
            for (const auto& notice : store_.open())
                if (notice.seq == seq) message = notice.message;
            store_.acknowledge(seq, clock_.nowMs());
            staff_.audit(&actor, "staff.notice.acknowledge", {{"notice", message}});
        });
    }

private:
    storage::StaffNoticeStore store_;
    const Clock& clock_;
    StaffService& staff_;
};

}  // namespace vk::services
