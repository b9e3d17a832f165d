#include "kiosk/services/health/check_in.h"

#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/services/card_uid.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/user_text.h"

#include <algorithm>

namespace vk::services::health {
namespace {

constexpr std::int64_t kMsPerMinute = 60 * 1000;

// Two appointments belong to the same patient when surname, given name and birth date agree; twins share all
// but the given name, and are told apart only at the desk.
std::string patientOf(const Appointment& appointment) {
    return appointment.surnameKey + "|" + surnameKey(appointment.givenName) + "|" +
           appointment.birthDate.value_or("");
}

bool isInWaitingRoom(const Appointment& appointment) {
    return appointment.status == AppointmentStatus::Arrived || appointment.status == AppointmentStatus::InConsultation;
}

}  // namespace

CheckIn::CheckIn(storage::Database& db, const Clock& clock, StaffService& staff, CheckInPolicy policy)
    : store_(db), clock_(clock), staff_(staff), policy_(std::move(policy)), notices_(db), db_(db) {}

CheckIn::HelpStamp CheckIn::helpStamp(bool lookAtDatabase) {
    if (lookAtDatabase) helpStamp_.databaseVersion = db_.dataVersion();
    return helpStamp_;
}

PublicCheckIn CheckIn::publicView(const Appointment& appointment, const std::string& ticket) const {
    const std::int64_t shownTime = appointment.walkIn ? appointment.arrivedAt.value_or(appointment.startsAt)
                                                      : appointment.startsAt;
    return {ticket, initials(appointment.givenName, appointment.surname), localTime(shownTime)};
}

void CheckInAttempts::noteMiss(std::int64_t nowMs) {
    ++misses;
    if (misses < 3) return;
    const int seconds = std::min(60, 5 << std::min(misses - 3, 4));
    nextTryAtMs = nowMs + seconds * 1000LL;
}

int CheckInAttempts::secondsToWait(std::int64_t nowMs) const {
    if (nowMs >= nextTryAtMs) return 0;
    return static_cast<int>((nextTryAtMs - nowMs + 999) / 1000);
}

BirthDateProblem checkBirthDigits(const std::string& digits, int currentYear) {
    auto number = [&](std::size_t from, std::size_t count) { return std::stoi(digits.substr(from, count)); };
    if (digits.size() >= 2) {
        const int day = number(0, 2);
        if (day < 1 || day > 31) return BirthDateProblem::DayInvalid;
    } else if (digits.size() == 1 && digits[0] > '3') {
        return BirthDateProblem::DayInvalid;
    }
    if (digits.size() >= 4) {
        const int month = number(2, 2);
        if (month < 1 || month > 12) return BirthDateProblem::MonthInvalid;
    } else if (digits.size() == 3 && digits[2] > '1') {
        return BirthDateProblem::MonthInvalid;
    }
    // A year is plausible from its first digits on: 19.. or 20.., and at most 120 years ago.
    if (digits.size() >= 5 && digits[4] != '1' && digits[4] != '2') return BirthDateProblem::YearInvalid;
    if (digits.size() >= 6 && digits.substr(4, 2) != "19" && digits.substr(4, 2) != "20")
        return BirthDateProblem::YearInvalid;
    if (digits.size() < 8) return BirthDateProblem::Incomplete;
    const int year = number(4, 4);
    if (year > currentYear || year < currentYear - 120) return BirthDateProblem::YearInvalid;
    const int day = number(0, 2);
    const int month = number(2, 2);
    static constexpr int kDaysIn[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (day > kDaysIn[month - 1] || (month == 2 && day == 29 && !leap)) return BirthDateProblem::NoSuchDay;
    return BirthDateProblem::None;
}

CheckInResult CheckIn::noteMiss(CheckInResult result) {
    if (result.outcome != CheckInOutcome::NoMatch && result.outcome != CheckInOutcome::SeveralMatches) return result;
    const std::int64_t now = clock_.nowMs();
    const std::int64_t windowMs = policy_.alertWindowMinutes * kMsPerMinute;
    std::erase_if(recentMisses_, [&](std::int64_t at) { return at <= now - windowMs; });
    recentMisses_.push_back(now);
    // One notice per window: the assistant needs to know once, not at every further miss.
    if (static_cast<int>(recentMisses_.size()) >= policy_.missesBeforeAlert &&
        (alertedAtMs_ == 0 || now - alertedAtMs_ >= windowMs)) {
        alertedAtMs_ = now;
        const std::string count = std::to_string(recentMisses_.size());
        staff_.inTransaction([&] {
            notices_.add("health", i18n::trf("check_in.notice.many_misses", {{"count", count}}), now);
            staff_.audit(nullptr, "health.check_in_misses", {{"count", count}});
        });
    }
    return result;
}

void CheckIn::askForHelp(HelpReason reason) {
    // The same words as the translation keys' last part: "asked" is check_in.help_reason.asked.
    static constexpr const char* kReasons[] = {"asked", "not_found", "several", "too_early", "too_late", "cancelled"};
    const std::string name = kReasons[static_cast<int>(reason)];
    const std::int64_t now = clock_.nowMs();
    staff_.inTransaction([&] {
        notices_.add(kHelpNoticeArea,
                     i18n::trf("check_in.notice.help", {{"reason", i18n::tr("check_in.help_reason." + name)},
                                                        {"time", i18n::spokenTime(localTime(now))}}),
                     now);
        staff_.audit(nullptr, "health.help_requested", {{"reason_key", "check_in.help_reason." + name}});
    });
    ++helpStamp_.askedHere;
}

CheckInResult CheckIn::byBirthDate(const std::string& birthDate, const std::string& surnameLetters) {
    return noteMiss(lookUpByBirthDate(birthDate, surnameLetters));
}

CheckInResult CheckIn::lookUpByBirthDate(const std::string& birthDate, const std::string& surnameLetters) {
    const std::string letters = surnameKey(surnameLetters);
    const auto birth = parseBookingDay(cleanUserText(birthDate, 32));
    if (!birth || countCodepoints(letters) < CheckInPolicy::kMinSurnameLetters) return {CheckInOutcome::InvalidInput};
    const DayRange today = localDayRange(localDay(clock_.nowMs()));
    std::vector<Appointment> candidates = store_.findByBirthDate(*birth, today.fromMs, today.toMs);
    std::erase_if(candidates, [&](const Appointment& a) { return !a.surnameKey.starts_with(letters); });
    return decide(candidates);
}

CheckInResult CheckIn::byCode(const std::string& code) {
    return noteMiss(lookUpByCode(code));
}

CheckInResult CheckIn::lookUpByCode(const std::string& code) {
    const std::string normalized = normalizeCode(cleanUserText(code, 64));
    if (normalized.empty()) return {CheckInOutcome::InvalidInput};
    if (!isValidCode(normalized)) return {CheckInOutcome::NoMatch};
    const auto appointment = store_.findByCode(normalized);
    if (!appointment) return {CheckInOutcome::NoMatch};
    return decide({*appointment});
}

CheckInResult CheckIn::byCard(const std::string& cardUidHex) {
    if (!isCardUid(cardUidHex)) return {CheckInOutcome::InvalidInput};
    const auto card = store_.findCard(cardDigest(cardUidHex));
    if (!card) return {CheckInOutcome::NoMatch};
    const DayRange today = localDayRange(localDay(clock_.nowMs()));
    std::vector<Appointment> candidates = store_.findByBirthDate(card->birthDate, today.fromMs, today.toMs);
    std::erase_if(candidates, [&](const Appointment& a) { return a.surnameKey != card->surnameKey; });
    return decide(candidates);
}

CheckInResult CheckIn::decide(const std::vector<Appointment>& candidates) {
    if (candidates.empty()) return {CheckInOutcome::NoMatch};
    const std::string patient = patientOf(candidates.front());
    for (const Appointment& candidate : candidates)
        if (patientOf(candidate) != patient) return {CheckInOutcome::SeveralMatches};

    // One patient, usually one appointment today; with several, what is under way wins, then what is due.
    for (const Appointment& candidate : candidates)
        if (isInWaitingRoom(candidate) && candidate.ticket)
            return {CheckInOutcome::AlreadyCheckedIn, publicView(candidate, *candidate.ticket)};

    const std::int64_t now = clock_.nowMs();
    const std::int64_t early = policy_.earlyMinutes * kMsPerMinute;
    const std::int64_t late = policy_.lateMinutes * kMsPerMinute;
    const Appointment* due = nullptr;
    int dueCount = 0;
    std::optional<std::int64_t> opensIn;
    bool missed = false;
    bool cancelled = false;
    const Appointment* finished = nullptr;
    for (const Appointment& candidate : candidates) {
        switch (candidate.status) {
        case AppointmentStatus::Booked:
            if (now < candidate.startsAt - early) {
                const std::int64_t wait = candidate.startsAt - early - now;
                opensIn = opensIn ? std::min(*opensIn, wait) : wait;
            } else if (now <= candidate.startsAt + late) {
                due = &candidate;
                ++dueCount;
            } else {
                missed = true;
            }
            break;
        case AppointmentStatus::NoShow: missed = true; break;
        case AppointmentStatus::Cancelled: cancelled = true; break;
        case AppointmentStatus::Done: finished = &candidate; break;
        case AppointmentStatus::Arrived:
        case AppointmentStatus::InConsultation: break;
        }
    }
    if (dueCount > 1) return {CheckInOutcome::SeveralMatches};
    if (due) {
        std::optional<std::string> ticket;
        // A resident's own action: the audit line carries the ticket and nothing that names the patient.
        staff_.inTransaction([&] {
            ticket = store_.checkIn(due->id, localDay(now), policy_.ticketPrefix, now);
            if (ticket) staff_.audit(nullptr, "health.check_in", {{"ticket", *ticket}});
        });
        if (!ticket) {
            // Checked in a moment ago by the assistant at the desk: give back what they were given.
            const auto current = store_.find(due->id);
            if (current && current->ticket) return {CheckInOutcome::AlreadyCheckedIn, publicView(*current, *current->ticket)};
            return {CheckInOutcome::NoMatch};
        }
        return {CheckInOutcome::CheckedIn, publicView(*due, *ticket)};
    }
    if (opensIn) {
        return {CheckInOutcome::TooEarly, std::nullopt,
                static_cast<int>((*opensIn + kMsPerMinute - 1) / kMsPerMinute)};
    }
    if (missed) return {CheckInOutcome::TooLate};
    if (cancelled) return {CheckInOutcome::Cancelled};
    if (finished && finished->ticket) return {CheckInOutcome::AlreadyCheckedIn, publicView(*finished, *finished->ticket)};
    return {CheckInOutcome::NoMatch};
}

AppointmentChange CheckIn::linkCard(const StaffSession* actor, const std::string& appointmentId,
                                    const std::string& cardUidHex) {
    if (!mayManageAppointments(actor)) {
        staff_.audit(actor, "health.refused", {{"attempt_key", "audit.attempt.link_card"}});
        return {HealthError::NotAllowed};
    }
    if (!isCardUid(cardUidHex)) return {HealthError::CardInvalid};
    const auto appointment = store_.find(appointmentId);
    if (!appointment) return {HealthError::NotFound};
    if (!appointment->birthDate) return {HealthError::NoBirthDate, appointment};
    if (staff_.accountForCard(cardUidHex)) return {HealthError::StaffCard, appointment};
    staff_.inTransaction([&] {
        store_.linkCard(cardDigest(cardUidHex), appointment->surnameKey, *appointment->birthDate, clock_.nowMs());
        staff_.audit(actor, "health.card.link", appointmentAuditValues(*appointment));
    });
    return {HealthError::None, appointment};
}

}  // namespace vk::services::health
