#include "kiosk/services/health/waiting_list.h"

#include "kiosk/services/user_text.h"

namespace vk::services::health {

WaitingList::WaitingList(storage::Database& db, const Clock& clock, StaffService& staff)
    : store_(db), appointments_(db), clock_(clock), staff_(staff) {}

WaitingListChange WaitingList::add(const StaffSession* actor, const WaitingListInput& input) {
    if (!mayManageAppointments(actor)) {
        staff_.audit(actor, "health.refused", {{"attempt_key", "audit.attempt.add_to_waiting_list"}});
        return {HealthError::NotAllowed};
    }
    WaitingListEntry entry;
    entry.surname = cleanUserText(input.surname, AppointmentBook::kMaxNameLength);
    if (surnameKey(entry.surname).empty()) return {HealthError::NameInvalid};
    entry.givenName = cleanUserText(input.givenName, AppointmentBook::kMaxNameLength);
    entry.phone = cleanUserText(input.phone, AppointmentBook::kMaxPhoneLength);
    // She will call them: without a number there is nobody to call.
    if (entry.phone.find_first_of("0123456789") == std::string::npos) return {HealthError::PhoneInvalid};
    entry.availability = cleanUserText(input.availability, kMaxAvailabilityLength);
    if (!input.appointmentId.empty()) {
        if (!appointments_.find(input.appointmentId)) return {HealthError::NotFound};
        entry.appointmentId = input.appointmentId;
    }
    WaitingListEntry stored;
    staff_.inTransaction([&] {
        stored = store_.add(entry, clock_.nowMs());
        staff_.audit(actor, "health.waiting_list.add");
    });
    return {HealthError::None, std::move(stored)};
}

WaitingListChange WaitingList::resolve(const StaffSession* actor, const std::string& entryId) {
    if (!mayManageAppointments(actor)) return {HealthError::NotAllowed};
    bool resolved = false;
    staff_.inTransaction([&] {
        resolved = store_.resolve(entryId, clock_.nowMs());
        if (resolved) staff_.audit(actor, "health.waiting_list.resolve");
    });
    if (!resolved) return {HealthError::NotFound};
    return {HealthError::None, store_.find(entryId)};
}

WaitingListChange WaitingList::remove(const StaffSession* actor, const std::string& entryId) {
    if (!mayManageAppointments(actor)) return {HealthError::NotAllowed};
    bool removed = false;
    staff_.inTransaction([&] {
        removed = store_.remove(entryId, clock_.nowMs());
        if (removed) staff_.audit(actor, "health.waiting_list.remove");
    });
    if (!removed) return {HealthError::NotFound};
    return {HealthError::None, std::nullopt};
}

std::vector<WaitingListEntry> WaitingList::open(const StaffSession* actor) {
    if (!mayManageAppointments(actor)) return {};
    return store_.open();
}

std::vector<SlotCandidate> WaitingList::candidatesFor(const StaffSession* actor, std::int64_t slotMs) {
    std::vector<SlotCandidate> out;
    if (!mayManageAppointments(actor)) return out;
    const std::int64_t now = clock_.nowMs();
    for (WaitingListEntry& entry : store_.open()) {
        std::optional<std::int64_t> present;
        if (entry.appointmentId) {
            const auto appointment = appointments_.find(*entry.appointmentId);
            // Their appointment went ahead or is gone: they are waiting for any slot.
            if (appointment && appointment->status == AppointmentStatus::Booked && appointment->startsAt > now) {
                if (appointment->startsAt <= slotMs) continue;  // theirs is already earlier
                present = appointment->startsAt;
            }
        }
        out.push_back({std::move(entry), present});
    }
    return out;
}

}  // namespace vk::services::health
