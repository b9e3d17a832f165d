#pragma once
// Patients who would take an earlier slot. The assistant adds them at the desk (a name and a phone number, the
// appointment they have now if any, when they can come); when a booking is cancelled she is shown whom to call,
// in the order they asked. Personal data: shown on staff screens only, audited by id, never by name.

#include "kiosk/services/clock.h"
#include "kiosk/services/health/appointment_book.h"
#include "kiosk/services/staff_service.h"
#include "storage/waiting_list_store.h"

#include <optional>
#include <utility>
#include <string>
#include <vector>

namespace vk::services::health {

using storage::WaitingListEntry;

struct WaitingListInput {
    std::string surname;
    std::string givenName;
    std::string phone;
    std::string appointmentId;  // optional: their present appointment
    std::string availability;   // optional: « les matins »
};

struct WaitingListChange {
    WaitingListChange(HealthError why, std::optional<WaitingListEntry> stored = std::nullopt)
        : error(why), entry(std::move(stored)) {}
    HealthError error = HealthError::None;
    std::optional<WaitingListEntry> entry;
    bool ok() const { return error == HealthError::None; }
};

// Someone to call for a freed slot, with their present appointment's time when they have one.
struct SlotCandidate {
    WaitingListEntry entry;
    std::optional<std::int64_t> presentAppointmentAt;
};

class WaitingList {
public:
    WaitingList(storage::Database& db, const Clock& clock, StaffService& staff);

    WaitingListChange add(const StaffSession* actor, const WaitingListInput& input);
    // She called them and they took a slot, or they no longer want one.
    WaitingListChange resolve(const StaffSession* actor, const std::string& entryId);
    WaitingListChange remove(const StaffSession* actor, const std::string& entryId);
    std::vector<WaitingListEntry> open(const StaffSession* actor);

    // Whom to call for a slot at `slotMs`: everyone open without an appointment, or whose appointment is later
    // than the slot and not yet begun; whoever asked first comes first. Empty for an actor who may not see them.
    std::vector<SlotCandidate> candidatesFor(const StaffSession* actor, std::int64_t slotMs);

    static constexpr std::size_t kMaxAvailabilityLength = 120;

private:
    storage::WaitingListStore store_;
    storage::AppointmentStore appointments_;
    const Clock& clock_;
    StaffService& staff_;
};

}  // namespace vk::services::health
