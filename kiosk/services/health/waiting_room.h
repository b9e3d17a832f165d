#pragma once
// The medical assistant's waiting room: who is here today and in which order, calling the next patient in,
// the end of a consultation, no-shows, walk-ins; and the calling screen in the waiting room, which shows tickets
// and nothing else.
//
// Every status change goes through the one state machine of appointment_book.h (isAllowedTransition); a refused
// change comes back as HealthError::TransitionRefused with the two states, and nothing is written.

#include "kiosk/services/clock.h"
#include "kiosk/services/health/appointment_book.h"
#include "kiosk/services/health/check_in.h"
#include "kiosk/services/staff_service.h"
#include "storage/appointment_store.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace vk::services::health {

// Someone without an appointment, taken in by the assistant. They are in the waiting room at once.
struct WalkIn {
    std::string surname;
    std::string givenName;  // optional
    std::string birthDate;  // optional; "YYYY-MM-DD" or "DD/MM/YYYY"
};

// What the screen in the waiting room shows: tickets only.
struct CallingBoard {
    std::optional<std::string> calledTicket;  // the patient called in last, while in consultation
    std::optional<std::int64_t> calledAtMs;   // when they were called: a second call of the same ticket is another
    std::vector<std::string> nextTickets;     // the next ones, in call order
};

class WaitingRoom {
public:
    // The policy's late edge says when a booked patient may be marked a no-show, its prefixes which tickets
    // the desk and walk-ins get.
    WaitingRoom(storage::Database& db, const Clock& clock, StaffService& staff, CheckInPolicy policy = {});

    // Today's arrived patients in call order: a booked patient at their appointment time, a walk-in at their
    // arrival, interleaved.
    std::vector<Appointment> waiting();
    // Every appointment of today, by time, whatever its status (the assistant's day view).
    std::vector<Appointment> today();

    // The first of waiting() goes in: in_consultation, called_at now. The ticket to announce is in
    // appointment->ticket. NobodyWaiting when the room is empty.
    AppointmentChange callNext(const StaffSession* actor);
    AppointmentChange call(const StaffSession* actor, const std::string& appointmentId);  // out of turn
    AppointmentChange markDone(const StaffSession* actor, const std::string& appointmentId);
    // A booked patient only once their check-in window has closed (NoShowTooSoon before); an arrived patient
    // who left, at any time.
    AppointmentChange markNoShow(const StaffSession* actor, const std::string& appointmentId);
    AppointmentChange backToWaiting(const StaffSession* actor, const std::string& appointmentId);
    // The assistant checks a booked patient in at the desk: the same ticket series as the kiosk.
    AppointmentChange markArrived(const StaffSession* actor, const std::string& appointmentId);
    // Any move the state machine allows; the functions above are this with a fixed `to`.
    AppointmentChange changeStatus(const StaffSession* actor, const std::string& appointmentId, AppointmentStatus to);

    AppointmentChange addWalkIn(const StaffSession* actor, const WalkIn& walkIn);

    CallingBoard callingBoard(std::size_t nextCount = 3);

private:
    DayRange todayRange() const;

    storage::AppointmentStore store_;
    const Clock& clock_;
    StaffService& staff_;
    CheckInPolicy policy_;
};

}  // namespace vk::services::health
