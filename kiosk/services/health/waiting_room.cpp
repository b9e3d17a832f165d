#include "kiosk/services/health/waiting_room.h"

#include "kiosk/services/health/local_days.h"
#include "kiosk/services/user_text.h"

namespace vk::services::health {
namespace {

constexpr std::int64_t kMsPerMinute = 60 * 1000;

const char* auditAction(AppointmentStatus from, AppointmentStatus to) {
    switch (to) {
    case AppointmentStatus::Arrived:
        return from == AppointmentStatus::InConsultation ? "health.back_to_waiting" : "health.desk_check_in";
    case AppointmentStatus::InConsultation: return "health.call";
    case AppointmentStatus::Done: return "health.done";
    case AppointmentStatus::NoShow: return "health.no_show";
    case AppointmentStatus::Cancelled: return "health.appointment.cancel";
    case AppointmentStatus::Booked: break;
    }
    return "health.status";
}

// The audit names the appointment by id and ticket only (see appointment_book.h).

}  // namespace

WaitingRoom::WaitingRoom(storage::Database& db, const Clock& clock, StaffService& staff, CheckInPolicy policy)
    : store_(db), clock_(clock), staff_(staff), policy_(std::move(policy)) {}

DayRange WaitingRoom::todayRange() const { return localDayRange(localDay(clock_.nowMs())); }

std::vector<Appointment> WaitingRoom::waiting() {
    const DayRange today = todayRange();
    return store_.waitingInCallOrder(today.fromMs, today.toMs);
}

std::vector<Appointment> WaitingRoom::today() {
    const DayRange range = todayRange();
    return store_.startingBetween(range.fromMs, range.toMs);
}

AppointmentChange WaitingRoom::changeStatus(const StaffSession* actor, const std::string& appointmentId,
                                            AppointmentStatus to) {
    if (!mayManageAppointments(actor)) {
        staff_.audit(actor, "health.refused", {{"attempt_key", "audit.attempt.change_status"}});
        return {HealthError::NotAllowed};
    }
    const auto appointment = store_.find(appointmentId);
    if (!appointment) return {HealthError::NotFound};
    const AppointmentStatus from = appointment->status;
    if (!isAllowedTransition(from, to)) return {HealthError::TransitionRefused, appointment, from, to};

    const std::int64_t now = clock_.nowMs();
    if (from == AppointmentStatus::Booked && to == AppointmentStatus::NoShow &&
        now <= appointment->startsAt + policy_.lateMinutes * kMsPerMinute)
        return {HealthError::NoShowTooSoon, appointment, from, to};

    bool changed = false;
    std::optional<Appointment> updated;
    staff_.inTransaction([&] {
        if (from == AppointmentStatus::Booked && to == AppointmentStatus::Arrived) {
            const std::string& prefix = appointment->walkIn ? policy_.walkInPrefix : policy_.ticketPrefix;
            changed = store_.checkIn(appointmentId, localDay(now), prefix, now).has_value();
        } else {
            changed = store_.changeStatus(appointmentId, from, to, now);
        }
        if (!changed) return;
        updated = store_.find(appointmentId);
        staff_.audit(actor, auditAction(from, to), appointmentAuditValues(*updated));
    });
    // Nothing written: someone else (the kiosk, another screen) moved it first.
    if (!changed) return {HealthError::TransitionRefused, store_.find(appointmentId), from, to};
    return {HealthError::None, std::move(updated), from, to};
}

AppointmentChange WaitingRoom::callNext(const StaffSession* actor) {
    if (!mayManageAppointments(actor)) {
        staff_.audit(actor, "health.refused", {{"attempt_key", "audit.attempt.call_next"}});
        return {HealthError::NotAllowed};
    }
    const std::vector<Appointment> queue = waiting();
    if (queue.empty()) return {HealthError::NobodyWaiting};
    return changeStatus(actor, queue.front().id, AppointmentStatus::InConsultation);
}

AppointmentChange WaitingRoom::call(const StaffSession* actor, const std::string& appointmentId) {
    return changeStatus(actor, appointmentId, AppointmentStatus::InConsultation);
}

AppointmentChange WaitingRoom::markDone(const StaffSession* actor, const std::string& appointmentId) {
    return changeStatus(actor, appointmentId, AppointmentStatus::Done);
}

AppointmentChange WaitingRoom::markNoShow(const StaffSession* actor, const std::string& appointmentId) {
    return changeStatus(actor, appointmentId, AppointmentStatus::NoShow);
}

AppointmentChange WaitingRoom::backToWaiting(const StaffSession* actor, const std::string& appointmentId) {
    const auto appointment = store_.find(appointmentId);
    // "Back to waiting" means from the consulting room: a booked patient is checked in with markArrived.
    if (appointment && appointment->status != AppointmentStatus::InConsultation && mayManageAppointments(actor))
        return {HealthError::TransitionRefused, appointment, appointment->status, AppointmentStatus::Arrived};
    return changeStatus(actor, appointmentId, AppointmentStatus::Arrived);
}

AppointmentChange WaitingRoom::markArrived(const StaffSession* actor, const std::string& appointmentId) {
    const auto appointment = store_.find(appointmentId);
    if (appointment && appointment->status != AppointmentStatus::Booked && mayManageAppointments(actor))
        return {HealthError::TransitionRefused, appointment, appointment->status, AppointmentStatus::Arrived};
    return changeStatus(actor, appointmentId, AppointmentStatus::Arrived);
}

AppointmentChange WaitingRoom::addWalkIn(const StaffSession* actor, const WalkIn& walkIn) {
    if (!mayManageAppointments(actor)) {
        staff_.audit(actor, "health.refused", {{"attempt_key", "audit.attempt.add_walk_in"}});
        return {HealthError::NotAllowed};
    }
    const std::int64_t now = clock_.nowMs();
    storage::NewAppointment fresh;
    fresh.walkIn = true;
    fresh.source = storage::AppointmentSource::Staff;
    storage::AppointmentDetails& d = fresh.details;
    d.startsAt = now;
    d.surname = cleanUserText(walkIn.surname, AppointmentBook::kMaxNameLength);
    d.surnameKey = surnameKey(d.surname);
    if (d.surnameKey.empty()) return {HealthError::NameInvalid};
    d.givenName = cleanUserText(walkIn.givenName, AppointmentBook::kMaxNameLength);
    const std::string birth = cleanUserText(walkIn.birthDate, 32);
    if (!birth.empty()) {
        d.birthDate = parseBookingDay(birth);
        if (!d.birthDate || *d.birthDate > localDay(now)) return {HealthError::BirthDateInvalid};
    }
    Appointment appointment;
    staff_.inTransaction([&] {
        appointment = store_.insertArrived(fresh, localDay(now), policy_.walkInPrefix, now);
        staff_.audit(actor, "health.walk_in", appointmentAuditValues(appointment));
    });
    return {HealthError::None, appointment, AppointmentStatus::Booked, AppointmentStatus::Arrived};
}

CallingBoard WaitingRoom::callingBoard(std::size_t nextCount) {
    const DayRange today = todayRange();
    CallingBoard board;
    if (const auto called = store_.lastCalled(today.fromMs, today.toMs)) {
        board.calledTicket = called->ticket;
        board.calledAtMs = called->calledAt;
    }
    for (const Appointment& next : store_.waitingInCallOrder(today.fromMs, today.toMs)) {
        if (board.nextTickets.size() >= nextCount) break;
        if (next.ticket) board.nextTickets.push_back(*next.ticket);
    }
    return board;
}

}  // namespace vk::services::health
