#pragma once
// A resident types the code of their SMS on the public screen (or shows its barcode to the scanner). The screen
// says only « présentez-vous au comptoir »: no name, no place, no count. The manager's counter screen lists what
// was asked for.
//
// Wrong codes are rate-limited without punishing the next person: after ten wrong codes within ten minutes, the
// keypad stops looking codes up for the public answer and says « présentez-vous au comptoir » to every code for
// a few minutes. Someone guessing learns nothing in that time (right and wrong get the same words), while a
// resident who types a right code is still sent to the counter, which is where they were going, and their code
// still reaches the manager's list. This kiosk's memory only: a restart forgets the count.

#include "kiosk/services/clock.h"
#include "kiosk/services/parcels/parcel_desk.h"
#include "kiosk/services/staff_service.h"

#include <cstdint>
#include <string>
#include <vector>

namespace vk::services::parcels {

enum class PickupOutcome {
    GoToCounter,  // the code names parcels on the shelf (or the keypad is pausing: see above)
    UnknownCode,  // no parcel waits under that code: check the SMS, or ask at the counter
    InvalidInput, // not a code's shape at all (too short, characters a code never holds)
};

struct PickupRequest {
    std::string code;
    std::int64_t atMs = 0;
};

class PublicPickup {
public:
    PublicPickup(ParcelDesk& desk, const Clock& clock, StaffService& staff, const ParcelsSettings& settings);

    PickupOutcome request(const std::string& typedOrScanned);

    // What residents asked for at the kiosk in the last hour, newest first, for the counter screen.
    std::vector<PickupRequest> recentRequests() const;
    // Once handed over, a request leaves the list.
    void forget(const std::string& code);

    bool pausing() const { return clock_.nowMs() < pausedUntil_; }

private:
    void noteMiss();

    ParcelDesk& desk_;
    const Clock& clock_;
    StaffService& staff_;
    int missesBeforePause_;
    std::int64_t missWindowMs_;
    std::int64_t pauseMs_;
    std::vector<std::int64_t> recentMisses_;
    std::int64_t pausedUntil_ = 0;
    std::vector<PickupRequest> requests_;
};

}  // namespace vk::services::parcels
