#pragma once
// The participative grocery's volunteer shifts (docs/shifts.md): the coordinator publishes shifts (opening,
// stocking, deliveries) with a number of places; members sign up, cancel, or hand their place to another member
// (a swap, recorded as such). A place's hours count once the shift is over, unless the coordinator marked the
// member absent; each member owes a monthly commitment ([shifts] monthly_commitment_minutes unless set for them).
//
// Rights: the coordinator's actions (publish, edit, cancel a shift, mark absent, set a commitment) take a café
// manager, an admin or a system actor other than the kiosk; a member's own place (sign up, give back, hand over)
// is taken at the kiosk, as the kiosk actor, once the screen has identified the member (card, or name and PIN),
// or at the counter by the coordinator. A null actor may do nothing. Every change writes its audit line.

#include "kiosk/services/clock.h"
#include "kiosk/services/impact/usage_source.h"
#include "kiosk/services/staff_service.h"
#include "kiosk/services/timebank/member_directory.h"
#include "storage/shift_store.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace vk::services::shifts {

using storage::Shift;
using storage::ShiftDetails;
using storage::ShiftKind;
using storage::ShiftSignUp;
using storage::ShiftSignUpState;

inline constexpr int kDefaultMonthlyCommitmentMinutes = 120;
inline constexpr int kMaxPlaces = 50;
inline constexpr std::size_t kMaxNoteLength = 300;
// How far ahead a member's own places are listed, and the public week may go.
inline constexpr int kDaysShownAhead = 56;

enum class ShiftError {
    None,
    NotAllowed,        // not a coordinator (or, for a member's place, not the kiosk either)
    KindInvalid,       // not opening, stocking or delivery
    DayInvalid,        // not YYYY-MM-DD, or a day that does not exist
    TimeInvalid,       // not HH:MM
    EndInvalid,        // not HH:MM, or not after the start
    PlacesInvalid,     // 1 to kMaxPlaces
    NoteInvalid,       // longer than kMaxNoteLength once cleaned
    ShiftUnknown,
    ShiftFull,
    ShiftPast,         // it has started: no sign-up, cancel or swap any more
    ShiftNotStarted,   // absence is marked once the shift has begun
    PlacesBelowTaken,  // an edit with fewer places than members already on it
    NothingOffered,    // no place of that shift is offered for swap (any more)
    MemberInvalid,
    AlreadySignedUp,
    SignUpUnknown,
    NotActive,         // cancelled or handed over already
    SwapToSelf,
    MonthInvalid,      // not YYYY-MM
    CommitmentInvalid, // 0 to 10 000 minutes
    StorageFailed,     // the database refused it: nothing was written
};

std::string errorKey(ShiftError error);       // "shifts.error.shift_full"…
std::string describeError(ShiftError error);  // English, for the command line

// Where a member's reminder goes: the board's phone or e-mail for them (empty: none).
struct MemberContact {
    std::string phone;
    std::string email;
};
using ContactOf = std::function<MemberContact(const std::string& memberId)>;

// Reminders go out once this local time has passed on the day before the shift.
inline constexpr const char* kReminderTime = "18:00";

struct ShiftForm {
    std::string kind;  // "opening", "stocking", "delivery"
    std::string day;
    std::string startsAt;
    std::string endsAt;
    int places = 1;
    std::string note;
};

struct ShiftResult {
    ShiftError error = ShiftError::None;
    std::optional<Shift> shift;
    bool ok() const { return error == ShiftError::None; }
};

struct SignUpResult {
    ShiftError error = ShiftError::None;
    std::optional<ShiftSignUp> signUp;
    bool ok() const { return error == ShiftError::None; }
};

// One member's month: minutes given on the shifts that are over, and owed.
struct MemberMonth {
    std::string memberId;
    int doneMinutes = 0;
    int committedMinutes = 0;
    int shifts = 0;
};

class VolunteerShifts {
public:
    // `members` names the members in the audit log and says who exists: a place is only for a known member.
    VolunteerShifts(storage::Database& db, const Clock& clock, StaffService& staff,
                    timebank::MemberDirectory& members,
                    int defaultCommitmentMinutes = kDefaultMonthlyCommitmentMinutes);

    // The coordinator's.
    ShiftResult publish(const StaffSession* actor, const ShiftForm& form);
    // A shift not started yet; its places may not drop below the members already on it.
    ShiftResult edit(const StaffSession* actor, const std::string& shiftId, const ShiftForm& form);
    // Takes a shift not started yet off the week (a soft delete); its places go with it, and no reminder is sent.
    ShiftResult cancelShift(const StaffSession* actor, const std::string& shiftId);
    SignUpResult markAbsent(const StaffSession* actor, const std::string& signUpId);
    ShiftError setCommitment(const StaffSession* actor, const std::string& memberId, int minutes);

    std::optional<Shift> shift(const std::string& shiftId) { return store_.shift(shiftId); }
    std::vector<Shift> shiftsOfWeek(const std::string& monday);
    // Who holds the places of a shift (every state), for the staff view and the member's own list.
    std::vector<ShiftSignUp> signUpsOf(const std::string& shiftId) { return store_.signUpsOf(shiftId); }
    bool hasStarted(const Shift& shift) const;

    // A member's own place: the kiosk (after identifying them) or the coordinator. `reminderWanted`: the member's
    // yes to a reminder the day before (sent to the phone or e-mail the board has for them).
    SignUpResult signUp(const StaffSession* actor, const std::string& shiftId, const std::string& memberId,
                        bool reminderWanted = false);
    SignUpResult cancel(const StaffSession* actor, const std::string& signUpId);
    // The member of `signUpId` hands the place to `toMemberId`; the hours go to the one who does the shift.
    SignUpResult swap(const StaffSession* actor, const std::string& signUpId, const std::string& toMemberId);
    // The member offers their place for swap (« à reprendre »): it stays theirs, hours included, until another
    // member takes it with takeOffered. withdrawOffer keeps it for good.
    SignUpResult offerForSwap(const StaffSession* actor, const std::string& signUpId);
    SignUpResult withdrawOffer(const StaffSession* actor, const std::string& signUpId);
    // `memberId` takes the first place offered on the shift: a swap, recorded as such.
    SignUpResult takeOffered(const StaffSession* actor, const std::string& shiftId, const std::string& memberId,
                             bool reminderWanted = false);
    // The day before a shift, after kReminderTime: one reminder through the outbox to each member on it who said
    // yes and has a phone (SMS) or else an e-mail; each place once, even across a restart (reminded_at, and the
    // outbox's dedupe key). A cancelled shift or place gets none. Returns how many were queued.
    int queueReminders(const ContactOf& contactOf);
    // The member's places on the shifts not started yet, soonest first.
    std::vector<ShiftSignUp> comingPlacesOf(const std::string& memberId);

    int commitmentOf(const std::string& memberId);

    // The month ("2026-11") of each of `memberIds` (the member directory's), in their order.
    std::vector<MemberMonth> monthOf(const std::string& month, const std::vector<std::string>& memberIds,
                                     ShiftError* error = nullptr);
    // Those of `memberIds` who have given less than their commitment this month so far.
    std::vector<MemberMonth> shortOfHours(const std::string& month, const std::vector<std::string>& memberIds);
    // Hours per month of a year ("2026"), for the grocery's report; months with none are left out.
    std::vector<storage::MonthMinutes> minutesPerMonth(const std::string& year);

private:
    std::optional<Shift> openShift(const std::string& shiftId, ShiftError& error);
    // Inside a transaction: the place `place` goes to `toMemberId`.
    ShiftError handOver(const StaffSession* actor, const ShiftSignUp& place, const std::string& toMemberId,
                        const std::string& toName, bool reminderWanted, bool taken, SignUpResult& result);
    SignUpResult setOffer(const StaffSession* actor, const std::string& signUpId, bool offered);
    ShiftError readForm(const ShiftForm& form, ShiftDetails& details) const;
    // The member's name for the audit log; nullopt for a member the directory does not know.
    std::optional<std::string> nameOf(const std::string& memberId);
    storage::Database& db_;
    const Clock& clock_;
    StaffService& staff_;
    timebank::MemberDirectory& members_;
    storage::ShiftStore store_;
    int defaultCommitmentMinutes_;
};

// For the impact report: service "grocery", kind "volunteer_hours"; a use is one member on one shift done.
class ShiftsUsageSource final : public impact::UsageSource {
public:
    ShiftsUsageSource(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}
    std::vector<impact::ServiceUse> usesBetween(const std::string& fromDay, const std::string& toDay) const override;

private:
    storage::Database& db_;
    const Clock& clock_;
};

}  // namespace vk::services::shifts
