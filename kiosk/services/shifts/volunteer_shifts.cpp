#include "kiosk/services/shifts/volunteer_shifts.h"

#include "kiosk/services/health/local_days.h"
#include "kiosk/services/user_text.h"
#include "storage/transaction.h"

#include <SQLiteCpp/Exception.h>

#include <regex>

namespace vk::services::shifts {
namespace {

bool isValidMonth(const std::string& month) {
    static const std::regex pattern(R"(\d{4}-(0[1-9]|1[0-2]))");
    return std::regex_match(month, pattern);
}

// Days are "YYYY-MM-DD" text: every day of a month sorts between its "-01" and "-31".
std::string firstDayOf(const std::string& month) { return month + "-01"; }
std::string lastDayOf(const std::string& month) { return month + "-31"; }

}  // namespace

std::string errorKey(ShiftError error) {
    switch (error) {
    case ShiftError::None: return "shifts.error.none";
    case ShiftError::KindInvalid: return "shifts.error.kind_invalid";
    case ShiftError::DayInvalid: return "shifts.error.day_invalid";
    case ShiftError::TimeInvalid: return "shifts.error.time_invalid";
    case ShiftError::EndInvalid: return "shifts.error.end_invalid";
    case ShiftError::PlacesInvalid: return "shifts.error.places_invalid";
    case ShiftError::NoteInvalid: return "shifts.error.note_invalid";
    case ShiftError::ShiftUnknown: return "shifts.error.shift_unknown";
    case ShiftError::ShiftFull: return "shifts.error.shift_full";
    case ShiftError::ShiftPast: return "shifts.error.shift_past";
    case ShiftError::ShiftNotStarted: return "shifts.error.shift_not_started";
    case ShiftError::MemberInvalid: return "shifts.error.member_invalid";
    case ShiftError::AlreadySignedUp: return "shifts.error.already_signed_up";
    case ShiftError::SignUpUnknown: return "shifts.error.signup_unknown";
    case ShiftError::NotActive: return "shifts.error.not_active";
    case ShiftError::SwapToSelf: return "shifts.error.swap_to_self";
    case ShiftError::MonthInvalid: return "shifts.error.month_invalid";
    case ShiftError::CommitmentInvalid: return "shifts.error.commitment_invalid";
    case ShiftError::StorageFailed: return "shifts.error.storage_failed";
    }
    return "shifts.error.storage_failed";
}

std::string describeError(ShiftError error) {
    switch (error) {
    case ShiftError::None: return "done";
    case ShiftError::KindInvalid: return "the kind must be opening, stocking or delivery";
    case ShiftError::DayInvalid: return "the day must be a real date written YYYY-MM-DD";
    case ShiftError::TimeInvalid: return "the start must be a time written HH:MM";
    case ShiftError::EndInvalid: return "the end must be a time written HH:MM, after the start";
    case ShiftError::PlacesInvalid: return "the places must be from 1 to 50";
    case ShiftError::NoteInvalid: return "the note is too long (300 characters at most)";
    case ShiftError::ShiftUnknown: return "no such shift";
    case ShiftError::ShiftFull: return "the shift is full";
    case ShiftError::ShiftPast: return "the shift has started: it can no longer be changed";
    case ShiftError::ShiftNotStarted: return "the shift has not started yet";
    case ShiftError::MemberInvalid: return "no such member";
    case ShiftError::AlreadySignedUp: return "this member is already on the shift";
    case ShiftError::SignUpUnknown: return "no such sign-up";
    case ShiftError::NotActive: return "this place was already given back or handed over";
    case ShiftError::SwapToSelf: return "a place cannot be handed to the member who holds it";
    case ShiftError::MonthInvalid: return "the month must be written YYYY-MM";
    case ShiftError::CommitmentInvalid: return "the commitment must be from 0 to 10000 minutes";
    case ShiftError::StorageFailed: return "the database could not store it; nothing was changed";
    }
    return "the database could not store it; nothing was changed";
}

VolunteerShifts::VolunteerShifts(storage::Database& db, const Clock& clock, int defaultCommitmentMinutes)
    : db_(db), clock_(clock), store_(db), defaultCommitmentMinutes_(defaultCommitmentMinutes) {}

ShiftResult VolunteerShifts::publish(const ShiftForm& form) {
    const auto kind = storage::shiftKindFromKey(form.kind);
    if (!kind) return {ShiftError::KindInvalid, std::nullopt};
    if (!health::isValidDay(form.day)) return {ShiftError::DayInvalid, std::nullopt};
    if (!health::isValidTime(form.startsAt)) return {ShiftError::TimeInvalid, std::nullopt};
    if (!health::isValidTime(form.endsAt) || form.endsAt <= form.startsAt) return {ShiftError::EndInvalid, std::nullopt};
    if (form.places < 1 || form.places > kMaxPlaces) return {ShiftError::PlacesInvalid, std::nullopt};
    // A note that does not fit is refused whole, not cut: the coordinator keeps what was typed and shortens it.
    const std::string note = cleanUserText(form.note, kMaxNoteLength + 1);
    if (countCodepoints(note) > kMaxNoteLength) return {ShiftError::NoteInvalid, std::nullopt};
    ShiftDetails details{*kind, form.day, form.startsAt, form.endsAt, form.places, note};
    try {
        std::optional<Shift> published;
        storage::inTransaction(db_, [&] { published = store_.insertShift(details, clock_.nowMs()); });
        return {ShiftError::None, published};
    } catch (const std::exception&) {
        return {ShiftError::StorageFailed, std::nullopt};
    }
}

std::vector<Shift> VolunteerShifts::shiftsOfWeek(const std::string& monday) {
    return store_.shifts(monday, health::addDays(monday, 6));
}

std::optional<Shift> VolunteerShifts::openShift(const std::string& shiftId, ShiftError& error) {
    auto shift = store_.shift(shiftId);
    if (!shift) {
        error = ShiftError::ShiftUnknown;
        return std::nullopt;
    }
    const std::int64_t now = clock_.nowMs();
    const std::string today = health::localDay(now);
    if (shift->details.day < today || (shift->details.day == today && shift->details.startsAt <= health::localTime(now))) {
        error = ShiftError::ShiftPast;
        return std::nullopt;
    }
    error = ShiftError::None;
    return shift;
}

SignUpResult VolunteerShifts::signUp(const std::string& shiftId, const std::string& memberId) {
    if (memberId.empty() || memberId.size() > 64) return {ShiftError::MemberInvalid, std::nullopt};
    SignUpResult result;
    try {
        storage::inTransaction(db_, [&] {
            ShiftError error = ShiftError::None;
            const auto shift = openShift(shiftId, error);
            if (!shift) {
                result.error = error;
                return;
            }
            if (store_.activeSignUpOf(shiftId, memberId)) {
                result.error = ShiftError::AlreadySignedUp;
                return;
            }
            if (shift->placesLeft() == 0) {
                result.error = ShiftError::ShiftFull;
                return;
            }
            result.signUp = store_.insertSignUp(shiftId, memberId, std::nullopt, clock_.nowMs());
        });
    } catch (const std::exception&) {
        return {ShiftError::StorageFailed, std::nullopt};
    }
    return result;
}

SignUpResult VolunteerShifts::cancel(const std::string& signUpId) {
    SignUpResult result;
    try {
        storage::inTransaction(db_, [&] {
            const auto place = store_.signUp(signUpId);
            if (!place) {
                result.error = ShiftError::SignUpUnknown;
                return;
            }
            if (place->state != ShiftSignUpState::SignedUp) {
                result.error = ShiftError::NotActive;
                return;
            }
            ShiftError error = ShiftError::None;
            if (!openShift(place->shiftId, error)) {
                result.error = error;
                return;
            }
            store_.setState(signUpId, ShiftSignUpState::Cancelled, clock_.nowMs());
            result.signUp = store_.signUp(signUpId);
        });
    } catch (const std::exception&) {
        return {ShiftError::StorageFailed, std::nullopt};
    }
    return result;
}

SignUpResult VolunteerShifts::swap(const std::string& signUpId, const std::string& toMemberId) {
    if (toMemberId.empty() || toMemberId.size() > 64) return {ShiftError::MemberInvalid, std::nullopt};
    SignUpResult result;
    try {
        storage::inTransaction(db_, [&] {
            const auto place = store_.signUp(signUpId);
            if (!place) {
                result.error = ShiftError::SignUpUnknown;
                return;
            }
            if (place->state != ShiftSignUpState::SignedUp) {
                result.error = ShiftError::NotActive;
                return;
            }
            if (place->memberId == toMemberId) {
                result.error = ShiftError::SwapToSelf;
                return;
            }
            ShiftError error = ShiftError::None;
            if (!openShift(place->shiftId, error)) {
                result.error = error;
                return;
            }
            if (store_.activeSignUpOf(place->shiftId, toMemberId)) {
                result.error = ShiftError::AlreadySignedUp;
                return;
            }
            const std::int64_t now = clock_.nowMs();
            store_.setState(signUpId, ShiftSignUpState::Swapped, now);
            result.signUp = store_.insertSignUp(place->shiftId, toMemberId, signUpId, now);
        });
    } catch (const std::exception&) {
        return {ShiftError::StorageFailed, std::nullopt};
    }
    return result;
}

SignUpResult VolunteerShifts::markAbsent(const std::string& signUpId) {
    SignUpResult result;
    try {
        storage::inTransaction(db_, [&] {
            const auto place = store_.signUp(signUpId);
            if (!place) {
                result.error = ShiftError::SignUpUnknown;
                return;
            }
            if (place->state != ShiftSignUpState::SignedUp) {
                result.error = ShiftError::NotActive;
                return;
            }
            ShiftError error = ShiftError::None;
            if (openShift(place->shiftId, error)) {
                result.error = ShiftError::ShiftNotStarted;
                return;
            }
            if (error != ShiftError::ShiftPast) {
                result.error = error;
                return;
            }
            store_.setState(signUpId, ShiftSignUpState::Absent, clock_.nowMs());
            result.signUp = store_.signUp(signUpId);
        });
    } catch (const std::exception&) {
        return {ShiftError::StorageFailed, std::nullopt};
    }
    return result;
}

ShiftError VolunteerShifts::setCommitment(const std::string& memberId, int minutes) {
    if (memberId.empty() || memberId.size() > 64) return ShiftError::MemberInvalid;
    if (minutes < 0 || minutes > 10000) return ShiftError::CommitmentInvalid;
    try {
        storage::inTransaction(db_, [&] { store_.setCommitmentMinutes(memberId, minutes, clock_.nowMs()); });
    } catch (const std::exception&) {
        return ShiftError::StorageFailed;
    }
    return ShiftError::None;
}

int VolunteerShifts::commitmentOf(const std::string& memberId) {
    return store_.commitmentMinutes(memberId).value_or(defaultCommitmentMinutes_);
}

std::vector<MemberMonth> VolunteerShifts::monthOf(const std::string& month, const std::vector<std::string>& memberIds,
                                                  ShiftError* error) {
    if (!isValidMonth(month)) {
        if (error) *error = ShiftError::MonthInvalid;
        return {};
    }
    if (error) *error = ShiftError::None;
    const std::int64_t now = clock_.nowMs();
    const auto done = store_.minutesByMember(firstDayOf(month), lastDayOf(month), health::localDay(now),
                                             health::localTime(now));
    std::vector<MemberMonth> months;
    for (const auto& memberId : memberIds) {
        MemberMonth m{memberId, 0, commitmentOf(memberId), 0};
        for (const auto& d : done) {
            if (d.memberId == memberId) {
                m.doneMinutes = d.minutes;
                m.shifts = d.shifts;
            }
        }
        months.push_back(m);
    }
    return months;
}

std::vector<MemberMonth> VolunteerShifts::shortOfHours(const std::string& month,
                                                       const std::vector<std::string>& memberIds) {
    std::vector<MemberMonth> shortOnes;
    for (const auto& m : monthOf(month, memberIds)) {
        if (m.doneMinutes < m.committedMinutes) shortOnes.push_back(m);
    }
    return shortOnes;
}

std::vector<storage::MonthMinutes> VolunteerShifts::minutesPerMonth(const std::string& year) {
    static const std::regex pattern(R"(\d{4})");
    if (!std::regex_match(year, pattern)) return {};
    const std::int64_t now = clock_.nowMs();
    return store_.minutesByMonth(year + "-01-01", year + "-12-31", health::localDay(now), health::localTime(now));
}

std::vector<impact::ServiceUse> ShiftsUsageSource::usesBetween(const std::string& fromDay,
                                                               const std::string& toDay) const {
    storage::ShiftStore store(db_);
    const std::int64_t now = clock_.nowMs();
    std::vector<impact::ServiceUse> uses;
    for (const auto& m : store.minutesByMonth(fromDay, toDay, health::localDay(now), health::localTime(now))) {
        uses.push_back({"grocery", "volunteer_hours", m.month, m.shifts, m.minutes / 60.0});
    }
    return uses;
}

}  // namespace vk::services::shifts
