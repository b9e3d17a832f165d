#include "kiosk/services/shifts/volunteer_shifts.h"

#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/services/health/local_days.h"
#include "storage/outbox_store.h"
#include "kiosk/services/user_text.h"
#include "storage/transaction.h"

#include <SQLiteCpp/Exception.h>

#include <regex>

namespace vk::services::shifts {
namespace {

bool isKioskActor(const StaffSession* actor) { return actor == &systemActor(SystemActor::Kiosk); }

// The coordinator: the café manager, an admin, or a system actor other than the kiosk (the command line…).
bool mayCoordinate(const StaffSession* actor) {
    return actor != nullptr && !isKioskActor(actor) &&
           (actor->role == StaffRole::CafeManager || actor->role == StaffRole::Admin);
}

// A member alone at the kiosk acts as the kiosk, once identified; at the counter the coordinator does.
bool mayHoldPlaces(const StaffSession* actor) { return isKioskActor(actor) || mayCoordinate(actor); }

std::string kindKeyOf(const Shift& shift) { return "shifts.kind." + std::string(storage::shiftKindKey(shift.details.kind)); }

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
    case ShiftError::NotAllowed: return "shifts.error.not_allowed";
    case ShiftError::PlacesBelowTaken: return "shifts.error.places_below_taken";
    case ShiftError::NothingOffered: return "shifts.error.nothing_offered";
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
    case ShiftError::NotAllowed: return "not allowed for this account";
    case ShiftError::PlacesBelowTaken: return "more members are on the shift than that number of places";
    case ShiftError::NothingOffered: return "no place on this shift is offered for swap";
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

VolunteerShifts::VolunteerShifts(storage::Database& db, const Clock& clock, StaffService& staff,
                                 timebank::MemberDirectory& members, int defaultCommitmentMinutes)
    : db_(db), clock_(clock), staff_(staff), members_(members), store_(db),
      defaultCommitmentMinutes_(defaultCommitmentMinutes) {}

std::optional<std::string> VolunteerShifts::nameOf(const std::string& memberId) {
    if (memberId.empty() || memberId.size() > 64) return std::nullopt;
    const auto member = members_.find(memberId);
    if (!member) return std::nullopt;
    return member->name;
}

ShiftError VolunteerShifts::readForm(const ShiftForm& form, ShiftDetails& details) const {
    const auto kind = storage::shiftKindFromKey(form.kind);
    if (!kind) return ShiftError::KindInvalid;
    if (!health::isValidDay(form.day)) return ShiftError::DayInvalid;
    if (!health::isValidTime(form.startsAt)) return ShiftError::TimeInvalid;
    if (!health::isValidTime(form.endsAt) || form.endsAt <= form.startsAt) return ShiftError::EndInvalid;
    if (form.places < 1 || form.places > kMaxPlaces) return ShiftError::PlacesInvalid;
    // A note that does not fit is refused whole, not cut: the coordinator keeps what was typed and shortens it.
    const std::string note = cleanUserText(form.note, kMaxNoteLength + 1);
    if (countCodepoints(note) > kMaxNoteLength) return ShiftError::NoteInvalid;
    details = ShiftDetails{*kind, form.day, form.startsAt, form.endsAt, form.places, note};
    return ShiftError::None;
}

bool VolunteerShifts::hasStarted(const Shift& shift) const {
    const std::int64_t now = clock_.nowMs();
    const std::string today = health::localDay(now);
    return shift.details.day < today || (shift.details.day == today && shift.details.startsAt <= health::localTime(now));
}

ShiftResult VolunteerShifts::publish(const StaffSession* actor, const ShiftForm& form) {
    if (!mayCoordinate(actor)) {
        staff_.audit(actor, "shifts.refused", {{"attempt_key", "audit.attempt.publish_shift"}});
        return {ShiftError::NotAllowed, std::nullopt};
    }
    ShiftDetails details;
    if (const ShiftError error = readForm(form, details); error != ShiftError::None) return {error, std::nullopt};
    try {
        std::optional<Shift> published;
        staff_.inTransaction([&] {
            published = store_.insertShift(details, clock_.nowMs());
            staff_.audit(actor, "shifts.publish", {{"kind_key", kindKeyOf(*published)},
                                                   {"on_day", details.day},
                                                   {"at_time", details.startsAt},
                                                   {"count", std::to_string(details.places)}});
        });
        return {ShiftError::None, published};
    } catch (const std::exception&) {
        return {ShiftError::StorageFailed, std::nullopt};
    }
}

ShiftResult VolunteerShifts::edit(const StaffSession* actor, const std::string& shiftId, const ShiftForm& form) {
    if (!mayCoordinate(actor)) {
        staff_.audit(actor, "shifts.refused", {{"attempt_key", "audit.attempt.edit_shift"}});
        return {ShiftError::NotAllowed, std::nullopt};
    }
    ShiftDetails details;
    if (const ShiftError error = readForm(form, details); error != ShiftError::None) return {error, std::nullopt};
    ShiftResult result;
    try {
        staff_.inTransaction([&] {
            ShiftError error = ShiftError::None;
            const auto shift = openShift(shiftId, error);
            if (!shift) {
                result.error = error;
                return;
            }
            if (details.places < shift->taken) {
                result.error = ShiftError::PlacesBelowTaken;
                return;
            }
            store_.updateShift(shiftId, details, clock_.nowMs());
            result.shift = store_.shift(shiftId);
            staff_.audit(actor, "shifts.edit", {{"kind_key", kindKeyOf(*result.shift)},
                                                {"on_day", details.day},
                                                {"at_time", details.startsAt},
                                                {"count", std::to_string(details.places)}});
        });
    } catch (const std::exception&) {
        return {ShiftError::StorageFailed, std::nullopt};
    }
    return result;
}

ShiftResult VolunteerShifts::cancelShift(const StaffSession* actor, const std::string& shiftId) {
    if (!mayCoordinate(actor)) {
        staff_.audit(actor, "shifts.refused", {{"attempt_key", "audit.attempt.cancel_shift"}});
        return {ShiftError::NotAllowed, std::nullopt};
    }
    ShiftResult result;
    try {
        staff_.inTransaction([&] {
            ShiftError error = ShiftError::None;
            const auto shift = openShift(shiftId, error);
            if (!shift) {
                result.error = error;
                return;
            }
            store_.deleteShift(shiftId, clock_.nowMs());
            result.shift = shift;
            staff_.audit(actor, "shifts.cancel_shift", {{"kind_key", kindKeyOf(*shift)},
                                                        {"on_day", shift->details.day},
                                                        {"at_time", shift->details.startsAt},
                                                        {"count", std::to_string(shift->taken)}});
        });
    } catch (const std::exception&) {
        return {ShiftError::StorageFailed, std::nullopt};
    }
    return result;
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
    if (hasStarted(*shift)) {
        error = ShiftError::ShiftPast;
        return std::nullopt;
    }
    error = ShiftError::None;
    return shift;
}

SignUpResult VolunteerShifts::signUp(const StaffSession* actor, const std::string& shiftId,
                                     const std::string& memberId, bool reminderWanted) {
    if (!mayHoldPlaces(actor)) {
        staff_.audit(actor, "shifts.refused", {{"attempt_key", "audit.attempt.sign_up_shift"}});
        return {ShiftError::NotAllowed, std::nullopt};
    }
    const auto name = nameOf(memberId);
    if (!name) return {ShiftError::MemberInvalid, std::nullopt};
    SignUpResult result;
    try {
        staff_.inTransaction([&] {
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
            result.signUp = store_.insertSignUp(shiftId, memberId, std::nullopt, clock_.nowMs(), reminderWanted);
            staff_.audit(actor, "shifts.sign_up", {{"member", *name},
                                                   {"kind_key", kindKeyOf(*shift)},
                                                   {"on_day", shift->details.day},
                                                   {"at_time", shift->details.startsAt}});
        });
    } catch (const std::exception&) {
        return {ShiftError::StorageFailed, std::nullopt};
    }
    return result;
}

SignUpResult VolunteerShifts::cancel(const StaffSession* actor, const std::string& signUpId) {
    if (!mayHoldPlaces(actor)) {
        staff_.audit(actor, "shifts.refused", {{"attempt_key", "audit.attempt.cancel_shift_place"}});
        return {ShiftError::NotAllowed, std::nullopt};
    }
    SignUpResult result;
    try {
        staff_.inTransaction([&] {
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
            const auto shift = openShift(place->shiftId, error);
            if (!shift) {
                result.error = error;
                return;
            }
            store_.setState(signUpId, ShiftSignUpState::Cancelled, clock_.nowMs());
            result.signUp = store_.signUp(signUpId);
            staff_.audit(actor, "shifts.cancel_place", {{"member", nameOf(place->memberId).value_or("?")},
                                                        {"kind_key", kindKeyOf(*shift)},
                                                        {"on_day", shift->details.day},
                                                        {"at_time", shift->details.startsAt}});
        });
    } catch (const std::exception&) {
        return {ShiftError::StorageFailed, std::nullopt};
    }
    return result;
}

ShiftError VolunteerShifts::handOver(const StaffSession* actor, const ShiftSignUp& place,
                                     const std::string& toMemberId, const std::string& toName, bool reminderWanted,
                                     bool taken, SignUpResult& result) {
    if (place.state != ShiftSignUpState::SignedUp) return ShiftError::NotActive;
    if (place.memberId == toMemberId) return ShiftError::SwapToSelf;
    ShiftError error = ShiftError::None;
    const auto shift = openShift(place.shiftId, error);
    if (!shift) return error;
    if (store_.activeSignUpOf(place.shiftId, toMemberId)) return ShiftError::AlreadySignedUp;
    const std::int64_t now = clock_.nowMs();
    store_.setState(place.id, ShiftSignUpState::Swapped, now);
    result.signUp = store_.insertSignUp(place.shiftId, toMemberId, place.id, now, reminderWanted);
    staff_.audit(actor, taken ? "shifts.take_offer" : "shifts.swap",
                 {{"member", nameOf(place.memberId).value_or("?")},
                  {"to", toName},
                  {"kind_key", kindKeyOf(*shift)},
                  {"on_day", shift->details.day},
                  {"at_time", shift->details.startsAt}});
    return ShiftError::None;
}

SignUpResult VolunteerShifts::swap(const StaffSession* actor, const std::string& signUpId,
                                   const std::string& toMemberId) {
    if (!mayHoldPlaces(actor)) {
        staff_.audit(actor, "shifts.refused", {{"attempt_key", "audit.attempt.swap_shift"}});
        return {ShiftError::NotAllowed, std::nullopt};
    }
    const auto toName = nameOf(toMemberId);
    if (!toName) return {ShiftError::MemberInvalid, std::nullopt};
    SignUpResult result;
    try {
        staff_.inTransaction([&] {
            const auto place = store_.signUp(signUpId);
            if (!place) {
                result.error = ShiftError::SignUpUnknown;
                return;
            }
            result.error = handOver(actor, *place, toMemberId, *toName, false, false, result);
        });
    } catch (const std::exception&) {
        return {ShiftError::StorageFailed, std::nullopt};
    }
    return result;
}

SignUpResult VolunteerShifts::takeOffered(const StaffSession* actor, const std::string& shiftId,
                                          const std::string& memberId, bool reminderWanted) {
    if (!mayHoldPlaces(actor)) {
        staff_.audit(actor, "shifts.refused", {{"attempt_key", "audit.attempt.take_offer"}});
        return {ShiftError::NotAllowed, std::nullopt};
    }
    const auto name = nameOf(memberId);
    if (!name) return {ShiftError::MemberInvalid, std::nullopt};
    SignUpResult result;
    try {
        staff_.inTransaction([&] {
            ShiftError error = ShiftError::None;
            if (!openShift(shiftId, error)) {
                result.error = error;
                return;
            }
            const auto offered = store_.firstOffered(shiftId);
            if (!offered) {
                result.error = ShiftError::NothingOffered;
                return;
            }
            result.error = handOver(actor, *offered, memberId, *name, reminderWanted, true, result);
        });
    } catch (const std::exception&) {
        return {ShiftError::StorageFailed, std::nullopt};
    }
    if (!result.ok()) result.signUp.reset();
    return result;
}

SignUpResult VolunteerShifts::setOffer(const StaffSession* actor, const std::string& signUpId, bool offered) {
    if (!mayHoldPlaces(actor)) {
        staff_.audit(actor, "shifts.refused", {{"attempt_key", "audit.attempt.offer_shift"}});
        return {ShiftError::NotAllowed, std::nullopt};
    }
    SignUpResult result;
    try {
        staff_.inTransaction([&] {
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
            const auto shift = openShift(place->shiftId, error);
            if (!shift) {
                result.error = error;
                return;
            }
            const std::int64_t now = clock_.nowMs();
            store_.setOffered(signUpId, offered ? std::optional<std::int64_t>(now) : std::nullopt, now);
            result.signUp = store_.signUp(signUpId);
            staff_.audit(actor, offered ? "shifts.offer" : "shifts.withdraw_offer",
                         {{"member", nameOf(place->memberId).value_or("?")},
                          {"kind_key", kindKeyOf(*shift)},
                          {"on_day", shift->details.day},
                          {"at_time", shift->details.startsAt}});
        });
    } catch (const std::exception&) {
        return {ShiftError::StorageFailed, std::nullopt};
    }
    return result;
}

SignUpResult VolunteerShifts::offerForSwap(const StaffSession* actor, const std::string& signUpId) {
    return setOffer(actor, signUpId, true);
}

SignUpResult VolunteerShifts::withdrawOffer(const StaffSession* actor, const std::string& signUpId) {
    return setOffer(actor, signUpId, false);
}

int VolunteerShifts::queueReminders(const ContactOf& contactOf) {
    const std::int64_t now = clock_.nowMs();
    if (health::localTime(now) < kReminderTime) return 0;
    const std::string tomorrow = health::addDays(health::localDay(now), 1);
    int queued = 0;
    for (const ShiftSignUp& place : store_.toRemind(tomorrow)) {
        const auto shift = store_.shift(place.shiftId);
        if (!shift) continue;
        const MemberContact contact = contactOf(place.memberId);
        staff_.inTransaction([&] {
            // Marked even without an address: there is nothing to retry.
            store_.markReminded(place.id, now);
            storage::OutgoingMessage message;
            if (!contact.phone.empty()) {
                message.channel = storage::OutboxChannel::Sms;
                message.recipient = contact.phone;
            } else if (!contact.email.empty()) {
                message.channel = storage::OutboxChannel::Email;
                message.recipient = contact.email;
                message.subject = i18n::tr("shifts.message.reminder_subject");
            } else {
                return;
            }
            message.body = i18n::trf("shifts.message.reminder",
                                     {{"kind", i18n::tr(kindKeyOf(*shift))},
                                      {"time", i18n::spokenTime(shift->details.startsAt)},
                                      {"end", i18n::spokenTime(shift->details.endsAt)}});
            message.purpose = "shifts.reminder";
            message.relatedId = place.id;
            message.dedupeKey = "shifts:reminder:" + place.id;
            storage::OutboxStore(db_).enqueue(message, now);
            ++queued;
        });
    }
    return queued;
}

std::vector<ShiftSignUp> VolunteerShifts::comingPlacesOf(const std::string& memberId) {
    const std::string today = health::localDay(clock_.nowMs());
    std::vector<ShiftSignUp> coming;
    for (const auto& place : store_.signUpsOfMember(memberId, today, health::addDays(today, kDaysShownAhead))) {
        const auto shift = store_.shift(place.shiftId);
        if (shift && !hasStarted(*shift)) coming.push_back(place);
    }
    return coming;
}

SignUpResult VolunteerShifts::markAbsent(const StaffSession* actor, const std::string& signUpId) {
    if (!mayCoordinate(actor)) {
        staff_.audit(actor, "shifts.refused", {{"attempt_key", "audit.attempt.mark_absent"}});
        return {ShiftError::NotAllowed, std::nullopt};
    }
    SignUpResult result;
    try {
        staff_.inTransaction([&] {
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
            const auto shift = store_.shift(place->shiftId);
            staff_.audit(actor, "shifts.absent", {{"member", nameOf(place->memberId).value_or("?")},
                                                  {"kind_key", shift ? kindKeyOf(*shift) : "shifts.kind.opening"},
                                                  {"on_day", shift ? shift->details.day : ""}});
        });
    } catch (const std::exception&) {
        return {ShiftError::StorageFailed, std::nullopt};
    }
    return result;
}

ShiftError VolunteerShifts::setCommitment(const StaffSession* actor, const std::string& memberId, int minutes) {
    if (!mayCoordinate(actor)) {
        staff_.audit(actor, "shifts.refused", {{"attempt_key", "audit.attempt.set_commitment"}});
        return ShiftError::NotAllowed;
    }
    const auto name = nameOf(memberId);
    if (!name) return ShiftError::MemberInvalid;
    if (minutes < 0 || minutes > 10000) return ShiftError::CommitmentInvalid;
    try {
        staff_.inTransaction([&] {
            store_.setCommitmentMinutes(memberId, minutes, clock_.nowMs());
            staff_.audit(actor, "shifts.commitment", {{"member", *name}, {"minutes", std::to_string(minutes)}});
        });
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
